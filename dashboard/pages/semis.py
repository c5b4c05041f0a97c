"""Semiconductors: the pillar's indicator explorer, then IC export shares with the coverage flag, Korea's
memory and HBM exports, their destinations (how exposed is Korea's memory trade to one buyer?), and
supply-chain shares by segment."""

from __future__ import annotations

import pandas as pd
from dash import Input, State

from dashboard import data, describe, explorer, figures, ids, inputs
from dashboard.components import card_outputs, card_result, chart_card, display_frame
from dashboard.i18n import fmt_number, t
from dashboard.registry import Page

MEMORY_LABELS = {
    "korea_customs:8542321010:X": ("DRAM", "디램"),
    "korea_customs:8542321030:X": ("NAND", "낸드"),
    "korea_customs:8542323000:X": ("Multi-component ICs incl. HBM", "복합구조칩(HBM 포함)"),
    "korea_customs_10day:8542323000:X": ("Multi-component ICs incl. HBM (provisional)", "복합구조칩(HBM 포함, 잠정)"),
    "korea_customs_10day:8542321030:X": ("NAND (provisional)", "낸드(잠정)"),
}

#: The memory lines of Korea customs' exports by destination (trade_by_partner), in the order drawn.
PARTNER_LINES = {
    "8542321010": ("DRAM", "디램"),
    "8542321030": ("NAND", "낸드"),
    "8542323000": ("Multi-component ICs incl. HBM", "복합구조칩(HBM 포함)"),
}
#: Months summed (the latest ones the source has), and destinations drawn one by one: those among the
#: largest of any line; the rest of each line's exports (smaller and unlisted destinations) is "other".
PARTNER_MONTHS, PARTNER_TOP = 12, 4
OTHER = "other"

PARTNERS = data.Query("semis.memory_partners", """
WITH memory AS (
    SELECT product_code, coalesce(partner_iso3, partner_code) AS partner, period, value_usd, total_usd
    FROM trade_by_partner
    WHERE source_id = 'korea_customs' AND country_iso3 = 'KOR' AND flow = 'X' AND freq = 'M'
      AND list_contains($products, product_code)
), months AS (
    SELECT DISTINCT period FROM memory ORDER BY period DESC LIMIT $months
), totals AS (
    SELECT product_code, sum(total_usd) AS total_usd
    FROM (SELECT DISTINCT product_code, period, total_usd FROM memory WHERE period IN (SELECT period FROM months))
    GROUP BY product_code
)
SELECT m.product_code, m.partner, (SELECT min(period) FROM months) AS first_month,
       (SELECT max(period) FROM months) AS last_month, count(*) AS n_months, sum(m.value_usd) AS value_usd,
       any_value(t.total_usd) AS total_usd, 100 * sum(m.value_usd) / any_value(t.total_usd) AS share_pct
FROM memory AS m JOIN totals AS t USING (product_code)
WHERE m.period IN (SELECT period FROM months)
GROUP BY m.product_code, m.partner
ORDER BY m.product_code, share_pct DESC""")


#: Memory segments of TrendForce's company rankings (company_market_shares), in the order drawn.
MAKER_SEGMENTS = {"DRAM": ("DRAM", "디램"), "NAND": ("NAND", "낸드")}
#: Company names as the transcribed table writes them -> one key per firm (NAND's SK Group includes Solidigm).
COMPANY_KEYS = {"SK hynix + Solidigm": "SK Group", "SK Group (SK hynix + Solidigm)": "SK Group"}
COMPANIES = {
    "Samsung": ("Samsung Electronics", "삼성전자"), "SK hynix": ("SK hynix", "SK하이닉스"),
    "SK Group": ("SK Group (SK hynix + Solidigm)", "SK그룹(SK하이닉스+솔리다임)"), "Micron": ("Micron", "마이크론"),
    "Kioxia": ("Kioxia", "키옥시아"), "Western Digital": ("Western Digital", "웨스턴디지털"),
    "SanDisk": ("SanDisk", "샌디스크"), "Nanya": ("Nanya", "난야"), "Winbond": ("Winbond", "윈본드"),
    "PSMC": ("PSMC", "PSMC"), "Others": ("Others", "기타"),
}
#: Rows of the table that are sums, not companies.
NOT_COMPANIES = ["Total", "Top 5 combined", "Top 10 total"]

MAKERS = data.Query("semis.memory_makers", """
SELECT segment, period, period_label, company, country_iso3, share_pct, revenue_usd, notes, source_url
FROM company_market_shares
WHERE source_id = 'trendforce_shares' AND list_contains($segments, segment) AND share_pct IS NOT NULL
  AND NOT list_contains($not_companies, company)
ORDER BY segment, period, share_pct DESC""")

#: WSTS regions as SIA quotes them, in the order drawn.
REGIONS = {
    "Total": ("World", "세계 합계"), "Americas": ("Americas", "미주"), "China": ("China", "중국"),
    "Asia Pacific/All Other": ("Asia Pacific/All Other", "아시아태평양·기타"), "Europe": ("Europe", "유럽"),
    "Japan": ("Japan", "일본"),
}
#: The one period type drawn: 3-month moving averages (never mixed with quarters or years on a line).
SALES_PERIOD = "month_3mma"

SALES = data.Query("semis.chip_sales", """
SELECT region, period, period_label, value, unit, release_covering, source_url
FROM semiconductor_sales
WHERE source_id = 'wsts_billings' AND period_type = $period_type AND unit = 'USD'
QUALIFY row_number() OVER (PARTITION BY region, period ORDER BY release_covering DESC) = 1
ORDER BY region, period""")

DRAM_EXPORTS = "korea_customs:8542321010:X"


def layout(lang: str, query: dict[str, str]) -> list:
    chosen = inputs.preset_and_countries(query)[1]
    return [
        *explorer.layout("semis", lang, query),
        chart_card(ids.IC_SHARES, lang, t("semis.shares", lang), shares_view(chosen, lang)),
        chart_card(ids.MEMORY, lang, t("semis.memory", lang), memory_view(lang)),
        chart_card(ids.MEMORY_MAKERS, lang, t("semis.makers", lang), makers_view(lang)),
        chart_card(ids.CHIP_SALES, lang, t("semis.sales", lang), sales_view(lang)),
        chart_card(ids.MEMORY_PARTNERS, lang, t("semis.partners", lang), partners_view(lang)),
        chart_card(ids.SUPPLY, lang, t("semis.supply", lang), supply_view(chosen, lang)),
    ]


@data.memoized
def shares_view(chosen: list[str], lang: str) -> tuple:
    params = {"countries": list(chosen)}
    frame = data.ic_export_shares(chosen)
    names = {iso: data.country_name(iso, lang) for iso in chosen}
    fig = figures.export_shares(frame, names, lang, t("semis.shares", lang))
    shown = display_frame(frame.rename(columns={"share_pct": "value"}), lang, "%")
    shown["exports"] = [fmt_number(v, lang, "USD") for v in shown["exports_usd"]]
    headers = {"country": t("col.country", lang), "year": t("col.year", lang), "value_shown": t("col.share", lang),
               "exports": t("col.value", lang), "rank": t("col.rank", lang), "n_reporters": "n",
               "coverage_complete": t("col.coverage", lang)}
    return card_result(ids.IC_SHARES, fig, shown, headers, data.sql_for(data.IC_SHARES_SQL, params), ["comtrade"], lang,
                       description=describe.export_shares(frame, names, lang, t("semis.shares", lang)))


@data.memoized
def memory_view(lang: str) -> tuple:
    frame = data.memory_exports()
    labels = {k: (ko if lang == "ko" else en) for k, (en, ko) in MEMORY_LABELS.items()}
    fig = figures.monthly_lines(frame, labels, lang, t("semis.memory", lang))
    shown = frame.assign(series=frame["indicator_id"].map(labels),
                         value_shown=[fmt_number(v, lang, "USD") for v in frame["value"]])
    headers = {"series": t("col.indicator", lang), "period": t("col.period", lang),
               "value_shown": t("col.value", lang)}
    return card_result(ids.MEMORY, fig, shown, headers, data.sql_for(data.MEMORY_SQL, {}),
                       sorted({i.split(":")[0] for i in frame["indicator_id"]}) or ["korea_customs"], lang,
                       description=describe.monthly_lines(frame, labels, lang, t("semis.memory", lang)))


def maker_shares() -> pd.DataFrame:
    """The memory segments' company shares, one key per firm (``COMPANY_KEYS``), in the order drawn."""
    frame = data.fetch(MAKERS, segments=list(MAKER_SEGMENTS), not_companies=NOT_COMPANIES)
    frame["company"] = frame["company"].replace(COMPANY_KEYS)
    order = {s: i for i, s in enumerate(MAKER_SEGMENTS)}
    return frame.sort_values(["segment", "period"], key=lambda c: c.map(order) if c.name == "segment" else c,
                             kind="stable").reset_index(drop=True)


def quarter_exports(quarter_start: pd.Timestamp) -> pd.DataFrame:
    """Korea's DRAM exports (customs, monthly) in the three months of a quarter."""
    frame = data.memory_exports()
    months = pd.date_range(quarter_start, periods=3, freq="MS")
    frame = frame[frame["indicator_id"] == DRAM_EXPORTS]
    return frame[pd.to_datetime(frame["period"]).isin(months)]


@data.memoized
def makers_view(lang: str) -> tuple:
    frame = maker_shares()
    params = {"segments": list(MAKER_SEGMENTS), "not_companies": NOT_COMPANIES}
    sql = data.sql_for(MAKERS.sql, params)
    headers = {"segment_name": t("col.segment", lang), "period_label": t("col.period", lang),
               "company_name": t("col.company", lang), "share": t("col.share", lang)}
    sources = ["trendforce_shares"]
    if frame.empty:
        return card_result(ids.MEMORY_MAKERS, figures.empty(t("empty.no_data", lang)), frame, headers, sql, sources,
                           lang, description=t("empty.no_data", lang))
    pick = 1 if lang == "ko" else 0
    segments = {k: v[pick] for k, v in MAKER_SEGMENTS.items()}
    names = {k: v[pick] for k, v in COMPANIES.items()}
    korean = set(frame.loc[frame["country_iso3"] == figures.KOREA, "company"])
    title = t("semis.makers", lang)
    fig = figures.company_shares(frame, segments, names, korean, lang, title)
    fig["layout"]["title"]["text"] += "<br><sup>" + figures._wrap(t("semis.makers.note", lang), 150) + "</sup>"
    fig["layout"]["margin"]["t"] = 150
    fig["layout"]["height"] = 560
    text = [describe.company_shares(frame, segments, names, korean, lang, title), t("semis.makers.note", lang)]
    dram = frame[frame["segment"] == "DRAM"]
    if not dram.empty:
        last = dram.iloc[-1]
        exports = quarter_exports(pd.Timestamp(last["period"]))
        if len(exports) == 3:  # only a whole quarter of customs months is compared with a quarter's shares
            periods = pd.to_datetime(exports["period"])
            text.append(t("semis.makers.exports", lang, quarter=last["period_label"],
                          value=fmt_number(exports["value"].sum(), lang, "USD"),
                          start=periods.min().strftime("%Y-%m"), end=periods.max().strftime("%Y-%m")))
            sources.append("korea_customs")
    table = frame.assign(segment_name=frame["segment"].map(segments), company_name=frame["company"].map(names),
                         share=[fmt_number(v, lang, "%") for v in frame["share_pct"]])
    return card_result(ids.MEMORY_MAKERS, fig, table, headers, sql, sources, lang, description=" ".join(text))


@data.memoized
def sales_view(lang: str) -> tuple:
    params = {"period_type": SALES_PERIOD}
    frame = data.fetch(SALES, **params)
    sql = data.sql_for(SALES.sql, params)
    headers = {"region_name": t("col.region", lang), "period_label": t("col.period", lang),
               "value_shown": t("col.value", lang), "release_covering": t("col.release", lang)}
    if frame.empty:
        return card_result(ids.CHIP_SALES, figures.empty(t("empty.no_data", lang)), frame, headers, sql,
                           ["wsts_billings"], lang, description=t("empty.no_data", lang))
    pick = 1 if lang == "ko" else 0
    labels = {k: v[pick] for k, v in REGIONS.items()}
    order = {r: i for i, r in enumerate(REGIONS)}
    frame = frame.sort_values(["region", "period"], key=lambda c: c.map(order) if c.name == "region" else c,
                              kind="stable").reset_index(drop=True)
    lines = frame.assign(indicator_id=frame["region"])
    title = t("semis.sales", lang)
    fig = figures.monthly_lines(lines, labels, lang, title)
    for trace in fig["data"]:
        trace["mode"] = "markers"  # only the quoted months: a line would invent the months in between
    fig["layout"]["title"]["text"] += "<br><sup>" + figures._wrap(t("semis.sales.note", lang), 110) + "</sup>"
    fig["layout"]["margin"]["t"] = 100
    table = frame.assign(region_name=frame["region"].map(labels),
                         value_shown=[fmt_number(v, lang, "USD") for v in frame["value"]])
    description = describe.monthly_lines(lines, labels, lang, title) + " " + t("semis.sales.note", lang)
    return card_result(ids.CHIP_SALES, fig, table, headers, sql, ["wsts_billings"], lang, description=description)


def destination_shares(frame: pd.DataFrame) -> pd.DataFrame:
    """Per memory line, the largest destinations' shares (those among the top ``PARTNER_TOP`` of any line)
    and the rest as ``OTHER``, adding up to 100%."""
    if frame.empty:
        return frame
    ranked = frame.sort_values("share_pct", ascending=False).groupby("product_code").head(PARTNER_TOP)
    shown = list(dict.fromkeys(ranked.sort_values("share_pct", ascending=False)["partner"]))
    rows = []
    for code in [c for c in PARTNER_LINES if c in set(frame["product_code"])]:
        line = frame[frame["product_code"] == code]
        drawn = line[line["partner"].isin(shown)]
        first = line.iloc[0]
        other = first["total_usd"] - drawn["value_usd"].sum()
        rows.append(drawn.assign(rank=range(1, len(drawn) + 1)))
        rows.append(pd.DataFrame([{**first.to_dict(), "partner": OTHER, "value_usd": other, "n_months": None,
                                   "share_pct": 100 * other / first["total_usd"], "rank": None}]))
    out = pd.concat(rows, ignore_index=True)
    order = {p: i for i, p in enumerate([*shown, OTHER])}
    return out.sort_values(["product_code", "partner"], key=lambda s: s.map(order) if s.name == "partner" else
                           s.map(list(PARTNER_LINES).index)).reset_index(drop=True)


@data.memoized
def partners_view(lang: str) -> tuple:
    params = {"products": list(PARTNER_LINES), "months": PARTNER_MONTHS}
    shares = destination_shares(data.fetch(PARTNERS, **params))
    sql = data.sql_for(PARTNERS.sql, params)
    headers = {"product": t("col.product", lang), "destination": t("col.destination", lang),
               "share": t("col.share", lang), "exports": t("col.value", lang)}
    if shares.empty:
        return card_result(ids.MEMORY_PARTNERS, figures.empty(t("empty.no_data", lang)), shares, headers, sql,
                           ["korea_customs"], lang, description=t("empty.no_data", lang))
    lines = {code: (ko if lang == "ko" else en) for code, (en, ko) in PARTNER_LINES.items()}
    names = {code: t("semis.partners.other", lang) if code == OTHER else data.country_name(code, lang)
             for code in shares["partner"]}
    first, last = (pd.Timestamp(shares[c].iloc[0]).strftime("%Y-%m") for c in ("first_month", "last_month"))
    title = t("semis.partners", lang) + " · " + t("semis.partners.window", lang, start=first, end=last)
    table = shares.assign(product=shares["product_code"].map(lines), destination=shares["partner"].map(names),
                          share=[fmt_number(v, lang, "%") for v in shares["share_pct"]],
                          exports=[fmt_number(v, lang, "USD") for v in shares["value_usd"]])
    plotted = table.assign(country_iso3=table["partner"], value=table["share_pct"])
    fig = figures.category_bars(plotted, "product", names, "%", lang, title)
    fig["layout"]["barmode"] = "stack"  # each line's destinations add up to 100%
    for trace in fig["data"]:
        if trace["name"] == names.get(OTHER):
            trace["marker"]["color"] = figures.GREY  # 3:1 on white (#BBBBBB was 1.9:1)
    return card_result(ids.MEMORY_PARTNERS, fig, table.drop(columns=["rank"]), headers, sql, ["korea_customs"], lang,
                       description=describe.stacked_shares(plotted, "product", names, lang, title))


@data.memoized
def supply_view(chosen: list[str], lang: str) -> tuple:
    params = {"countries": list(chosen)}
    frame = data.supply_chain_shares(chosen).rename(columns={"share_pct": "value"})
    names = {iso: data.country_name(iso, lang) for iso in chosen}
    fig = figures.category_bars(frame, "segment", names, "%", lang, t("semis.supply", lang))
    headers = {"segment": t("col.indicator", lang), "country": t("col.country", lang),
               "value_shown": t("col.share", lang)}
    return card_result(ids.SUPPLY, fig, display_frame(frame, lang, "%"), headers,
                       data.sql_for(data.SUPPLY_CHAIN_SQL, params), ["eto_supply_chain"], lang,
                       description=describe.category_bars(frame, "segment", names, "%", lang, t("semis.supply", lang)))


def register(app) -> None:
    # Korea's memory exports do not depend on the countries chosen: the page's layout holds them.
    @app.callback(*card_outputs(ids.IC_SHARES), *card_outputs(ids.SUPPLY),
                  Input(ids.EXPLORER_COUNTRIES, "value"), State(ids.LANG, "data"), prevent_initial_call=True)
    def update(chosen, lang):
        chosen, lang = inputs.countries(chosen) or ["KOR"], inputs.lang(lang)
        return (*shares_view(chosen, lang), *supply_view(chosen, lang))


PAGE = Page(name="semis", order=30, pillar="semis", layout=layout, callbacks=(explorer.register, register))
