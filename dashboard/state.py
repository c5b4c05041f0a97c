"""The view state in the URL: ``/<lang>/<page>?ind=...&c=KOR,USA&y0=2000&y1=2024&n=abs&yr=2023``.

A link reopens the same view: layouts read their controls' initial values from here, and every
control change writes the query string back (without reloading the page).
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlencode

from dashboard import pin, registry
from dashboard.i18n import DEFAULT_LANGUAGE, LANGUAGES
from warehouse.peers import DEFAULT_GROUP, PEER_GROUPS

#: The peer presets are the peer groups (one definition, shared with the forecasting step).
PRESETS: dict[str, list[str]] = PEER_GROUPS
DEFAULT_PRESET = DEFAULT_GROUP


def split_path(pathname: str | None) -> tuple[str, str]:
    """(language, page) of a path; unknown parts fall back to Korean and the home page (the overview)."""
    parts = [p for p in (pathname or "/").split("/") if p]
    lang = parts[0] if parts and parts[0] in LANGUAGES else DEFAULT_LANGUAGE
    rest = parts[1:] if parts and parts[0] in LANGUAGES else parts
    page = rest[0] if rest and rest[0] in registry.names() else registry.home()
    return lang, page


def path(lang: str, page: str) -> str:
    return f"/{lang}/{page}"


def read_query(search: str | None) -> dict[str, str]:
    """The query string as a flat dict (the last value wins)."""
    return {k: v[-1] for k, v in parse_qs((search or "").lstrip("?")).items()}


def write_query(values: dict[str, object], pinned: bool = True) -> str:
    """A query string of the non-empty values; lists become comma-separated. A pinned request's view
    stays pinned (``v``, see ``dashboard.pin``) unless ``pinned`` is false."""
    if pinned and pin.pinned.get() is not None:
        values = {**values, pin.PARAM: pin.pinned.get()}
    flat = {k: ",".join(map(str, v)) if isinstance(v, list | tuple) else v for k, v in values.items()
            if v not in (None, "", [], ())}
    return "?" + urlencode(flat, safe=",") if flat else ""


#: A query string a client sends back longer than this is not read for keys to keep (nothing of it is kept).
MAX_QUERY = 4000


def update_query(search: object, values: dict[str, object], keep: tuple[str, ...] | None = None) -> str:
    """The query ``search`` (the location a client sends) with ``values`` written in and its other keys kept,
    all of them or only those in ``keep``: a control of one view of a page leaves the other views' state (and a
    pinned version) in the URL."""
    search = search if isinstance(search, str) and len(search) <= MAX_QUERY else ""
    kept = {k: v for k, v in read_query(search).items() if k not in values and (keep is None or k in keep)}
    return write_query({**kept, **values})
