"""What every response carries and what every request may not do: headers, body cap, no banner, no
tracebacks, logs that a flood cannot fill, an unprivileged server, health and readiness."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import requests


def test_headers_forbid_framing_sniffing_and_foreign_scripts(server):
    answer = requests.get(server[0] + "/en/overview", timeout=30)
    policy = answer.headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in policy and "script-src 'self' 'sha256-" in policy
    assert "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]
    assert answer.headers["X-Content-Type-Options"] == "nosniff"
    assert answer.headers["Referrer-Policy"] == "same-origin"
    assert answer.headers["Server"] == "kaim"  # neither gunicorn nor any version
    assert not re.search(r"\d+\.\d+", " ".join(f"{k}: {v}" for k, v in answer.headers.items()
                                               if k.lower() in {"server", "x-powered-by", "via"}))


def test_a_large_body_is_refused(server):
    answer = requests.post(server[0] + "/_dash-update-component", data=b"{" + b" " * (50 * 2**20) + b"}",
                           headers={"Content-Type": "application/json"}, timeout=60)
    assert answer.status_code == 413


@pytest.mark.parametrize("body", [b"{not json", b'{"output": "nope.children", "inputs": [], "state": []}',
                                  b'{"output": "explorer-note.children"}'])
def test_errors_never_echo_tracebacks(server, body):
    answer = requests.post(server[0] + "/_dash-update-component", data=body,
                           headers={"Content-Type": "application/json"}, timeout=30)
    assert answer.status_code in {400, 500}
    assert "Traceback" not in answer.text and "File \"" not in answer.text and len(answer.text) < 200


def test_a_flood_of_bad_requests_leaves_a_few_log_lines(server, visitor):
    for i in range(200):
        visitor.post("explorer-note.children", {"explorer-indicator": f"nope-{i}"}, {"explorer-page": "rd"})
    refused = [line for line in Path(server[2]).read_text(errors="replace").splitlines() if "request refused" in line]
    assert 1 <= len(refused) <= 2 * 5  # at most 5 a minute of one kind, per worker


def test_the_workers_run_as_the_unprivileged_user(server):
    if os.geteuid() != 0:
        pytest.skip("the suite runs unprivileged already")
    workers = [p for p in Path("/proc").glob("[0-9]*/status")
               if f"PPid:\t{server[1].pid}\n" in _read(p)]
    uids = {int(re.search(r"Uid:\s+(\d+)", _read(p)).group(1)) for p in workers}
    assert uids and 0 not in uids


def _read(path: Path) -> str:
    try:
        return path.read_text()
    except OSError:
        return ""


def test_kaim_serve_refuses_root(tmp_path):
    if os.geteuid() != 0:
        pytest.skip("needs root to check the refusal")
    done = subprocess.run([sys.executable, "-m", "kaim.cli", "serve"], capture_output=True, text=True,
                          env={**os.environ, "KAIM_HOME": str(tmp_path)}, timeout=60)
    assert done.returncode != 0 and "refusing to serve as root" in done.stderr


def test_health_and_readiness(server):
    assert requests.get(server[0] + "/healthz", timeout=10).text == "ok\n"
    ready = requests.get(server[0] + "/readyz", timeout=10).json()
    assert ready["version"].startswith("warehouse-")
