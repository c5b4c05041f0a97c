"""SQL page: researchers run one read-only SELECT on the published warehouse and download the result.

The query is in the URL (``?q=``), so a link shares it, but a link only fills the box: nothing runs until
Run is clicked. Every run (and every CSV download, which runs the query in the box again on the server)
goes through ``execute``: the ``sql_page`` switch, a per-client rate, a host-wide slot, then the query in
a child process under memory, time, row and byte limits (``dashboard.data.researcher_query``).
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime

import dash_ag_grid as dag
import flask
from dash import Input, Output, State, dcc, html, no_update

from dashboard import data, ids, inputs
from dashboard.config import DashboardConfig
from dashboard.i18n import t
from dashboard.limits import Busy, RateLimiter, Slots
from dashboard.registry import Page
from dashboard.state import write_query

log = logging.getLogger(__name__)

DEFAULT_QUERY = """SELECT o.country_iso3, c.name_en, c.name_ko, o.year, round(o.value, 3) AS gerd_pct_gdp
FROM observations AS o JOIN countries AS c ON c.iso3 = o.country_iso3
WHERE o.indicator_id = 'oecd_msti:G_XGDP' AND o.year = 2024 AND NOT c.is_aggregate
ORDER BY o.value DESC"""
ROW_LIMIT = 10_000

_limiter: RateLimiter | None = None


def layout(lang: str, query: dict[str, str]) -> list:
    config = data.config()
    return [
        html.P(t("sql.intro", lang, rows=ROW_LIMIT, mb=config.sql_max_bytes / 1e6, seconds=config.sql_seconds),
               className="lead"),
        html.Div(className="card", children=[
            html.Label(t("sql.label", lang), htmlFor=ids.SQL_QUERY, className="control-label"),
            dcc.Textarea(id=ids.SQL_QUERY, value=query.get("q", DEFAULT_QUERY), className="sql-input",
                         spellCheck=False, rows=8),
            html.Div(className="card-actions", children=[
                html.Button(t("sql.run", lang), id=ids.SQL_RUN, n_clicks=0, className="btn btn-primary"),
                html.Button(t("card.csv", lang), id=ids.SQL_CSV, n_clicks=0, className="btn"),
            ]),
            html.P(t("sql.press_run" if config.sql_page else "sql.off", lang), id=ids.SQL_STATUS, className="note",
                   role="status", **{"aria-live": "polite"}),
            dcc.Download(id=ids.SQL_DOWNLOAD),
            # Before the first run the grid has one column, "Result": a grid's header row needs a header cell.
            dag.AgGrid(id=ids.SQL_RESULT, rowData=[], columnDefs=[{"headerName": t("sql.result", lang), "field": "_"}],
                       className="ag-theme-alpine sql-grid",
                       defaultColDef={"sortable": True, "resizable": True, "filter": True},
                       dashGridOptions={"animateRows": False,
                                        "localeText": {"noRowsToShow": t("sql.no_rows", lang)}},
                       style={"height": "480px"}),
        ]),
    ]


def limiter(per_minute: int) -> RateLimiter:
    """The process's rate limiter (a new one if the setting changed)."""
    global _limiter
    if _limiter is None or _limiter.per_minute != per_minute:
        _limiter = RateLimiter(per_minute)
    return _limiter


def client() -> str:
    """The client's address (the app applies ProxyFix behind the proxy); "local" outside a request."""
    if not flask.has_request_context():
        return "local"
    return flask.request.remote_addr or "unknown"


def execute(sql: str, lang: str) -> data.QueryResult | str:
    """The query's result, or the status line that says why there is none."""
    config = data.config()
    if not config.sql_page:
        return t("sql.off", lang)
    who = client()
    if not limiter(config.sql_per_minute).allow(who):
        log.info("sql.rate_limited client=%s", who)
        return t("sql.too_many", lang)
    try:
        data.check_query(sql)  # a refusal takes no slot
        with Slots(config.run_dir, "sql", config.sql_concurrency).acquire():
            return data.researcher_query(sql, ROW_LIMIT)
    except Busy:
        log.info("sql.busy client=%s", who)
        return t("sql.busy", lang)
    except data.QueryRefused as exc:
        return t("sql.refused", lang, message=exc)
    except data.QueryFailed as exc:
        return t("sql.failed", lang, message=exc)


def status_line(result: data.QueryResult, lang: str) -> str:
    status = t("sql.rows", lang, rows=len(result.frame), seconds=result.seconds)
    if result.reason == "rows":
        status += t("sql.truncated.rows", lang, rows=len(result.frame))
    elif result.reason == "bytes":
        status += t("sql.truncated.bytes", lang, mb=data.config().sql_max_bytes / 1e6)
    return status


def run_query(sql: str, lang: str) -> tuple[list[dict], list[dict], str]:
    """(rows, columns, status line) of a query; refusals, failures and limits become the status line."""
    result = execute(sql, lang)
    if isinstance(result, str):
        return [], [], result
    columns = [{"field": c, "headerName": c} for c in result.frame.columns]
    return result.frame.to_dict("records"), columns, status_line(result, lang)


def csv_download(sql: str, lang: str) -> tuple[dict | None, str]:
    """(download, status line) of the query run again on the server: never the client's copy of the rows."""
    result = execute(sql, lang)
    if isinstance(result, str):
        return None, result
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    download = {"content": result.frame.to_csv(index=False), "filename": f"kaim_sql_{stamp}.csv", "type": "text/csv"}
    return download, status_line(result, lang)


def _inputs(sql: object, lang: object) -> tuple[str, str]:
    """The query as text (the sandbox checks it) and a declared language (else 400)."""
    return (sql if isinstance(sql, str) else ""), inputs.lang(lang)


def register(app) -> None:
    @app.callback(Output(ids.SQL_RESULT, "rowData"), Output(ids.SQL_RESULT, "columnDefs"),
                  Output(ids.SQL_STATUS, "children"), Output(ids.URL, "search", allow_duplicate=True),
                  Input(ids.SQL_RUN, "n_clicks"), State(ids.SQL_QUERY, "value"), State(ids.LANG, "data"),
                  prevent_initial_call=True)
    def run(_clicks, sql, lang):
        sql, lang = _inputs(sql, lang)
        rows, columns, status = run_query(sql, lang)
        return rows, columns, status, write_query({"q": sql})

    @app.callback(Output(ids.SQL_DOWNLOAD, "data"), Output(ids.SQL_STATUS, "children", allow_duplicate=True),
                  Input(ids.SQL_CSV, "n_clicks"), State(ids.SQL_QUERY, "value"), State(ids.LANG, "data"),
                  prevent_initial_call=True)
    def download(_clicks, sql, lang):
        download_, status = csv_download(*_inputs(sql, lang))
        return (download_ if download_ is not None else no_update), status


def served(config: DashboardConfig) -> bool:
    """Public sites can turn the SQL page off (``sql_page``)."""
    return config.sql_page


PAGE = Page(name="sql", order=80, layout=layout, callbacks=(register,), full_load_library="dash_ag_grid",
            enabled=served)
