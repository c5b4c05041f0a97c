"""The page registry: every module of ``dashboard.pages`` declares one ``PAGE``, found here.

A page is its module: its name (the path ``/<lang>/<name>`` and the navigation label ``nav.<name>``
in ``dashboard.i18n``), its place in the navigation (``order``), its pillar if it is one, its layout
and the functions that register its callbacks. The app, the router, the navigation and the warm-up
read the pages from here; nothing lists them by hand.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any

from dashboard.config import DashboardConfig

PACKAGE = "dashboard.pages"

Layout = Callable[[str, dict[str, str]], list]
Register = Callable[[Any], None]


class RegistryError(RuntimeError):
    """A page module declares no page, or two pages share a name or a place."""


def _always(config: DashboardConfig) -> bool:
    return True


@dataclass(frozen=True)
class Page:
    #: The path segment (``/<lang>/<name>``); the navigation label is the text ``nav.<name>``.
    name: str
    #: Place in the navigation (ascending); the first page is the home page.
    order: int
    #: ``layout(lang, query)``: the page's components for the language and the URL's query values.
    layout: Layout
    #: Functions that register callbacks on the app; one shared by several pages is registered once.
    callbacks: tuple[Register, ...] = ()
    #: The pillar (``dashboard.pillars``) the page explores, or None.
    pillar: str | None = None
    #: Text key of the page's heading (default: its navigation label).
    title: str | None = None
    #: A component library only this page's documents load; links to the page load a new document.
    full_load_library: str | None = None
    #: Whether the settings serve the page (the SQL page can be turned off).
    enabled: Callable[[DashboardConfig], bool] = _always

    @property
    def label(self) -> str:
        """Text key of the navigation label."""
        return f"nav.{self.name}"

    @property
    def heading(self) -> str:
        """Text key of the page's heading."""
        return self.title or self.label


@cache
def pages() -> tuple[Page, ...]:
    """Every page, in navigation order (the modules of ``dashboard.pages``, imported on first use)."""
    package = importlib.import_module(PACKAGE)
    found = []
    for module_info in pkgutil.iter_modules(package.__path__):
        module = importlib.import_module(f"{PACKAGE}.{module_info.name}")
        page = getattr(module, "PAGE", None)
        if not isinstance(page, Page):
            raise RegistryError(f"{module.__name__} declares no PAGE = Page(...)")
        found.append(page)
    _check(found)
    return tuple(sorted(found, key=lambda p: p.order))


def _check(found: list[Page]) -> None:
    for attribute in ("name", "order"):
        values = [getattr(p, attribute) for p in found]
        repeated = sorted({str(v) for v in values if values.count(v) > 1})
        if repeated:
            raise RegistryError(f"pages share a {attribute}: {', '.join(repeated)}")


def names() -> tuple[str, ...]:
    return tuple(p.name for p in pages())


def get(name: str) -> Page:
    """The page called ``name`` (``KeyError`` if none)."""
    for page in pages():
        if page.name == name:
            return page
    raise KeyError(name)


def home() -> str:
    """The home page's name: the first in the navigation."""
    return pages()[0].name


def pillars() -> tuple[str, ...]:
    """The pillars that have a page."""
    return tuple(p.pillar for p in pages() if p.pillar)
