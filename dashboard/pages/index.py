"""AI position index: a composite of the four pillars with weights the reader sets, and how far each
country's rank can move (Monte Carlo over the weights, the normalisation and forecast-filled values).

The arithmetic and every rule are declared in ``dashboard.composite``; this page reads the values and the
forecasts that may fill a year through ``data.index_values`` and ``data.index_forecasts`` (as the briefing
does) and shows the ranking with its 90% bands, the table, and which values were filled or are missing.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from dash import Input, Output, State, dcc, html

from dashboard import composite, data, describe, figures, ids, inputs
from dashboard.components import (
    card_outputs,
    card_result,
    chart_card,
    country_options,
    dropdown,
    labelled,
    preset_options,
    register_peer_sync,
    table,
)
from dashboard.i18n import fmt_number, t
from dashboard.registry import Page
from dashboard.state import write_query

FIRST_YEAR = 2015
#: Each pillar's weight is a whole step on a slider; the weights used are their shares of the sum.
WEIGHT_MAX, WEIGHT_DEFAULT = 10, 5
DEFAULT_NORM = "minmax"


def weights(values: object) -> list[int]:
    """Four whole weights from 0 to ``WEIGHT_MAX``, one per pillar (``InvalidInput`` otherwise)."""
    if not isinstance(values, list) or len(values) != len(composite.PILLARS):
        raise inputs.InvalidInput(f"weights: {len(composite.PILLARS)} whole numbers are expected")
    for v in values:
        if not isinstance(v, int) or isinstance(v, bool) or not 0 <= v <= WEIGHT_MAX:
            raise inputs.InvalidInput(f"weights: whole numbers from 0 to {WEIGHT_MAX} are expected")
    return list(values)


def weights_or_default(text: str | None) -> list[int]:
    try:
        return weights([int(v) for v in (text or "").split(",")])
    except (ValueError, inputs.InvalidInput):
        return [WEIGHT_DEFAULT] * len(composite.PILLARS)


def year(value: object) -> int:
    chosen = inputs.year(value)
    if chosen < FIRST_YEAR:
        raise inputs.InvalidInput(f"year: a whole year from {FIRST_YEAR} to {inputs.LAST_YEAR} is expected")
    return chosen


def norm(value: object) -> str:
    if value not in composite.NORMALISATIONS:
        raise inputs.InvalidInput(f"normalisation: one of {', '.join(composite.NORMALISATIONS)} is expected")
    return str(value)


def values() -> pd.DataFrame:
    """Every year's values of the pillar indicators (complete periods only), one row per cell."""
    return data.index_values()


def forecasts(countries: list[str]) -> pd.DataFrame:
    """The projections that may fill a year, keyed by the index's indicator."""
    return data.index_forecasts(countries)


def default_year() -> int:
    return data.index_year(inputs.LAST_YEAR)


def indicator_name(key: str, lang: str) -> str:
    return composite.BY_KEY[key].label(lang, short=True)


def indicator_list(lang: str) -> html.Details:
    """The declared indicators of each pillar, with their direction and what fills a missing year."""
    items = []
    for pillar in composite.PILLARS:
        shown = []
        for ind in (i for i in composite.INDICATORS if i.pillar == pillar):
            notes = [t("index.higher" if ind.higher_is_better else "index.lower", lang)]
            if ind.forecast_id:
                notes.append(t("index.filled_by_forecast", lang))
            if ind.absent_is_zero:
                notes.append(t("index.origin.zero", lang))
            shown.append(f"{ind.label(lang)} ({', '.join(notes)})")
        items.append(html.Li([html.Strong(t(f"nav.{pillar}", lang) + ": "), "; ".join(shown)]))
    return html.Details(className="index-indicators", children=[
        html.Summary(t("index.indicators", lang)), html.Ul(items)])


def pillar_names(missing: str, lang: str) -> str:
    return ", ".join(t(f"nav.{p}", lang) for p in filter(None, missing.split(",")))


def rank_text(value: float) -> str:
    return "" if pd.isna(value) else f"{value:g}"


def result_frame(p: composite.Panel, chosen_weights: list[int], method: str, lang: str) -> pd.DataFrame:
    """The index table with country names and readable bands, missing pillars and filled values."""
    used = chosen_weights if sum(chosen_weights) > 0 else [1] * len(chosen_weights)
    frame = composite.index_table(p, np.asarray(used, dtype=float), method)
    frame.insert(0, "country", [data.country_name(c, lang) for c in frame["country_iso3"]])
    frame["band"] = [f"{rank_text(lo)}–{rank_text(hi)}" if pd.notna(lo) else "" for lo, hi in
                     zip(frame["rank_lo"], frame["rank_hi"], strict=True)]
    frame["score_shown"] = [fmt_number(v, lang, "") if pd.notna(v) else t("index.not_ranked", lang)
                            for v in frame["score"]]
    frame["missing_shown"] = [pillar_names(m, lang) for m in frame["missing_pillars"]]
    frame["filled_shown"] = [describe.index_filled(i, lang) for i in frame["imputed"]]
    frame["rank_shown"] = [rank_text(v) for v in frame["rank"]]
    frame["median_shown"] = [rank_text(v) for v in frame["median_rank"]]
    return frame


HEADERS = {"country": "index.col.country", "score_shown": "index.col.score", "rank_shown": "index.col.rank",
           "median_shown": "index.col.median", "band": "index.col.band", "missing_shown": "index.col.missing",
           "filled_shown": "index.col.filled"}


@data.memoized
def index_view(chosen_year: int, chosen: list[str], chosen_weights: list[int], method: str, lang: str) -> tuple:
    """(table, note, *card outputs) for one choice of year, countries, weights and normalisation."""
    p = composite.panel(values(), forecasts(chosen), chosen_year, chosen)
    frame = result_frame(p, chosen_weights, method, lang)
    names = dict(zip(frame["country_iso3"], frame["country"], strict=True))
    title = t("index.chart", lang, year=chosen_year, method=t(f"index.norm.{method}", lang))
    fig = figures.rank_bands(frame, names, lang, title)
    text = describe.rank_bands(frame, names, lang, title)
    headers = {k: t(v, lang) for k, v in HEADERS.items()}
    export = frame.drop(columns=["score_shown", "missing_shown", "filled_shown", "rank_shown", "median_shown"])
    export = export.assign(year=chosen_year, normalisation=method,
                           weights=",".join(map(str, chosen_weights)))
    sql = data.sql_for(composite.VALUES_SQL, {})
    card = card_result(ids.INDEX, fig, export, headers, sql, list(composite.SOURCES), lang, description=text)
    shown = table(frame, headers)
    notes = [t("index.rule", lang, k=composite.MIN_PILLARS, lookback=composite.LOOKBACK)]
    if sum(chosen_weights) == 0:
        notes.insert(0, t("index.all_zero", lang))
    heading = t("index.table", lang, year=chosen_year)
    return [html.H2(heading), html.Div(shown, className="table-scroll", tabIndex=0, role="region",
                                       **{"aria-label": heading})], " ".join(notes), *card


def layout(lang: str, query: dict[str, str]) -> list:
    chosen_weights = weights_or_default(query.get("w"))
    method = inputs.choice_or_default(query.get("n"), composite.NORMALISATIONS, DEFAULT_NORM)
    preset, chosen = inputs.preset_and_countries(query)
    chosen_year = inputs.year_or_default(query.get("yr"), default_year())
    chosen_year = chosen_year if chosen_year >= FIRST_YEAR else default_year()
    shown, note, *card = index_view(chosen_year, chosen, chosen_weights, method, lang)
    sliders = [labelled(t(f"nav.{pillar}", lang), dcc.Slider(
        id=ids.index_weight(pillar), min=0, max=WEIGHT_MAX, step=1, value=w,
        marks={v: str(v) for v in range(0, WEIGHT_MAX + 1, 5)}, tooltip={"placement": "bottom"}),
        ids.index_weight(pillar)) for pillar, w in zip(composite.PILLARS, chosen_weights, strict=True)]
    return [
        html.P(t("index.lead", lang), className="lead"),
        html.Div(className="controls", children=[
            labelled(t("control.peers", lang), dropdown(
                lang, id=ids.INDEX_PRESET, options=preset_options(lang), value=preset, clearable=False),
                ids.INDEX_PRESET),
            labelled(t("control.countries", lang), dropdown(
                lang, id=ids.INDEX_COUNTRIES, options=country_options(lang), value=chosen, multi=True),
                ids.INDEX_COUNTRIES),
            labelled(t("index.year", lang), dropdown(
                lang, id=ids.INDEX_YEAR, clearable=False, value=chosen_year,
                options=[{"label": str(y), "value": y} for y in range(inputs.LAST_YEAR, FIRST_YEAR - 1, -1)]),
                ids.INDEX_YEAR),
            labelled(t("control.normalisation", lang), dcc.RadioItems(
                id=ids.INDEX_NORM, value=method, inline=True,
                options=[{"label": t(f"index.norm.{m}", lang), "value": m} for m in composite.NORMALISATIONS]),
                ids.INDEX_NORM),
        ]),
        html.Fieldset(className="controls index-weights", children=[
            html.Legend(t("index.weights", lang)), *sliders]),
        chart_card(ids.INDEX, lang, t("nav.index", lang), tuple(card)),
        html.Div(className="index-table", children=[
            html.Div(shown, id=ids.INDEX_TABLE),
            html.P(note, id=ids.INDEX_NOTE, className="note", role="status"),
            indicator_list(lang),
            html.P(t("index.method", lang, draws=composite.DRAWS, concentration=f"{composite.CONCENTRATION:g}"),
                   className="hint"),
        ]),
    ]


def register(app) -> None:
    sliders = [Input(ids.index_weight(p), "value") for p in composite.PILLARS]

    @app.callback(Output(ids.INDEX_TABLE, "children"), Output(ids.INDEX_NOTE, "children"), *card_outputs(ids.INDEX),
                  Input(ids.INDEX_YEAR, "value"), Input(ids.INDEX_COUNTRIES, "value"), Input(ids.INDEX_NORM, "value"),
                  *sliders, State(ids.LANG, "data"), prevent_initial_call=True)
    def update(chosen_year, chosen, method, *rest):
        *chosen_weights, lang = rest
        return index_view(year(chosen_year), inputs.countries(chosen) or ["KOR"], weights(list(chosen_weights)),
                          norm(method), inputs.lang(lang))

    register_peer_sync(app, ids.INDEX_PRESET, ids.INDEX_COUNTRIES)

    @app.callback(Output(ids.URL, "search", allow_duplicate=True),
                  Input(ids.INDEX_YEAR, "value"), Input(ids.INDEX_PRESET, "value"),
                  Input(ids.INDEX_COUNTRIES, "value"), Input(ids.INDEX_NORM, "value"), *sliders,
                  prevent_initial_call=True)
    def to_url(chosen_year, preset, chosen, method, *chosen_weights):
        preset = inputs.preset(preset)
        return write_query({"yr": year(chosen_year), "p": preset,
                            "c": inputs.countries(chosen) if preset == "custom" else None,
                            "n": norm(method), "w": weights(list(chosen_weights))})


PAGE = Page(name="index", order=66, layout=layout, callbacks=(register,))
