"""What every response of the public dashboard carries, and what every request may not do.

- Headers: a Content-Security-Policy (scripts only from this server and the app's own inline scripts,
  by hash; no framing by other sites), ``X-Content-Type-Options: nosniff``, a Referrer-Policy.
- Requests: bodies over ``MAX_BODY`` are refused (413); a value outside the declared choices is
  refused with 400 and a message naming the parameter (``dashboard.inputs``); any other error is a
  bare 500 with no traceback, logged at most a few times a minute per kind (``RepeatFilter``).
- Behind the reverse proxy (setting ``behind_proxy``) the client address is the one nginx saw.
- ``/healthz``: the process answers. ``/readyz``: a published version is open (503 otherwise).
"""

from __future__ import annotations

import logging
import threading
import time

import flask
from werkzeug.exceptions import HTTPException
from werkzeug.middleware.proxy_fix import ProxyFix

from dashboard import data
from dashboard.inputs import InvalidInput

log = logging.getLogger(__name__)

#: Callback requests carry the sealed rows of a card at most (a few hundred KB).
MAX_BODY = 2 * 2**20


def content_security_policy(script_hashes: list[str]) -> str:
    """The policy: this server only; inline scripts only those Dash writes (hashed); plotly.js draws
    with inline styles and exports images as data/blob URLs."""
    return "; ".join([
        "default-src 'self'",
        "script-src 'self' " + " ".join(script_hashes),  # Dash gives them quoted: 'sha256-...'
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: blob:",
        "font-src 'self' data:",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ])


class RepeatFilter(logging.Filter):
    """Let through at most ``limit`` records of one kind (logger, level, message template) per
    ``window`` seconds, then one note of how many were dropped when the window turns."""

    def __init__(self, limit: int = 5, window: float = 60.0, max_kinds: int = 1000):
        super().__init__()
        self.limit, self.window, self.max_kinds = limit, window, max_kinds
        self._seen: dict[tuple, list[float]] = {}  # kind -> [window start, count]
        self._lock = threading.Lock()

    def filter(self, record: logging.LogRecord) -> bool:
        kind = (record.name, record.levelno, str(record.msg)[:200])
        now = time.monotonic()
        with self._lock:
            start, count = self._seen.get(kind, (now, 0))
            if now - start >= self.window:
                if count > self.limit:
                    record.msg = f"{record.msg} [{count - self.limit} similar records dropped in the last minute]"
                start, count = now, 0
            if len(self._seen) >= self.max_kinds and kind not in self._seen:
                self._seen.pop(next(iter(self._seen)))
            self._seen[kind] = [start, count + 1]
            return count < self.limit


def install_log_filter(logger: logging.Logger | None = None) -> RepeatFilter:
    """Rate-limit repeats on every handler of ``logger`` (default: the root logger)."""
    repeat = RepeatFilter()
    for handler in (logger or logging.getLogger()).handlers:
        handler.addFilter(repeat)
    return repeat


def harden(server: flask.Flask, script_hashes: list[str], behind_proxy: bool) -> None:
    """Install the headers, limits, error pages and health checks on the Flask server."""
    server.config["MAX_CONTENT_LENGTH"] = MAX_BODY
    policy = content_security_policy(script_hashes)
    if behind_proxy:
        server.wsgi_app = ProxyFix(server.wsgi_app, x_for=1, x_proto=1)  # nginx overwrites X-Forwarded-For

    @server.after_request
    def headers(response: flask.Response) -> flask.Response:
        response.headers["Content-Security-Policy"] = policy
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["X-Frame-Options"] = "DENY"
        response.headers["Referrer-Policy"] = "same-origin"
        return response

    @server.errorhandler(InvalidInput)
    def refused(exc: InvalidInput):
        log.warning("request refused: %s", exc, extra={"path": flask.request.path})
        return flask.Response(f"refused: {exc}\n", status=400, mimetype="text/plain")

    @server.errorhandler(HTTPException)
    def http_error(exc: HTTPException):
        return flask.Response(f"{exc.code} {exc.name}\n", status=exc.code, mimetype="text/plain")

    @server.errorhandler(Exception)
    def failed(exc: Exception):
        log.error("request failed: %s", type(exc).__name__, exc_info=exc, extra={"path": flask.request.path})
        return flask.Response("500 Internal Server Error\n", status=500, mimetype="text/plain")

    @server.get("/healthz")
    def healthz():
        return flask.Response("ok\n", mimetype="text/plain")

    @server.get("/readyz")
    def readyz():
        try:
            return flask.jsonify(version=data.version())
        except data.NoWarehouse:
            return flask.jsonify(version=None, error="no published warehouse"), 503
