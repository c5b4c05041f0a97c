"""``kaim serve``: several gunicorn workers serve every script of the page from the first request."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests

from kaim.cli import main


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def served(tmp_path, data_dir, monkeypatch):
    monkeypatch.setenv("KAIM_HOME", str(tmp_path))
    assert main(["collect", "country_meta", "--mirror", str(data_dir)]) == 0
    port = free_port()
    env = {**os.environ, "KAIM_HOME": str(tmp_path)}
    server = subprocess.Popen([sys.executable, "-m", "kaim.cli", "serve", "--port", str(port), "--workers", "2",
                               "--allow-root"],
                              env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(150):
            try:
                requests.get(base + "/_favicon.ico", timeout=5)
                break
            except requests.ConnectionError:
                time.sleep(0.2)
        else:
            pytest.fail("kaim serve did not start listening")
        yield base
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_kaim_serve_serves_the_page_and_its_scripts(served):
    index = requests.get(served + "/en/overview", timeout=30)
    scripts = re.findall(r'src="(/_dash-component-suites/[^"]+)"', index.text)
    assert len(scripts) >= 5
    urls = [served + script for script in scripts] * 4
    with ThreadPoolExecutor(max_workers=len(scripts)) as pool:  # in parallel, as a browser does: both workers
        statuses = set(pool.map(lambda url: requests.get(url, timeout=30).status_code, urls))
    assert statuses == {200}


WORKER = """
import sys
from concurrent.futures import ThreadPoolExecutor
from kaim.wsgi import server
with ThreadPoolExecutor(8) as pool:
    print(sorted(set(pool.map(lambda url: server.test_client().get(url).status_code, sys.argv[1:] * 4))))
"""


def test_a_fresh_worker_serves_concurrent_script_requests(settings, use_reader):
    """What a gunicorn worker meets when another worker served the page: its first requests are
    several scripts at once, on several threads (Dash's one-time setup is not thread-safe)."""
    from dashboard.app import create_app

    use_reader(settings)  # the app's reader is given back at the end, like any other
    index = create_app(settings.dashboard).server.test_client().get("/en/overview").get_data(as_text=True)
    scripts = re.findall(r'src="(/_dash-component-suites/[^"]+)"', index)
    status = subprocess.run([sys.executable, "-c", WORKER, *scripts], capture_output=True, text=True, check=True)
    assert status.stdout.strip() == "[200]"


def test_warm_up_renders_every_page_and_survives_a_failing_one(monkeypatch, caplog, settings, use_reader):
    from dashboard import app as app_module
    from dashboard import registry

    use_reader(settings)
    rendered = []

    def render(pathname, search):
        rendered.append(pathname)
        if pathname.endswith("/rd"):
            raise RuntimeError("a bug in one page")

    monkeypatch.setattr(app_module, "render", render)
    app_module.warm_up()
    assert len(rendered) == 2 * len(registry.pages())
    assert "page failed to render ahead of the first request" in caplog.text
