"""SQL page: researchers run one read-only SELECT on the published warehouse, with a row and time limit,
and download the result. The query is in the URL (``?q=``), so a link shares it."""

from __future__ import annotations

from datetime import UTC, datetime

import dash_ag_grid as dag
import pandas as pd
from dash import Input, Output, State, dcc, html

from dashboard import data
from dashboard.i18n import t
from dashboard.state import write_query
from warehouse import sandbox

DEFAULT_QUERY = """SELECT o.country_iso3, c.name_en, c.name_ko, o.year, round(o.value, 3) AS gerd_pct_gdp
FROM observations AS o JOIN countries AS c ON c.iso3 = o.country_iso3
WHERE o.indicator_id = 'oecd_msti:G_XGDP' AND o.year = 2024 AND NOT c.is_aggregate
ORDER BY o.value DESC"""
ROW_LIMIT, TIME_LIMIT = 10_000, 10.0


def layout(lang: str, query: dict[str, str]) -> list:
    return [
        html.P(t("sql.intro", lang), className="lead"),
        html.Div(className="card", children=[
            html.Label(t("sql.label", lang), htmlFor="sql-query", className="control-label"),
            dcc.Textarea(id="sql-query", value=query.get("q", DEFAULT_QUERY), className="sql-input",
                         spellCheck=False, rows=8),
            html.Div(className="card-actions", children=[
                html.Button(t("sql.run", lang), id="sql-run", n_clicks=0, className="btn btn-primary"),
                html.Button(t("card.csv", lang), id="sql-csv", n_clicks=0, className="btn"),
            ]),
            html.P(id="sql-status", className="note", role="status", **{"aria-live": "polite"}),
            dcc.Download(id="sql-download"),
            dag.AgGrid(id="sql-result", rowData=[], columnDefs=[], className="ag-theme-alpine sql-grid",
                       defaultColDef={"sortable": True, "resizable": True, "filter": True},
                       dashGridOptions={"animateRows": False}, style={"height": "480px"}),
        ]),
    ]


def run_query(sql: str, lang: str) -> tuple[list[dict], list[dict], str]:
    """(rows, columns, status line) of a query; refusals and failures become the status line."""
    try:
        with data.reader().cursor() as cursor:
            result = sandbox.run(cursor, sql, row_limit=ROW_LIMIT, time_limit=TIME_LIMIT)
    except sandbox.QueryRefused as exc:
        return [], [], t("sql.refused", lang, message=exc)
    except sandbox.QueryFailed as exc:
        return [], [], t("sql.failed", lang, message=exc)
    frame = result.frame
    for column in frame.columns:  # dates and timestamps as ISO text, numbers as they are
        if frame[column].dtype.kind == "M" or frame[column].dtype == object:
            frame[column] = frame[column].astype(str).where(frame[column].notna(), None)
    status = t("sql.rows", lang, rows=len(frame), seconds=result.seconds)
    if result.truncated:
        status += t("sql.truncated", lang)
    columns = [{"field": c, "headerName": c} for c in frame.columns]
    return frame.to_dict("records"), columns, status


def register(app) -> None:
    @app.callback(Output("sql-result", "rowData"), Output("sql-result", "columnDefs"), Output("sql-status", "children"),
                  Output("url", "search", allow_duplicate=True),
                  Input("sql-run", "n_clicks"), State("sql-query", "value"), State("lang", "data"),
                  prevent_initial_call="initial_duplicate")
    def run(_clicks, sql, lang):
        rows, columns, status = run_query(sql or "", lang)
        return rows, columns, status, write_query({"q": sql})

    @app.callback(Output("sql-download", "data"), Input("sql-csv", "n_clicks"), State("sql-result", "rowData"),
                  State("sql-result", "columnDefs"), prevent_initial_call=True)
    def download(_clicks, rows, columns):
        frame = pd.DataFrame(rows or [], columns=[c["field"] for c in columns or []])
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        return {"content": frame.to_csv(index=False), "filename": f"kaim_sql_{stamp}.csv", "type": "text/csv"}
