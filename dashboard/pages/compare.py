"""Compare: any indicator, any set of countries, any years, as lines, bars or a slope chart."""

from __future__ import annotations

from dash import Input, Output, State, dcc, html

from dashboard import data, describe, figures, ids, inputs
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
from dashboard.explorer import HEADERS, NORM_SOURCES, norm_options, normalisation
from dashboard.i18n import t
from dashboard.inputs import CHARTS, FIRST_YEAR, LAST_YEAR, NORMS
from dashboard.pillars import PILLARS
from dashboard.registry import Page
from dashboard.state import write_query

DEFAULT = PILLARS["rd"].indicator


def layout(lang: str, query: dict[str, str]) -> list:
    table = data.indicators()
    table = table[table["countries"].fillna(0) > 0]
    key = "name_ko" if lang == "ko" else "name_en"
    options = [{"label": f"{row[key]} · {row['source_id']}", "value": row["indicator_id"]}
               for _, row in table.sort_values(["pillar", key]).iterrows()]
    indicator = query.get("ind") if query.get("ind") in set(table["indicator_id"]) else DEFAULT
    preset, chosen = inputs.preset_and_countries(query)
    years = sorted([inputs.year_or_default(query.get("y0"), 2000), inputs.year_or_default(query.get("y1"), LAST_YEAR)])
    chart = inputs.choice_or_default(query.get("ch"), CHARTS, "line")
    norm = inputs.choice_or_default(query.get("n"), NORMS, "abs")
    note, *outputs = compare_view(indicator, chosen, years, chart, norm, lang)
    return [
        html.P(t("compare.title", lang), className="lead"),
        html.Div(className="controls", children=[
            labelled(t("control.indicator", lang), dropdown(
                lang, id=ids.COMPARE_INDICATOR, options=options, value=indicator, clearable=False),
                ids.COMPARE_INDICATOR),
            labelled(t("control.peers", lang), dropdown(
                lang, id=ids.COMPARE_PRESET, options=preset_options(lang), value=preset, clearable=False),
                ids.COMPARE_PRESET),
            labelled(t("control.countries", lang), dropdown(
                lang, id=ids.COMPARE_COUNTRIES, options=country_options(lang), value=chosen, multi=True),
                ids.COMPARE_COUNTRIES),
            labelled(t("control.years", lang), dcc.RangeSlider(
                id=ids.COMPARE_YEARS, min=FIRST_YEAR, max=LAST_YEAR, step=1,
                value=years,
                marks={y: str(y) for y in range(1985, LAST_YEAR + 1, 10)}, tooltip={"placement": "bottom"}),
                ids.COMPARE_YEARS),
            labelled(t("control.chart", lang), dcc.RadioItems(
                id=ids.COMPARE_CHART, value=chart,
                inline=True, options=[{"label": t(f"chart.{c}", lang), "value": c} for c in CHARTS]),
                ids.COMPARE_CHART),
            labelled(t("control.normalisation", lang), dcc.RadioItems(
                id=ids.COMPARE_NORM, value=norm, inline=True,
                options=norm_options(lang)),
                ids.COMPARE_NORM),
            html.P(note, id=ids.COMPARE_NOTE, className="note", role="status"),
        ]),
        chart_card(ids.COMPARE, lang, t("nav.compare", lang), tuple(outputs)),
    ]


@data.memoized
def compare_view(indicator: str, chosen: list[str], years: list[int], chart: str, norm: str, lang: str) -> tuple:
    row = data.indicator_row(indicator)
    unit = str(row["unit"]) if row is not None else ""
    norm, note = normalisation(norm, unit, lang)
    frame = data.series(indicator, chosen, years[0], years[1], norm)
    shown_unit = str(frame["unit"].iloc[0]) if not frame.empty else unit
    names = {iso: data.country_name(iso, lang) for iso in chosen}
    name = str(row["name_ko" if lang == "ko" else "name_en"]) if row is not None else indicator
    build = {"line": figures.trend, "bar": figures.grouped_bars, "slope": figures.slope}[chart]
    fig = build(frame, names, shown_unit, lang, f"{name} ({shown_unit})")
    headers = {k: t(v, lang) for k, v in HEADERS.items()}
    sql = data.sql_for(data.SERIES_SQL[norm], data.series_params(indicator, chosen, years[0], years[1]))
    sources = (sorted(set(frame["source_id"]) | set(NORM_SOURCES.get(norm, [])))
               or ([str(row["source_id"])] if row is not None else []))
    text = {"line": describe.trend, "bar": describe.grouped_bars, "slope": describe.slope}[chart](
        frame, names, shown_unit, lang, f"{name} ({shown_unit})")
    return (note, *card_result(ids.COMPARE, fig, display_frame(frame, lang, shown_unit), headers, sql, sources, lang,
                               description=text))


def register(app) -> None:
    @app.callback(Output(ids.COMPARE_NOTE, "children"), *card_outputs(ids.COMPARE),
                  Input(ids.COMPARE_INDICATOR, "value"), Input(ids.COMPARE_COUNTRIES, "value"),
                  Input(ids.COMPARE_YEARS, "value"), Input(ids.COMPARE_CHART, "value"),
                  Input(ids.COMPARE_NORM, "value"), State(ids.LANG, "data"), prevent_initial_call=True)
    def update(indicator, chosen, years, chart, norm, lang):
        return compare_view(inputs.indicator(indicator), inputs.countries(chosen) or ["KOR"], inputs.years(years),
                            inputs.chart(chart), inputs.norm(norm), inputs.lang(lang))

    register_peer_sync(app, ids.COMPARE_PRESET, ids.COMPARE_COUNTRIES)

    @app.callback(Output(ids.URL, "search", allow_duplicate=True),
                  Input(ids.COMPARE_INDICATOR, "value"), Input(ids.COMPARE_PRESET, "value"),
                  Input(ids.COMPARE_COUNTRIES, "value"), Input(ids.COMPARE_YEARS, "value"),
                  Input(ids.COMPARE_CHART, "value"), Input(ids.COMPARE_NORM, "value"), prevent_initial_call=True)
    def to_url(indicator, preset, chosen, years, chart, norm):
        years, preset = inputs.years(years), inputs.preset(preset)
        return write_query({"ind": inputs.indicator(indicator), "p": preset,
                            "c": inputs.countries(chosen) if preset == "custom" else None,
                            "y0": years[0], "y1": years[1], "ch": inputs.chart(chart), "n": inputs.norm(norm)})


PAGE = Page(name="compare", order=60, layout=layout, callbacks=(register,))
