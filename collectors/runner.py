"""One source's side of a collection: get its payloads (live or from a mirror), and parse and validate
each into frames the warehouse loads. Loading, forecasting and publishing are ``kaim.pipeline``'s."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pandas as pd
import requests

from collectors.base import Collector, Payload
from collectors.errors import CollectorError
from collectors.fetch import fetch_live, read_mirror, write_mirror
from collectors.validate import validate
from warehouse import flags

#: Version of what every parse goes through (validation, flags, drop counts); with the collector's own
#: ``version`` it tells whether a loaded payload must be parsed again. 2: part-period and coverage flags,
#: counted drops, organisations' countries, declared benchmark scales (issue 13).
FRAMEWORK_VERSION = "2"
#: Unmapped codes a run message names (all of them are in the unmapped_codes view).
UNMAPPED_SHOWN = 20
#: Months in each frequency's period.
PERIOD_MONTHS = {"A": 12, "Q": 3, "M": 1}

PayloadSource = Callable[[Collector], list[Payload]]


@dataclass
class Checked:
    """One payload parsed and validated: frames per core table, the producer's release, remarks."""

    frames: dict[str, pd.DataFrame]
    release: str | None
    unmapped: list[dict[str, object]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    #: Rows left out on purpose, by reason.
    dropped: dict[str, int] = field(default_factory=dict)


def parser_version(collector: Collector) -> str:
    """The version of what parses ``collector``'s payloads: the framework's and its own."""
    return f"{FRAMEWORK_VERSION}.{collector.version}"


def payload_source(mirror: Path | None, session: requests.Session | None) -> tuple[PayloadSource, str]:
    """Where payloads come from (a mirror folder, else the live session) and that origin's name for the
    run log."""
    if mirror is not None:
        return (lambda collector: read_mirror(collector, mirror)), str(mirror.resolve())
    if session is None:
        raise ValueError("live collection needs an HTTP session")
    return (lambda collector: fetch_live(collector, session)), "live"


def missing_optional(collector: Collector, payloads: list[Payload]) -> list[str]:
    """Remarks on optional datasets that did not come."""
    received = {p.dataset for p in payloads}
    return [f"optional dataset {d.key} not available" for d in collector.datasets if d.key not in received]


def companions(collector: Collector, payload: Payload,
               payloads: list[Payload]) -> dict[str, tuple[str, bytes]] | None:
    """The files of the datasets ``payload``'s dataset reads too, by key (those that came); ``None`` when its
    dataset reads no other."""
    reads = collector.dataset(payload.dataset).reads
    return {p.dataset: (p.file_name, p.content) for p in payloads if p.dataset in reads} if reads else None


def check(collector: Collector, payload: Payload, others: dict[str, tuple[str, bytes]] | None = None) -> Checked:
    """Parse and validate one payload (with the files its dataset reads too, ``others``); raises
    ``CollectorError`` naming the file, field and row."""
    parsed = (collector.parse(payload.file_name, payload.content, others) if others is not None
              else collector.parse(payload.file_name, payload.content))
    checked = validate(collector, payload.file_name, parsed)
    notes = [f"{payload.file_name}: {note}" for note in checked.notes]
    if "observations" in checked.frames:
        as_of = producer_date(parsed.release, payload)
        checked.frames["observations"], partial = flag_part_periods(checked.frames["observations"], as_of)
        if partial:
            notes.append(f"{payload.file_name}: {partial:,} value(s) of periods not over on {as_of} flagged "
                         f"{flags.PART_PERIOD}")
    if checked.unmapped:
        codes = sorted({str(u["code"]) for u in checked.unmapped})
        shown = ", ".join(codes[:UNMAPPED_SHOWN]) + (f" and {len(codes) - UNMAPPED_SHOWN:,} more" * (
            len(codes) > UNMAPPED_SHOWN))
        notes.append(f"{payload.file_name}: {len(codes):,} unmapped country code(s), all listed in unmapped_codes: "
                     f"{shown}")
    notes += [f"{payload.file_name}: {rows:,} row(s) left out: {reason}" for reason, rows in checked.dropped.items()]
    return Checked(checked.frames, parsed.release, checked.unmapped, notes, checked.dropped)


def producer_date(release: str | None, payload: Payload) -> date:
    """The producer's release date where the payload states one, else the day it was fetched (or copied)."""
    try:
        return date.fromisoformat((release or "")[:10])
    except ValueError:
        return payload.fetched_at.date()


def flag_part_periods(observations: pd.DataFrame, as_of: date) -> tuple[pd.DataFrame, int]:
    """Flag the values of periods that were not over on ``as_of`` (e.g. a 2026 total released in April
    2026); returns the frame and how many were flagged."""
    if observations.empty:
        return observations, 0
    # Periods start on the first of a month: count months from year 0, so the period ends (exclusive) at month
    # ``start + length``, which is after ``as_of`` exactly when it is later than ``as_of``'s own month.
    start = pd.to_datetime(observations["period"])
    length = observations["freq"].map(PERIOD_MONTHS).fillna(12).astype(int)
    partial = start.dt.year * 12 + start.dt.month - 1 + length > as_of.year * 12 + as_of.month - 1
    if partial.any():
        observations = observations.copy()
        observations.loc[partial, "flags"] = [flags.add(f, flags.PART_PERIOD)
                                              for f in observations.loc[partial, "flags"]]
    return observations, int(partial.sum())


def pull_mirror(collectors: list[Collector], mirror: Path, session: requests.Session, *,
                progress: Callable[[str, str | None], None] | None = None) -> dict[str, str]:
    """Fetch every collector live and write its payloads in the mirror layout; returns errors by id."""
    errors = {}
    for collector in [c for c in collectors if not c.mirror_only]:
        if progress:
            progress(collector.id, None)
        try:
            written = write_mirror(collector, fetch_live(collector, session), mirror)
            outcome = f"{len(written)} file(s)"
        except CollectorError as exc:
            errors[collector.id] = outcome = str(exc)
        if progress:
            progress(collector.id, outcome)
    return errors
