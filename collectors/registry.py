"""Discovers the source modules under ``collectors/sources`` and checks their declarations."""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache

from collectors import sources
from collectors.base import PILLARS, Collector


class RegistryError(RuntimeError):
    """A source module is malformed (no ``collector``, wrong id, bad indicator)."""


def _check(module_name: str, collector: object) -> Collector:
    if not isinstance(collector, Collector):
        raise RegistryError(f"collectors.sources.{module_name} has no `collector = Collector(...)`")
    if collector.id != module_name:
        raise RegistryError(f"collectors.sources.{module_name} declares id {collector.id!r}; "
                            "the id must be the module name")
    for indicator in collector.indicators:
        if indicator.pillar not in PILLARS:
            raise RegistryError(f"{collector.id}:{indicator.code}: unknown pillar {indicator.pillar!r}")
    return collector


@cache
def registry() -> dict[str, Collector]:
    """Every collector, keyed by id, in alphabetical order."""
    found = {}
    for info in sorted(pkgutil.iter_modules(sources.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{sources.__name__}.{info.name}")
        found[info.name] = _check(info.name, getattr(module, "collector", None))
    return found


def select(ids: list[str] | None) -> list[Collector]:
    """The collectors named in ``ids`` (all when empty); an unknown id is an error listing the known."""
    known = registry()
    if not ids:
        return list(known.values())
    unknown = [i for i in ids if i not in known]
    if unknown:
        raise RegistryError(f"unknown source(s) {', '.join(unknown)}; known: {', '.join(known)}")
    return [known[i] for i in ids]
