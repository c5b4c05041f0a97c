"""``kaim serve``: the dashboard under gunicorn (N worker processes, threads in each).

Each worker reads the latest published warehouse read-only and picks up a new version without a
restart; no writer and no scheduler ever runs inside a web worker. In public, run it as an
unprivileged user behind nginx (README, "Deploying in public"): gunicorn alone does not shield its
threads from slow clients.
"""

from __future__ import annotations

import logging

from gunicorn.app.base import BaseApplication
from gunicorn.http import wsgi as gunicorn_wsgi

from dashboard.hardening import install_log_filter

# gunicorn names itself and its version in a "Server" header of every response: name only the product.
gunicorn_wsgi.SERVER = "kaim"


class DashboardServer(BaseApplication):
    """gunicorn configured from code, serving ``kaim.wsgi:server``."""

    def __init__(self, host: str, port: int, workers: int, threads: int, access_log: bool):
        self.bind, self.workers, self.threads, self.access_log = f"{host}:{port}", workers, threads, access_log
        super().__init__()

    def load_config(self) -> None:
        self.cfg.set("bind", self.bind)
        self.cfg.set("workers", self.workers)
        self.cfg.set("threads", self.threads)
        self.cfg.set("timeout", 60)  # a worker stuck longer than the slowest export (a PDF, ~4 s) is replaced
        self.cfg.set("limit_request_line", 4094)
        self.cfg.set("limit_request_fields", 50)
        self.cfg.set("max_requests", 5000)  # recycle workers now and then: memory a request left behind goes
        self.cfg.set("max_requests_jitter", 500)
        if self.access_log:  # behind nginx, the proxy keeps the access log
            self.cfg.set("accesslog", "-")

    def load(self):
        from kaim.wsgi import server

        install_log_filter(logging.getLogger("gunicorn.error"))
        install_log_filter()
        return server


def serve(host: str, port: int, workers: int, threads: int = 8, access_log: bool = True) -> None:
    DashboardServer(host, port, workers, threads, access_log).run()
