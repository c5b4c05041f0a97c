"""Policy timeline: events by country and category, filterable; the same events mark the trend charts."""

from __future__ import annotations

from dash import Input, Output, State, dcc, html

from dashboard import data, describe, figures, ids, inputs
from dashboard.components import card_outputs, card_result, chart_card, country_options, dropdown, labelled
from dashboard.i18n import CATEGORY_NAMES, category_name, fmt_number, t
from dashboard.registry import Page
from dashboard.state import write_query

DEFAULT_COUNTRIES = ["KOR", "USA", "CHN", "JPN", "TWN", "EUU", "GBR"]


def layout(lang: str, query: dict[str, str]) -> list:
    chosen = inputs.countries_or_default(query.get("c"), DEFAULT_COUNTRIES)
    categories = [c for c in query.get("cat", "").split(",") if c in CATEGORY_NAMES] or list(CATEGORY_NAMES)
    return [
        html.Div(className="controls", children=[
            labelled(t("control.countries", lang), dropdown(
                lang, id=ids.POLICY_COUNTRIES, options=country_options(lang), value=chosen, multi=True),
                ids.POLICY_COUNTRIES),
            labelled(t("control.category", lang), dcc.Checklist(
                id=ids.POLICY_CATEGORIES, value=categories, inline=True,
                options=[{"label": category_name(c, lang), "value": c} for c in CATEGORY_NAMES]),
                ids.POLICY_CATEGORIES),
        ]),
        chart_card(ids.TIMELINE, lang, t("policy.title", lang), timeline_view(chosen, categories, lang)),
    ]


@data.memoized
def timeline_view(chosen: list[str], categories: list[str], lang: str) -> tuple:
    params = {"countries": list(chosen), "categories": list(categories)}
    events = data.policy_events(chosen, categories)
    names = {iso: data.country_name(iso, lang) for iso in chosen}
    titles = describe.event_titles(events, lang)  # Korean titles on Korean pages
    fig = figures.timeline(events.assign(title=titles), names, lang, t("policy.title", lang))
    shown = events.assign(country=[names.get(c, c) for c in events["country_iso3"]], title_shown=titles,
                          category_shown=[category_name(c, lang) for c in events["category"]],
                          amount=[fmt_number(v, lang, "USD") if v == v else "" for v in events["amount_usd"]])
    headers = {"date": t("col.date", lang), "country": t("col.country", lang),
               "category_shown": t("col.category", lang), "title_shown": t("col.title", lang),
               "amount": t("col.amount", lang), "source_url": t("col.source", lang)}
    return card_result(ids.TIMELINE, fig, shown, headers, data.sql_for(data.POLICY_SQL, params), ["policy"], lang,
                       description=describe.timeline(events, names, lang, t("policy.title", lang)))


def register(app) -> None:
    @app.callback(*card_outputs(ids.TIMELINE), Input(ids.POLICY_COUNTRIES, "value"),
                  Input(ids.POLICY_CATEGORIES, "value"), State(ids.LANG, "data"), prevent_initial_call=True)
    def update(chosen, categories, lang):
        return timeline_view(inputs.countries(chosen), inputs.categories(categories), inputs.lang(lang))

    @app.callback(Output(ids.URL, "search", allow_duplicate=True), Input(ids.POLICY_COUNTRIES, "value"),
                  Input(ids.POLICY_CATEGORIES, "value"), prevent_initial_call=True)
    def to_url(chosen, categories):
        categories = inputs.categories(categories)
        return write_query({"c": inputs.countries(chosen),
                            "cat": categories if len(categories) < len(CATEGORY_NAMES) else None})


PAGE = Page(name="policy", order=70, layout=layout, callbacks=(register,))
