"""Overview, "Korea at a glance": per pillar Korea's latest headline value, rank among the chosen
peers, 5-year change, gap to the leader and projection with its skill; a pillar profile of Korea
against the US, China, Japan and Taiwan; and a generated summary of the same numbers."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime

import pandas as pd
from dash import ALL, Input, Output, State, ctx, dcc, html, no_update

from dashboard import data, figures, inputs
from dashboard.components import card_outputs, card_result, chart_card, dropdown, labelled, preset_options
from dashboard.i18n import fmt_number, t
from dashboard.state import PRESETS, write_query

log = logging.getLogger(__name__)

HEADLINES = {"rd": "oecd_msti:G_XGDP", "semis": "comtrade:8542:X", "funding": "oecd_vc:VC_XGDP",
             "models": "owid_ai:large_scale_ai_systems_cumulative"}
PROFILE_COUNTRIES = ["KOR", "USA", "CHN", "JPN", "TWN"]


@dataclass
class Headline:
    pillar: str
    indicator: str
    name: str
    unit: str
    year: int | None = None
    value: float | None = None
    rank: int | None = None
    peers: int = 0
    change: float | None = None
    leader: str | None = None
    gap: float | None = None
    projected: float | None = None
    projected_year: int | None = None
    skill: float | None = None


@data.memoized
def last_comparable_year(indicator: str) -> int:
    """IC export ranks are compared up to the last year every large exporter reported; others: all years."""
    if indicator != HEADLINES["semis"]:
        return 2100
    complete = data.reader().query("SELECT max(year) AS year FROM ic_export_shares WHERE coverage_complete")
    return int(complete["year"].iloc[0]) if complete["year"].notna().all() else 2100


def percentiles(indicator: str, countries: list[str]) -> dict[str, float]:
    """Percentile of each country's latest value among all economies with data (100 = highest)."""
    latest = data.latest_all(indicator)
    if latest.empty:
        return {}
    ranks = latest["value"].rank(pct=True) * 100
    return {code: float(r) for code, r in zip(latest["country_iso3"], ranks, strict=True) if code in countries}


def headline(pillar: str, indicator: str, peers: list[str], lang: str, focus: str = "KOR") -> Headline:
    """``focus``'s latest value of the indicator, its rank among ``peers``, change, gap and projection."""
    row = data.indicator_row(indicator)
    name = str(row["name_ko" if lang == "ko" else "name_en"]) if row is not None else indicator
    result = Headline(pillar, indicator, name, str(row["unit"]) if row is not None else "")
    frame = data.series(indicator, sorted(set(peers) | {focus}), 1980, last_comparable_year(indicator))
    korea = frame[frame["country_iso3"] == focus]
    if korea.empty:
        return result
    latest = korea.iloc[-1]
    result.year, result.value = int(latest["year"]), float(latest["value"])
    same_year = frame[frame["year"] == result.year].sort_values("value", ascending=False)
    result.peers = len(same_year)
    result.rank = int((same_year["value"] > result.value).sum()) + 1
    leader = same_year.iloc[0]
    result.leader, result.gap = str(leader["country_iso3"]), float(leader["value"]) - result.value
    earlier = korea[korea["year"] == result.year - 5]
    if not earlier.empty:
        base = float(earlier["value"].iloc[0])
        result.change = result.value - base if result.unit == "%" else (result.value / base - 1) * 100 if base else None
    forecast = data.forecasts(indicator, [focus])
    forecast = forecast[forecast["skill"] < 1] if not forecast.empty else forecast
    if not forecast.empty:
        last = forecast.iloc[-1]
        result.projected, result.projected_year, result.skill = float(last["mean"]), int(last["year"]), float(
            last["skill"])
    return result


def change_text(h: Headline, lang: str) -> str:
    if h.change is None:
        return "–"
    suffix = " %p" if h.unit == "%" else " %"
    return f"{h.change:+.2f}{suffix}" if h.unit == "%" else f"{h.change:+.1f}{suffix}"


def kpi_card(h: Headline, lang: str) -> html.Section:
    leader = data.country_name(h.leader, lang) if h.leader else "–"
    projected = (f"{fmt_number(h.projected, lang, h.unit)} ({h.projected_year}; "
                 f"{t('forecast.skill_short', lang, skill=h.skill)})"
                 if h.projected is not None else t("forecast.none_short", lang))
    rows = [
        (t("overview.latest", lang), f"{fmt_number(h.value, lang, h.unit)} ({h.year or '–'})"),
        (t("overview.rank", lang), f"{h.rank} / {h.peers}" if h.rank else "–"),
        (t("overview.change", lang), change_text(h, lang)),
        (t("overview.gap", lang), "0" if h.gap == 0 else f"{fmt_number(h.gap, lang, h.unit)} ({leader})"),
        (t("overview.projected", lang), projected),
    ]
    return html.Section(className="kpi", **{"aria-label": t(f"nav.{h.pillar}", lang)}, children=[
        html.H2(dcc.Link(t(f"nav.{h.pillar}", lang), href=f"/{lang}/{h.pillar}")),
        html.P(f"{h.name} ({h.unit})", className="kpi-indicator"),
        html.Dl([item for label, value in rows for item in (html.Dt(label), html.Dd(value))]),
    ])


def summary_sentences(headlines: list[Headline], lang: str, country: str) -> list[str]:
    """One generated sentence per pillar, from the same numbers as the cards."""
    sentences = []
    for h in headlines:
        if h.value is None:
            continue
        leader = data.country_name(h.leader, lang) if h.leader else ""
        if lang == "ko":
            text = (f"{h.name}: {country}은(는) {h.year}년 {fmt_number(h.value, lang, h.unit)}로 비교국 {h.peers}개 중 "
                    f"{h.rank}위" + ("입니다." if h.rank == 1 else f"이며, 선두는 {leader}입니다."))
            if h.change is not None:
                text += f" 5년 전보다 {change_text(h, lang)} 변했습니다."
            if h.projected is not None:
                text += f" {h.projected_year}년 전망치는 {fmt_number(h.projected, lang, h.unit)}입니다."
        else:
            text = (f"{h.name}: in {h.year} {country} stood at {fmt_number(h.value, lang, h.unit)}, "
                    f"{h.rank} of {h.peers} peers" + ("." if h.rank == 1 else f", behind {leader}."))
            if h.change is not None:
                text += f" Change over five years: {change_text(h, lang)}."
            if h.projected is not None:
                text += f" Projected for {h.projected_year}: {fmt_number(h.projected, lang, h.unit)}."
        sentences.append(text)
    return sentences


def summary(headlines: list[Headline], lang: str) -> list:
    sentences = summary_sentences(headlines, lang, data.country_name("KOR", lang))
    return [html.H2(t("overview.summary", lang)), html.Ul([html.Li(s) for s in sentences])]


def layout(lang: str, query: dict[str, str]) -> list:
    preset = inputs.choice_or_default(query.get("p"), PRESETS, "focus")
    kpis, text, *profile_outputs = overview_view(preset, lang)
    return [
        html.Div(className="controls", children=[
            labelled(t("control.peers", lang), dropdown(
                lang, id="overview-preset", options=preset_options(lang)[:-1], value=preset, clearable=False),
                "overview-preset"),
            html.Div(className="control", children=[
                html.Span(t("overview.briefing", lang), className="control-label"),
                html.Div(className="card-actions", children=[
                    html.Button(fmt.upper(), id={"type": "briefing", "format": fmt}, n_clicks=0, className="btn")
                    for fmt in ("pdf", "html", "xlsx")]),
                dcc.Download(id="briefing-download"),
                html.P(id="briefing-status", className="note", role="status"),
            ]),
        ]),
        html.Div(kpis, id="overview-kpis", className="kpis"),
        html.Section(text, id="overview-summary", className="summary", **{"aria-live": "polite"}),
        chart_card("profile", lang, t("overview.profile", lang), tuple(profile_outputs)),
    ]


@data.memoized
def profile_view(lang: str) -> tuple:
    rows = []
    for pillar, indicator in HEADLINES.items():
        for code, pct in percentiles(indicator, PROFILE_COUNTRIES).items():
            rows.append({"pillar": t(f"nav.{pillar}", lang), "country_iso3": code, "percentile": round(pct, 1),
                         "indicator_id": indicator})
    frame = pd.DataFrame(rows, columns=["pillar", "country_iso3", "percentile", "indicator_id"])
    names = {iso: data.country_name(iso, lang) for iso in PROFILE_COUNTRIES}
    fig = figures.profile(frame, names, lang, t("overview.profile", lang))
    sql = "\n".join(data.sql_for(data.LATEST_ALL_SQL, {"indicator": i}) for i in HEADLINES.values())
    headers = {"pillar": t("nav.label", lang), "country_iso3": t("col.country", lang), "percentile": "percentile"}
    return card_result("profile", fig, frame, headers, sql, [i.split(":")[0] for i in HEADLINES.values()], lang)


@data.memoized
def overview_view(preset: str, lang: str) -> tuple:
    peers = PRESETS.get(preset, PRESETS["focus"])
    headlines = [headline(p, i, peers, lang) for p, i in HEADLINES.items()]
    return ([kpi_card(h, lang) for h in headlines], summary(headlines, lang), *profile_view(lang))


def register(app) -> None:
    @app.callback(Output("overview-kpis", "children"), Output("overview-summary", "children"),
                  *card_outputs("profile"), Input("overview-preset", "value"), State("lang", "data"),
                  prevent_initial_call=True)
    def update(preset, lang):
        return overview_view(inputs.preset(preset, custom=False), inputs.lang(lang))

    @app.callback(Output("briefing-download", "data"), Output("briefing-status", "children"),
                  Input({"type": "briefing", "format": ALL}, "n_clicks"),
                  State("overview-preset", "value"), State("lang", "data"), prevent_initial_call=True)
    def briefing(clicks, preset, lang):
        from dashboard import briefings

        if not isinstance(ctx.triggered_id, dict) or not any(clicks or []):
            return no_update, no_update
        fmt = inputs.briefing_format(ctx.triggered_id.get("format"))
        preset, lang = inputs.preset(preset, custom=False), inputs.lang(lang)
        try:
            path = briefings.cache.get(preset, lang, fmt)
        except briefings.Busy:
            return no_update, t("export.busy", lang)
        except briefings.RenderFailed:
            log.exception("briefing failed", extra={"preset": preset, "lang": lang, "format": fmt})
            return no_update, t("export.failed", lang)
        stamp = datetime.now(UTC).strftime("%Y%m%d")
        return dcc.send_file(str(path), filename=f"kaim_briefing_KOR_{preset}_{lang}_{stamp}.{fmt}"), ""

    @app.callback(Output("url", "search", allow_duplicate=True), Input("overview-preset", "value"),
                  prevent_initial_call=True)
    def to_url(preset):
        return write_query({"p": inputs.preset(preset, custom=False)})
