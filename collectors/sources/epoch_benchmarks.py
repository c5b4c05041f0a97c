"""Epoch AI Benchmarking Hub: the Epoch Capabilities Index and Epoch's own runs of GPQA Diamond,
FrontierMath and SWE-bench Verified (independent), plus externally reported MMLU results (vendor
technical reports, or leaderboards such as Stanford CRFM's HELM, which count as independent).
"""

from __future__ import annotations

import pandas as pd

from collectors.base import Collector, Dataset, Parsed, Provenance
from collectors.csvfile import number, records
from collectors.errors import SourceFormatError
from collectors.periods import period_start

ZIP_URL = "https://epoch.ai/data/benchmark_data.zip"
HUB = "https://epoch.ai/benchmarks"
#: file stem -> (benchmark, score column, unit)
FILES = {
    "epoch_capabilities_index": ("Epoch Capabilities Index", "ECI Score", "ECI points"),
    "gpqa_diamond": ("GPQA Diamond", "mean_score", "fraction correct (0-1)"),
    "frontiermath": ("FrontierMath", "mean_score", "fraction correct (0-1)"),
    "swe_bench_verified": ("SWE-bench Verified", "mean_score", "fraction resolved (0-1)"),
    "mmlu_external": ("MMLU", "EM", "fraction correct (0-1)"),
}
INDEPENDENT_SOURCES = ("leaderboard", "helm", "crfm")


def _date(file_name: str, text: str | None, field: str, line: str):
    return period_start(file_name, text[:10], field, line)[0] if text and text.strip() else None


def parse(file_name: str, content: bytes) -> Parsed:
    """One benchmark CSV of the hub as benchmark_scores rows."""
    stem = file_name.removesuffix(".csv")
    if stem not in FILES:
        raise SourceFormatError(file_name, f"not one of the hub's files {list(FILES)}")
    benchmark, score_column, unit = FILES[stem]
    rows = []
    for line, rec in records(file_name, content, ("Model version", score_column, "Release date", "Organization",
                                                  "Country")):
        score = number(file_name, rec[score_column], score_column, line)
        if score is None:
            continue  # listed without a score yet
        external = stem.endswith("_external")
        reporter = rec.get("Source") if external else "Epoch AI"
        independent = not external or any(k in (reporter or "").lower() for k in INDEPENDENT_SOURCES)
        shots = rec.get("Shots", "").strip()
        rows.append({
            "model": rec["Model version"].strip() or rec.get("Name", "").strip(),
            "benchmark": benchmark, "score": score, "unit": unit,
            "evaluated": _date(file_name, rec.get("Started at") or rec["Release date"], "Release date", line),
            "reported_by": "independent" if independent else "vendor", "reporter": reporter or None,
            "organization": rec["Organization"].strip() or None, "country_code": rec["Country"].strip() or None,
            "setting": f"{shots}-shot" if shots else None,
            "source_url": (rec.get("Source link") or HUB) if external else HUB,
            "record_id": rec.get("id") or None, "_row": line})
    return Parsed({"benchmark_scores": pd.DataFrame(rows)})


collector = Collector(
    id="epoch_benchmarks",
    schedule="0 5 * * *",
    cadence_days=30,
    provenance=Provenance(
        producer="Epoch AI",
        title="AI Benchmarking Hub",
        url=HUB,
        license="CC BY 4.0",
        citation="Epoch AI, 'AI Benchmarking Hub', https://epoch.ai/benchmarks.",
    ),
    datasets=tuple(Dataset(key=stem, url=ZIP_URL, zip_member=f"*{stem}.csv", mirror_glob=f"{stem}.csv",
                           file_name=f"{stem}.csv") for stem in FILES),
    parse=parse,
    unmapped="report",
    country_field="Country",
)
