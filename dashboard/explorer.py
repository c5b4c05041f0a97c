"""The indicator explorer of each pillar page: trend with forecast fans and policy markers, ranking
for a chosen year, world map; peer presets, years and normalisation, all kept in the URL.

A pillar's page lays it out with ``layout(pillar, lang, query)`` (then its own cards) and lists
``register`` among its callbacks; the explorer's controls hold the pillar (``explorer-page``)."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from dash import Input, Output, State, dcc, html

from dashboard import data, describe, figures, ids, inputs
from dashboard.components import (
    CARD_OUTPUTS,
    card_outputs,
    card_result,
    chart_card,
    country_options,
    display_frame,
    dropdown,
    labelled,
    preset_options,
    register_peer_sync,
)
from dashboard.i18n import t
from dashboard.inputs import FIRST_YEAR, LAST_YEAR, NORMS
from dashboard.pillars import PILLARS
from dashboard.state import PRESETS, update_query

MONEY_UNITS = ("USD", "USD PPP", "USD (constant)")
HEADERS = {"country": "col.country", "year": "col.year", "value_shown": "col.value", "unit": "col.unit",
           "flags": "card.flags", "vintage": "col.vintage"}


@data.memoized
def indicator_options(pillar: str, lang: str) -> list[dict[str, str]]:
    """The pillar's indicators that have annual data."""
    table = data.indicators()
    rows = table[table["pillar"].isin(PILLARS[pillar].indicator_pillars) & (table["countries"].fillna(0) > 0)]
    return [{"label": row["name_ko" if lang == "ko" else "name_en"], "value": row["indicator_id"]}
            for _, row in rows.iterrows()]


def year_bounds(row: pd.Series | None) -> tuple[int, int, int]:
    """(first, last, default) year of an indicator; the default is the latest most economies report."""
    if row is None or pd.isna(row["last_year"]):
        return FIRST_YEAR, LAST_YEAR, LAST_YEAR
    return int(row["first_year"]), int(row["last_year"]), int(row["common_year"])


#: Sources a normalisation divides or multiplies by (listed under the chart with the indicator's own).
NORM_SOURCES = {"pct_gdp": ["worldbank"], "per_capita": ["worldbank"], "ppp": ["oecd_msti", "worldbank"]}


def normalisation(norm: str, unit: str, lang: str) -> tuple[str, str]:
    """The normalisation to apply to values in ``unit`` (as published where the asked one does not apply)
    and a note for the reader: why not, or what a derived unit rests on."""
    if norm == "abs" or (norm == "pct_gdp" and unit in MONEY_UNITS):
        return norm, ""
    if norm == "per_capita" and unit != "%":
        return (norm, "") if data.has_population() else ("abs", t("norm.unavailable", lang))
    if norm == "ppp" and unit == "USD":
        return norm, t("norm.ppp_note", lang)
    return "abs", t("norm.not_for_unit", lang, norm=t(f"norm.{norm}", lang), unit=unit)


def norm_options(lang: str) -> list[dict[str, str]]:
    return [{"label": t(f"norm.{n}", lang), "value": n} for n in NORMS]


@dataclass
class ExplorerState:
    indicator: str | None
    preset: str
    countries: list[str]
    years: list[int]
    norm: str
    year: int
    first: int
    last: int


def initial_state(pillar: str, lang: str, query: dict[str, str]) -> ExplorerState:
    """The view a URL asks for, with defaults for whatever it leaves out."""
    values = [o["value"] for o in indicator_options(pillar, lang)]
    headline = PILLARS[pillar].indicator
    default = headline if headline in values else next(iter(values), None)
    indicator = query.get("ind") if query.get("ind") in values else default
    preset, chosen = inputs.preset_and_countries(query)
    first, last, common = year_bounds(data.indicator_row(indicator) if indicator else None)
    years = sorted([inputs.year_or_default(query.get("y0"), max(first, 2000)),
                    inputs.year_or_default(query.get("y1"), LAST_YEAR)])
    norm = inputs.choice_or_default(query.get("n"), NORMS, "abs")
    return ExplorerState(indicator, preset, chosen, years, norm, inputs.year_or_default(query.get("yr"), common),
                         first, last)


def controls(pillar: str, lang: str, state: ExplorerState, note: str) -> html.Div:
    return html.Div(className="controls", children=[
        dcc.Store(id=ids.EXPLORER_PAGE, data=pillar),
        labelled(t("control.indicator", lang), dropdown(
            lang, id=ids.EXPLORER_INDICATOR, options=indicator_options(pillar, lang), value=state.indicator,
            clearable=False),
            ids.EXPLORER_INDICATOR),
        labelled(t("control.peers", lang), dropdown(
            lang, id=ids.EXPLORER_PRESET, options=preset_options(lang), value=state.preset, clearable=False),
            ids.EXPLORER_PRESET),
        labelled(t("control.countries", lang), dropdown(
            lang, id=ids.EXPLORER_COUNTRIES, options=country_options(lang), value=state.countries, multi=True),
            ids.EXPLORER_COUNTRIES),
        labelled(t("control.years", lang), dcc.RangeSlider(
            id=ids.EXPLORER_YEARS, min=FIRST_YEAR, max=LAST_YEAR, step=1, value=state.years,
            marks={y: str(y) for y in range(1985, LAST_YEAR + 1, 10)}, tooltip={"placement": "bottom"}),
            ids.EXPLORER_YEARS),
        labelled(t("control.normalisation", lang), dcc.RadioItems(
            id=ids.EXPLORER_NORM, value=state.norm, inline=True,
            options=norm_options(lang)),
            ids.EXPLORER_NORM),
        labelled(t("control.year", lang), dropdown(
            lang, id=ids.EXPLORER_YEAR, options=list(range(state.last, state.first - 1, -1)), value=state.year,
            clearable=False), ids.EXPLORER_YEAR),
        html.P(note, id=ids.EXPLORER_NOTE, className="note", role="status"),
    ])


def layout(pillar: str, lang: str, query: dict[str, str]) -> list:
    """The explorer of ``pillar`` in the view the URL's query asks for."""
    state = initial_state(pillar, lang, query)
    note, *outputs = explorer_view(pillar, state.indicator, state.countries, state.years, state.norm, state.year,
                                   lang)
    return [
        controls(pillar, lang, state, note),
        html.Div(className="grid", children=[
            chart_card(ids.TREND, lang, t("card.trend", lang), tuple(outputs[0:len(CARD_OUTPUTS)])),
            chart_card(ids.RANKING, lang, t("card.ranking", lang),
                       tuple(outputs[len(CARD_OUTPUTS):2 * len(CARD_OUTPUTS)])),
            chart_card(ids.MAP, lang, t("card.map", lang), tuple(outputs[2 * len(CARD_OUTPUTS):])),
        ]),
    ]


@data.memoized
def explorer_view(pillar: str, indicator: str, chosen: list[str], years: list[int], norm: str, year: int,
                  lang: str) -> tuple:
    """Everything the explorer shows for one state: a note and the three cards' outputs."""
    row = data.indicator_row(indicator) if indicator else None
    if row is None:
        message = figures.empty(t("empty.no_data", lang))
        blank = (message, None, [], "", t("empty.no_data", lang), t("empty.no_data", lang))
        return (t("empty.no_data", lang), *blank, *blank, *blank)
    unit = str(row["unit"])
    norm, note = normalisation(norm, unit, lang)
    name = str(row["name_ko" if lang == "ko" else "name_en"])
    chosen = chosen or PRESETS["focus"]
    params = data.series_params(indicator, chosen, years[0], years[1])
    frame = data.series(indicator, chosen, years[0], years[1], norm)
    shown_unit = str(frame["unit"].iloc[0]) if not frame.empty else unit
    names = {iso: data.country_name(iso, lang) for iso in set(chosen) | set(frame["country_iso3"])}
    forecast = pd.DataFrame()
    if norm == "abs":
        forecast = data.forecasts(indicator, chosen)
        forecast = forecast[forecast["skill"] < 1] if not forecast.empty else forecast
        if not forecast.empty:
            note = (note + " " + t("forecast.skill", lang, model=forecast["model"].iloc[0],
                                   skill=float(forecast["skill"].min()))).strip()
    events = data.policy_events(chosen, list(PILLARS[pillar].categories))
    sources = sorted(set(frame["source_id"]) | set(NORM_SOURCES.get(norm, []))) or [str(row["source_id"])]
    headers = {k: t(v, lang) for k, v in HEADERS.items()}

    trend_fig = figures.trend(frame, names, shown_unit, lang, f"{name} ({shown_unit})", forecast, events)
    trend = card_result(ids.TREND, trend_fig, display_frame(frame, lang, shown_unit), headers,
                        data.sql_for(data.SERIES_SQL[norm], params), sources, lang,
                        description=describe.trend(frame, names, shown_unit, lang, f"{name} ({shown_unit})",
                                                   forecast, events))

    ranked = frame[frame["year"] == year]
    rank_fig = figures.ranking(ranked[["country_iso3", "value"]], names, shown_unit, lang, f"{name}, {year}")
    rank_params = data.series_params(indicator, chosen, year, year)
    ranking = card_result(ids.RANKING, rank_fig, display_frame(ranked, lang, shown_unit), headers,
                          data.sql_for(data.SERIES_SQL[norm], rank_params), sources, lang,
                          description=describe.ranking(ranked, names, shown_unit, lang, f"{name}, {year}"))

    world = data.map_values(indicator, year)
    map_names = {iso: data.country_name(iso, lang) for iso in world["country_iso3"]}
    map_fig = figures.world_map(world, map_names, unit, lang, f"{name}, {year} ({unit})")
    world_map = card_result(ids.MAP, map_fig, display_frame(world, lang, unit), headers,
                            data.sql_for(data.MAP_SQL, {"indicator": indicator, "year": int(year)}), sources, lang,
                            description=describe.world_map(world, map_names, unit, lang, f"{name}, {year} ({unit})",
                                                           ranked.get("flags", ())))
    return (note, *trend, *ranking, *world_map)


#: The explorer's keys in the URL (another view of a pillar page keeps them when it writes its own).
URL_KEYS = ("ind", "p", "c", "y0", "y1", "n", "yr")


def register(app) -> None:
    """The explorer's callbacks (once per app, whichever pillar pages are served)."""

    @app.callback(
        Output(ids.EXPLORER_NOTE, "children"), *card_outputs(ids.TREND), *card_outputs(ids.RANKING),
        *card_outputs(ids.MAP),
        Input(ids.EXPLORER_INDICATOR, "value"), Input(ids.EXPLORER_COUNTRIES, "value"),
        Input(ids.EXPLORER_YEARS, "value"), Input(ids.EXPLORER_NORM, "value"), Input(ids.EXPLORER_YEAR, "value"),
        State(ids.EXPLORER_PAGE, "data"), State(ids.LANG, "data"), prevent_initial_call=True)
    def update(indicator, chosen, years, norm, year, pillar, lang):
        return explorer_view(inputs.pillar(pillar), inputs.indicator(indicator), inputs.countries(chosen),
                             inputs.years(years), inputs.norm(norm), inputs.year(year), inputs.lang(lang))

    register_peer_sync(app, ids.EXPLORER_PRESET, ids.EXPLORER_COUNTRIES)

    @app.callback(
        Output(ids.EXPLORER_YEAR, "options"), Output(ids.EXPLORER_YEAR, "value"),
        Input(ids.EXPLORER_INDICATOR, "value"), prevent_initial_call=True)
    def years_of(indicator):
        first, last, common = year_bounds(data.indicator_row(inputs.indicator(indicator)))
        return list(range(last, first - 1, -1)), common

    @app.callback(
        Output(ids.URL, "search", allow_duplicate=True),
        Input(ids.EXPLORER_INDICATOR, "value"), Input(ids.EXPLORER_PRESET, "value"),
        Input(ids.EXPLORER_COUNTRIES, "value"), Input(ids.EXPLORER_YEARS, "value"), Input(ids.EXPLORER_NORM, "value"),
        Input(ids.EXPLORER_YEAR, "value"), State(ids.URL, "search"), prevent_initial_call=True)
    def to_url(indicator, preset, chosen, years, norm, year, search):
        """The explorer's state in the query, beside the keys of the page's other views (kept as they are)."""
        years, preset = inputs.years(years), inputs.preset(preset)
        return update_query(search, {"ind": inputs.indicator(indicator), "p": preset,
                                     "c": inputs.countries(chosen) if preset == "custom" else None,
                                     "y0": years[0], "y1": years[1], "n": inputs.norm(norm), "yr": inputs.year(year)})
