"""A warehouse built from its schema, for the tests of the warehouse itself (publishing, pruning, readers, the
lock, researchers' SQL): the writer applies the schema, a small catalogue and a few frames are loaded through
the writer's own API, then published. No collector, parser or command line is involved: a change to a source
does not move these tests, and they run in a fraction of a second."""

from __future__ import annotations

import math
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from warehouse import publish, rawstore
from warehouse.config import WarehouseConfig
from warehouse.countries import reference_frame
from warehouse.records import Batch, IndicatorEntry, Payload, Run, SourceEntry, utcnow
from warehouse.writer import Writer

SOURCE = "test_source"
SOURCE_ENTRY = SourceEntry(SOURCE, producer="Test producer", title="Test series", url="https://example.org/data",
                           license="CC BY 4.0", citation="Test producer (2026)", schedule="0 5 * * 2", cadence_days=7,
                           quality="official")
#: (upstream code, pillar, unit): a share, an amount in US dollars and a count.
SERIES = (("SHARE", "rd", "%"), ("AMOUNT", "funding", "USD"), ("COUNT", "models", "models"))
INDICATORS = [IndicatorEntry(f"{SOURCE}:{code}", SOURCE, pillar, f"Test {code.lower()}", f"시험 {code.lower()}", unit,
                             code, f"A test series in {unit}", "official", 0.0, 1e15)
              for code, pillar, unit in SERIES]
FLAGS = (None, "", "E", "P", "B")


def observations(code: str, countries: list[str], years: range, revision: float = 0.0) -> pd.DataFrame:
    """One indicator's annual values for ``countries`` over ``years``: varied magnitudes and flags; ``revision``
    shifts every value (a later vintage)."""
    unit = next(u for c, _, u in SERIES if c == code)
    scale = {"%": 1.0, "USD": 1e9, "models": 10.0}[unit]
    rows = [(f"{SOURCE}:{code}", iso3, "A", date(year, 1, 1),
             round(scale * (1 + math.sin(i * 7 + year) ** 2) + revision, 6), unit, FLAGS[(i + year) % len(FLAGS)])
            for i, iso3 in enumerate(countries) for year in years]
    return pd.DataFrame(rows, columns=["indicator_id", "country_iso3", "freq", "period", "value", "unit", "flags"])


def load(writer: Writer, dataset: str, frame: pd.DataFrame, release: str | None = None) -> Run:
    """Load ``frame`` as a new vintage of ``dataset`` (its CSV as the raw payload), as the pipeline would."""
    content = frame.to_csv(index=False).encode()
    payload = Payload(SOURCE, dataset, f"{dataset}.csv", content, f"https://example.org/{dataset}.csv", utcnow())
    stored = rawstore.store(writer.config.raw_dir, payload)
    run = Run(SOURCE, utcnow(), "test")
    writer.load([Batch(payload, rawstore.sha256(content), stored, release, {"observations": frame})], run)
    return run


def build(config: WarehouseConfig, countries: int = 12, years: range = range(2010, 2025)) -> Path:
    """Apply the schema at ``config.home``, load the catalogue and one dataset per series, publish; the
    published file."""
    economies = reference_frame().query("not is_aggregate")["iso3"].head(countries).tolist()
    with Writer(config, "test") as writer:
        writer.sync_catalog([SOURCE_ENTRY], INDICATORS)
        for code, _, _ in SERIES:
            load(writer, code, observations(code, economies, years))
        return publish.publish(writer.con, config)


@pytest.fixture
def published(settings) -> Path:
    """The published file of a small schema-built warehouse in the test's KAIM_HOME (so the CLI finds it too)."""
    return build(settings.warehouse)
