"""The records the warehouse stores, in its own terms: catalogue entries, payloads, batches and runs.

Sources, the pipeline and the command line build and read these; the warehouse knows nothing of them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd


def utcnow() -> datetime:
    """Now in UTC, naive (the warehouse stores UTC timestamps without a zone)."""
    return datetime.now(UTC).replace(tzinfo=None)


@dataclass(frozen=True)
class SourceEntry:
    """One row of the ``sources`` catalogue: who produces a source's data, under which terms, how often."""

    source_id: str
    producer: str
    title: str
    url: str
    license: str
    citation: str
    schedule: str
    cadence_days: int
    quality: str
    mirror_only: str | None = None


@dataclass(frozen=True)
class IndicatorEntry:
    """One row of the ``indicators`` catalogue."""

    indicator_id: str
    source_id: str
    pillar: str
    name_en: str
    name_ko: str
    unit: str
    upstream_code: str
    description: str
    quality: str
    valid_min: float
    valid_max: float


@dataclass(frozen=True)
class Payload:
    """The bytes of one dataset as received, with where and when they came from."""

    source_id: str
    dataset: str
    file_name: str
    content: bytes
    url: str
    fetched_at: datetime


@dataclass
class Batch:
    """One validated payload ready to load as a new vintage: its frames per core table."""

    payload: Payload
    sha256: str
    stored_path: Path
    release: str | None
    frames: dict[str, pd.DataFrame]
    unmapped: list[dict[str, object]] = field(default_factory=list)
    #: Rows of the file its parser or validation left out on purpose, by reason.
    dropped: dict[str, int] = field(default_factory=dict)
    #: Version of the parser that made the frames (a newer one parses the same bytes again).
    parsed_by: str = ""


@dataclass
class Run:
    """The outcome of one source's collection attempt, as recorded in ``collector_runs``."""

    source_id: str
    started: datetime
    origin: str
    status: str = "failed"
    rows_added: int = 0
    rows_changed: int = 0
    #: Rows of the previous vintages whose key the new vintages no longer hold.
    rows_removed: int = 0
    #: Rows the new payloads held that were left out on purpose (see ``dropped_rows``).
    rows_dropped: int = 0
    payloads_new: int = 0
    message: str = ""
    finished: datetime | None = None
