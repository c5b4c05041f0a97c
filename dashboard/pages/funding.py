"""Startup funding: the pillar's indicator explorer, then private investment in AI companies (CSET), actual
and projected."""

from __future__ import annotations

from dash import Input, State

from dashboard import data, describe, explorer, figures, ids, inputs
from dashboard.components import card_outputs, card_result, chart_card, display_frame
from dashboard.i18n import t
from dashboard.registry import Page

ACTUAL = "cset_ai_investment:private_ai_investment"
PROJECTED = "cset_ai_investment:private_ai_investment_projected"


def layout(lang: str, query: dict[str, str]) -> list:
    chosen = inputs.preset_and_countries(query)[1]
    return [*explorer.layout("funding", lang, query),
            chart_card(ids.AI_INVESTMENT, lang, t("funding.ai", lang), investment_view(chosen, lang))]


@data.memoized
def investment_view(chosen: list[str], lang: str) -> tuple:
    params = {"countries": list(chosen)}
    frame = data.ai_investment(chosen)
    names = {iso: data.country_name(iso, lang) for iso in chosen}
    actual = frame[frame["indicator_id"] == ACTUAL]
    projected = frame[frame["indicator_id"] == PROJECTED].rename(columns={"value": "mean"})
    for band in ("lo80", "hi80", "lo95", "hi95"):
        projected[band] = projected["mean"]  # CSET gives a point projection, no interval
    fig = figures.trend(actual, names, "USD (constant)", lang, t("funding.ai", lang), projected)
    headers = {"indicator_id": t("col.indicator", lang), "country": t("col.country", lang),
               "year": t("col.year", lang), "value_shown": t("col.value", lang)}
    return card_result(ids.AI_INVESTMENT, fig, display_frame(frame, lang, "USD"), headers,
                       data.sql_for(data.AI_INVESTMENT_SQL, params), ["cset_ai_investment"], lang,
                       description=describe.trend(actual, names, "USD (constant)", lang, t("funding.ai", lang),
                                                  projected))


def register(app) -> None:
    @app.callback(*card_outputs(ids.AI_INVESTMENT), Input(ids.EXPLORER_COUNTRIES, "value"), State(ids.LANG, "data"),
                  prevent_initial_call=True)
    def update(chosen, lang):
        return investment_view(inputs.countries(chosen) or ["KOR"], inputs.lang(lang))


PAGE = Page(name="funding", order=40, pillar="funding", layout=layout, callbacks=(explorer.register, register))
