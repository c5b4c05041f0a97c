"""LLM leaderboards (independent evaluations): the Hugging Face Open LLM Leaderboard v2 (six
benchmarks and their average, normalised 0-100) and the LMSYS Chatbot Arena table (MT-bench, MMLU).

The Open LLM Leaderboard is read from its dataset viewer (``/rows``, pages of 100, assembled into one
JSON payload) or from a pandas CSV dump of the same dataset (as in the mirror).
"""

from __future__ import annotations

import json
import re

import pandas as pd
import requests

from collectors.base import Collector, Dataset, Parsed, Provenance
from collectors.csvfile import number, records
from collectors.errors import FetchError, SourceFormatError
from collectors.http import get_bytes
from collectors.organizations import country_of
from collectors.periods import period_start

ROWS_URL = ("https://datasets-server.huggingface.co/rows?dataset=open-llm-leaderboard%2Fcontents&config=default"
            "&split=train&offset={offset}&length=100")
SPACE_TREE = "https://huggingface.co/api/spaces/lmarena-ai/arena-leaderboard/tree/main"
SPACE_FILE = "https://huggingface.co/spaces/lmarena-ai/arena-leaderboard/resolve/main/{name}"
OPEN_LLM_PAGE = "https://huggingface.co/spaces/open-llm-leaderboard/open_llm_leaderboard"
OPEN_LLM_BENCHMARKS = ("IFEval", "BBH", "MATH Lvl 5", "GPQA", "MUSR", "MMLU-PRO", "Average ⬆️")
LMSYS_SCORES = {"MT-bench (score)": ("MT-bench", "judge score (1-10)"), "MMLU": ("MMLU", "fraction correct (0-1)")}


def fetch_open_llm_rows(session: requests.Session, dataset: Dataset) -> tuple[str, bytes]:
    """Every page of the dataset viewer's /rows, as one JSON document with all rows."""
    rows, offset, total, features = [], 0, None, None
    while total is None or offset < total:
        page = json.loads(get_bytes(session, ROWS_URL.format(offset=offset)))
        if "rows" not in page:
            raise FetchError(f"{ROWS_URL.format(offset=offset)}: no rows in the answer: {str(page)[:200]}")
        total, features = page.get("num_rows_total", 0), features or page.get("features")
        rows += page["rows"]
        if not page["rows"]:
            break
        offset += len(page["rows"])
    document = {"features": features, "rows": rows, "num_rows_total": total}
    return dataset.file_name, json.dumps(document, ensure_ascii=False).encode()


def fetch_newest_lmsys_table(session: requests.Session, dataset: Dataset) -> tuple[str, bytes]:
    """The newest ``leaderboard_table_<date>.csv`` of the Arena's Hugging Face Space."""
    listing = json.loads(get_bytes(session, SPACE_TREE))
    tables = sorted(f["path"] for f in listing if re.fullmatch(r"leaderboard_table_\d{8}\.csv", f.get("path", "")))
    if not tables:
        raise FetchError(f"{SPACE_TREE}: no leaderboard_table_<date>.csv in the Space")
    return f"lmsys_{tables[-1]}", get_bytes(session, SPACE_FILE.format(name=tables[-1]))


def _open_llm_records(file_name: str, content: bytes) -> list[tuple[str, dict[str, str]]]:
    if content.lstrip()[:1] == b"{":
        try:
            document = json.loads(content)
        except json.JSONDecodeError as exc:
            raise SourceFormatError(file_name, f"not valid JSON ({exc})") from exc
        found = []
        for i, item in enumerate(document.get("rows", [])):
            row = item.get("row", {})
            missing = [c for c in ("fullname", *OPEN_LLM_BENCHMARKS) if c not in row]
            if missing:
                raise SourceFormatError(file_name, "missing field(s)", field=", ".join(missing), row=f"rows[{i}]")
            found.append((f"rows[{i}]", {k: "" if v is None else str(v) for k, v in row.items()}))
        return found
    return records(file_name, content, ("fullname", "eval_name", "Precision", "Submission Date", *OPEN_LLM_BENCHMARKS))


def parse_open_llm(file_name: str, content: bytes) -> pd.DataFrame:
    rows = []
    for line, rec in _open_llm_records(file_name, content):
        model = rec["fullname"]
        submitted = rec.get("Submission Date", "")[:10]
        for benchmark in OPEN_LLM_BENCHMARKS:
            score = number(file_name, rec[benchmark], benchmark, line)
            if score is None:
                continue
            rows.append({
                "model": model, "benchmark": f"Open LLM Leaderboard v2: {benchmark.replace(' ⬆️', '')}",
                "score": score, "unit": "normalised score (0-100)",
                "evaluated": period_start(file_name, submitted, "Submission Date", line)[0] if submitted else None,
                "reported_by": "independent", "reporter": "Hugging Face Open LLM Leaderboard",
                "organization": model.split("/")[0], "country_code": country_of(model),
                "setting": rec.get("Precision") or None, "source_url": OPEN_LLM_PAGE,
                "record_id": rec.get("eval_name") or None, "_row": line})
    return pd.DataFrame(rows)


def parse_lmsys(file_name: str, content: bytes) -> pd.DataFrame:
    stamp = re.search(r"(\d{8})", file_name)
    evaluated = period_start(file_name, f"{stamp[1][:4]}-{stamp[1][4:6]}-{stamp[1][6:]}", "file name", "-")[0] \
        if stamp else None
    rows = []
    for line, rec in records(file_name, content, ("key", "Model", "Organization", "Link", *LMSYS_SCORES)):
        for column, (benchmark, unit) in LMSYS_SCORES.items():
            score = number(file_name, rec[column].replace("-", ""), column, line)
            if score is None:
                continue
            rows.append({
                "model": rec["Model"], "benchmark": f"Chatbot Arena table: {benchmark}", "score": score, "unit": unit,
                "evaluated": evaluated, "reported_by": "independent", "reporter": "LMSYS Chatbot Arena",
                "organization": rec["Organization"] or None, "country_code": country_of(rec["Organization"]),
                "setting": None, "source_url": rec["Link"] or SPACE_TREE, "record_id": rec["key"], "_row": line})
    return pd.DataFrame(rows)


def parse(file_name: str, content: bytes) -> Parsed:
    """Either leaderboard file as benchmark_scores rows."""
    if "lmsys" in file_name or file_name.startswith("leaderboard_table_"):
        return Parsed({"benchmark_scores": parse_lmsys(file_name, content)})
    return Parsed({"benchmark_scores": parse_open_llm(file_name, content)})


collector = Collector(
    id="leaderboards",
    schedule="0 7 * * 1",
    cadence_days=60,
    provenance=Provenance(
        producer="Hugging Face (Open LLM Leaderboard); LMSYS / LMArena (Chatbot Arena)",
        title="Open LLM Leaderboard v2 contents; Chatbot Arena leaderboard table",
        url=OPEN_LLM_PAGE,
        license="Open LLM Leaderboard: dataset card terms; Arena Space: Apache-2.0",
        citation="Hugging Face Open LLM Leaderboard v2 (2024-2025); LMSYS Chatbot Arena leaderboard table.",
    ),
    datasets=(
        Dataset(key="open_llm_leaderboard", url=ROWS_URL.format(offset=0), fetch=fetch_open_llm_rows,
                mirror_glob="open_llm_leaderboard_v2_contents.*", file_name="open_llm_leaderboard_v2_contents.json"),
        Dataset(key="lmsys_table", url=SPACE_TREE, fetch=fetch_newest_lmsys_table,
                mirror_glob="lmsys_leaderboard_table_*.csv", file_name="lmsys_leaderboard_table.csv"),
    ),
    parse=parse,
    unmapped="report",
    country_field="organization",
)
