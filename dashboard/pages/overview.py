"""Overview, "Korea at a glance": per pillar Korea's latest headline value, rank among the chosen
peers, 5-year change, gap to the leader and projection with its skill; a pillar profile of Korea
against the US, China, Japan and Taiwan; and a generated summary of the same numbers."""

from __future__ import annotations

import logging
from datetime import UTC, datetime

from dash import ALL, Input, Output, State, ctx, dcc, html, no_update

from dashboard import briefings, data, describe, figures, ids, inputs
from dashboard.components import card_outputs, card_result, chart_card, dropdown, labelled, preset_options
from dashboard.headlines import Headline, headlines, kpi_rows, positions, summary_sentences
from dashboard.i18n import t
from dashboard.pillars import HEADLINES
from dashboard.registry import Page
from dashboard.state import PRESETS, path, write_query

log = logging.getLogger(__name__)

PROFILE_COUNTRIES = ["KOR", "USA", "CHN", "JPN", "TWN"]


def kpi_card(h: Headline, lang: str) -> html.Section:
    """A pillar's headline numbers, linked to the pillar's page."""
    return html.Section(className="kpi", **{"aria-label": t(f"nav.{h.pillar}", lang)}, children=[
        html.H2(dcc.Link(t(f"nav.{h.pillar}", lang), href=path(lang, h.pillar))),
        html.P(f"{h.name} ({h.unit})", className="kpi-indicator"),
        html.Dl([item for label, value in kpi_rows(h, lang) for item in (html.Dt(label), html.Dd(value))]),
    ])


def summary(headlines_: list[Headline], lang: str) -> list:
    sentences = summary_sentences(headlines_, lang, data.country_name("KOR", lang))
    return [html.H2(t("overview.summary", lang)), html.Ul([html.Li(s) for s in sentences])]


def layout(lang: str, query: dict[str, str]) -> list:
    preset = inputs.choice_or_default(query.get("p"), PRESETS, "focus")
    kpis, text, *profile_outputs = overview_view(preset, lang)
    return [
        html.Div(className="controls", children=[
            labelled(t("control.peers", lang), dropdown(
                lang, id=ids.OVERVIEW_PRESET, options=preset_options(lang)[:-1], value=preset, clearable=False),
                ids.OVERVIEW_PRESET),
            html.Div(className="control", children=[
                html.Span(t("overview.briefing", lang), className="control-label"),
                html.Div(className="card-actions", children=[
                    html.Button(fmt.upper(), id=ids.briefing_button(fmt), n_clicks=0, className="btn")
                    for fmt in inputs.BRIEFING_FORMATS]),
                dcc.Download(id=ids.BRIEFING_DOWNLOAD),
                html.P(id=ids.BRIEFING_STATUS, className="note", role="status"),
            ]),
        ]),
        html.Div(kpis, id=ids.OVERVIEW_KPIS, className="kpis"),
        html.Section(text, id=ids.OVERVIEW_SUMMARY, className="summary", **{"aria-live": "polite"}),
        chart_card(ids.PROFILE, lang, t("overview.profile", lang), tuple(profile_outputs)),
    ]


@data.memoized
def profile_view(lang: str) -> tuple:
    frame = positions(PROFILE_COUNTRIES, lang)
    names = {iso: data.country_name(iso, lang) for iso in PROFILE_COUNTRIES}
    fig = figures.profile(frame, names, lang, t("overview.profile", lang))
    sql = "\n".join(data.sql_for(data.LATEST_ALL_SQL, {"indicator": i}) for i in HEADLINES.values())
    headers = {"pillar": t("nav.label", lang), "country_iso3": t("col.country", lang), "percentile": "percentile"}
    return card_result(ids.PROFILE, fig, frame, headers, sql, [i.split(":")[0] for i in HEADLINES.values()], lang,
                       description=describe.profile(frame, names, lang, t("overview.profile", lang)))


@data.memoized
def overview_view(preset: str, lang: str) -> tuple:
    found = headlines(PRESETS.get(preset, PRESETS["focus"]), lang)
    return ([kpi_card(h, lang) for h in found], summary(found, lang), *profile_view(lang))


def register(app) -> None:
    @app.callback(Output(ids.OVERVIEW_KPIS, "children"), Output(ids.OVERVIEW_SUMMARY, "children"),
                  *card_outputs(ids.PROFILE), Input(ids.OVERVIEW_PRESET, "value"), State(ids.LANG, "data"),
                  prevent_initial_call=True)
    def update(preset, lang):
        return overview_view(inputs.preset(preset, custom=False), inputs.lang(lang))

    @app.callback(Output(ids.BRIEFING_DOWNLOAD, "data"), Output(ids.BRIEFING_STATUS, "children"),
                  Input(ids.briefing_button(ALL), "n_clicks"),
                  State(ids.OVERVIEW_PRESET, "value"), State(ids.LANG, "data"), prevent_initial_call=True)
    def briefing(clicks, preset, lang):
        if not isinstance(ctx.triggered_id, dict) or not any(clicks or []):
            return no_update, no_update
        fmt = inputs.briefing_format(ctx.triggered_id.get("format"))
        preset, lang = inputs.preset(preset, custom=False), inputs.lang(lang)
        try:
            path_ = briefings.cache.get(preset, lang, fmt)
        except briefings.Busy:
            return no_update, t("export.busy", lang)
        except briefings.RenderFailed:
            log.exception("briefing failed", extra={"preset": preset, "lang": lang, "format": fmt})
            return no_update, t("export.failed", lang)
        stamp = datetime.now(UTC).strftime("%Y%m%d")
        return dcc.send_file(str(path_), filename=f"kaim_briefing_KOR_{preset}_{lang}_{stamp}.{fmt}"), ""

    @app.callback(Output(ids.URL, "search", allow_duplicate=True), Input(ids.OVERVIEW_PRESET, "value"),
                  prevent_initial_call=True)
    def to_url(preset):
        return write_query({"p": inputs.preset(preset, custom=False)})


PAGE = Page(name="overview", order=10, layout=layout, callbacks=(register,), title="overview.title")
