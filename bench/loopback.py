"""The benches' warehouse and app: a home collected from the mirror, a free port, and `kaim serve` started and
awaited on loopback."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import requests


def collect(home: Path, mirror: Path, *, forecast_all: bool = False) -> None:
    """`kaim collect --mirror` into ``home`` in a process of its own (its summary line shown, its progress not);
    with ``forecast_all``, no refit after the collect but `kaim forecast` of every series of the forecast countries."""
    env = {**os.environ, "KAIM_HOME": str(home), **({"KAIM_FORECAST_AFTER_COLLECT": "0"} if forecast_all else {})}
    subprocess.run([sys.executable, "-m", "kaim.cli", "collect", "--mirror", str(mirror)], check=True, env=env,
                   stderr=subprocess.DEVNULL)
    if forecast_all:
        subprocess.run([sys.executable, "-m", "kaim.cli", "forecast"], check=True, env=env, stderr=subprocess.DEVNULL)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(home: Path, port: int, workers: int = 2) -> subprocess.Popen:
    """`kaim serve` on ``home``'s published warehouse, returned once it answers /readyz (up to a minute)."""
    env = {**os.environ, "KAIM_HOME": str(home)}
    as_root = ["--allow-root"] if os.geteuid() == 0 else []  # a loopback bench; kaim serve refuses root else
    server = subprocess.Popen([sys.executable, "-m", "kaim.cli", "serve", "--host", "127.0.0.1", "--port", str(port),
                               "--workers", str(workers), *as_root], env=env, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    for _ in range(300):
        try:
            requests.get(f"http://127.0.0.1:{port}/readyz", timeout=5)
            return server
        except requests.RequestException:  # not listening yet, or workers still importing
            time.sleep(0.2)
    server.kill()
    sys.exit("the server did not start")
