"""AI and semiconductor policy events by country (2017 onwards): strategies, laws, funding, chips,
compute, talent, data and regulation, each checked against a cited page. Curated: mirror only.
"""

from __future__ import annotations

import pandas as pd

from collectors.base import Collector, Dataset, Parsed, Provenance
from collectors.csvfile import number, records
from collectors.errors import SourceFormatError
from collectors.periods import period_start

COLUMNS = ("date", "country_iso3", "title", "category", "amount_usd", "summary", "source_url")
CATEGORIES = ("strategy", "law", "funding", "chips", "compute", "talent", "data", "regulation")


def parse(file_name: str, content: bytes) -> Parsed:
    """The events CSV as policy_events (a month-only date becomes the first of the month)."""
    rows = []
    for line, rec in records(file_name, content, COLUMNS):
        when, precision = period_start(file_name, rec["date"], "date", line)
        if precision not in ("day", "month"):
            raise SourceFormatError(file_name, f"date {rec['date']!r} is not a day or a month", field="date",
                                    row=line)
        if rec["category"] not in CATEGORIES:
            raise SourceFormatError(file_name, f"category {rec['category']!r} is not one of {CATEGORIES}",
                                    field="category", row=line)
        rows.append({"date": when, "date_precision": precision, "country_code": rec["country_iso3"],
                     "title": rec["title"], "title_ko": None, "category": rec["category"],
                     "amount_usd": number(file_name, rec["amount_usd"], "amount_usd", line),
                     "summary": rec["summary"] or None, "source_url": rec["source_url"] or None, "_row": line})
    return Parsed({"policy_events": pd.DataFrame(rows)})


collector = Collector(
    id="policy",
    schedule="0 7 * * *",
    cadence_days=90,
    provenance=Provenance(
        producer="Korea AI Monitor (compiled from government releases and news)",
        title="AI and semiconductor policy events timeline",
        url="https://www.msit.go.kr/",
        license="Compilation of public facts, each with its source URL",
        citation="Korea AI Monitor, policy events timeline; sources per row.",
    ),
    datasets=(Dataset(key="events", url="https://www.msit.go.kr/", mirror_glob="events.csv", file_name="events.csv"),),
    parse=parse,
    quality="compiled",
    country_field="country_iso3",
    mirror_only="a curated timeline compiled from official releases and news; update <mirror>/policy/events.csv",
)
