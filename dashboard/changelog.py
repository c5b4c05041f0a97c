"""What changed in each published version, in words and links: read once per version through the data
layer (``warehouse.changes`` computes it), written in Korean or English for the What changed page, its
Atom feed and ``kaim changes``, which all call ``history`` and the sentences below."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import UTC, datetime

from dashboard import data
from dashboard.describe import ordinal
from dashboard.i18n import LANGUAGES, fmt_number, t
from dashboard.pillars import PILLARS
from dashboard.state import DEFAULT_PRESET, PRESETS, path, write_query
from warehouse import changes
from warehouse.changes import (
    MAX_VERSIONS,
    ChangesUnavailable,
    Rank,
    RankChange,
    Revision,
    SourceRun,
    UnknownVersion,
    Version,
    VersionChanges,
    period_label,
)

__all__ = ["ChangesUnavailable", "UnknownVersion", "atom", "history", "kept_versions"]

ATOM = "http://www.w3.org/2005/Atom"
#: Entries in the feed at most (the newest versions).
FEED_ENTRIES = 20
#: The authority of the entries' tag: URIs (RFC 4151): stable whatever host serves the app.
TAG_AUTHORITY = "korea-ai-monitor.kr"
PAGE = "changes"


def _run(sql: str, params: dict):
    return data.fetch(data.Query("changes", sql), **params)


def kept_versions() -> list[Version]:
    """The published versions still kept, newest first, up to the one being read (a pinned link reads an
    older one: what came after it is not in its file)."""
    return changes.versions(data.config().warehouse, upto=data.version())


@data.memoized
def _history(limit: int) -> tuple[VersionChanges, ...]:
    return tuple(changes.history(_run, kept_versions(), limit=limit))


def history(since: str | None = None, limit: int = MAX_VERSIONS) -> list[VersionChanges]:
    """What each kept version changed, newest first (after version ``since``: ``UnknownVersion`` names an
    unknown one). Computed once per current version."""
    if since is None:
        return list(_history(limit))
    start = changes.resolve(kept_versions(), since)
    return changes.history(_run, kept_versions(), since=start, limit=limit)


# Words ------------------------------------------------------------------------------------------

def indicator_name(vc: VersionChanges, indicator_id: str, lang: str) -> str:
    en, ko, _pillar = vc.indicators.get(indicator_id, (indicator_id, indicator_id, ""))
    return ko if lang == "ko" else en


def number(value: float, unit: str, lang: str, other: float | None = None) -> str:
    """A value for reading; more digits when the rounded value would hide the revision from ``other``."""
    shown = fmt_number(value, lang, unit)
    if other is not None and shown == fmt_number(other, lang, unit):
        shown = f"{value:,.6g}" + (" %" if unit == "%" else "")
    return shown


def country(iso3: str, lang: str) -> str:
    return data.country_name(iso3, lang)


def revision_text(r: Revision, lang: str) -> tuple[str, str]:
    """(old, new) of a revised value, as read."""
    return number(r.old_value, r.unit, lang, r.new_value), number(r.new_value, r.unit, lang, r.old_value)


def rank_sentence(vc: VersionChanges, change: RankChange, lang: str) -> str:
    """e.g. "GERD as % of GDP: Korea's rank unchanged at 2nd of 41 (2024); 2024 revised 5.13 % → 4.96 %"."""
    name = indicator_name(vc, change.indicator_id, lang)
    before, after = change.before, change.after
    if after is None:
        assert before is not None
        text = t("changes.rank.gone", lang, indicator=name, before=_place(before, lang), year0=before.year)
    elif before is None:
        text = t("changes.rank.first", lang, indicator=name, rank=ordinal(after.rank, lang), n=after.economies,
                 year=after.year)
    elif before.rank == after.rank and before.year == after.year:
        text = t("changes.rank.unchanged", lang, indicator=name, rank=ordinal(after.rank, lang), n=after.economies,
                 year=after.year)
    else:
        text = t("changes.rank.moved", lang, indicator=name, before=_place(before, lang), year0=before.year,
                 rank=ordinal(after.rank, lang), n=after.economies, year=after.year)
    for r in vc.revisions:
        if r.indicator_id == change.indicator_id and r.country_iso3 == changes.KOREA:
            old, new = revision_text(r, lang)
            text += t("changes.rank.revised", lang, period=period_label(r.freq, r.period), old=old, new=new)
    return text


def _place(rank: Rank, lang: str) -> str:
    return f"{rank.rank}위" if lang == "ko" else ordinal(rank.rank, lang)


def periods_text(periods: tuple, freq: str) -> str:
    labels = [period_label(freq, p) for p in periods]
    return ", ".join(labels) if len(labels) <= 4 else f"{labels[0]}–{labels[-1]} ({len(labels)})"


def source_sentences(vc: VersionChanges, lang: str) -> list[str]:
    lines = [t("changes.source.ok", lang, source=s.source_id, payloads=s.payloads_new, rows=s.rows_changed)
             for s in vc.changed]
    lines += [t("changes.source.failed", lang, source=s.source_id, message=_short(s)) for s in vc.failed]
    unchanged = [s.source_id for s in vc.sources if s.status == "unchanged"]
    if unchanged:
        lines.append(t("changes.source.unchanged", lang, sources=", ".join(unchanged)))
    return lines


def _short(run: SourceRun) -> str:
    return run.message if len(run.message) <= 200 else run.message[:199] + "…"


def added_sentences(vc: VersionChanges, lang: str) -> list[str]:
    lines = []
    for a in vc.added:
        name = indicator_name(vc, a.indicator_id, lang)
        if a.change == "removed":
            lines.append(t("changes.added.removed", lang, indicator=name, n=a.values))
            continue
        line = t("changes.added.new", lang, indicator=name, n=a.values)
        if a.new_periods:
            line += t("changes.added.periods", lang, periods=periods_text(a.new_periods, a.freq))
        lines.append(line)
    return lines


def summary(vc: VersionChanges, lang: str) -> str:
    """One sentence: how many values were revised, added and removed (or that none changed)."""
    if vc.empty:
        return t("changes.nothing", lang)
    return t("changes.summary", lang, revised=vc.n_revised, new=vc.n_new, removed=vc.n_removed)


def published_text(version: Version, lang: str) -> str:
    when = version.published
    return (f"{when.year}년 {when.month}월 {when.day}일 {when:%H:%M:%S} UTC" if lang == "ko"
            else f"{when:%d %b %Y, %H:%M:%S} UTC")


def lines(vc: VersionChanges, lang: str, max_lines: int = 12) -> list[str]:
    """The version's changes as plain sentences (``kaim changes``, the feed): summary, Korea's ranks,
    revised values, new and removed values, sources."""
    out = [summary(vc, lang)]
    if vc.baseline:
        out.append(t("changes.baseline", lang))
    out += [rank_sentence(vc, r, lang) for r in vc.ranks]
    for r in vc.revisions[:max_lines]:
        old, new = revision_text(r, lang)
        out.append(f"{indicator_name(vc, r.indicator_id, lang)}, {country(r.country_iso3, lang)} "
                   f"{period_label(r.freq, r.period)}: {old} → {new}")
    hidden = vc.n_revised - min(len(vc.revisions), max_lines)
    if hidden > 0:
        out.append(t("changes.revised.more", lang, n=hidden))
    added = added_sentences(vc, lang)
    out += added[:max_lines]
    if len(added) > max_lines:
        out.append(t("changes.added.more", lang, n=len(added) - max_lines))
    return out + source_sentences(vc, lang)


# Links ------------------------------------------------------------------------------------------

def pillar_of(vc: VersionChanges, indicator_id: str) -> str | None:
    """The pillar page whose explorer offers the indicator (by its warehouse pillar)."""
    warehouse_pillar = vc.indicators.get(indicator_id, ("", "", ""))[2]
    return next((name for name, p in PILLARS.items() if warehouse_pillar in p.indicator_pillars), None)


def chart_link(vc: VersionChanges, indicator_id: str, lang: str, countries: tuple[str, ...] = (),
               year: int | None = None) -> str | None:
    """The pillar page's permalink at the changed view: the indicator, the default peers (Korea among them)
    and the changed countries, the changed year for the ranking and the map."""
    pillar = pillar_of(vc, indicator_id)
    if pillar is None:
        return None
    chosen = list(dict.fromkeys([*PRESETS[DEFAULT_PRESET], *countries]))[:12]
    preset = next((name for name, members in PRESETS.items() if members == chosen), None)
    return path(lang, pillar) + write_query({"ind": indicator_id, "p": preset, "c": None if preset else chosen,
                                             "yr": year})


def related_links(vc: VersionChanges, lang: str) -> list[str]:
    """Chart links of the indicators whose values were revised, Korea's first."""
    found: dict[str, list] = {}
    for r in vc.revisions:
        found.setdefault(r.indicator_id, []).append(r)
    links = [chart_link(vc, indicator, lang, tuple(r.country_iso3 for r in rows), rows[0].period.year)
             for indicator, rows in found.items()]
    return [link for link in links if link]


def anchor(version: Version) -> str:
    """The id of a version's section on the page (the feed links to it)."""
    return f"v-{version.id}"


# Atom -------------------------------------------------------------------------------------------

def _stamp(when: datetime) -> str:
    return when.replace(tzinfo=UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def atom(history_: list[VersionChanges], lang: str, root: str) -> bytes:
    """The Atom feed (RFC 4287) of the versions, newest first, at most ``FEED_ENTRIES``; ``root`` is the
    site's address (``https://host/``) the links start with."""
    assert lang in LANGUAGES
    ET.register_namespace("", ATOM)
    root = root.rstrip("/")

    def el(parent: ET.Element, name: str, text: str | None = None, **attrs: str) -> ET.Element:
        node = ET.SubElement(parent, f"{{{ATOM}}}{name}", attrs)
        if text is not None:
            node.text = text
        return node

    feed = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": lang})
    el(feed, "id", f"tag:{TAG_AUTHORITY},2026:changes/{lang}")
    el(feed, "title", t("changes.feed.title", lang))
    el(feed, "subtitle", t("changes.feed.subtitle", lang))
    newest = history_[0].version.published if history_ else datetime(2026, 1, 1)
    el(feed, "updated", _stamp(newest))
    el(feed, "link", rel="self", type="application/atom+xml", href=f"{root}/{lang}/feed.atom")
    el(feed, "link", rel="alternate", type="text/html", href=f"{root}{path(lang, PAGE)}")
    author = el(feed, "author")
    el(author, "name", t("app.title", lang))
    for vc in history_[:FEED_ENTRIES]:
        entry = el(feed, "entry")
        el(entry, "id", f"tag:{TAG_AUTHORITY},{vc.version.published:%Y-%m-%d}:changes/{vc.version.id}/{lang}")
        el(entry, "title", t("changes.version", lang, date=published_text(vc.version, lang)) + ": "
           + summary(vc, lang))
        el(entry, "updated", _stamp(vc.version.published))
        el(entry, "published", _stamp(vc.version.published))
        el(entry, "link", rel="alternate", type="text/html",
           href=f"{root}{path(lang, PAGE)}#{anchor(vc.version)}")
        for href in related_links(vc, lang)[:5]:
            el(entry, "link", rel="related", type="text/html", href=root + href)
        el(entry, "summary", "\n".join(lines(vc, lang)))
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True)
