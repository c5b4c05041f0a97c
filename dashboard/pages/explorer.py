"""The indicator explorer of each pillar page: trend with forecast fans and policy markers, ranking
for a chosen year, world map; peer presets, years and normalisation, all kept in the URL."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from dash import Input, Output, State, dcc, html

from dashboard import data, figures, inputs
from dashboard.components import (
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
from dashboard.state import PRESETS, write_query

PILLAR_INDICATORS = {"rd": ("rd", "cross"), "semis": ("semis",), "funding": ("funding",), "models": ("models",)}
DEFAULT_INDICATOR = {"rd": "oecd_msti:G_XGDP", "semis": "comtrade:8542:X", "funding": "oecd_vc:VC_XGDP",
                     "models": "owid_ai:large_scale_ai_systems_cumulative"}
POLICY_CATEGORIES = {"rd": ["strategy", "law", "funding", "talent", "data", "regulation", "compute"],
                     "semis": ["chips"], "funding": ["funding"], "models": ["compute", "strategy", "regulation"]}
MONEY_UNITS = ("USD", "USD PPP", "USD (constant)")
HEADERS = {"country": "col.country", "year": "col.year", "value_shown": "col.value", "unit": "col.unit",
           "flags": "card.flags", "vintage": "col.vintage"}


@data.memoized
def indicator_options(page: str, lang: str) -> list[dict[str, str]]:
    """The pillar's indicators that have annual data."""
    table = data.indicators()
    rows = table[table["pillar"].isin(PILLAR_INDICATORS.get(page, (page,))) & (table["countries"].fillna(0) > 0)]
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


def initial_state(page: str, lang: str, query: dict[str, str]) -> ExplorerState:
    """The view a URL asks for, with defaults for whatever it leaves out."""
    values = [o["value"] for o in indicator_options(page, lang)]
    default = DEFAULT_INDICATOR.get(page) if DEFAULT_INDICATOR.get(page) in values else next(iter(values), None)
    indicator = query.get("ind") if query.get("ind") in values else default
    preset, chosen = inputs.preset_and_countries(query)
    first, last, common = year_bounds(data.indicator_row(indicator) if indicator else None)
    years = sorted([inputs.year_or_default(query.get("y0"), max(first, 2000)),
                    inputs.year_or_default(query.get("y1"), LAST_YEAR)])
    norm = inputs.choice_or_default(query.get("n"), NORMS, "abs")
    return ExplorerState(indicator, preset, chosen, years, norm, inputs.year_or_default(query.get("yr"), common),
                         first, last)


def controls(page: str, lang: str, state: ExplorerState, note: str) -> html.Div:
    return html.Div(className="controls", children=[
        dcc.Store(id="explorer-page", data=page),
        labelled(t("control.indicator", lang), dropdown(
            lang, id="explorer-indicator", options=indicator_options(page, lang), value=state.indicator,
            clearable=False),
            "explorer-indicator"),
        labelled(t("control.peers", lang), dropdown(
            lang, id="explorer-preset", options=preset_options(lang), value=state.preset, clearable=False),
            "explorer-preset"),
        labelled(t("control.countries", lang), dropdown(
            lang, id="explorer-countries", options=country_options(lang), value=state.countries, multi=True),
            "explorer-countries"),
        labelled(t("control.years", lang), dcc.RangeSlider(
            id="explorer-years", min=FIRST_YEAR, max=LAST_YEAR, step=1, value=state.years,
            marks={y: str(y) for y in range(1985, LAST_YEAR + 1, 10)}, tooltip={"placement": "bottom"}),
            "explorer-years"),
        labelled(t("control.normalisation", lang), dcc.RadioItems(
            id="explorer-norm", value=state.norm, inline=True,
            options=norm_options(lang)),
            "explorer-norm"),
        labelled(t("control.year", lang), dropdown(
            lang, id="explorer-year", options=list(range(state.last, state.first - 1, -1)), value=state.year,
            clearable=False), "explorer-year"),
        html.P(note, id="explorer-note", className="note", role="status"),
    ])


def layout(page: str, lang: str, query: dict[str, str]) -> list:
    state = initial_state(page, lang, query)
    note, *outputs = explorer_view(page, state.indicator, state.countries, state.years, state.norm, state.year, lang)
    return [
        controls(page, lang, state, note),
        html.Div(className="grid", children=[
            chart_card("trend", lang, t("card.trend", lang), tuple(outputs[0:4])),
            chart_card("ranking", lang, t("card.ranking", lang), tuple(outputs[4:8])),
            chart_card("map", lang, t("card.map", lang), tuple(outputs[8:12])),
        ]),
    ]


@data.memoized
def explorer_view(page: str, indicator: str, chosen: list[str], years: list[int], norm: str, year: int,
                  lang: str) -> tuple:
    """Everything the explorer shows for one state: a note and the three cards' outputs."""
    row = data.indicator_row(indicator) if indicator else None
    if row is None:
        message = figures.empty(t("empty.no_data", lang))
        blank = (message, None, [], "")
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
    events = data.policy_events(chosen, POLICY_CATEGORIES.get(page, []))
    sources = sorted(set(frame["source_id"]) | set(NORM_SOURCES.get(norm, []))) or [str(row["source_id"])]
    headers = {k: t(v, lang) for k, v in HEADERS.items()}

    trend_fig = figures.trend(frame, names, shown_unit, lang, f"{name} ({shown_unit})", forecast, events)
    trend = card_result("trend", trend_fig, display_frame(frame, lang, shown_unit), headers,
                        data.sql_for(data.SERIES_SQL[norm], params), sources, lang)

    ranked = frame[frame["year"] == year]
    rank_fig = figures.ranking(ranked[["country_iso3", "value"]], names, shown_unit, lang, f"{name}, {year}")
    rank_params = data.series_params(indicator, chosen, year, year)
    ranking = card_result("ranking", rank_fig, display_frame(ranked, lang, shown_unit), headers,
                          data.sql_for(data.SERIES_SQL[norm], rank_params), sources, lang)

    world = data.map_values(indicator, year)
    map_names = {iso: data.country_name(iso, lang) for iso in world["country_iso3"]}
    map_fig = figures.world_map(world, map_names, unit, lang, f"{name}, {year} ({unit})")
    world_map = card_result("map", map_fig, display_frame(world, lang, unit), headers,
                            data.sql_for(data.MAP_SQL, {"indicator": indicator, "year": int(year)}), sources, lang)
    return (note, *trend, *ranking, *world_map)


def register(app) -> None:
    @app.callback(
        Output("explorer-note", "children"), *card_outputs("trend"), *card_outputs("ranking"),
        *card_outputs("map"),
        Input("explorer-indicator", "value"), Input("explorer-countries", "value"), Input("explorer-years", "value"),
        Input("explorer-norm", "value"), Input("explorer-year", "value"),
        State("explorer-page", "data"), State("lang", "data"), prevent_initial_call=True)
    def update(indicator, chosen, years, norm, year, page, lang):
        return explorer_view(inputs.pillar(page), inputs.indicator(indicator), inputs.countries(chosen),
                             inputs.years(years), inputs.norm(norm), inputs.year(year), inputs.lang(lang))

    register_peer_sync(app, "explorer")

    @app.callback(
        Output("explorer-year", "options"), Output("explorer-year", "value"),
        Input("explorer-indicator", "value"), prevent_initial_call=True)
    def years_of(indicator):
        first, last, common = year_bounds(data.indicator_row(inputs.indicator(indicator)))
        return list(range(last, first - 1, -1)), common

    @app.callback(
        Output("url", "search", allow_duplicate=True),
        Input("explorer-indicator", "value"), Input("explorer-preset", "value"), Input("explorer-countries", "value"),
        Input("explorer-years", "value"), Input("explorer-norm", "value"), Input("explorer-year", "value"),
        prevent_initial_call=True)
    def to_url(indicator, preset, chosen, years, norm, year):
        years, preset = inputs.years(years), inputs.preset(preset)
        return write_query({"ind": inputs.indicator(indicator), "p": preset,
                            "c": inputs.countries(chosen) if preset == "custom" else None,
                            "y0": years[0], "y1": years[1], "n": inputs.norm(norm), "yr": inputs.year(year)})
