"""The Korean model catalogue (26 models with developer, release date, size and openness) and Korean
benchmark scores: LogicKor (community-run, independent) and vendor-reported tables from the Kanana,
K-EXAONE and A.X 4.0 READMEs/model cards and papers. A curated compilation: mirror only.

Developers' countries come from the organisations table (``collectors/organisations.csv``): for score
rows, the Hugging Face namespace of a model id, else the organisation whose model family the name
starts with. Vendor tables publish scores on their own scales (IFEval as 0.856 in one Kanana table,
84.59 in another; MT-Bench as 83.25 on A.X's card): each is loaded on the benchmark's declared scale
(``collectors/benchmarks.py``), the published value kept in ``reported_score``.
"""

from __future__ import annotations

import re

import pandas as pd

from collectors import benchmarks
from collectors.base import Collector, Dataset, Parsed, Provenance
from collectors.benchmarks import JUDGE, PERCENT, Scale
from collectors.csvfile import number, records
from collectors.errors import SourceFormatError
from collectors.organisations import Attribution, hf_namespace, model_family
from collectors.periods import period_start

SIZE = re.compile(r"(\d+(?:\.\d+)?)\s*([BM])\b")
LOGICKOR_CATEGORIES = ("reasoning", "math", "writing", "coding", "understanding", "grammar", "single_turn",
                       "multi_turn", "overall")
OPEN_WEIGHTS = ("yes", "no", "partial", "unknown")
PLACEHOLDERS = {"TBA", "TBD", "-", "N/A"}
#: Reference rows of a score table that are not models (the KMMLU paper's "human average").
NOT_A_MODEL = re.compile(r"^human\b", re.IGNORECASE)


def parameters(text: str) -> float | None:
    """The largest size stated, e.g. "2.4B, 7.8B, 32B" -> 32e9; "undisclosed" -> None."""
    sizes = [float(n) * (1e9 if unit == "B" else 1e6) for n, unit in SIZE.findall(text)]
    return max(sizes) if sizes else None


def parse_catalogue(file_name: str, content: bytes, attribution: Attribution) -> pd.DataFrame:
    rows = []
    for line, rec in records(file_name, content, ("model", "organization", "release_date", "parameters",
                                                  "open_weights", "modality", "notes", "source_url")):
        published, precision = (None, None)
        if rec["release_date"].strip():  # one model's date is not verified in the sources
            published, precision = period_start(file_name, rec["release_date"], "release_date", line)
        if rec["open_weights"] not in OPEN_WEIGHTS:
            raise SourceFormatError(file_name, f"open_weights {rec['open_weights']!r} is not one of {OPEN_WEIGHTS}",
                                    field="open_weights", row=line)
        country = attribution.code(rec["organization"])  # Polyglot-Ko's EleutherAI is not Korean
        rows.append({
            "model": rec["model"], "organization": rec["organization"], "country_code": country,
            "country_name": country, "published": published, "date_precision": precision,
            "parameters": parameters(rec["parameters"]), "training_compute_flop": None,
            "domain": rec["modality"] or None, "open_weights": rec["open_weights"], "accessibility": None,
            "collection": "korea_catalogue", "link": rec["source_url"].split(" ; ")[0] or None,
            "notes": rec["notes"] or None, "_row": line})
    return pd.DataFrame(rows)


def developer(model: str) -> str | None:
    """The developer as the row gives it: the Hugging Face namespace of an ``org/model`` id, else the
    organisation whose model family the name starts with (organisations table), else None."""
    if namespace := hf_namespace(model):
        return namespace
    family = model_family(model)
    return family.name if family else None


def _score(model: str, benchmark: str, score: float, reported_by: str, reporter: str, setting: str | None,
           source_url: str, line: str, attribution: Attribution) -> dict:
    organization = developer(model)
    return {"model": model, "benchmark": benchmark, "score": score, "unit": None,
            "evaluated": None, "released": None, "reported_by": reported_by, "reporter": reporter,
            "organization": organization, "country_code": attribution.code(organization), "setting": setting,
            "source_url": source_url, "record_id": None, "_row": line}


def parse_logickor(file_name: str, content: bytes, parsed: Parsed, attribution: Attribution) -> pd.DataFrame:
    rows = []
    for line, rec in records(file_name, content, ("model", "setting", *LOGICKOR_CATEGORIES, "source")):
        for category in LOGICKOR_CATEGORIES:
            value = number(file_name, rec[category], category, line)
            if value is None:
                parsed.drop(f"empty LogicKor {category} score")
                continue
            rows.append(_score(rec["model"], f"LogicKor: {category.replace('_', ' ')}", value, "independent",
                               "LogicKor (instructkr)", rec["setting"], "https://" + rec["source"].split(" ")[0],
                               line, attribution))
    frame = pd.DataFrame(rows)
    # The file's judge_note: "LLM-as-judge score 1-10".
    return benchmarks.normalise(frame, parsed, [JUDGE] * len(frame))


def stated_scale(metric: str) -> Scale | None:
    """The scale a table's metric column states ("accuracy %", "GPT-4-0613 judge, 1-10, ..."), if any."""
    if "%" in metric:
        return PERCENT
    return JUDGE if "1-10" in metric else None


def parse_vendor_table(file_name: str, content: bytes, parsed: Parsed, attribution: Attribution) -> pd.DataFrame:
    """Vendor README/model-card tables (Kanana, K-EXAONE, A.X 4.0) and the mixed 'misc' table. Scales come
    from the metric column where the table has one, else from the values of each table column."""
    rows, stated = [], []
    for line, rec in records(file_name, content, ("model", "benchmark", "score", "reported_by")):
        cell = rec["score"].strip()
        if cell.upper() in PLACEHOLDERS:
            parsed.drop(f"score {cell!r} (the vendor left the cell open)")
            continue
        value = number(file_name, rec["score"], "score", line)
        if value is None:
            parsed.drop("empty score")
            continue
        if NOT_A_MODEL.match(rec["model"]):
            parsed.drop(f"{rec['model']!r}: a human baseline, not a model")
            continue
        setting = " / ".join(v for k in ("readme_version_section", "table", "scale_group", "category", "mode",
                                         "context") if (v := rec.get(k, "").strip())) or None
        reporter = rec["reported_by"]
        independent = "vendor" not in reporter.lower()  # papers and benchmark authors evaluating others
        url = rec.get("source_url") or ("https://" + rec.get("source", "").split(" ")[0])
        row = _score(rec["model"], rec["benchmark"], value, "independent" if independent else "vendor", reporter,
                     setting, url, line, attribution)
        # The vendor's table column: scale_group only splits one table by model size.
        row["_column"] = tuple(rec.get(k, "").strip() for k in ("readme_version_section", "table", "category"))
        rows.append(row)
        stated.append(stated_scale(rec.get("metric", "")))
    frame = pd.DataFrame(rows)
    if frame.empty:
        return benchmarks.normalise(frame, parsed, [])
    scales = pd.Series(stated, index=frame.index, dtype=object)
    basis = pd.Series(benchmarks.STATED, index=frame.index, dtype=object)
    benchmark = frame["benchmark"].map(benchmarks.name)  # spelling variants: one column of one benchmark
    open_rows = scales.isna() & benchmark.isin(list(benchmarks.DECLARED))
    for (name, _), column in frame[open_rows].groupby([benchmark[open_rows], "_column"]):
        scale, why = benchmarks.infer(name, column["score"])
        scales[column.index] = [scale] * len(column)
        basis[column.index] = why
    return benchmarks.normalise(frame.drop(columns="_column"), parsed, scales.tolist(), basis.tolist())


def parse(file_name: str, content: bytes) -> Parsed:
    """The catalogue as ai_models; each score table as benchmark_scores."""
    parsed, attribution = Parsed({}), Attribution()
    if file_name == "models.csv":
        parsed.tables["ai_models"] = parse_catalogue(file_name, content, attribution)
    elif file_name.startswith("logickor"):
        parsed.tables["benchmark_scores"] = parse_logickor(file_name, content, parsed, attribution)
    else:
        parsed.tables["benchmark_scores"] = parse_vendor_table(file_name, content, parsed, attribution)
    parsed.notes += attribution.notes()
    return parsed


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
