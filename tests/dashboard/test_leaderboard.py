"""The Korean-language leaderboard of the models page on the real files: its rows equal a query on
``benchmark_scores`` written here in SQL, for each benchmark and evaluated-by filter tried; the open-weights and
size filters keep exactly the rows that meet them; Korean means a Korean developer; client values outside the
declared choices are refused and URL values fall back to the defaults; the gap and the catalogue follow the
warehouse."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard import data, inputs
from dashboard.components import CARD_OUTPUTS
from dashboard.state import read_query
from tests.conftest import collected_home

DESCRIPTION = len(CARD_OUTPUTS) - 2
FIGURE, PROVENANCE = 0, 2
BOTH = ["independent", "vendor"]


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory, data_dir):
    home = tmp_path_factory.mktemp("leaderboard-home")
    with collected_home(home, data_dir, ["country_meta", "korea_models", "epoch"]) as settings, \
            data.using(data.Reader(settings.dashboard)):
        yield settings


def sql(query: str, params: list) -> pd.DataFrame:
    with data.reader().cursor() as cursor:
        return cursor.execute(query, params).df()


def expected(benchmark: str, reported_by: list[str]) -> set[tuple]:
    """Each model's best score per reporter on the benchmark, straight from the published table."""
    frame = sql("""
        SELECT model, reporter, any_value(reported_by) AS reported_by, max(score) AS score,
               any_value(country_iso3) AS country_iso3, any_value(unit) AS unit
        FROM benchmark_scores WHERE benchmark = ? AND list_contains(?, reported_by)
        GROUP BY model, reporter""", [benchmark, reported_by])
    return {(r.model, r.reporter, r.reported_by, round(r.score, 6), r.country_iso3 if isinstance(r.country_iso3, str)
             else None, r.unit) for r in frame.itertuples()}


def shown(frame: pd.DataFrame) -> set[tuple]:
    return {(r.model, r.reporter, r.reported_by, round(r.score, 6), r.country_iso3 if isinstance(r.country_iso3, str)
             else None, r.unit) for r in frame.itertuples()}


def all_sizes() -> list[str]:
    from dashboard.pages.models import SIZE_BANDS

    return list(SIZE_BANDS)


@pytest.mark.parametrize("benchmark", ["KMMLU", "LogicKor: overall", "KoMT-Bench", "CLIcK", "HAE-RAE"])
@pytest.mark.parametrize("reported_by", [BOTH, ["independent"], ["vendor"]])
def test_rows_equal_a_query_on_benchmark_scores(warehouse, benchmark, reported_by):
    from dashboard.pages.models import leaderboard

    rows = leaderboard(benchmark, reported_by, "all", all_sizes())
    assert shown(rows) == expected(benchmark, reported_by)
    assert len(rows) == len(expected(benchmark, reported_by))  # one row per model and reporter
    assert rows["score"].is_monotonic_decreasing and rows["rank"].tolist() == list(range(1, len(rows) + 1))
    assert set(rows["unit"]) <= {sql("SELECT any_value(unit) FROM benchmark_scores WHERE benchmark = ?",
                                     [benchmark]).iloc[0, 0]}  # one scale: the benchmark's declared one


def test_korean_means_a_korean_developer(warehouse):
    from dashboard.pages.models import leaderboard

    rows = leaderboard("LogicKor: overall", BOTH, "all", all_sizes())
    korean = set(sql("SELECT DISTINCT model FROM benchmark_scores WHERE benchmark = 'LogicKor: overall' "
                     "AND country_iso3 = 'KOR'", [])["model"])
    unknown = set(sql("SELECT DISTINCT model FROM benchmark_scores WHERE benchmark = 'LogicKor: overall' "
                      "AND country_iso3 IS NULL", [])["model"])
    assert set(rows.loc[rows["group"] == "korean", "model"]) == korean
    assert set(rows.loc[rows["group"] == "unknown", "model"]) == unknown
    assert "NCSOFT/Llama-VARCO-8B-Instruct" in korean and "openai/gpt-4o-2024-05-13" not in korean


@pytest.mark.parametrize("weights", ["yes", "no"])
@pytest.mark.parametrize("sizes", [["lt10"], ["10to40", "40to100"], ["ge100", "unknown"]])
def test_open_weights_and_size_filters_keep_exactly_the_rows_that_meet_them(warehouse, weights, sizes):
    from dashboard.pages.models import leaderboard

    every = leaderboard("KMMLU", BOTH, "all", all_sizes())
    rows = leaderboard("KMMLU", BOTH, weights, sizes)
    meets = every[(every["open_weights"] == weights) & every["size_band"].isin(sizes)]
    assert shown(rows) == shown(meets) and shown(rows) <= expected("KMMLU", BOTH)
    assert rows["rank"].tolist() == list(range(1, len(rows) + 1))


def test_the_filters_partition_the_query(warehouse):
    from dashboard.pages.models import OPEN_CHOICES, leaderboard

    parts = [shown(leaderboard("KMMLU", BOTH, w, all_sizes())) for w in OPEN_CHOICES[1:]]
    every = leaderboard("KMMLU", BOTH, "all", all_sizes())
    unknown = shown(every[~every["open_weights"].isin(OPEN_CHOICES[1:])])
    assert parts[0] | parts[1] | unknown == expected("KMMLU", BOTH) and not parts[0] & parts[1]
    by_size = [shown(leaderboard("KMMLU", BOTH, "all", [band])) for band in all_sizes()]
    assert set().union(*by_size) == expected("KMMLU", BOTH) and sum(map(len, by_size)) == len(every)


def test_facts_from_names_and_the_model_lists(warehouse):
    from dashboard.model_facts import model_facts, name_date, name_size
    from dashboard.pages.models import size_band

    assert name_size("Qwen/Qwen2-57B-A14B-Instruct") == 57e9  # the active count (A14B) is not the size
    assert name_size("mistralai/mixtral-8x22b") == 176e9 and name_size("GPT-4o") is None
    assert name_date("openai/gpt-4o-2024-05-13") == pd.Timestamp("2024-05-13")
    assert name_date("anthropic/claude-3-5-sonnet-20240620") == pd.Timestamp("2024-06-20")
    assert size_band(9.8e9) == "lt10" and size_band(32.5e9) == "10to40" and size_band(None) == "unknown"
    catalogue = sql("SELECT model, published FROM ai_models WHERE collection = 'korea_catalogue'", [])
    published = dict(zip(catalogue["model"], catalogue["published"], strict=True))
    flag = model_facts("Kanana-Flag-1.5-32.5B")  # the family and version words: Kanana 1.5, not Kanana 1.0
    assert flag.matched.startswith("Kanana 1.5") and flag.released == pd.Timestamp(published[flag.matched])
    assert flag.release_basis == "family" and flag.parameters == 32.5e9
    exaone = model_facts("EXAONE 3.0 7.8B Inst.")
    assert exaone.matched == "EXAONE 3.0 7.8B Instruct" and exaone.released == pd.Timestamp(published[exaone.matched])
    assert model_facts("K-EXAONE (Reasoning)").matched.startswith("K-EXAONE")
    assert model_facts("chihoonlee10/T3Q-ko-solar-dpo-v3.0").matched == ""  # a fine-tune is not its base model
    gpt = model_facts("openai/gpt-4o-2024-05-13")
    assert gpt.released == pd.Timestamp("2024-05-13") and gpt.release_basis == "name" and gpt.open_weights == "no"


def test_the_gap_follows_the_best_dated_scores(warehouse):
    from dashboard.pages.models import frontier, leaderboard

    rows = leaderboard("KMMLU", BOTH, "all", all_sizes())
    steps = frontier(rows)
    dated = rows[rows["release"].notna()]
    for _, step in steps.iterrows():
        so_far = dated[pd.to_datetime(dated["release"]) <= step["date"]]
        for group in ("korean", "global"):
            best = so_far.loc[so_far["group"] == group, "score"]
            assert (pd.isna(step[f"{group}_best"]) and best.empty) or step[f"{group}_best"] == best.max()
    best_korean = sql("SELECT model, score FROM benchmark_scores WHERE benchmark = 'KMMLU' AND country_iso3 = 'KOR' "
                      "ORDER BY score DESC LIMIT 1", [])
    last = steps.dropna(subset=["gap"]).iloc[-1]
    assert last["korean_model"] == best_korean["model"].iloc[0] and last["korean_best"] == best_korean["score"].iloc[0]
    assert last["gap"] == pytest.approx(last["korean_best"] - last["global_best"])
    reporters = sql("SELECT DISTINCT model, reporter, score FROM benchmark_scores WHERE benchmark = 'KMMLU'", [])
    for group in ("korean", "global"):
        held = reporters[(reporters["model"] == last[f"{group}_model"]) & (reporters["score"] == last[f"{group}_best"])]
        assert last[f"{group}_reporter"] in set(held["reporter"])


@pytest.mark.parametrize("benchmark", ["KMMLU", "HRM8K", "KoMT-Bench"])
def test_the_gap_says_when_its_two_bests_come_from_different_reporters(warehouse, benchmark):
    from dashboard.pages.models import frontier, gap_view, leaderboard

    last = frontier(leaderboard(benchmark, BOTH, "all", all_sizes())).dropna(subset=["gap"]).iloc[-1]
    text = gap_view(benchmark, BOTH, "all", all_sizes(), "en")[DESCRIPTION]
    differ = last["korean_reporter"] != last["global_reporter"]
    assert ("come from different reporters" in text) == differ
    if differ:
        assert f"({last['korean_reporter']}; {last['global_reporter']})" in text


def test_views_describe_the_rows_in_both_languages(warehouse):
    from dashboard.i18n import fmt_number
    from dashboard.pages.models import frontier, gap_view, leaderboard, leaderboard_view

    rows = leaderboard("KMMLU", BOTH, "all", all_sizes())
    korean = rows[rows["group"] == "korean"].iloc[0]
    en, ko = (leaderboard_view("KMMLU", BOTH, "all", all_sizes(), lang)[DESCRIPTION] for lang in ("en", "ko"))
    assert f"{len(rows)} models" in en and f"모델 {len(rows)}개" in ko
    assert f"{korean['model']} (Korean, {korean['reported_by'].replace('vendor', 'vendor-reported')})" in en
    assert fmt_number(korean["score"], "ko") in ko and "vendor-reported" in en and "개발사 발표" in ko
    last = frontier(rows).dropna(subset=["gap"]).iloc[-1]
    en, ko = (gap_view("KMMLU", BOTH, "all", all_sizes(), lang)[DESCRIPTION] for lang in ("en", "ko"))
    assert f"gap {fmt_number(last['gap'], 'en')}" in en and f"격차 {fmt_number(last['gap'], 'ko')}" in ko
    figure = leaderboard_view("KMMLU", BOTH, "all", all_sizes(), "en")[FIGURE]
    assert figure["layout"]["xaxis"]["range"] == [0.0, 100.0]  # the declared scale, score (0-100)
    names = {trace["name"] for trace in figure["data"]}
    assert "Korean · vendor-reported" in names and "global · independent" in names
    judged = leaderboard_view("LogicKor: overall", BOTH, "all", all_sizes(), "en")[FIGURE]
    assert judged["layout"]["xaxis"]["range"] == [0.0, 10.0]  # judge score (1-10)
    provenance = str(leaderboard_view("KMMLU", BOTH, "all", all_sizes(), "en")[PROVENANCE])
    assert "Korea AI Monitor" in provenance and "Licence" in provenance  # the compiled sources' producer


def test_client_values_outside_the_choices_are_refused(warehouse):
    from dashboard.pages.models import checked

    assert checked("KMMLU", ["vendor"], "yes", ["lt10"]) == ("KMMLU", ["vendor"], "yes", ["lt10"])
    assert checked("KMMLU", None, "all", None) == ("KMMLU", [], "all", [])
    for bad in [("'; DROP TABLE x", BOTH, "all", ["lt10"]), ("GPQA Diamond", BOTH, "all", ["lt10"]),
                ("KMMLU", ["self"], "all", ["lt10"]), ("KMMLU", "vendor", "all", ["lt10"]),
                ("KMMLU", BOTH, "maybe", ["lt10"]), ("KMMLU", BOTH, ["yes"], ["lt10"]),
                ("KMMLU", BOTH, "all", ["huge"]), ("KMMLU", BOTH, "all", ["lt10"] * 9), (7, BOTH, "all", [])]:
        with pytest.raises(inputs.InvalidInput):
            checked(*bad)


def test_url_values_fall_back_to_the_defaults_and_round_trip(warehouse):
    from dashboard.pages.models import DEFAULT_BENCHMARK, REPORTED_BY, SIZE_BANDS, board_search, board_state

    default = (DEFAULT_BENCHMARK, list(REPORTED_BY), "all", list(SIZE_BANDS))
    assert board_state({}) == default
    assert board_state({"lb": "../../etc/passwd", "lbr": "self", "lbo": "maybe", "lbs": "huge"}) == default
    state = ("LogicKor: overall", ["independent"], "no", ["lt10", "unknown"])
    search = board_search(state, "?ind=epoch%3Anotable&p=G7&lb=KMMLU")
    assert read_query(search)["ind"] == "epoch:notable" and read_query(search)["p"] == "G7"  # the explorer's kept
    assert board_state(read_query(search)) == state
    assert board_search(default, "") == ""  # the default view needs no query
    assert board_search(default, "?evil=1&p=G7") == "?p=G7"  # only the page's own keys are kept
    assert board_search(default, "?p=G7&c=" + "KOR," * 2000) == ""  # an oversized location is not read
    assert board_search(default, None) == ""


def test_catalogue_lists_korean_models_with_licence_and_link(warehouse):
    from dashboard.pages.models import catalogue, catalogue_table, catalogue_view

    frame = catalogue()
    listed = sql("SELECT model, organization, link FROM ai_models WHERE collection = 'korea_catalogue' "
                 "AND country_iso3 = 'KOR'", [])
    assert set(frame["model"]) == set(listed["model"]) and not frame["model"].str.contains("Polyglot").any()
    row = frame[frame["model"].str.startswith("EXAONE 3.5")].iloc[0]
    assert row["licence"] == "EXAONE licence" and row["model_ko"] == "엑사원" and row["maker_ko"] == "LG AI연구원"
    assert frame.loc[frame["model"].str.startswith("K-EXAONE"), "licence"].iloc[0] == "K-EXAONE licence"
    table = str(catalogue_table("ko"))
    assert "엑사원 (EXAONE 3.5" in table and "LG AI연구원 (LG AI Research)" in table
    assert table.count("명시 안 됨") == int(frame["licence"].isna().sum()) > 0  # no licence in the notes: said so
    links = [link for link in listed["link"] if isinstance(link, str)]
    assert links and all(f"href='{link}'" in table or f'href="{link}"' in table for link in links)
    assert "Largest: A.X K1" in catalogue_view("en")[DESCRIPTION]
