"""Benchmarks and models (issue 13), on the real files: developers mapped to countries from one reviewed
table with what stays unmapped listed; one declared scale per benchmark with the reported value kept and
rescaled rows flagged; evaluation and release dates apart; every row a parser skips counted."""

from __future__ import annotations

import csv
import io
from collections import Counter
from datetime import date
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from collectors import benchmarks, organisations
from collectors.organisations import Attribution
from collectors.registry import registry
from collectors.sources import epoch, epoch_benchmarks, korea_models, leaderboards
from collectors.validate import validate
from kaim.cli import main
from warehouse import publish
from warehouse.countries import lookup

SOURCES = ["leaderboards", "epoch_benchmarks", "korea_models", "epoch"]
TABLE = Path(organisations.__file__).with_name("organisations.csv")


def read(data_dir: Path, source: str, name: str) -> tuple[str, bytes]:
    path = next((data_dir / source).rglob(name))
    return path.name, path.read_bytes()


def rows_of(content: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))


def scores(data_dir: Path, source: str, name: str) -> pd.DataFrame:
    file_name, content = read(data_dir, source, name)
    collector = registry()[source]
    return validate(collector, file_name, collector.parse(file_name, content)).frames["benchmark_scores"]


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory, data_dir):
    home = tmp_path_factory.mktemp("benchmarks-home")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("KAIM_HOME", str(home))
        assert main(["collect", *SOURCES, "--mirror", str(data_dir)]) == 0
        from kaim.settings import load_settings

        with duckdb.connect(str(publish.latest(load_settings().warehouse)), read_only=True) as con:
            yield con


# --- 1. Organisations and their countries ------------------------------------------------------------

def table_names() -> dict[str, str]:
    """Every name and alias of the reviewed table (case-folded) -> country, read straight from the CSV."""
    names = {}
    for row in csv.DictReader(io.StringIO(TABLE.read_text(encoding="utf-8"))):
        for name in [row["organisation"], *row["aliases"].split(";")]:
            if name.strip():
                names[" ".join(name.split()).casefold()] = row["country_iso3"]
    return names


def test_the_table_is_reviewed_row_by_row():
    rows = list(csv.DictReader(io.StringIO(TABLE.read_text(encoding="utf-8"))))
    assert tuple(rows[0]) == organisations.COLUMNS and len(rows) == len(organisations.table()) >= 100
    for row in rows:
        assert lookup(row["country_iso3"]) == row["country_iso3"], row
        assert row["source_url"].startswith("https://") and len(row["basis"]) > 20, row
        assert date.fromisoformat(row["reviewed"]) <= date.today(), row
        assert row["kind"] in ("company", "university", "research institute", "non-profit", "project",
                               "consortium", "individual"), row
    organisations._by_name()  # raises when one name stands for two organisations


def test_the_table_agrees_with_epochs_own_attribution(data_dir):
    """Where Epoch AI names one organisation and one country, the table (if it knows the name) agrees."""
    known, checked = table_names(), 0
    for name in ("notable_ai_models.csv", "large_scale_ai_models.csv", "frontier_ai_models.csv"):
        for row in rows_of(read(data_dir, "epoch", name)[1]):
            organization, country = row["Organization"].strip(), row["Country (of organization)"].strip()
            if organization and "," not in organization + country and organization.casefold() in known:
                assert known[organization.casefold()] == lookup(country), (name, organization, country)
                checked += 1
    assert checked > 500


def test_markrai_model_is_korean(data_dir):
    frame = scores(data_dir, "korea_models", "logickor_scores.csv")
    markr = frame[frame["model"] == "HumanF-MarkrAI/Gukbap-Gemma2-9B"]
    assert len(markr) == 27 and set(markr["country_iso3"]) == {"KOR"} and set(markr["organization"]) == {
        "HumanF-MarkrAI"}


def test_korea_ties_first_on_logickor_understanding(warehouse):
    ranks = dict(warehouse.execute("SELECT country_iso3, country_rank FROM benchmark_best_by_country WHERE "
                                   "benchmark = 'LogicKor: understanding' AND reported_by = 'independent'").fetchall())
    assert ranks["KOR"] == ranks["USA"] == ranks["CHN"] == 1  # 9.92 each; Korea was 4th with MarkrAI unmapped
    best = warehouse.execute("SELECT best_model, best_score FROM benchmark_best_by_country WHERE benchmark = "
                             "'LogicKor: understanding' AND country_iso3 = 'KOR'").fetchone()
    assert best == ("HumanF-MarkrAI/Gukbap-Gemma2-9B", 9.92)


def test_korean_developers_in_the_data_are_mapped(data_dir):
    korean = {"LGAI-EXAONE", "upstage", "Upstage AI", "NCSOFT", "HumanF-MarkrAI", "yanolja", "nlpai-lab", "mirlab",
              "Bllossom", "MLP-KTLim", "beomi", "maywell", "davidkim205", "saltlux", "kaist-ai", "VIRNECT"}
    assert {name: organisations.country_of(name) for name in korean} == dict.fromkeys(korean, "KOR")
    catalogue = korea_models.parse(*read(data_dir, "korea_models", "models.csv")).tables["ai_models"]
    countries = dict(zip(catalogue["organization"], catalogue["country_code"], strict=True))
    assert countries.pop("EleutherAI polyglot team (not a Korean organisation)") == "USA"
    assert set(countries.values()) == {"KOR"} and len(countries) == 12  # no default: each found in the table


def test_vendor_rows_get_the_developer_of_the_model_family(data_dir):
    frame = scores(data_dir, "korea_models", "ax40_modelcard_scores.csv")
    developers = frame.groupby("model")[["organization", "country_iso3"]].first().apply(tuple, axis=1).to_dict()
    assert developers == {"A.X 4.0": ("SK Telecom", "KOR"), "GPT-4o": ("OpenAI", "USA"),
                          "Qwen2.5-72B": ("Alibaba", "CHN"), "Qwen3-235B-A22B (w/o reasoning)": ("Alibaba", "CHN")}
    for name in ("kanana_readme_scores.csv", "k_exaone_readme_scores.csv"):
        assert scores(data_dir, "korea_models", name)["country_iso3"].notna().all(), name


def unmapped_in_warehouse(con, source: str) -> dict[tuple[str, str], int]:
    return {(f, c): n for f, c, n in con.execute("SELECT file_name, code, rows FROM unmapped_codes WHERE source_id = ?",
                                                 [source]).fetchall()}


def test_unmapped_developers_are_exactly_what_the_table_lacks(warehouse, data_dir):
    known = table_names()
    expected: Counter = Counter()
    name, content = read(data_dir, "leaderboards", "open_llm_leaderboard_v2_contents.csv")
    for row in rows_of(content):
        namespace = row["fullname"].split("/")[0]
        if namespace.casefold() not in known:
            expected[(name, namespace)] += 7  # six benchmarks and the average, none empty in this file
    name, content = read(data_dir, "leaderboards", "lmsys_leaderboard_table_*.csv")
    for row in rows_of(content):
        scored = sum(row[c] != "-" for c in ("MT-bench (score)", "MMLU"))
        if row["Organization"].casefold() not in known and scored:
            expected[(name, row["Organization"])] += scored
    assert unmapped_in_warehouse(warehouse, "leaderboards") == dict(expected)
    assert len(expected) == 572 and ("open_llm_leaderboard_v2_contents.csv", "MaziyarPanahi") in expected

    expected = Counter((n, r["model"].split("/")[0]) for n, c in [read(data_dir, "korea_models", "logickor_scores.csv")]
                       for r in rows_of(c) for _ in range(9) if r["model"].split("/")[0].casefold() not in known)
    assert unmapped_in_warehouse(warehouse, "korea_models") == dict(expected)
    assert {code for _, code in expected} == {"neversleep", "allganize", "alpindale", "chihoonlee10", "openchat",
                                              "undi95"}

    # Epoch's benchmarks: its own Country where given (two-country strings stay unmapped), else the table.
    assert unmapped_in_warehouse(warehouse, "epoch_benchmarks") == {
        ("gpqa_diamond.csv", "United States of America,China"): 1,
        ("mmlu_external.csv", "United States of America,Germany"): 2}
    left = warehouse.execute("SELECT count(*) FROM benchmark_scores WHERE source_id = 'epoch_benchmarks' AND "
                             "country_iso3 IS NULL AND organization IS NULL").fetchone()[0]
    assert left == 10  # rows naming neither an organisation nor a model family the table knows


def test_unmapped_developers_are_in_the_run_notes(warehouse):
    messages = dict(warehouse.execute("SELECT source_id, message FROM collector_runs").fetchall())
    assert ("logickor_scores.csv: 6 organisation(s) on 216 row(s) are not in the organisations table"
            in messages["korea_models"])
    assert "organisation(s) on 23,016 row(s) are not in the organisations table" in messages["leaderboards"]
    assert "mmlu_external.csv: 10 row(s) name no organisation" in messages["epoch_benchmarks"]


def test_a_developer_named_like_a_country_is_not_that_country():
    attribution = Attribution()
    assert attribution.code("Jordan") == "Jordan (organisation)" and lookup("Jordan (organisation)") is None
    assert attribution.code("SG") == "SG (organisation)"
    assert attribution.code("Upstage AI") == "KOR" and attribution.code(None) is None
    assert attribution.unmapped == Counter({"Jordan": 1, "SG": 1}) and attribution.anonymous == 1


def test_several_developers_map_only_when_they_agree():
    attribution = Attribution()
    assert attribution.codes(["Korea University", "NAVER"]) == "KOR"
    assert attribution.codes(["EleutherAI", "LAION"]) == "EleutherAI,LAION"  # USA and Germany: unmapped, listed


# --- 2. One scale per benchmark ------------------------------------------------------------------------

def test_every_benchmark_has_one_declared_unit(warehouse):
    units = warehouse.execute("SELECT benchmark, list(DISTINCT unit), min(score), max(score) FROM benchmark_scores "
                              "GROUP BY benchmark").fetchall()
    assert len(units) == 73
    for benchmark, (unit, *others), low, high in units:
        declared = benchmarks.DECLARED[benchmark]
        assert others == [] and unit == declared.unit, benchmark
        assert declared.low <= low <= high <= declared.high, benchmark


def test_ifeval_from_a_fraction_and_a_percentage_on_one_scale(data_dir):
    """The issue's example: Kanana-Flag-32.5b's IFEval as 0.856 (Kanana 1.0 table) and 84.59 (Kanana 1.5)."""
    frame = scores(data_dir, "korea_models", "kanana_readme_scores.csv")
    flag = frame[frame["model"].str.startswith("Kanana-Flag-32.5") & (frame["benchmark"] == "IFEval")]
    found = sorted(flag[["reported_score", "reported_scale", "score", "unit", "rescaled"]].itertuples(index=False,
                                                                                                     name=None))
    assert found == [(0.856, "fraction (0-1)", 85.6, "score (0-100)", True),
                     (84.59, "score (0-100)", 84.59, "score (0-100)", False)]
    rescaled = frame[frame["rescaled"]]
    assert rescaled.groupby("benchmark").size().to_dict() == {"IFEval": 18}  # every model of that table
    assert set(rescaled["scale_basis"]) == {"inferred: all 18 values of the table column are within 0-1"}
    assert set(frame.loc[~frame["rescaled"], "reported_scale"]) == {"score (0-100)", "judge score (1-10)"}


def test_mt_bench_on_a_0_100_scale_is_divided(data_dir):
    frame = scores(data_dir, "korea_models", "ax40_modelcard_scores.csv")
    rescaled = frame[frame["rescaled"]]
    assert rescaled.groupby("benchmark").size().to_dict() == {"KoMT-Bench": 4, "MT-Bench": 4}  # Ko-MT-Bench unified
    a_x = rescaled[(rescaled["model"] == "A.X 4.0") & (rescaled["benchmark"] == "MT-Bench")].iloc[0]
    assert (a_x["reported_score"], a_x["score"], a_x["unit"]) == (83.25, 8.325, "judge score (1-10)")
    assert not scores(data_dir, "korea_models", "k_exaone_readme_scores.csv")["rescaled"].any()


def test_stated_scales_are_used_not_guessed(data_dir):
    frame = scores(data_dir, "korea_models", "misc_reported_scores.csv")
    assert set(frame["scale_basis"]) == {benchmarks.STATED} and not frame["rescaled"].any()
    logickor = scores(data_dir, "korea_models", "logickor_scores.csv")
    assert set(logickor["unit"]) == {"judge score (1-10)"} and not logickor["rescaled"].any()


@pytest.mark.parametrize(("source", "name", "benchmark", "rows"), [
    ("epoch_benchmarks", "gpqa_diamond.csv", "GPQA Diamond", 157),
    ("epoch_benchmarks", "frontiermath.csv", "FrontierMath", 89),
    ("epoch_benchmarks", "swe_bench_verified.csv", "SWE-bench Verified", 25),
    ("epoch_benchmarks", "mmlu_external.csv", "MMLU", 249),
    ("leaderboards", "lmsys_leaderboard_table_*.csv", "Chatbot Arena table: MMLU", 103),
])
def test_fractions_of_a_file_become_percentages(data_dir, source, name, benchmark, rows):
    frame = registry()[source].parse(*read(data_dir, source, name)).tables["benchmark_scores"]
    rescaled = frame[frame["rescaled"]]
    assert set(rescaled["benchmark"]) == {benchmark} and len(rescaled) == rows
    assert (rescaled["score"] - 100 * rescaled["reported_score"]).abs().max() < 1e-9
    assert set(rescaled["reported_scale"]) == {"fraction (0-1)"} and set(rescaled["unit"]) == {"score (0-100)"}


def test_scales_already_declared_are_kept(data_dir):
    for source, name in (("epoch_benchmarks", "epoch_capabilities_index.csv"),
                         ("leaderboards", "open_llm_leaderboard_v2_contents.csv")):
        frame = scores(data_dir, source, name)
        assert not frame["rescaled"].any() and frame["score"].equals(frame["reported_score"]), name


def test_spelling_variants_are_one_benchmark(warehouse, data_dir):
    notes = korea_models.parse(*read(data_dir, "korea_models", "k_exaone_readme_scores.csv")).notes
    assert ("benchmark names unified: GPQA-Diamond -> GPQA Diamond: 5; SWE-Bench Verified -> SWE-bench Verified: "
            "4") in notes
    names = {b for (b,) in warehouse.execute("SELECT DISTINCT benchmark FROM benchmark_scores").fetchall()}
    assert {"GPQA Diamond", "SWE-bench Verified", "KoMT-Bench"} <= names
    assert not names & {"GPQA-Diamond", "SWE-Bench Verified", "Ko-MT-Bench"}
    vendor = warehouse.execute("SELECT count(*), max(score) FROM benchmark_scores WHERE benchmark = 'GPQA Diamond' "
                               "AND source_id = 'korea_models'").fetchone()
    assert vendor == (5, 82.4)  # K-EXAONE's README, on the same 0-100 scale as Epoch's runs


def test_a_scale_that_cannot_be_decided_is_left_out_and_counted(data_dir):
    name, content = read(data_dir, "korea_models", "kanana_readme_scores.csv")
    lines = content.decode("utf-8").splitlines(keepends=True)
    header, ifeval = lines[0], [ln for ln in lines if ",IFEval,0." in ln]  # one value alone: 0.735 of 1 or %?
    kept = [ln for ln in lines[1:] if ",MMLU," in ln][:3]
    content = "".join([header, ifeval[0], kept[0], kept[1], kept[2].replace(",MMLU,", ",NewBench,")]).encode()
    result = korea_models.parse(name, content)
    assert result.dropped == {"scale of IFEval scores cannot be decided from the source or its values": 1,
                              "benchmark 'NewBench' has no declared scale (collectors/benchmarks.py)": 1}
    assert list(result.tables["benchmark_scores"]["benchmark"]) == ["MMLU", "MMLU"]
    assert benchmarks.infer("IFEval", pd.Series([0.5, 1.5]))[0] is benchmarks.PERCENT
    assert benchmarks.infer("MT-Bench", pd.Series([8.0, 83.0]))[0] is None  # 1-10 and x10 in one column


def test_evaluation_and_release_dates_apart(data_dir):
    name, content = read(data_dir, "epoch_benchmarks", "gpqa_diamond.csv")
    frame = epoch_benchmarks.parse(name, content).tables["benchmark_scores"].set_index("record_id")
    for row in rows_of(content):
        got = frame.loc[row["id"]]
        assert got["released"] == date.fromisoformat(row["Release date"][:10])
        assert got["evaluated"] == (date.fromisoformat(row["Started at"][:10]) if row["Started at"] else None)
    assert frame["evaluated"].notna().sum() == 156 and (frame["evaluated"] != frame["released"]).sum() == 127
    external = epoch_benchmarks.parse(*read(data_dir, "epoch_benchmarks", "mmlu_external.csv"))
    assert external.tables["benchmark_scores"]["evaluated"].isna().all()  # the file gives only the release

    name, content = read(data_dir, "leaderboards", "open_llm_leaderboard_v2_contents.csv")
    frame = leaderboards.parse(name, content).tables["benchmark_scores"]
    first = rows_of(content)[0]
    row = frame[frame["record_id"] == first["eval_name"]].iloc[0]
    assert row["evaluated"] == date.fromisoformat(first["Submission Date"][:10])
    assert row["released"] == date.fromisoformat(first["Upload To Hub Date"][:10])
    uploaded = sum(1 for r in rows_of(content) if r["Upload To Hub Date"])
    assert frame["released"].notna().sum() == 7 * uploaded


def test_new_columns_documented(warehouse):
    comments = dict(warehouse.execute("SELECT column_name, comment FROM duckdb_columns() WHERE table_name = "
                                      "'benchmark_scores'").fetchall())
    for column in ("reported_score", "reported_scale", "rescaled", "scale_basis", "released"):
        assert comments[column], column


# --- 3. Nothing dropped silently ----------------------------------------------------------------------

def test_empty_eci_scores_counted(data_dir):
    name, content = read(data_dir, "epoch_benchmarks", "epoch_capabilities_index.csv")
    rows = rows_of(content)
    empty = sum(1 for r in rows if not r["ECI Score"].strip())
    result = epoch_benchmarks.parse(name, content)
    assert result.dropped == {"no ECI Score (model listed without a score yet)": empty} and empty == 243
    assert len(result.tables["benchmark_scores"]) + empty == len(rows)


def test_arena_dash_cells_counted(data_dir):
    name, content = read(data_dir, "leaderboards", "lmsys_leaderboard_table_*.csv")
    rows = rows_of(content)
    dashes = {c: sum(r[c].strip() == "-" for r in rows) for c in leaderboards.LMSYS_SCORES}
    result = leaderboards.parse(name, content)
    assert result.dropped == {f"{c} cell '-' (no score)": n for c, n in dashes.items()}
    assert dashes == {"MT-bench (score)": 226, "MMLU": 190}
    assert len(result.tables["benchmark_scores"]) + sum(dashes.values()) == 2 * len(rows)


def test_vendor_placeholders_and_baselines_counted(data_dir):
    name, content = read(data_dir, "korea_models", "kanana_readme_scores.csv")
    rows = rows_of(content)
    tba = sum(r["score"].strip().upper() in korea_models.PLACEHOLDERS for r in rows)
    result = korea_models.parse(name, content)
    assert result.dropped == {"score 'TBA' (the vendor left the cell open)": tba} and tba == 1
    assert len(result.tables["benchmark_scores"]) + tba == len(rows)

    name, content = read(data_dir, "korea_models", "misc_reported_scores.csv")
    rows = rows_of(content)
    result = korea_models.parse(name, content)
    assert result.dropped == {"'human average': a human baseline, not a model": 1}
    assert len(result.tables["benchmark_scores"]) + 1 == len(rows)


@pytest.mark.parametrize(("source", "name", "cells"), [
    ("leaderboards", "open_llm_leaderboard_v2_contents.csv", 7),
    ("korea_models", "logickor_scores.csv", 9),
    ("korea_models", "k_exaone_readme_scores.csv", 1),
    ("korea_models", "ax40_modelcard_scores.csv", 1),
    ("epoch_benchmarks", "gpqa_diamond.csv", 1),
    ("epoch_benchmarks", "frontiermath.csv", 1),
    ("epoch_benchmarks", "swe_bench_verified.csv", 1),
    ("epoch_benchmarks", "mmlu_external.csv", 1),
])
def test_every_score_cell_is_loaded_or_counted(data_dir, source, name, cells):
    file_name, content = read(data_dir, source, name)
    result = registry()[source].parse(file_name, content)
    loaded = len(result.tables["benchmark_scores"])
    assert loaded + sum(result.dropped.values()) == cells * len(rows_of(content)), result.dropped


def test_epoch_models_lose_no_row(data_dir):
    for name in ("notable_ai_models.csv", "large_scale_ai_models.csv", "frontier_ai_models.csv"):
        file_name, content = read(data_dir, "epoch", name)
        result = epoch.parse(file_name, content)
        assert result.dropped == {}
        assert result.tables["ai_models"]["_row"].nunique() == len(rows_of(content)), name


def test_drops_reach_the_run(warehouse):
    messages = dict(warehouse.execute("SELECT source_id, message FROM collector_runs").fetchall())
    assert "243 row(s) left out: no ECI Score" in messages["epoch_benchmarks"]
    assert "226 row(s) left out: MT-bench (score) cell '-'" in messages["leaderboards"]
    assert "1 row(s) left out: score 'TBA'" in messages["korea_models"]
