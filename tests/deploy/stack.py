"""A local public deployment: nginx running the shipped ``deploy/nginx/kaim.conf`` in front of
``kaim serve`` instances started as an unprivileged user, all reading one ``KAIM_HOME``.

Used by ``tests/deploy/test_proxy.py`` and ``bench/public.py`` (which loads this file by path). Only
the ports and folders of the shipped config are replaced; every limit is the production one.
"""

from __future__ import annotations

import http.client
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
CONF = REPO / "deploy" / "nginx" / "kaim.conf"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"

#: Stands in for Debian's /etc/nginx/nginx.conf: its main settings, with every folder under the run's.
MAIN = """{user}worker_processes auto;
events {{ worker_connections 768; }}
http {{
    sendfile on;
    tcp_nopush on;
    types_hash_max_size 2048;
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    client_body_temp_path {root}/body;
    proxy_temp_path {root}/proxy;
    fastcgi_temp_path {root}/fastcgi;
    uwsgi_temp_path {root}/uwsgi;
    scgi_temp_path {root}/scgi;
    include {root}/kaim.conf;
}}
"""


class Missing(RuntimeError):
    """A program the deployment needs is not installed."""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def render(text: str, port: int, upstreams: list[int], cache_dir: Path, log_dir: Path) -> str:
    """The shipped config with the run's listening port, instance ports and folders; nothing else."""
    replacements = {
        "listen 80 default_server;": f"listen 127.0.0.1:{port} default_server;",
        "listen [::]:80 default_server;": "",
        "127.0.0.1:8051": f"127.0.0.1:{upstreams[0]}",
        "127.0.0.1:8052": f"127.0.0.1:{upstreams[1]}",
        "/var/cache/nginx/kaim": str(cache_dir),
        "/var/log/nginx/kaim": str(log_dir / "kaim"),
    }
    for old, new in replacements.items():
        if text.count(old) != 1:
            raise ValueError(f"{CONF.name}: expected {old!r} once, found it {text.count(old)} times")
        text = text.replace(old, new)
    return text


def unprivileged(command: list[str]) -> list[str]:
    """``command`` run as ``nobody`` when we are root (as the current user otherwise)."""
    if os.geteuid() != 0:
        return command
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        raise Missing("setpriv not found (util-linux): needed to run the instances as nobody")
    drop = [setpriv, "--reuid=nobody", "--regid=nogroup", "--clear-groups"]
    # The app starts Python again (one process per SQL query): can nobody run the interpreter itself?
    probe = "import subprocess, sys; subprocess.run([sys.executable, '-c', ''], check=True)"
    if subprocess.run([*drop, sys.executable, "-c", probe], capture_output=True).returncode != 0:
        # It lives in a folder nobody may not enter (pyenv under /root, mode 0700): keep the right to
        # read and search folders (CAP_DAC_READ_SEARCH) and nothing else; still uid nobody, writing
        # nothing of root's. A system Python (/usr/bin) needs no such thing.
        drop += ["--inh-caps=+dac_read_search", "--ambient-caps=+dac_read_search"]
    return drop + command


def prepare_home(home: Path) -> None:
    """Let the instances' user read the home and write its ``run`` folder (query and render slots)."""
    for folder in [home, *(p for p in home.rglob("*") if p.is_dir())]:
        folder.chmod(0o755)
    run = home / "run"
    run.mkdir(exist_ok=True)
    if os.geteuid() == 0:
        shutil.chown(run, "nobody", "nogroup")


def request(url: str, method: str = "GET", body: bytes | None = None, timeout: float = 10.0, source: str = "",
            **headers: str) -> tuple[int, dict[str, str], bytes]:
    """One request on a new connection (from loopback address ``source`` if given): status, headers
    (lower-case names), body."""
    host_port, _, path = url.removeprefix("http://").partition("/")
    host, _, port = host_port.partition(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=timeout, source_address=(source, 0) if source else None)
    try:
        conn.request(method, "/" + path, body=body, headers=headers)
        response = conn.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        conn.close()


def get(url: str, timeout: float = 10.0, **headers: str) -> tuple[int, dict[str, str], bytes]:
    """One GET on a new connection: status, headers (lower-case names), body."""
    return request(url, timeout=timeout, **headers)


def wait_for(url: str, timeout: float, process: subprocess.Popen | None = None, log: Path | None = None) -> None:
    """Poll ``url`` until it answers 200 (fails early if ``process`` exits)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            tail = log.read_text(errors="replace")[-2000:] if log and log.exists() else ""
            raise RuntimeError(f"{url}: the process exited with {process.returncode}\n{tail}")
        try:
            if get(url, timeout=5)[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.1)
    raise TimeoutError(f"{url} did not answer 200 within {timeout:.0f} s")


class Deployment:
    """nginx on a free port in front of two ``kaim serve`` instances sharing ``home``; files in ``root``."""

    def __init__(self, home: Path, root: Path, workers: int = 1):
        if not Path(NGINX).exists():
            raise Missing("nginx not found: apt-get install nginx")
        self.home, self.root, self.workers = home, root, workers
        self.port = free_port()
        self.instance_ports = [free_port(), free_port()]
        self.instances: list[subprocess.Popen] = []
        self.nginx: subprocess.Popen | None = None
        self.env = {**os.environ, "KAIM_HOME": str(home), "KAIM_BEHIND_PROXY": "1",
                    "KAIM_SECRET_KEY": os.environ.get("KAIM_SECRET_KEY") or secrets.token_hex(32)}

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def instance_url(self, index: int) -> str:
        return f"http://127.0.0.1:{self.instance_ports[index]}"

    def instance_log(self, index: int) -> Path:
        return self.root / f"instance-{index}.log"

    @property
    def access_log(self) -> Path:
        return self.root / "logs" / "kaim.access.log"

    @property
    def error_log(self) -> Path:
        return self.root / "error.log"

    def start(self, timeout: float = 60.0) -> Deployment:
        try:
            self._start(timeout)
        except BaseException:
            self.stop()
            raise
        return self

    def _start(self, timeout: float) -> None:
        prepare_home(self.home)
        for index, port in enumerate(self.instance_ports):
            command = [sys.executable, "-m", "kaim.cli", "serve", "--host", "127.0.0.1", "--port", str(port),
                       "--workers", str(self.workers)]
            with open(self.instance_log(index), "wb") as log:
                self.instances.append(subprocess.Popen(unprivileged(command), env=self.env, stdout=log,
                                                       stderr=subprocess.STDOUT, start_new_session=True))
        (self.root / "logs").mkdir(exist_ok=True)
        (self.root / "kaim.conf").write_text(render(CONF.read_text(), self.port, self.instance_ports,
                                                    self.root / "cache", self.root / "logs"))
        user = "user nobody nogroup;\n" if os.geteuid() == 0 else ""
        (self.root / "nginx.conf").write_text(MAIN.format(user=user, root=self.root))
        self.nginx = subprocess.Popen(
            [NGINX, "-p", str(self.root), "-c", str(self.root / "nginx.conf"), "-e", str(self.error_log),
             "-g", f"daemon off; pid {self.root}/nginx.pid;"],
            stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT, start_new_session=True)
        for index, instance in enumerate(self.instances):
            wait_for(self.instance_url(index) + "/readyz", timeout, instance, self.instance_log(index))
        wait_for(self.url + "/healthz", 15, self.nginx, self.error_log)

    def worker_pids(self) -> dict[int, list[int]]:
        """Per instance (index), the pids of its gunicorn workers (children of the master)."""
        children: dict[int, list[int]] = {}
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
        return {i: children.get(p.pid, []) for i, p in enumerate(self.instances) if p.poll() is None}

    def kill_instance(self, index: int) -> None:
        """SIGKILL an instance's master and workers at once (a crash, or a host gone)."""
        os.killpg(self.instances[index].pid, signal.SIGKILL)
        self.instances[index].wait(timeout=10)

    def stop(self) -> None:
        for process in [self.nginx, *self.instances]:
            if process is not None and process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in [self.nginx, *self.instances]:
            if process is None:
                continue
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=5)

    def __enter__(self) -> Deployment:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
