"""The Dash app: a shell (header, navigation, language toggle) and a router to the pages.

Pages are laid out from the URL (``/<lang>/<page>?<state>``) so that any view is a shareable link.
Nothing is read at import: data is opened on the first request, read-only, from the published file.
"""

from __future__ import annotations

import logging
import re
import time
from urllib.parse import urlparse

import flask
from dash import Dash, Input, Output, State, dcc, html
from dash.exceptions import PreventUpdate

from dashboard import data
from dashboard.components import register_card_callbacks
from dashboard.hardening import harden
from dashboard.i18n import LANGUAGES, t
from dashboard.pages import compare, explorer, funding, models, overview, policy, semis, sources, sql
from dashboard.state import PAGES, path, read_query, split_path

log = logging.getLogger(__name__)

#: Extra cards of pillar pages, after the explorer.
PILLAR_EXTRAS = {"semis": semis, "funding": funding, "models": models}
OTHER_PAGES = {"overview": overview, "compare": compare, "policy": policy, "sql": sql, "sources": sources}
#: Pages whose documents load a component library no other page needs (AG Grid: 1.2 MB of script): links
#: to them load a new document (see ``MonitorDash``).
FULL_LOAD_PAGES = {"sql": "dash_ag_grid"}


def header(lang: str, page: str) -> html.Header:
    other = next(code for code in LANGUAGES if code != lang)
    return html.Header(className="site-header", children=[
        html.A(t("app.skip", lang), href="#content", className="skip-link"),
        html.Div(className="brand", children=[
            html.A(t("app.title", lang), href=path(lang, "overview"), className="brand-title"),
            html.Span(t("app.tagline", lang), className="brand-tagline"),
        ]),
        html.Nav(**{"aria-label": t("nav.label", lang)}, className="site-nav", children=[
            (html.A if name in FULL_LOAD_PAGES else dcc.Link)(t(f"nav.{name}", lang), href=path(lang, name),
                                                               className="nav-link" + (" active" * (name == page)))
            for name in PAGES if enabled(name)
        ]),
        dcc.Link(t("app.language", lang), id="language-toggle", href=path(other, page),
                 className="language-toggle", title=t("app.language.label", lang)),
    ])


def enabled(page: str) -> bool:
    """Every page but the SQL page, which settings can turn off (``sql_page``) on public sites."""
    return page != "sql" or data.reader().settings.sql_page


def page_body(lang: str, page: str, query: dict[str, str]) -> list:
    if page in OTHER_PAGES:
        return OTHER_PAGES[page].layout(lang, query)
    body = explorer.layout(page, lang, query)
    if page in PILLAR_EXTRAS:
        body += PILLAR_EXTRAS[page].layout(lang, query)
    return body


def render(pathname: str | None, search: str | None) -> tuple[list, str]:
    """The shell and page for a URL, and its language."""
    lang, page = split_path(pathname)
    page = page if enabled(page) else "overview"
    try:
        body = page_body(lang, page, read_query(search))
    except data.NoWarehouse:
        body = [html.Div(t("empty.no_warehouse", lang), className="message", role="alert")]
    title = t(f"nav.{page}", lang) if page != "overview" else t("overview.title", lang)
    return [
        header(lang, page),
        html.Main(id="content", lang=lang, children=[html.H1(title, className="page-title"), *body]),
        html.Footer(t("app.footer", lang), className="site-footer"),
    ], lang


def warm_up() -> None:
    """Render every page's default view in both languages, so that a worker's first visitors do not
    wait for its caches (opening the warehouse, the catalogue, each page's queries and figures)."""
    started = time.perf_counter()
    for lang in LANGUAGES:
        for page in filter(enabled, PAGES):
            try:
                render(path(lang, page), "")
            except Exception:  # that page will fail on request too; the others must still be served
                log.exception("page failed to render ahead of the first request", extra={"page": path(lang, page)})
    log.info("pages rendered ahead of the first request", extra={"seconds": round(time.perf_counter() - started, 2)})


def initial_layout() -> html.Div:
    """The page the browser asked for, rendered with the first layout (the page's URL is the referrer
    of Dash's layout request), so that it arrives with its charts: no router round trip."""
    referrer = urlparse(flask.request.referrer or "")
    shell, lang = render(referrer.path, referrer.query) if referrer.path else (None, None)
    return html.Div([
        dcc.Location(id="url", refresh=False),
        dcc.Store(id="lang", data=lang),
        dcc.Store(id="rendered", data=referrer.path + ("?" + referrer.query if referrer.query else "")
                  if shell else None),
        html.Div(shell, id="shell"),
    ])


class MonitorDash(Dash):
    """Dash with fewer scripts before the first chart:

    - without the @babel/polyfill Dash puts on every page: core-js 2 for browsers Dash no longer
      supports, ~250 ms of script. What Dash's bundles need from it, a global ``regeneratorRuntime``,
      comes from ``assets/regenerator-runtime.min.js`` (see tools/js-assets);
    - without the DataTable bundle (the app draws its tables itself, and the SQL page uses AG Grid);
    - with a page's own component library only in that page's documents (``FULL_LOAD_PAGES``).
    """

    UNUSED = re.compile(r'<script src="[^"]*/(deps/polyfill@|dash_table/bundle)[^"]*"></script>\s*')
    #: Chunks every page with a chart asks for as soon as it renders: fetched with the page instead.
    PRELOAD = "".join(f'<link rel="preload" as="script" href="/_dash-component-suites/dash/dcc/async-{chunk}.js">'
                      for chunk in ("graph", "dropdown"))

    def interpolate_index(self, **kwargs) -> str:
        scripts = self.UNUSED.sub("", kwargs["scripts"])
        kwargs["css"] = self.PRELOAD + kwargs["css"]
        page = split_path(flask.request.path)[1]
        for name, library in FULL_LOAD_PAGES.items():
            if name != page:
                scripts = re.sub(rf'<script src="[^"]*/_dash-component-suites/{library}/[^"]*"></script>\s*', "",
                                 scripts)
        kwargs["scripts"] = scripts
        return super().interpolate_index(**kwargs)


def create_app() -> Dash:
    app = MonitorDash(__name__, title="Korea AI Monitor · 한국 AI 모니터", suppress_callback_exceptions=True,
               serve_locally=True, update_title=None)
    app.layout = initial_layout

    @app.callback(Output("shell", "children"), Output("lang", "data"), Output("rendered", "data"),
                  Input("url", "pathname"), State("url", "search"), State("rendered", "data"))
    def route(pathname, search, rendered):
        if rendered is not None and rendered == (pathname or "") + (search or ""):
            raise PreventUpdate  # the location's first report: the first layout already holds this page
        return *render(pathname, search), None  # from now on every change of location is a navigation

    app.clientside_callback(
        """function(search, pathname) {
            const parts = (pathname || '/').split('/').filter(Boolean);
            const lang = parts[0] === 'en' ? 'ko' : 'en';
            const page = parts.length > 1 ? parts[1] : 'overview';
            document.documentElement.lang = parts[0] === 'en' ? 'en' : 'ko';
            return '/' + lang + '/' + page + (search || '');
        }""",
        Output("language-toggle", "href"), Input("url", "search"), Input("url", "pathname"))

    register_card_callbacks(app)
    explorer.register(app)
    for name, module in (*PILLAR_EXTRAS.items(), *OTHER_PAGES.items()):
        if enabled(name):
            module.register(app)
    settings = data.reader().settings
    harden(app.server, app.csp_hashes(), settings.behind_proxy)
    return app
