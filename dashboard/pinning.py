"""Pinned links at the request's edge: which version a request reads, the note a pinned page shows, and
the citation mark that keeps a cited version from retention (``warehouse.pins``).

The stamp a client sends is only ever compared with the stamps of the published folder's listing; a
request naming anything else reads the current version, and the page says why.
"""

from __future__ import annotations

import logging
import threading
import time
from urllib.parse import parse_qs, urlparse

import flask
from dash import html

from dashboard import data, pin
from dashboard.i18n import fmt_date, t
from dashboard.state import path, write_query
from warehouse import pins

log = logging.getLogger(__name__)

#: A worker marks a version as cited at most this often (a link opened a thousand times is one write).
MARK_EVERY_SECONDS = 3600
#: Requests that never read data (scripts, styles, fonts).
STATIC = ("/assets/", "/_dash-component-suites/", "/_favicon")

_marked: dict[str, float] = {}
_marked_lock = threading.Lock()


def install(server: flask.Flask) -> None:
    """Give every request the version its link pins (reset when the request ends)."""
    server.before_request(_pin_request)
    server.teardown_request(_unpin_request)


def requested_stamp(request: flask.Request) -> str | None:
    """The ``v`` of the page's own query, or of the page that sent a layout or callback request (its
    referrer: the app sends ``Referrer-Policy: same-origin``); ``None`` if absent or not a stamp."""
    value = request.args.get(pin.PARAM)
    if value is None and request.referrer:
        value = parse_qs(urlparse(request.referrer).query).get(pin.PARAM, [None])[-1]
    return value if pins.is_stamp(value) else None


def _pin_request() -> None:
    if flask.request.path.startswith(STATIC):
        return
    stamp = requested_stamp(flask.request)
    if stamp is None:
        return
    flask.g.pin_tokens = [pin.requested.set(stamp)]
    if stamp in data.published_versions():
        flask.g.pin_tokens.append(pin.pinned.set(stamp))
        if not flask.request.path.startswith("/_dash-"):  # the page itself: someone opened the link
            _mark_cited(stamp)


def _unpin_request(_exc: BaseException | None) -> None:
    for token in reversed(flask.g.pop("pin_tokens", [])):
        token.var.reset(token)


def _mark_cited(stamp: str) -> None:
    now = time.monotonic()
    with _marked_lock:
        if now - _marked.get(stamp, -MARK_EVERY_SECONDS) < MARK_EVERY_SECONDS:
            return
        _marked[stamp] = now
    try:
        pins.record_cited(data.config().warehouse, stamp)
    except (OSError, ValueError):  # a read-only home, or the version went meanwhile: the link still works
        log.warning("pinned version not marked as cited", extra={"stamp": stamp}, exc_info=True)


def note(lang: str, page: str, query: dict[str, str]) -> html.Div | None:
    """What a pinned page says above its content: the version shown and whether newer data exist, or
    why the version the link names is not the one shown."""
    requested, shown = pin.requested.get(), pin.pinned.get()
    if requested is None:
        return None
    current = {k: v for k, v in query.items() if k != pin.PARAM}
    # a full load: the router lays a page out again only when its path changes, and this is the same path
    current_link = html.A(t("pin.open_current", lang), href=path(lang, page) + write_query(current, pinned=False))
    if shown is None:
        gone = data.pruned_versions().get(requested)
        text = (t("pin.pruned", lang, stamp=requested, date=fmt_date(gone, lang)) if gone
                else t("pin.unknown", lang, stamp=requested))
        return html.Div([text, " ", current_link], className="message pin-note", role="status")
    parts = [t("pin.shown", lang, stamp=shown, date=fmt_date(pins.stamp_time(shown), lang))]
    if pins.PREFIX + shown + pins.SUFFIX != data.latest_version():
        parts += [" ", t("pin.newer", lang), " ", current_link]
    return html.Div(parts, className="message pin-note", role="status")
