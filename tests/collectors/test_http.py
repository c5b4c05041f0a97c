"""The shared HTTP session: retries with backoff on 429/5xx honouring Retry-After, User-Agent, errors."""

from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import requests
import responses

from collectors.errors import FetchError
from collectors.http import get_bytes, make_session

URL = "https://api.example.org/data.csv"


@pytest.fixture
def session(settings):
    return make_session(settings.http)


@pytest.fixture
def flaky_server():
    """A real loopback server answering 429 (Retry-After: 1), then 503, then 200."""
    answers = [(429, {"Retry-After": "1"}), (503, {}), (200, {})]
    seen = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 (http.server's naming)
            status, headers = answers[min(len(seen), len(answers) - 1)]
            seen.append((time.monotonic(), self.headers["User-Agent"]))
            self.send_response(status)
            for key, value in headers.items():
                self.send_header(key, value)
            self.end_headers()
            self.wfile.write(b"ok" if status == 200 else b"busy")

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/data.csv", seen
    server.shutdown()
    server.server_close()


def test_retries_429_honouring_retry_after_then_succeeds(session, flaky_server):
    url, seen = flaky_server
    session.adapters["http://"].max_retries.backoff_factor = 0  # keep only the server's Retry-After
    assert get_bytes(session, url) == b"ok"
    assert len(seen) == 3
    assert seen[1][0] - seen[0][0] >= 0.9  # waited for the 1 s Retry-After before the second try


@responses.activate
def test_persistent_server_error_names_url(session):
    session.adapters["https://"].max_retries.backoff_factor = 0
    responses.get(URL, status=500)
    with pytest.raises(FetchError, match=r"https://api.example.org/data.csv: HTTP 500"):
        get_bytes(session, URL)
    assert len(responses.calls) == 1 + session.adapters["https://"].max_retries.total


@responses.activate
def test_client_error_is_not_retried(session):
    responses.get(URL, status=404)
    with pytest.raises(FetchError, match="HTTP 404"):
        get_bytes(session, URL)
    assert len(responses.calls) == 1


@responses.activate
def test_user_agent_and_timeout(session, settings):
    responses.get(URL, body=b"x")
    get_bytes(session, URL)
    assert responses.calls[0].request.headers["User-Agent"] == settings.user_agent
    assert responses.calls[0].request.req_kwargs["timeout"] == settings.http_timeout


@responses.activate
def test_timeout_becomes_fetch_error(session):
    responses.get(URL, body=requests.exceptions.ConnectTimeout("timed out"))
    with pytest.raises(FetchError, match="ConnectTimeout"):
        get_bytes(session, URL)
