"""AI and semiconductor policy events by country (2017 onwards): strategies, laws, funding, chips,
compute, talent, data and regulation, each checked against a cited page, with their titles in Korean
(events_ko.csv, matched on date, country and English title). Curated: mirror only.
"""

from __future__ import annotations

from fnmatch import fnmatch

import pandas as pd

from collectors.base import Collector, Dataset, Parsed, Provenance
from collectors.csvfile import number, records
from collectors.errors import SourceFormatError
from collectors.periods import period_start

COLUMNS = ("date", "country_iso3", "title", "category", "amount_usd", "summary", "source_url")
#: events_ko.csv: the Korean title of each event, keyed by the event's date, country and English title.
KO_COLUMNS = ("date", "country_iso3", "title", "title_ko")
KO_DATASET = "titles_ko"
KO_FILE = "events_ko.csv"
CATEGORIES = ("strategy", "law", "funding", "chips", "compute", "talent", "data", "regulation")


def korean_titles(file_name: str, content: bytes) -> dict[tuple[str, str, str], tuple[str, str]]:
    """events_ko.csv as {(date, country, English title): (Korean title, row)}; a key twice fails, a blank
    Korean title is left out."""
    titles: dict[tuple[str, str, str], tuple[str, str]] = {}
    for line, rec in records(file_name, content, KO_COLUMNS):
        key = (rec["date"], rec["country_iso3"], rec["title"])
        if key in titles:
            raise SourceFormatError(file_name, f"the event {key} has two Korean titles", field="title",
                                    row=f"{titles[key][1]} and {line}")
        if rec["title_ko"]:  # a blank one leaves the event untitled (reported by the events' parse)
            titles[key] = (rec["title_ko"], str(line))
    return titles


def parse(file_name: str, content: bytes, others: dict[str, tuple[str, bytes]] | None = None) -> Parsed:
    """The events CSV as policy_events (a month-only date becomes the first of the month), each with its
    Korean title from ``others`` (events_ko.csv). Alone, events_ko.csv is only checked: it loads with the
    events, whose payload reads it; its rows matching no event are counted as dropped there."""
    if fnmatch(file_name, KO_FILE):
        return Parsed({}, notes=[f"{len(korean_titles(file_name, content)):,} Korean titles, loaded with the events"])
    ko_file, ko_content = (others or {}).get(KO_DATASET, (KO_FILE, None))
    titles = korean_titles(ko_file, ko_content) if ko_content is not None else {}
    matched = set()
    rows = []
    for line, rec in records(file_name, content, COLUMNS):
        when, precision = period_start(file_name, rec["date"], "date", line)
        if precision not in ("day", "month"):
            raise SourceFormatError(file_name, f"date {rec['date']!r} is not a day or a month", field="date",
                                    row=line)
        if rec["category"] not in CATEGORIES:
            raise SourceFormatError(file_name, f"category {rec['category']!r} is not one of {CATEGORIES}",
                                    field="category", row=line)
        key = (rec["date"], rec["country_iso3"], rec["title"])
        matched.add(key)
        rows.append({"date": when, "date_precision": precision, "country_code": rec["country_iso3"],
                     "title": rec["title"], "title_ko": titles[key][0] if key in titles else None,
                     "category": rec["category"],
                     "amount_usd": number(file_name, rec["amount_usd"], "amount_usd", line),
                     "summary": rec["summary"] or None, "source_url": rec["source_url"] or None, "_row": line})
    parsed = Parsed({"policy_events": pd.DataFrame(rows)})
    untitled = [f"{r['date']:%Y-%m-%d} {r['country_code']} {r['title']!r}" for r in rows if r["title_ko"] is None]
    if ko_content is None:
        parsed.notes.append(f"no {ko_file}: the {len(rows):,} events have no Korean title")
    elif untitled:
        parsed.notes.append(f"{len(untitled):,} event(s) without a Korean title in {ko_file} (shown in English on "
                            f"Korean pages): {'; '.join(untitled[:10])}")
    orphans = sorted(set(titles) - matched)
    if orphans:
        parsed.notes.append(f"{len(orphans):,} Korean title(s) in {ko_file} of no event (key date, country_iso3, "
                            f"title): " + "; ".join(f"row {titles[k][1]} {k}" for k in orphans[:10]))
        parsed.drop(f"Korean title in {ko_file} of no event in {file_name}", len(orphans))
    return parsed


collector = Collector(
    id="policy",
    schedule="0 7 * * *",
    cadence_days=90,
    #: 2: Korean titles (title_ko) from events_ko.csv.
    version="2",
    provenance=Provenance(
        producer="Korea AI Monitor (compiled from government releases and news)",
        title="AI and semiconductor policy events timeline",
        url="https://www.msit.go.kr/",
        license="Compilation of public facts, each with its source URL",
        citation="Korea AI Monitor, policy events timeline; sources per row.",
    ),
    datasets=(Dataset(key="events", url="https://www.msit.go.kr/", mirror_glob="events.csv", file_name="events.csv",
                      reads=(KO_DATASET,)),
              Dataset(key=KO_DATASET, url="https://www.msit.go.kr/", mirror_glob=KO_FILE, file_name=KO_FILE)),
    parse=parse,
    quality="compiled",
    country_field="country_iso3",
    mirror_only="a curated timeline compiled from official releases and news; update <mirror>/policy/events.csv",
)
