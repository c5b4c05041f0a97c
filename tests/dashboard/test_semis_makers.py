"""The semiconductors page's memory makers and WSTS sales cards on the real files: the plotted rows equal a
query on the warehouse table, the descriptions state those numbers in Korean and English, the provenance line
shows the sources' quality, and the sales card draws one period type."""

from __future__ import annotations

import pytest

from dashboard import data
from dashboard.components import CARD_OUTPUTS
from dashboard.i18n import fmt_number
from tests.conftest import collected_home

DESCRIPTION = len(CARD_OUTPUTS) - 2
FIGURE, PROVENANCE = 0, 2


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory, data_dir):
    home = tmp_path_factory.mktemp("makers-home")
    with collected_home(home, data_dir, ["trendforce_shares", "wsts_billings", "korea_customs"]) as settings, \
            data.using(data.Reader(settings.dashboard)):
        yield settings


def latest_shares(segment: str) -> dict[str, float]:
    """The latest quarter's shares of a segment, straight from the warehouse table."""
    with data.reader().cursor() as cursor:
        rows = cursor.execute("""
            SELECT company, share_pct FROM company_market_shares
            WHERE source_id = 'trendforce_shares' AND segment = ? AND share_pct IS NOT NULL
              AND period = (SELECT max(period) FROM company_market_shares
                            WHERE source_id = 'trendforce_shares' AND segment = ? AND share_pct IS NOT NULL)
                            """, [segment, segment]).fetchall()
    return dict(rows)


def plotted(figure: dict) -> dict[tuple[str, str, str], float]:
    """(panel axis, company shown, quarter) -> share, as the figure draws it."""
    return {(trace["xaxis"], trace["name"], x): y for trace in figure["data"]
            for x, y in zip(trace["x"], trace["y"], strict=True)}


def test_makers_card_draws_the_warehouse_shares(warehouse):
    from dashboard.pages.semis import makers_view

    dram, nand = latest_shares("DRAM"), latest_shares("NAND")
    assert dram == {"SK hynix": 38.7, "Samsung": 32.7, "Micron": 22.0}
    assert nand == {"Samsung": 28.0, "SK Group (SK hynix + Solidigm)": 22.1}
    en, ko = makers_view("en"), makers_view("ko")
    bars = plotted(en[FIGURE])
    assert bars[("x", "Samsung Electronics", "2Q25")] == dram["Samsung"]
    assert bars[("x", "SK hynix", "2Q25")] == dram["SK hynix"]
    assert bars[("x2", "Samsung Electronics", "4Q25")] == nand["Samsung"]
    assert bars[("x2", "SK Group (SK hynix + Solidigm)", "4Q25")] == nand["SK Group (SK hynix + Solidigm)"]
    assert {name for (_, name, _) in plotted(ko[FIGURE])} >= {"삼성전자", "SK하이닉스", "마이크론"}
    # Korean firms in Korea's vermillion, the others not
    colours = {trace["name"]: trace["marker"]["color"] for trace in en[FIGURE]["data"]}
    assert colours["Samsung Electronics"] == colours["SK hynix"] == "#D55E00" != colours["Micron"]
    for lang, text in (("en", en[DESCRIPTION]), ("ko", ko[DESCRIPTION])):
        for value in (dram["SK hynix"], dram["Samsung"], nand["Samsung"], dram["SK hynix"] + dram["Samsung"]):
            assert fmt_number(value, lang, "%") in text
    assert "in 2Q25: SK hynix 38.70 %, Samsung Electronics 32.70 %, Micron 22.00 %." in en[DESCRIPTION]
    assert "Korean firms together: 71.40 %." in en[DESCRIPTION] and "No company shares of HBM" in en[DESCRIPTION]
    assert "2Q25: SK하이닉스 38.70 %, 삼성전자 32.70 %, 마이크론 22.00 %." in ko[DESCRIPTION]
    assert "한국 기업 합계: 71.40 %." in ko[DESCRIPTION] and "4Q25: 삼성전자 28.00 %" in ko[DESCRIPTION]
    # the exports sentence sums a whole quarter of customs months
    with data.reader().cursor() as cursor:
        (exports,) = cursor.execute("""SELECT sum(value) FROM observations
            WHERE indicator_id = 'korea_customs:8542321010:X'
              AND period >= DATE '2025-04-01' AND period < DATE '2025-07-01'""").fetchone()
    assert f"In 2Q25, Korea exported {fmt_number(exports, 'en', 'USD')} of DRAM chips" in en[DESCRIPTION]
    assert "secondary" in str(en[PROVENANCE]) and "TrendForce" in str(en[PROVENANCE])


def test_sales_card_draws_one_period_type(warehouse):
    from dashboard.pages.semis import SALES, SALES_PERIOD, sales_view

    frame = data.fetch(SALES, period_type=SALES_PERIOD)
    assert set(frame["unit"]) == {"USD"} and not frame.duplicated(["region", "period"]).any()
    with data.reader().cursor() as cursor:
        types = {row[0] for row in cursor.execute("SELECT DISTINCT period_type FROM semiconductor_sales").fetchall()}
    assert {"month_3mma", "quarter", "year"} <= types  # the table mixes them; the card does not
    en, ko = sales_view("en"), sales_view("ko")
    points = sum(len(trace["x"]) for trace in en[FIGURE]["data"])
    assert points == len(frame) and all(trace["mode"] == "markers" for trace in en[FIGURE]["data"])
    # 2019-08 was revised: the latest release's figure is drawn
    world = frame[(frame["region"] == "Total")].set_index("period_label")["value"]
    assert world["2019-08"] == 34.53e9 and world["2024-12"] == 57.0e9
    assert "3-month moving averages" in en[DESCRIPTION] and "World: $57.0 bn in 2024-12" in en[DESCRIPTION]
    assert "3개월 이동평균" in ko[DESCRIPTION] and "세계 합계: 2024-12 570억 달러" in ko[DESCRIPTION]
    assert "secondary" in str(en[PROVENANCE])
