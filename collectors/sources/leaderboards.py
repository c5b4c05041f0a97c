"""LLM leaderboards (independent evaluations): the Hugging Face Open LLM Leaderboard v2 (six
benchmarks and their average, normalised 0-100) and the LMSYS Chatbot Arena table (MT-bench, MMLU).

The Open LLM Leaderboard is read from its dataset viewer (``/rows``, pages of 100, assembled into one
JSON payload) or from a pandas CSV dump of the same dataset (as in the mirror).

``evaluated`` is the submission date (Open LLM) or the table's date (Arena); ``released`` the model's
upload to the Hub. Developers are Hugging Face namespaces or the Arena's ``Organization``, mapped to
countries by the organisations table; scores are put on each benchmark's declared scale.
"""

from __future__ import annotations

import json
import re

import pandas as pd
import requests

from collectors import benchmarks
from collectors.base import Collector, Dataset, Parsed, Provenance
from collectors.benchmarks import FRACTION, JUDGE, OPEN_LLM
from collectors.csvfile import number, records
from collectors.errors import FetchError, SourceFormatError
from collectors.http import get_bytes
from collectors.organisations import Attribution, hf_namespace
from collectors.periods import period_start

ROWS_URL = ("https://datasets-server.huggingface.co/rows?dataset=open-llm-leaderboard%2Fcontents&config=default"
            "&split=train&offset={offset}&length=100")
SPACE_TREE = "https://huggingface.co/api/spaces/lmarena-ai/arena-leaderboard/tree/main"
SPACE_FILE = "https://huggingface.co/spaces/lmarena-ai/arena-leaderboard/resolve/main/{name}"
OPEN_LLM_PAGE = "https://huggingface.co/spaces/open-llm-leaderboard/open_llm_leaderboard"
OPEN_LLM_BENCHMARKS = ("IFEval", "BBH", "MATH Lvl 5", "GPQA", "MUSR", "MMLU-PRO", "Average ⬆️")
#: column -> (benchmark, scale of the table's values); MMLU is loaded on its declared 0-100 scale.
LMSYS_SCORES = {"MT-bench (score)": ("MT-bench", JUDGE), "MMLU": ("MMLU", FRACTION)}


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


def parse_open_llm(file_name: str, content: bytes, parsed: Parsed, attribution: Attribution) -> pd.DataFrame:
    rows = []
    for line, rec in _open_llm_records(file_name, content):
        model = rec["fullname"]
        submitted, uploaded = rec.get("Submission Date", "")[:10], rec.get("Upload To Hub Date", "")[:10]
        organization = hf_namespace(model) or model.split("/")[0]
        for benchmark in OPEN_LLM_BENCHMARKS:
            score = number(file_name, rec[benchmark], benchmark, line)
            if score is None:
                parsed.drop(f"empty {benchmark.replace(' ⬆️', '')} score")
                continue
            rows.append({
                "model": model, "benchmark": f"Open LLM Leaderboard v2: {benchmark.replace(' ⬆️', '')}",
                "score": score, "unit": OPEN_LLM.unit,
                "evaluated": period_start(file_name, submitted, "Submission Date", line)[0] if submitted else None,
                "released": period_start(file_name, uploaded, "Upload To Hub Date", line)[0] if uploaded else None,
                "reported_by": "independent", "reporter": "Hugging Face Open LLM Leaderboard",
                "organization": organization, "country_code": attribution.code(organization),
                "setting": rec.get("Precision") or None, "source_url": OPEN_LLM_PAGE,
                "record_id": rec.get("eval_name") or None, "_row": line})
    frame = pd.DataFrame(rows)
    return benchmarks.normalise(frame, parsed, [OPEN_LLM] * len(frame))


def parse_lmsys(file_name: str, content: bytes, parsed: Parsed, attribution: Attribution) -> pd.DataFrame:
    stamp = re.search(r"(\d{8})", file_name)
    evaluated = period_start(file_name, f"{stamp[1][:4]}-{stamp[1][4:6]}-{stamp[1][6:]}", "file name", "-")[0] \
        if stamp else None
    rows, scales = [], []
    for line, rec in records(file_name, content, ("key", "Model", "Organization", "Link", *LMSYS_SCORES)):
        for column, (benchmark, scale) in LMSYS_SCORES.items():
            if rec[column].strip() in ("-", ""):
                parsed.drop(f"{column} cell {rec[column].strip() or 'empty'!r} (no score)")
                continue
            score = number(file_name, rec[column], column, line)
            organization = rec["Organization"].strip() or None
            rows.append({
                "model": rec["Model"], "benchmark": f"Chatbot Arena table: {benchmark}", "score": score,
                "unit": scale.unit, "evaluated": evaluated, "released": None, "reported_by": "independent",
                "reporter": "LMSYS Chatbot Arena", "organization": organization,
                "country_code": attribution.code(organization), "setting": None,
                "source_url": rec["Link"] or SPACE_TREE, "record_id": rec["key"], "_row": line})
            scales.append(scale)
    return benchmarks.normalise(pd.DataFrame(rows), parsed, scales)


def parse(file_name: str, content: bytes) -> Parsed:
    """Either leaderboard file as benchmark_scores rows."""
    parsed, attribution = Parsed({}), Attribution()
    if "lmsys" in file_name or file_name.startswith("leaderboard_table_"):
        parsed.tables["benchmark_scores"] = parse_lmsys(file_name, content, parsed, attribution)
    else:
        parsed.tables["benchmark_scores"] = parse_open_llm(file_name, content, parsed, attribution)
    parsed.notes += attribution.notes()
    return parsed


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
