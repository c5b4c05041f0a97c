"""The collector contract: what a source module declares, and what its pure ``parse`` returns."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import pandas as pd

from warehouse.records import IndicatorEntry, Payload, SourceEntry

PILLARS = ("rd", "semis", "funding", "models", "cross", "reference")


@dataclass(frozen=True)
class Provenance:
    """Who produces the data and under which terms (shown under every chart)."""

    producer: str
    title: str
    url: str
    license: str
    citation: str = ""


@dataclass(frozen=True)
class Indicator:
    """One upstream series a collector loads, with its public id ``<source_id>:<code>``."""

    code: str
    pillar: str
    name_en: str
    name_ko: str
    unit: str
    description: str
    #: Plausible range of the value in base units; a value outside it fails the run.
    valid_range: tuple[float, float]
    #: Multiplier from the upstream unit to the base unit (e.g. 1e6 for "millions of USD").
    scale: float = 1.0
    quality: str = "official"


@dataclass(frozen=True)
class Dataset:
    """One payload of a source: where it lives live, and how its file is named in a mirror folder."""

    key: str
    #: Live URL, or a function building it at fetch time (e.g. from the current year).
    url: str | Callable[[], str]
    #: Glob matching the file in the source's mirror folder (build numbers in names change).
    mirror_glob: str
    #: File name used when the live payload is written to a mirror folder.
    file_name: str
    #: When the live answer is a ZIP: glob of the member that is the payload.
    zip_member: str | None = None
    headers: tuple[tuple[str, str], ...] = ()
    #: Mirror sub-folder when it differs from the collector's.
    mirror_folder: str | None = None
    #: A missing optional file in a mirror is noted in the run, not a failure.
    optional: bool = False
    #: Custom live fetch (session, dataset) -> (file name, bytes), for paged or listed files; default: one GET.
    fetch: Callable[..., tuple[str, bytes]] | None = None
    #: Keys of other datasets of the collector whose files this one's rows are matched with (e.g. a file of
    #: translated titles): ``parse`` then also gets ``others``, their (file name, bytes) by key, and a change
    #: in any of them parses this dataset's payload again.
    reads: tuple[str, ...] = ()

    def live_url(self) -> str:
        return self.url() if callable(self.url) else self.url


@dataclass
class Parsed:
    """What ``parse`` returns: frames per warehouse table, and the producer's release date if stated."""

    tables: dict[str, pd.DataFrame]
    release: str | None = None
    #: Remarks for the run log, e.g. values a known source error made the parser leave out.
    notes: list[str] = field(default_factory=list)
    #: Rows of the file the parser left out on purpose, counted by reason (e.g. "sentinel period 9999",
    #: "score 'TBA'"): loaded into ``dropped_rows`` and counted in the run. Nothing is dropped silently.
    dropped: dict[str, int] = field(default_factory=dict)

    def drop(self, reason: str, rows: int = 1) -> None:
        """Count ``rows`` left out for ``reason``."""
        if rows:
            self.dropped[reason] = self.dropped.get(reason, 0) + rows


@dataclass(frozen=True)
class Collector:
    """A source module's declaration; its ``id`` is the module name and the ``source_id`` of its rows."""

    id: str
    #: Cron expression (UTC) on which the scheduler runs this collector.
    schedule: str
    #: Days after which the data counts as due for a refresh.
    cadence_days: int
    provenance: Provenance
    datasets: tuple[Dataset, ...]
    #: Pure function of (file name, bytes) to frames, and of ``others`` for a dataset that ``reads`` others;
    #: raises ``SourceFormatError`` on bad input.
    parse: Callable[..., Parsed]
    indicators: tuple[Indicator, ...] = ()
    #: Sub-folder of a mirror holding this source's files (default: the id).
    mirror_folder: str | None = None
    #: Environment variables holding API keys this source needs.
    secrets: tuple[str, ...] = ()
    #: Unknown country codes: "fail" the run (sources with clean ISO codes) or "report" them.
    unmapped: str = "fail"
    #: Name of the source field holding countries, for the unmapped_codes report.
    country_field: str = "country"
    #: Why the source cannot be fetched live (collected from a mirror only), or None.
    mirror_only: str | None = None
    #: official, secondary (transcribed quotations) or compiled (curated from cited pages).
    quality: str = "official"
    #: Bump when a change to ``parse`` (or to the declarations it uses) changes the rows it returns: the
    #: next collect parses the stored payloads again, as a new vintage, though their bytes are unchanged.
    version: str = "1"

    @property
    def folder(self) -> str:
        return self.mirror_folder or self.id

    def dataset(self, key: str) -> Dataset:
        return next(d for d in self.datasets if d.key == key)

    def indicator(self, code: str) -> Indicator | None:
        return next((i for i in self.indicators if i.code == code), None)

    def source_entry(self) -> SourceEntry:
        """This source as a row of the warehouse's ``sources`` catalogue."""
        p = self.provenance
        return SourceEntry(self.id, p.producer, p.title, p.url, p.license, p.citation, self.schedule,
                           self.cadence_days, self.quality, self.mirror_only)

    def indicator_entries(self) -> list[IndicatorEntry]:
        """This source's indicators as rows of the warehouse's ``indicators`` catalogue."""
        return [IndicatorEntry(f"{self.id}:{i.code}", self.id, i.pillar, i.name_en, i.name_ko, i.unit, i.code,
                               i.description, i.quality, float(i.valid_range[0]), float(i.valid_range[1]))
                for i in self.indicators]


__all__ = ["PILLARS", "Collector", "Dataset", "Indicator", "Parsed", "Payload", "Provenance"]
