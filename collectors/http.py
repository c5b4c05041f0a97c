"""The one HTTP session every collector uses: timeouts, retries with backoff, a User-Agent."""

from __future__ import annotations

import logging
from dataclasses import dataclass

import requests
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

from collectors.errors import FetchError

log = logging.getLogger(__name__)

RETRY_STATUSES = (429, 500, 502, 503, 504)


@dataclass(frozen=True)
class HttpConfig:
    """Timeout and retries of every request, and the User-Agent sent (built by the settings loader)."""

    timeout: float = 60.0
    retries: int = 4
    backoff: float = 2.0
    user_agent: str = "kaim"


class TimeoutSession(requests.Session):
    """A session that applies a default timeout to every request."""

    def __init__(self, timeout: float):
        super().__init__()
        self.timeout = timeout

    def request(self, method, url, **kwargs):  # type: ignore[override]
        kwargs.setdefault("timeout", self.timeout)
        return super().request(method, url, **kwargs)


def make_session(config: HttpConfig) -> requests.Session:
    """A session retrying connection errors, 429 and 5xx with exponential backoff and Retry-After."""
    retry = Retry(
        total=config.retries,
        backoff_factor=config.backoff,
        status_forcelist=RETRY_STATUSES,
        allowed_methods=frozenset({"GET", "HEAD"}),
        respect_retry_after_header=True,
        raise_on_status=False,
    )
    session = TimeoutSession(config.timeout)
    adapter = HTTPAdapter(max_retries=retry)
    session.mount("https://", adapter)
    session.mount("http://", adapter)
    session.headers["User-Agent"] = config.user_agent
    return session


def get_bytes(session: requests.Session, url: str, headers: dict[str, str] | None = None) -> bytes:
    """GET ``url`` and return the body; any failure becomes a ``FetchError`` naming the URL."""
    log.info("http.get url=%s", url)
    try:
        response = session.get(url, headers=headers)
    except requests.RequestException as exc:
        raise FetchError(f"{url}: {type(exc).__name__}: {exc}") from exc
    if response.status_code >= 400:
        raise FetchError(f"{url}: HTTP {response.status_code} {response.reason}")
    return response.content
