"""The data dictionary: Markdown generated from the published warehouse's COMMENTs and catalogue."""

from __future__ import annotations

import duckdb

HEADER = """# Data dictionary

Generated from the COMMENTs of the published warehouse by `kaim docs` (do not edit by hand).
Open the file `kaim path` prints with any DuckDB 2.x client, read-only; the views below are the public,
stable surface (tables in the `core` and `raw` schemas are internal). Values are in base units (USD, not
millions); `indicator_id` is `<source_id>:<upstream code>`; `country_iso3` is ISO 3166 alpha-3 or a
World Bank aggregate code. Worked example queries: `docs/examples.sql`.
"""


def _cell(text: object) -> str:
    return "" if text is None else str(text).replace("|", "\\|").replace("\n", " ")


def views(con: duckdb.DuckDBPyConnection) -> list[tuple[str, str]]:
    """(name, comment) of every public view, alphabetically."""
    return con.execute("SELECT view_name, comment FROM duckdb_views() WHERE schema_name = 'main' AND NOT internal "
                       "ORDER BY view_name").fetchall()


def markdown(con: duckdb.DuckDBPyConnection) -> str:
    """The whole dictionary: views and columns, then sources and indicators with units."""
    parts = [HEADER, "## Views\n"]
    for name, comment in views(con):
        parts.append(f"### `{name}`\n\n{_cell(comment)}\n\n| column | type | meaning |\n|---|---|---|")
        columns = con.execute("SELECT column_name, data_type, comment FROM duckdb_columns() WHERE schema_name = 'main' "
                              "AND table_name = ? ORDER BY column_index", [name]).fetchall()
        parts.extend(f"| `{c}` | {t} | {_cell(m)} |" for c, t, m in columns)
        parts.append("")
    parts.append("## Sources\n\n| source_id | producer | title | licence | quality |\n|---|---|---|---|---|")
    for row in con.execute("SELECT source_id, producer, title, license, quality FROM sources ORDER BY 1").fetchall():
        parts.append("| " + " | ".join(_cell(v) for v in row) + " |")
    parts.append("\n## Indicators\n\n| indicator_id | pillar | name | 이름 | unit | quality |")
    parts.append("|---|---|---|---|---|---|")
    for row in con.execute("SELECT indicator_id, pillar, name_en, name_ko, unit, quality FROM indicators "
                           "ORDER BY pillar, indicator_id").fetchall():
        parts.append("| " + " | ".join(_cell(v) for v in row) + " |")
    return "\n".join(parts) + "\n"
