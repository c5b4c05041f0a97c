"""``kaim serve``: the dashboard under gunicorn (N worker processes, threads in each).

Each worker reads the latest published warehouse read-only and picks up a new version without a
restart; no writer and no scheduler ever runs inside a web worker.
"""

from __future__ import annotations

from gunicorn.app.base import BaseApplication


class DashboardServer(BaseApplication):
    """gunicorn configured from code, serving ``dashboard.wsgi:server``."""

    def __init__(self, host: str, port: int, workers: int, threads: int):
        self.bind, self.workers, self.threads = f"{host}:{port}", workers, threads
        super().__init__()

    def load_config(self) -> None:
        self.cfg.set("bind", self.bind)
        self.cfg.set("workers", self.workers)
        self.cfg.set("threads", self.threads)
        self.cfg.set("timeout", 120)
        self.cfg.set("accesslog", "-")

    def load(self):
        from dashboard.wsgi import server

        return server


def serve(host: str, port: int, workers: int, threads: int = 8) -> None:
    DashboardServer(host, port, workers, threads).run()
