"""`kaim export parquet DIR`: every public view of the published warehouse as Parquet, with a README
and the data dictionary beside it. Large views are partitioned by source (hive layout)."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb

from warehouse import dictionary

#: Views written as hive-partitioned folders (``<view>/source_id=<id>/*.parquet``).
PARTITIONED = {"observations": "source_id", "observation_vintages": "source_id", "benchmark_scores": "source_id"}

README = """# Korea AI Monitor: Parquet export

Exported from `{source}`.
One Parquet file per public view (`<view>.parquet`); large views are folders partitioned by source
(`<view>/source_id=<id>/data_0.parquet`). `schema.md` is the data dictionary (every view and column).

Read with DuckDB:

    SELECT * FROM read_parquet('observations/*/*.parquet', hive_partitioning = true)
    WHERE country_iso3 = 'KOR' AND indicator_id = 'oecd_msti:G_XGDP';

or pandas / pyarrow: `pandas.read_parquet("observations")`.
Licences differ by source (see `sources.parquet` and `schema.md`); cite the producers.
"""


def export_parquet(published: Path, out_dir: Path) -> list[Path]:
    """Write every public view of ``published`` under ``out_dir``; returns the paths written."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    with duckdb.connect(str(published), read_only=True) as con:
        for view, _ in dictionary.views(con):
            target = out_dir / (view if view in PARTITIONED else f"{view}.parquet")
            if target.is_dir():
                shutil.rmtree(target)
            options = "FORMAT parquet, COMPRESSION zstd"
            if view in PARTITIONED:
                options += f", PARTITION_BY ({PARTITIONED[view]})"
            quoted = str(target).replace("'", "''")
            con.execute(f"COPY (SELECT * FROM {view}) TO '{quoted}' ({options})")
            written.append(target)
        (out_dir / "schema.md").write_text(dictionary.markdown(con), encoding="utf-8")
    (out_dir / "README.md").write_text(README.format(source=published.name), encoding="utf-8")
    return written
