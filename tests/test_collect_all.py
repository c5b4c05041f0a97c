"""All four pillars end to end: one full `kaim collect --mirror` of the real data, then its answers."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from collectors.registry import registry
from kaim.cli import main
from warehouse import dictionary, publish, sandbox
from warehouse.export import export_parquet


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory, data_dir):
    home = tmp_path_factory.mktemp("home")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("KAIM_HOME", str(home))
        assert main(["collect", "--mirror", str(data_dir)]) == 0
        from kaim.settings import load_settings
        settings = load_settings()
        con = duckdb.connect(str(publish.latest(settings.warehouse)), read_only=True)
        yield con, settings
        con.close()


def one(con, query, params=None):
    rows = con.execute(query, params or []).fetchall()
    assert len(rows) == 1, rows
    return rows[0]


def test_every_source_ok(warehouse):
    con, _ = warehouse
    statuses = dict(con.execute("SELECT source_id, status FROM collector_runs").fetchall())
    assert statuses == {source_id: "ok" for source_id in registry()}


def test_korea_ic_exports_2023(warehouse):
    con, _ = warehouse
    value, share, rank, reporters, complete = one(con, """
        SELECT round(exports_usd / 1e9, 1), round(share_pct, 2), rank, n_reporters, coverage_complete
        FROM ic_export_shares WHERE country_iso3 = 'KOR' AND year = 2023""")
    assert (value, share, rank, reporters, complete) == (86.1, 9.05, 5, 141, True)


def test_2024_coverage_flags_missing_taiwan_and_singapore(warehouse):
    con, _ = warehouse
    complete, missing = one(con, "SELECT coverage_complete, missing_large_exporters FROM ic_export_shares "
                                 "WHERE country_iso3 = 'KOR' AND year = 2024")
    assert complete is False and {"TWN", "SGP"} <= set(missing.split(","))


def test_taiwan_is_comtrade_s19(warehouse):
    con, _ = warehouse
    value, flags = one(con, "SELECT round(value / 1e9, 1), flags FROM observations WHERE indicator_id = "
                            "'comtrade:8542:X' AND country_iso3 = 'TWN' AND year = 2023")
    assert value == 166.5 and "S19" in flags


def test_korean_notable_models(warehouse):
    con, _ = warehouse
    assert one(con, "SELECT count(DISTINCT model) FROM ai_models WHERE collection = 'notable' "
                    "AND country_iso3 = 'KOR'") == (24,)
    assert one(con, "SELECT cumulative FROM models_by_country WHERE collection = 'notable' AND country_iso3 = "
                    "'KOR' ORDER BY year DESC LIMIT 1") == (24,)


def test_cset_investment_actual_and_projected_apart(warehouse):
    con, _ = warehouse
    assert one(con, "SELECT round(value / 1e9, 2) FROM observations WHERE indicator_id = "
                    "'cset_ai_investment:private_ai_investment' AND country_iso3 = 'KOR' AND year = 2024") == (2.38,)
    assert con.execute("SELECT count(*) FROM observations WHERE indicator_id = "
                       "'cset_ai_investment:private_ai_investment' AND year = 2025").fetchone() == (0,)
    assert one(con, "SELECT round(value / 1e9, 2) FROM observations WHERE indicator_id = "
                    "'cset_ai_investment:private_ai_investment_projected' AND country_iso3 = 'KOR' "
                    "AND year = 2025") == (0.83,)


def test_policy_events(warehouse):
    con, _ = warehouse
    assert one(con, "SELECT count(*), count(country_iso3), count(date) FROM policy_events") == (80, 80, 80)
    assert one(con, "SELECT count(*) FROM policy_events WHERE country_iso3 = 'KOR'") == (30,)


def test_unmapped_codes_listed_with_their_source(warehouse):
    con, _ = warehouse
    listed = set(con.execute("SELECT source_id, code FROM unmapped_codes").fetchall())
    assert {("oecd_ai", "YUG_F"), ("epoch", "Multinational"), ("owid_ai", "Asia")} <= listed
    messages = dict(con.execute("SELECT source_id, message FROM collector_runs").fetchall())
    assert "YUG_F" in messages["oecd_ai"]


def test_known_source_errors_flagged_not_loaded(warehouse):
    con, _ = warehouse
    message = one(con, "SELECT message FROM collector_runs WHERE source_id = 'korea_customs_10day'")[0]
    assert "NAND" in message and "copy error" in message
    assert con.execute("SELECT count(*) FROM observations WHERE indicator_id = 'korea_customs_10day:8542321030:X' "
                       "AND year = 2022").fetchone() == (0,)
    assert one(con, "SELECT round(value / 1e9, 2) FROM observations WHERE indicator_id = "
                    "'korea_customs:8542323000:X' AND period = DATE '2026-02-01'") == (6.75,)


def test_secondary_sources_labelled(warehouse):
    con, _ = warehouse
    assert one(con, "SELECT license FROM sources WHERE source_id = 'eto_supply_chain'")[0].startswith("CC BY-NC")
    share = one(con, "SELECT share_pct FROM supply_chain_shares WHERE segment = 'Fabrication' AND provider = 'KOR'")
    assert share == (11.0,)
    assert one(con, "SELECT round(sum(share_pct), 1) FROM company_market_shares WHERE segment = 'DRAM' "
                    "AND period_label = '2Q25' AND country_iso3 = 'KOR'") == (71.4,)


def test_benchmark_views(warehouse):
    con, _ = warehouse
    reported = dict(con.execute("SELECT source_id, string_agg(DISTINCT reported_by, ',' ORDER BY reported_by) "
                                "FROM benchmark_scores GROUP BY 1").fetchall())
    assert reported == {"epoch_benchmarks": "independent,vendor", "leaderboards": "independent",
                        "korea_models": "independent,vendor"}
    gap, leader = one(con, "SELECT gap, country_rank FROM benchmark_best_by_country WHERE country_iso3 = 'USA' "
                           "AND benchmark = 'GPQA Diamond' AND reported_by = 'independent'")
    assert gap == 0 and leader == 1


def test_every_public_view_and_column_documented(warehouse):
    con, _ = warehouse
    views = con.execute("SELECT view_name FROM duckdb_views() WHERE schema_name = 'main' AND NOT internal "
                        "AND (comment IS NULL OR comment = '')").fetchall()
    columns = con.execute("SELECT table_name, column_name FROM duckdb_columns() c JOIN duckdb_views() v "
                          "ON v.view_name = c.table_name AND v.schema_name = c.schema_name WHERE c.schema_name = "
                          "'main' AND NOT v.internal AND (c.comment IS NULL OR c.comment = '')").fetchall()
    assert views == [] and columns == []


def test_second_full_collect_is_unchanged(warehouse, data_dir, capsys):
    con, settings = warehouse
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("KAIM_HOME", str(settings.home))
        assert main(["collect", "--mirror", str(data_dir)]) == 0
    assert f"0 ok, {len(registry())} unchanged, 0 failed; 0 rows added" in capsys.readouterr().err


def example_queries() -> dict[str, str]:
    text = (Path(__file__).resolve().parents[1] / "docs" / "examples.sql").read_text(encoding="utf-8")
    blocks = text.split("-- name: ")[1:]
    return {block.split("\n", 1)[0].strip(): block.split("\n", 1)[1] for block in blocks}


def test_worked_examples_run(warehouse):
    con, settings = warehouse
    examples = example_queries()
    assert len(examples) >= 3
    results = {}
    for name, sql in examples.items():
        sandbox.check(sql)  # each is one plain SELECT, as `kaim sql` accepts
        results[name] = con.execute(sql).df()
    ranks = results["korea_rank_per_indicator"].set_index("indicator_id")
    assert ranks.loc["oecd_msti:G_XGDP", "rank"] == 2 and ranks.loc["oecd_msti:G_XGDP", "year"] == 2024
    shares = results["ic_export_share_trend"].set_index("year")
    assert shares.loc[2023, "share_pct"] == 9.05 and not shares.loc[2024, "coverage_complete"]
    gerd = results["gerd_gap_to_leaders"].set_index("name_en")
    assert gerd.loc["South Korea", "gerd_pct_gdp"] == 5.125 and len(gerd) == 6
    assert len(results["revisions_of_a_value"]) == 1


def test_data_dictionary_is_current(warehouse):
    con, _ = warehouse
    committed = (Path(__file__).resolve().parents[1] / "docs" / "schema.md").read_text(encoding="utf-8")
    assert dictionary.markdown(con) == committed, "docs/schema.md is stale: run `kaim docs`"


def test_parquet_export_reads_back_equal(warehouse, tmp_path):
    con, _ = warehouse
    (opened,) = con.execute("SELECT path FROM duckdb_databases() WHERE database_name = current_database()").fetchone()
    written = export_parquet(Path(opened), tmp_path)  # the very file this connection reads
    assert {p.name.removesuffix(".parquet") for p in written} == {v for v, _ in dictionary.views(con)}
    assert (tmp_path / "README.md").is_file() and (tmp_path / "schema.md").is_file()
    for path in written:
        view = path.name.removesuffix(".parquet")
        source = f"read_parquet('{path}/*/*.parquet', hive_partitioning = true)" if path.is_dir() else \
            f"read_parquet('{path}')"
        columns = [c for (c,) in con.execute(f"SELECT column_name FROM duckdb_columns() WHERE table_name = '{view}' "
                                             "AND schema_name = 'main' ORDER BY column_index").fetchall()]
        listed = ", ".join(f'"{c}"' for c in columns)
        with duckdb.connect() as reader:
            back = reader.execute(f"SELECT {listed} FROM {source} ORDER BY ALL").fetchall()
        original = con.execute(f"SELECT {listed} FROM {view} ORDER BY ALL").fetchall()
        assert back == original, view
