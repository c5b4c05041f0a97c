"""Sources: per source its producer, licence, the producer's date and the fetch date, the latest period and
how complete it is, rows left out, last run, status and freshness; per indicator what it measures, its
unit and caveats."""

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
    merged["producer_date_shown"] = merged["producer_date"].fillna(t("card.not_stated", lang))
    merged["latest_shown"] = [latest_coverage(row, lang) for row in merged.itertuples()]
    merged["dropped_shown"] = merged["dropped"].fillna(0).map(lambda n: f"{int(n):,}")
    source_headers = {"source_id": t("col.source", lang), "producer": t("col.producer", lang),
                      "license": t("col.license", lang), "quality": t("col.quality", lang),
                      "producer_date_shown": t("col.producer_date", lang), "vintage": t("col.vintage", lang),
                      "latest_shown": t("col.latest_period", lang), "dropped_shown": t("col.dropped", lang),
                      "last_run": t("col.last_run", lang), "status_shown": t("col.status", lang),
                      "freshness_shown": t("col.freshness", lang), "failures": t("col.failures", lang)}
    indicators = data.indicators()
    key = "name_ko" if lang == "ko" else "name_en"
    indicators = indicators.assign(name=indicators[key])
    indicator_headers = {"indicator_id": "id", "name": t("col.indicator", lang), "unit": t("col.unit", lang),
                         "description": t("col.description", lang), "license": t("col.license", lang),
                         "quality": t("col.quality", lang)}
    return [
        scrolling_table("sources-table", t("sources.title", lang), table(merged, source_headers)),
        scrolling_table("indicators-table", t("sources.indicators", lang), table(indicators, indicator_headers)),
    ]


def scrolling_table(name: str, heading: str, content) -> html.Section:
    """A card with a heading and a table that scrolls in its box: the box is a named region a keyboard can
    reach and scroll (WCAG 2.1.1)."""
    label = f"{name}-heading"
    return html.Section(className="card", children=[
        html.H2(heading, id=label),
        html.Div(content, className="table-scroll", tabIndex=0, role="region", **{"aria-labelledby": label}),
    ])


def latest_coverage(row, lang: str) -> str:
    """The source's latest period, and how many of its values are of a part-period or miss large reporters."""
    if row.latest_period is None or row.latest_period != row.latest_period:  # no observations (or NaT)
        return "–"
    period = row.latest_period.strftime("%Y-%m-%d")
    if not row.latest_incomplete:
        return t("sources.latest.complete", lang, period=period)
    return t("sources.latest.incomplete", lang, period=period, flag=t(f"flag.{row.latest_flag}", lang),
             n=f"{int(row.latest_incomplete):,}", total=f"{int(row.latest_values):,}")


PAGE = Page(name="sources", order=90, layout=layout)
