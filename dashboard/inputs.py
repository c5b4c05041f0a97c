"""What a client may send: every callback input and URL value checked against the declared choices.

Callbacks call these before any cache, query or file is touched. A value outside the choices raises
``InvalidInput`` (the server answers 400 with the message: it names the parameter and what is
allowed). URL values are read leniently instead (``*_or_default``): a stale or edited link opens the
default view rather than an error, and never reaches a cache with values of its own.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from dashboard import data, registry
from dashboard.i18n import CATEGORY_NAMES, LANGUAGES
from dashboard.state import DEFAULT_PRESET, PRESETS

FIRST_YEAR, LAST_YEAR = 1981, date.today().year
NORMS = ("abs", "pct_gdp", "per_capita", "ppp")
CHARTS = ("line", "bar", "slope")
BRIEFING_FORMATS = ("pdf", "html", "xlsx")
#: More countries than any preset (the OECD has 38) but far fewer than a flood: the countries table holds ~300.
MAX_COUNTRIES = 60


class InvalidInput(ValueError):
    """A client sent a value outside the declared choices; the message names the parameter."""


def _one_of(name: str, value: object, choices: Iterable[object]) -> object:
    allowed = tuple(choices)
    if not isinstance(value, str | int) or isinstance(value, bool) or value not in allowed:
        shown = ", ".join(map(str, allowed[:12])) + (", ..." if len(allowed) > 12 else "")
        raise InvalidInput(f"{name}: {str(value)[:40]!r} is not one of {shown}")
    return value


def lang(value: object) -> str:
    return str(_one_of("lang", value, LANGUAGES))


def pillar(value: object) -> str:
    """A page with the indicator explorer (a pillar's page)."""
    return str(_one_of("page", value, registry.pillars()))


def preset(value: object, custom: bool = True) -> str:
    return str(_one_of("preset", value, (*PRESETS, "custom") if custom else PRESETS))


def norm(value: object) -> str:
    return str(_one_of("normalisation", value, NORMS))


def chart(value: object) -> str:
    return str(_one_of("chart", value, CHARTS))


def briefing_format(value: object) -> str:
    return str(_one_of("format", value, BRIEFING_FORMATS))


def indicator(value: object) -> str:
    return str(_one_of("indicator", value, data.indicators()["indicator_id"]))


def known_countries() -> frozenset[str]:
    return frozenset(data.countries()["iso3"])


def countries(values: object) -> list[str]:
    """A list of known ISO3 codes (at most ``MAX_COUNTRIES``), in the order given, without repeats."""
    if values is None:
        return []
    if not isinstance(values, list) or len(values) > MAX_COUNTRIES:
        raise InvalidInput(f"countries: a list of at most {MAX_COUNTRIES} ISO3 codes is expected")
    known = known_countries()
    unknown = [str(v)[:12] for v in values if not isinstance(v, str) or v not in known]
    if unknown:
        raise InvalidInput(f"countries: unknown code(s) {', '.join(unknown[:5])}")
    return list(dict.fromkeys(values))


def categories(values: object) -> list[str]:
    if values is None:
        return []
    if not isinstance(values, list) or len(values) > len(CATEGORY_NAMES):
        raise InvalidInput("categories: a list of policy categories is expected")
    return [str(_one_of("category", v, CATEGORY_NAMES)) for v in dict.fromkeys(values)]


def year(value: object, name: str = "year") -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not FIRST_YEAR <= value <= LAST_YEAR:
        raise InvalidInput(f"{name}: a whole year from {FIRST_YEAR} to {LAST_YEAR} is expected")
    return value


def years(value: object) -> list[int]:
    if not isinstance(value, list) or len(value) != 2:
        raise InvalidInput("years: a range [first, last] is expected")
    first, last = year(value[0], "years"), year(value[1], "years")
    if first > last:
        raise InvalidInput("years: the first year is after the last")
    return [first, last]


# Lenient readers of URL values: anything unknown falls back to the default.

def countries_or_default(text: str | None, default: list[str]) -> list[str]:
    """The known codes of a comma-separated list (at most ``MAX_COUNTRIES``), else ``default``."""
    known = known_countries()
    chosen = [c for c in dict.fromkeys((text or "").split(",")) if c in known][:MAX_COUNTRIES]
    return chosen or list(default)


def year_or_default(text: str | None, default: int) -> int:
    try:
        return year(int(text or ""))
    except (ValueError, InvalidInput):
        return default


def choice_or_default(text: str | None, choices: Iterable[str], default: str) -> str:
    return text if text in tuple(choices) else default


def preset_and_countries(query: dict[str, str]) -> tuple[str, list[str]]:
    """(preset, countries) of a URL: explicit known countries make the preset ``custom`` unless they
    are exactly a preset's members."""
    name = choice_or_default(query.get("p"), PRESETS, DEFAULT_PRESET)
    if not query.get("c"):
        return name, list(PRESETS[name])
    chosen = countries_or_default(query["c"], PRESETS[name])
    return next((n for n, members in PRESETS.items() if members == chosen), "custom"), chosen
