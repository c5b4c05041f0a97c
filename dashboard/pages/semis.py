"""Semiconductors: the pillar's indicator explorer, then IC export shares with the coverage flag, Korea's
memory and HBM exports, and supply-chain shares by segment."""

from __future__ import annotations

from dash import Input, State

from dashboard import data, explorer, figures, ids, inputs
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


def layout(lang: str, query: dict[str, str]) -> list:
    chosen = inputs.preset_and_countries(query)[1]
    return [
        *explorer.layout("semis", lang, query),
        chart_card(ids.IC_SHARES, lang, t("semis.shares", lang), shares_view(chosen, lang)),
        chart_card(ids.MEMORY, lang, t("semis.memory", lang), memory_view(lang)),
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
    return card_result(ids.IC_SHARES, fig, shown, headers, data.sql_for(data.IC_SHARES_SQL, params), ["comtrade"], lang)


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
                       sorted({i.split(":")[0] for i in frame["indicator_id"]}) or ["korea_customs"], lang)


@data.memoized
def supply_view(chosen: list[str], lang: str) -> tuple:
    params = {"countries": list(chosen)}
    frame = data.supply_chain_shares(chosen).rename(columns={"share_pct": "value"})
    names = {iso: data.country_name(iso, lang) for iso in chosen}
    fig = figures.category_bars(frame, "segment", names, "%", lang, t("semis.supply", lang))
    headers = {"segment": t("col.indicator", lang), "country": t("col.country", lang),
               "value_shown": t("col.share", lang)}
    return card_result(ids.SUPPLY, fig, display_frame(frame, lang, "%"), headers,
                       data.sql_for(data.SUPPLY_CHAIN_SQL, params), ["eto_supply_chain"], lang)


def register(app) -> None:
    # Korea's memory exports do not depend on the countries chosen: the page's layout holds them.
    @app.callback(*card_outputs(ids.IC_SHARES), *card_outputs(ids.SUPPLY),
                  Input(ids.EXPLORER_COUNTRIES, "value"), State(ids.LANG, "data"), prevent_initial_call=True)
    def update(chosen, lang):
        chosen, lang = inputs.countries(chosen) or ["KOR"], inputs.lang(lang)
        return (*shares_view(chosen, lang), *supply_view(chosen, lang))


PAGE = Page(name="semis", order=30, pillar="semis", layout=layout, callbacks=(explorer.register, register))
