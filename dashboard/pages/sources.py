"""Sources: per source its producer, licence, vintage, last run, status and freshness; per indicator
what it measures, its unit and caveats."""

from __future__ import annotations

from dash import html

from dashboard import data
from dashboard.components import table
from dashboard.i18n import t
from dashboard.registry import Page


def layout(lang: str, query: dict[str, str]) -> list:
    merged = data.sources().merge(data.source_status(), on="source_id", how="left")  # the status of `kaim status`
    merged["status_shown"] = [t(f"status.{s}", lang) if isinstance(s, str) else "–" for s in merged["status"]]
    merged["freshness_shown"] = [t(f"fresh.{f}", lang) for f in merged["freshness"]]
    merged["last_run"] = merged["last_run"].dt.strftime("%Y-%m-%d %H:%M").fillna("–")
    source_headers = {"source_id": t("col.source", lang), "producer": t("col.producer", lang),
                      "license": t("col.license", lang), "quality": t("col.quality", lang),
                      "vintage": t("col.vintage", lang), "last_run": t("col.last_run", lang),
                      "status_shown": t("col.status", lang), "freshness_shown": t("col.freshness", lang),
                      "failures": t("col.failures", lang)}
    indicators = data.indicators()
    key = "name_ko" if lang == "ko" else "name_en"
    indicators = indicators.assign(name=indicators[key])
    indicator_headers = {"indicator_id": "id", "name": t("col.indicator", lang), "unit": t("col.unit", lang),
                         "description": t("col.description", lang), "license": t("col.license", lang),
                         "quality": t("col.quality", lang)}
    return [
        html.Section(className="card", children=[html.H2(t("sources.title", lang)), html.Div(
            table(merged, source_headers), className="table-scroll")]),
        html.Section(className="card", children=[html.H2(t("sources.indicators", lang)), html.Div(
            table(indicators, indicator_headers), className="table-scroll")]),
    ]


PAGE = Page(name="sources", order=90, layout=layout)
