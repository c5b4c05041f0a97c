"""What the command line shows: run descriptions, summaries, result formats."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from warehouse.records import Run

FORMATS = ("table", "csv", "json")
MESSAGE_WIDTH = 90

def describe_run(run: Run) -> str:
    """One line on a source's run, e.g. ``ok: 6 new payload(s), 10,276 rows (412 new or revised)``."""
    if run.status == "ok":
        return (f"ok: {run.payloads_new} new payload(s), {run.rows_added:,} rows "
                f"({run.rows_changed:,} new or revised)")
    if run.status == "unchanged":
        return "unchanged: payloads identical to the loaded ones, 0 rows added"
    return f"FAILED: {run.message}"


def collect_summary(runs: list[Run], published: Path) -> str:
    counts = {s: sum(r.status == s for r in runs) for s in ("ok", "unchanged", "failed")}
    rows = sum(r.rows_added for r in runs)
    text = (f"{len(runs)} source(s): {counts['ok']} ok, {counts['unchanged']} unchanged, "
            f"{counts['failed']} failed; {rows:,} rows added")
    return f"{text}; published {published}"


def render(frame: pd.DataFrame, fmt: str) -> str:
    """A result frame as an aligned text table, CSV or JSON records."""
    if fmt == "csv":
        return frame.to_csv(index=False).rstrip("\n")
    if fmt == "json":
        return frame.to_json(orient="records", date_format="iso", force_ascii=False)
    if frame.empty:
        return "(no rows)\n" + "  ".join(frame.columns)
    shown = frame.copy()
    for column in shown.columns:  # keep the table readable: long texts are cut (csv and json keep them)
        if not pd.api.types.is_string_dtype(shown[column]):
            continue
        shown[column] = shown[column].map(
            lambda v: v if not isinstance(v, str) or len(v) <= MESSAGE_WIDTH else v[: MESSAGE_WIDTH - 1] + "…")
    for column in shown.columns:
        values = shown[column]
        if pd.api.types.is_datetime64_any_dtype(values):  # DATE columns come back as midnight timestamps
            dates_only = (values.dropna().dt.normalize() == values.dropna()).all()
            shown[column] = values.dt.strftime("%Y-%m-%d" if dates_only else "%Y-%m-%d %H:%M:%S")
    return shown.astype(object).where(shown.notna(), "").to_string(index=False)
