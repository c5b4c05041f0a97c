"""The Korean model catalogue (26 models with developer, release date, size and openness) and Korean
benchmark scores: LogicKor (community-run, independent) and vendor-reported tables from the Kanana,
K-EXAONE and A.X 4.0 READMEs/model cards and papers. A curated compilation: mirror only.
"""

from __future__ import annotations

import re

import pandas as pd

from collectors.base import Collector, Dataset, Parsed, Provenance
from collectors.csvfile import number, records
from collectors.errors import SourceFormatError
from collectors.organizations import country_of
from collectors.periods import period_start

SIZE = re.compile(r"(\d+(?:\.\d+)?)\s*([BM])\b")
LOGICKOR_CATEGORIES = ("reasoning", "math", "writing", "coding", "understanding", "grammar", "single_turn",
                       "multi_turn", "overall")
OPEN_WEIGHTS = ("yes", "no", "partial", "unknown")
PLACEHOLDERS = {"TBA", "TBD", "-", "N/A"}


def parameters(text: str) -> float | None:
    """The largest size stated, e.g. "2.4B, 7.8B, 32B" -> 32e9; "undisclosed" -> None."""
    sizes = [float(n) * (1e9 if unit == "B" else 1e6) for n, unit in SIZE.findall(text)]
    return max(sizes) if sizes else None


def developer_country(organization: str) -> str:
    """The developer's country where known (EleutherAI's Polyglot-Ko is not Korean), else Korea."""
    return country_of(organization) or country_of(organization.split()[0]) or "KOR"


def parse_catalogue(file_name: str, content: bytes) -> pd.DataFrame:
    rows = []
    for line, rec in records(file_name, content, ("model", "organization", "release_date", "parameters",
                                                  "open_weights", "modality", "notes", "source_url")):
        published, precision = (None, None)
        if rec["release_date"].strip():  # one model's date is not verified in the sources
            published, precision = period_start(file_name, rec["release_date"], "release_date", line)
        if rec["open_weights"] not in OPEN_WEIGHTS:
            raise SourceFormatError(file_name, f"open_weights {rec['open_weights']!r} is not one of {OPEN_WEIGHTS}",
                                    field="open_weights", row=line)
        country = developer_country(rec["organization"])
        rows.append({
            "model": rec["model"], "organization": rec["organization"], "country_code": country,
            "country_name": country, "published": published, "date_precision": precision,
            "parameters": parameters(rec["parameters"]), "training_compute_flop": None,
            "domain": rec["modality"] or None, "open_weights": rec["open_weights"], "accessibility": None,
            "collection": "korea_catalogue", "link": rec["source_url"].split(" ; ")[0] or None,
            "notes": rec["notes"] or None, "_row": line})
    return pd.DataFrame(rows)


def _score(model: str, benchmark: str, score: float, unit: str, reported_by: str, reporter: str,
           setting: str | None, source_url: str, line: str) -> dict:
    organization = model.split("/")[0] if "/" in model else None
    return {"model": model, "benchmark": benchmark, "score": score, "unit": unit, "evaluated": None,
            "reported_by": reported_by, "reporter": reporter, "organization": organization,
            "country_code": country_of(model), "setting": setting, "source_url": source_url, "record_id": None,
            "_row": line}


def parse_logickor(file_name: str, content: bytes) -> pd.DataFrame:
    rows = []
    for line, rec in records(file_name, content, ("model", "setting", *LOGICKOR_CATEGORIES, "source")):
        for category in LOGICKOR_CATEGORIES:
            value = number(file_name, rec[category], category, line)
            if value is not None:
                rows.append(_score(rec["model"], f"LogicKor: {category.replace('_', ' ')}", value,
                                   "judge score (1-10)", "independent", "LogicKor (instructkr)", rec["setting"],
                                   "https://" + rec["source"].split(" ")[0], line))
    return pd.DataFrame(rows)


def parse_vendor_table(file_name: str, content: bytes) -> pd.DataFrame:
    """Vendor README/model-card tables (Kanana, K-EXAONE, A.X 4.0) and the mixed 'misc' table."""
    rows = []
    for line, rec in records(file_name, content, ("model", "benchmark", "score", "reported_by")):
        if rec["score"].strip().upper() in PLACEHOLDERS:
            continue  # the vendor left the cell open ("TBA")
        value = number(file_name, rec["score"], "score", line)
        if value is None:
            continue
        setting = " / ".join(v for k in ("readme_version_section", "table", "scale_group", "category", "mode",
                                         "context") if (v := rec.get(k, "").strip())) or None
        reporter = rec["reported_by"]
        independent = "vendor" not in reporter.lower()  # papers and benchmark authors evaluating others
        url = rec.get("source_url") or ("https://" + rec.get("source", "").split(" ")[0])
        rows.append(_score(rec["model"], rec["benchmark"], value, rec.get("metric") or "score as reported",
                           "independent" if independent else "vendor", reporter, setting, url, line))
    return pd.DataFrame(rows)


def parse(file_name: str, content: bytes) -> Parsed:
    """The catalogue as ai_models; each score table as benchmark_scores."""
    if file_name == "models.csv":
        return Parsed({"ai_models": parse_catalogue(file_name, content)})
    if file_name.startswith("logickor"):
        return Parsed({"benchmark_scores": parse_logickor(file_name, content)})
    return Parsed({"benchmark_scores": parse_vendor_table(file_name, content)})


SCORE_FILES = ("logickor_scores", "kanana_readme_scores", "k_exaone_readme_scores", "ax40_modelcard_scores",
               "misc_reported_scores")

collector = Collector(
    id="korea_models",
    schedule="0 7 * * 1",
    cadence_days=90,
    provenance=Provenance(
        producer="Korea AI Monitor (compiled from model cards, papers, LogicKor and vendor READMEs)",
        title="Korean AI model catalogue and Korean benchmark scores",
        url="https://github.com/instructkr/LogicKor",
        license="Compilation of public facts; each row carries its source URL (vendor tables: vendors' terms)",
        citation="Korea AI Monitor, Korean model catalogue; sources per row.",
    ),
    datasets=(
        Dataset(key="catalogue", url="https://huggingface.co/models", mirror_glob="models.csv",
                file_name="models.csv"),
        *(Dataset(key=stem, url="https://huggingface.co/models", mirror_glob=f"scores/{stem}.csv",
                  file_name=f"{stem}.csv") for stem in SCORE_FILES),
    ),
    parse=parse,
    quality="compiled",
    unmapped="report",
    country_field="organization",
    mirror_only="a curated catalogue compiled from model cards, papers and READMEs; update the CSVs in "
                "<mirror>/korea_models/",
)
