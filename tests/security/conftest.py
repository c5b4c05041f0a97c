"""A running ``kaim serve`` (two workers, as an unprivileged user) on a real warehouse, and a client
that posts callbacks as an anonymous visitor would: plain JSON to ``/_dash-update-component``."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
import requests

from kaim.cli import main
from tests.conftest import R_AND_D
from tests.dashboard.test_serve import free_port

#: Small limits, so that each bound is reached quickly.
LIMITS = {"KAIM_SQL_CONCURRENCY": "2", "KAIM_SQL_SECONDS": "4", "KAIM_SQL_MEMORY_MB": "768",
          "KAIM_SQL_MAX_BYTES": "2000000", "KAIM_SQL_PER_MINUTE": "1000", "KAIM_MAX_RENDERS": "1"}


def _as_nobody() -> list[str]:
    if shutil.which("setpriv") is None:
        pytest.fail("setpriv (util-linux) is needed to run the server as an unprivileged user")
    return ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups"] if os.geteuid() == 0 else []


@pytest.fixture(scope="session")
def public_home(data_dir):
    """A KAIM_HOME outside pytest's private tmp root, owned by the unprivileged server user."""
    home = Path(tempfile.mkdtemp(prefix="kaim-security-", dir="/tmp"))
    home.chmod(0o755)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("KAIM_HOME", str(home))
        assert main(["collect", *R_AND_D, "policy", "--mirror", str(data_dir)]) == 0
    if os.geteuid() == 0:
        subprocess.run(["chown", "-R", "nobody:nogroup", str(home)], check=True)
    yield home
    shutil.rmtree(home, ignore_errors=True)


@pytest.fixture(scope="session")
def server(public_home):
    """``kaim serve --workers 2`` as nobody; yields (base URL, process, log file)."""
    port = free_port()
    log = public_home.parent / f"{public_home.name}.log"
    env = {**{k: v for k, v in os.environ.items() if not k.startswith("KAIM_")}, "KAIM_HOME": str(public_home),
           "HOME": str(public_home),  # as systemd gives the service user its own home
           "KAIM_FORECAST_AFTER_COLLECT": "0", **LIMITS}
    with open(log, "wb") as out:
        process = subprocess.Popen([*_as_nobody(), sys.executable, "-m", "kaim.cli", "serve", "--port", str(port),
                                    "--workers", "2"], env=env, stdout=out, stderr=subprocess.STDOUT,
                                   start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if requests.get(base + "/readyz", timeout=5).status_code == 200:
                break
        except requests.ConnectionError:
            time.sleep(0.2)
    else:
        os.killpg(process.pid, signal.SIGKILL)
        pytest.fail("kaim serve did not become ready:\n" + log.read_text()[-3000:])
    yield base, process, log
    os.killpg(process.pid, signal.SIGTERM)
    process.wait(timeout=30)
    log.unlink(missing_ok=True)


def _key(component_id: object) -> str:
    return component_id if isinstance(component_id, str) else json.dumps(component_id, sort_keys=True,
                                                                          separators=(",", ":"))


class Visitor:
    """Posts callbacks by hand, with any values at all: what the browser would send, or not."""

    def __init__(self, base: str):
        self.base = base
        self.specs = requests.get(base + "/_dash-dependencies", timeout=30).json()

    def spec(self, output: str) -> dict:
        return next(s for s in self.specs if output in s["output"] and not s["clientside_function"])

    def post(self, output: str, inputs: dict, state: dict | None = None, ids: dict | None = None,
             timeout: float = 60) -> requests.Response:
        """Call the callback whose output names ``output``; ``inputs`` and ``state`` map component ids
        (as in the layout) to values; ``ids`` gives the concrete id of a pattern-matching one."""
        spec, ids = self.spec(output), ids or {}
        outputs = [self._ref(part, ids) for part in self._split(spec["output"])]
        body = {
            "output": spec["output"],
            "outputs": outputs if spec["output"].startswith("..") else outputs[0],
            "inputs": [self._value(ref, inputs, ids) for ref in spec["inputs"]],
            "state": [self._value(ref, state or {}, ids) for ref in spec["state"]],
            "changedPropIds": [f"{_key(changed)}.{ref['property']}" for ref in spec["inputs"]
                               for changed in self._changed(ref, inputs, ids)],
        }
        return requests.post(self.base + "/_dash-update-component", json=body, timeout=timeout)

    def _changed(self, ref: dict, values: dict, ids: dict) -> list:
        """The input that fired: of an ALL pattern, the component whose value is set (a clicked button)."""
        component = self._id(ref["id"], ids)
        if not isinstance(component, list):
            return [component]
        return [c for c, v in zip(component, values.get(ref["id"]), strict=True) if v][:1]

    @staticmethod
    def _split(output: str) -> list[str]:
        return output[2:-2].split("...") if output.startswith("..") else [output]

    @staticmethod
    def _id(raw: str, ids: dict) -> object:
        return ids.get(raw, raw if not raw.startswith("{") else json.loads(raw))

    def _ref(self, part: str, ids: dict) -> dict:
        raw, prop = part.rsplit(".", 1)
        return {"id": self._id(raw, ids), "property": prop.split("@")[0]}

    def _value(self, ref: dict, values: dict, ids: dict) -> dict | list[dict]:
        component = self._id(ref["id"], ids)
        value = values.get(ref["id"])
        if isinstance(component, list):  # an ALL pattern: one entry per matching component
            return [{"id": c, "property": ref["property"], "value": v} for c, v in zip(component, value, strict=True)]
        return {"id": component, "property": ref["property"], "value": value}


@pytest.fixture(scope="session")
def visitor(server):
    return Visitor(server[0])
