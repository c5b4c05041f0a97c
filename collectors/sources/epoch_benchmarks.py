"""Epoch AI Benchmarking Hub: the Epoch Capabilities Index and Epoch's own runs of GPQA Diamond,
FrontierMath and SWE-bench Verified (independent), plus externally reported MMLU results (vendor
technical reports, or leaderboards such as Stanford CRFM's HELM, which count as independent).

Scores are fractions (0-1) in the files; they are loaded on each benchmark's declared scale
(``collectors/benchmarks.py``: 0-100), the file's value kept in ``reported_score``. ``evaluated`` is
the run's start (``Started at``, Epoch's own runs only); ``released`` the model's release date.
Epoch's ``Country`` attributes the developer; where it is empty, the organisations table does.
"""

from __future__ import annotations

import pandas as pd

from collectors import benchmarks
from collectors.base import Collector, Dataset, Parsed, Provenance
from collectors.benchmarks import ECI, FRACTION
from collectors.csvfile import number, records
from collectors.errors import SourceFormatError
from collectors.organisations import Attribution, model_family
from collectors.periods import period_start

ZIP_URL = "https://epoch.ai/data/benchmark_data.zip"
HUB = "https://epoch.ai/benchmarks"
#: file stem -> (benchmark, score column, scale of the file's scores)
FILES = {
    "epoch_capabilities_index": ("Epoch Capabilities Index", "ECI Score", ECI),
    "gpqa_diamond": ("GPQA Diamond", "mean_score", FRACTION),
    "frontiermath": ("FrontierMath", "mean_score", FRACTION),
    "swe_bench_verified": ("SWE-bench Verified", "mean_score", FRACTION),
    "mmlu_external": ("MMLU", "EM", FRACTION),
}
INDEPENDENT_SOURCES = ("leaderboard", "helm", "crfm")


def _date(file_name: str, text: str | None, field: str, line: str):
    return period_start(file_name, text[:10], field, line)[0] if text and text.strip() else None


def parse(file_name: str, content: bytes) -> Parsed:
    """One benchmark CSV of the hub as benchmark_scores rows."""
    stem = file_name.removesuffix(".csv")
    if stem not in FILES:
        raise SourceFormatError(file_name, f"not one of the hub's files {list(FILES)}")
    benchmark, score_column, scale = FILES[stem]
    parsed, attribution, rows = Parsed({}), Attribution(), []
    for line, rec in records(file_name, content, ("Model version", score_column, "Release date", "Organization",
                                                  "Country")):
        score = number(file_name, rec[score_column], score_column, line)
        if score is None:
            parsed.drop(f"no {score_column} (model listed without a score yet)")
            continue
        external = stem.endswith("_external")
        reporter = rec.get("Source") if external else "Epoch AI"
        independent = not external or any(k in (reporter or "").lower() for k in INDEPENDENT_SOURCES)
        shots = rec.get("Shots", "").strip()
        model = rec["Model version"].strip() or rec.get("Name", "").strip()
        organization, country = rec["Organization"].strip() or None, rec["Country"].strip() or None
        if organization is None and (family := model_family(model)) is not None:
            organization = family.name  # the file names only the model
        if country is None:
            country = attribution.codes(organization.split(",") if organization else [])
        rows.append({
            "model": model, "benchmark": benchmark, "score": score, "unit": scale.unit,
            "evaluated": _date(file_name, rec.get("Started at"), "Started at", line),
            "released": _date(file_name, rec["Release date"], "Release date", line),
            "reported_by": "independent" if independent else "vendor", "reporter": reporter or None,
            "organization": organization, "country_code": country,
            "setting": f"{shots}-shot" if shots else None,
            "source_url": (rec.get("Source link") or HUB) if external else HUB,
            "record_id": rec.get("id") or None, "_row": line})
    frame = pd.DataFrame(rows)
    parsed.tables["benchmark_scores"] = benchmarks.normalise(frame, parsed, [scale] * len(frame))
    parsed.notes += attribution.notes()
    return parsed


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
    country_field="Country, else Organization",
)
