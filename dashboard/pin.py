"""The published version this request reads, when its link pins one (``?v=<stamp>``; see
``warehouse.pins``). Set per request by the app (``dashboard.app.pin_request``) from the page's query,
or, for Dash's layout and callback requests, from the page's URL (their referrer); ``None`` reads the
current version."""

from __future__ import annotations

from contextvars import ContextVar

#: The query parameter naming a version.
PARAM = "v"

requested: ContextVar[str | None] = ContextVar("requested", default=None)
"""The stamp the link names, whatever it is (the page says when it is no longer kept)."""

pinned: ContextVar[str | None] = ContextVar("pinned", default=None)
"""The stamp of a published version this request reads (one that exists)."""
