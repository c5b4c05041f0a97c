"""The Dash app: a shell (header, navigation, language toggle) and a router to the pages.

Pages are laid out from the URL (``/<lang>/<page>?<state>``) so that any view is a shareable link.
The pages, their navigation and their callbacks come from the page registry (``dashboard.registry``).
Nothing is read at import: data is opened on the first request, read-only, from the published file.
"""

from __future__ import annotations

import json
import logging
import re
import time
from urllib.parse import urlparse

import flask
from dash import Dash, Input, Output, State, dcc, html
from dash.exceptions import PreventUpdate

from dashboard import data, ids, pinning, registry
from dashboard.components import register_card_callbacks
from dashboard.config import DashboardConfig
from dashboard.hardening import harden
from dashboard.i18n import LANGUAGES, t
from dashboard.registry import Page
from dashboard.state import path, read_query, split_path

log = logging.getLogger(__name__)


def header(lang: str, page: str) -> html.Header:
    other = next(code for code in LANGUAGES if code != lang)
    return html.Header(className="site-header", children=[
        html.A(t("app.skip", lang), href=f"#{ids.CONTENT}", className="skip-link"),
        html.Div(className="brand", children=[
            html.A(t("app.title", lang), href=path(lang, registry.home()), className="brand-title"),
            html.Span(t("app.tagline", lang), className="brand-tagline"),
        ]),
        html.Nav(**{"aria-label": t("nav.label", lang)}, className="site-nav", children=[
            (html.A if p.full_load_library else dcc.Link)(t(p.label, lang), href=path(lang, p.name),
                                                          className="nav-link" + (" active" * (p.name == page)))
            for p in served_pages()
        ]),
        language_toggle(lang, other, page),
    ])


def language_toggle(lang: str, other: str, page: str) -> dcc.Link:
    """The link to the same view in the other language. Screen readers hear, in that language, what it does
    ("한국어로 보기") and then that language named in the page's ("(Korean)"); sighted readers see its name
    ("한국어"), which the spoken name contains (WCAG 2.5.3)."""
    name = f"{t('app.language.switch', lang)} ({t('app.language.target', lang)})"
    return dcc.Link(id=ids.LANGUAGE_TOGGLE, href=path(other, page), className="language-toggle", title=name,
                    children=[
                        html.Span(t("app.language", lang), lang=other, **{"aria-hidden": "true"}),
                        html.Span(className="visually-hidden", children=[
                            html.Span(t("app.language.switch", lang), lang=other),
                            f" ({t('app.language.target', lang)})"]),
                    ])


def served_pages() -> list[Page]:
    """The pages the settings serve, in navigation order (the SQL page can be turned off)."""
    config = data.config()
    return [p for p in registry.pages() if p.enabled(config)]


def render(pathname: str | None, search: str | None) -> tuple[list, str]:
    """The shell and page for a URL, and its language."""
    lang, name = split_path(pathname)
    page = registry.get(name)
    if not page.enabled(data.config()):
        page = registry.get(registry.home())
    query = read_query(search)
    try:
        body = page.layout(lang, query)
    except data.NoWarehouse:
        body = [html.Div(t("empty.no_warehouse", lang), className="message", role="alert")]
    return [
        header(lang, page.name),
        html.Main(id=ids.CONTENT, lang=lang, children=[html.H1(t(page.heading, lang), className="page-title"),
                                                       pinning.note(lang, page.name, query), *body]),
        html.Footer(t("app.footer", lang), className="site-footer"),
    ], lang


def warm_up() -> None:
    """Render every page's default view in both languages, so that a worker's first visitors do not
    wait for its caches (opening the warehouse, the catalogue, each page's queries and figures)."""
    started = time.perf_counter()
    for lang in LANGUAGES:
        for page in served_pages():
            try:
                render(path(lang, page.name), "")
            except Exception:  # that page will fail on request too; the others must still be served
                log.exception("page failed to render ahead of the first request",
                              extra={"page": path(lang, page.name)})
    log.info("pages rendered ahead of the first request", extra={"seconds": round(time.perf_counter() - started, 2)})


def initial_layout() -> html.Div:
    """The page the browser asked for, rendered with the first layout (the page's URL is the referrer
    of Dash's layout request), so that it arrives with its charts: no router round trip."""
    referrer = urlparse(flask.request.referrer or "")
    shell, lang = render(referrer.path, referrer.query) if referrer.path else (None, None)
    return html.Div([
        dcc.Location(id=ids.URL, refresh=False),
        dcc.Store(id=ids.LANG, data=lang),
        dcc.Store(id=ids.ACCESSIBILITY),
        dcc.Store(id=ids.RENDERED, data=referrer.path + ("?" + referrer.query if referrer.query else "")
                  if shell else None),
        html.Div(shell, id=ids.SHELL),
    ])


class MonitorDash(Dash):
    """Dash with fewer scripts before the first chart:

    - without the @babel/polyfill Dash puts on every page: core-js 2 for browsers Dash no longer
      supports, ~250 ms of script. What Dash's bundles need from it, a global ``regeneratorRuntime``,
      comes from ``assets/regenerator-runtime.min.js`` (see tools/js-assets);
    - without the DataTable bundle (the app draws its tables itself, and the SQL page uses AG Grid);
    - with a page's own component library only in that page's documents (``Page.full_load_library``).
    """

    UNUSED = re.compile(r'<script src="[^"]*/(deps/polyfill@|dash_table/bundle)[^"]*"></script>\s*')
    #: Chunks every page with a chart asks for as soon as it renders: fetched with the page instead.
    PRELOAD = "".join(f'<link rel="preload" as="script" href="/_dash-component-suites/dash/dcc/async-{chunk}.js">'
                      for chunk in ("graph", "dropdown"))

    #: Dash's page with its scripts in a <body>, not in a <footer>: a second footer landmark beside the site's.
    INDEX = """<!DOCTYPE html>
<html>
    <head>
        {%metas%}
        <title>{%title%}</title>
        {%favicon%}
        {%css%}
    </head>
    <body>
        {%app_entry%}
        {%config%}
        {%scripts%}
        {%renderer%}
    </body>
</html>"""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, index_string=self.INDEX, **kwargs)

    def interpolate_index(self, **kwargs) -> str:
        scripts = self.UNUSED.sub("", kwargs["scripts"])
        kwargs["css"] = self.PRELOAD + kwargs["css"]
        name = split_path(flask.request.path)[1]
        for page in registry.pages():
            if page.full_load_library and page.name != name:
                scripts = re.sub(rf'<script src="[^"]*/_dash-component-suites/{page.full_load_library}/[^"]*">'
                                 r'</script>\s*', "", scripts)
        kwargs["scripts"] = scripts
        # The document's language is the page's from the first byte (the router keeps it in step afterwards).
        lang = split_path(flask.request.path)[0]
        return super().interpolate_index(**kwargs).replace("<html>", f'<html lang="{lang}">', 1)


LANGUAGE_TOGGLE_JS = """function(search, pathname) {
    const parts = (pathname || '/').split('/').filter(Boolean);
    const lang = parts[0] === 'en' ? 'ko' : 'en';
    const page = parts.length > 1 ? parts[1] : '%s';
    document.documentElement.lang = parts[0] === 'en' ? 'en' : 'ko';
    return '/' + lang + '/' + page + (search || '');
}"""


#: Mends the ARIA of Dash 4's own components (which take no aria-* props), in the browser, as they mount:
#: - dropdown: Dash puts an aria-hidden but focusable input before its button (a Safari workaround) and takes
#:   the button out of the tab order. The input is disabled and the button is the tab stop. Dash names the
#:   button by its value, which is also its text, cut to the box's width (so the name never matches what is
#:   seen, WCAG 2.5.3). It becomes what it is, a select-only combobox (WAI-ARIA APG): named by the control's
#:   label, its value read from its text. Its "clear" cross, a mouse-only part of it (Delete clears from
#:   the keyboard), is hidden from assistive technology;
#: - radio items and checklists: Dash draws native radios and checkboxes inside role="option" labels of a
#:   role="listbox": interactive controls nested in options, and a listbox no label names. The roles go (the
#:   inputs are named by their labels and grouped by the control's fieldset); React writes aria-selected
#:   again on each change, so it is removed as it comes;
#: - range slider: its thumbs are "Minimum" and "Maximum" in English and its number boxes have no name:
#:   both become "<label>: from" and "<label>: to" in the page's language (a one-thumb slider: its label).
#: - open dropdown: its dialog and listbox get the control's label as name. The menu keeps Dash's listbox of
#:   role="option" labels with a radio or checkbox inside each, which Dash moves the focus to (keyboard, tests
#:   and tools rely on it): axe's nested-interactive while a menu is open, in Dash's code;
#: - a card's table view (``register_card_callbacks``) is a focusable region named after its card.
ACCESSIBILITY_JS = """function(pathname) {
    if (window.kaimAccessibility) { return window.dash_clientside.no_update; }
    const WORDS = %s;
    const labelOf = id => id ? document.getElementById(id + '-label') : null;
    const wordsOf = el => WORDS[(el.closest('[lang]') || document.documentElement).lang] || WORDS.en;
    const setAttr = (el, name, value) => { if (el.getAttribute(name) !== value) { el.setAttribute(name, value); } };
    const MENU = '.dash-dropdown-content[role=dialog], .dash-dropdown-options[role=listbox]';
    const OPTION = '.dash-radioitems > label.dash-options-list-option, '
                 + '.dash-checklist > label.dash-options-list-option';
    function mend(root) {
        root.querySelectorAll('input.dash-dropdown-focus-target:not([disabled])').forEach(input => {
            input.disabled = true;
        });
        root.querySelectorAll('button.dash-dropdown').forEach(button => {
            if (!button.disabled && button.tabIndex !== 0) { button.tabIndex = 0; }
            setAttr(button, 'role', 'combobox');
            const label = labelOf(button.id);
            if (label) { setAttr(button, 'aria-labelledby', label.id); }
        });
        root.querySelectorAll('.dash-dropdown-clear:not([aria-hidden])').forEach(clear => {
            clear.setAttribute('aria-hidden', 'true');
        });
        // An open dropdown: its dialog and listbox named by the control's label.
        root.querySelectorAll(MENU).forEach(el => {
            const wrapper = el.closest('.dash-dropdown-wrapper');
            const button = wrapper && wrapper.querySelector('button.dash-dropdown');
            const label = button && labelOf(button.id);
            if (label) { setAttr(el, 'aria-labelledby', label.id); }
        });
        // A card's table view scrolls in a region named after its card.
        root.querySelectorAll('.card-table .table-scroll:not([aria-label])').forEach(box => {
            const card = box.closest('section[aria-label]');
            if (card) { box.setAttribute('aria-label', `${card.getAttribute('aria-label')}: ${wordsOf(box).table}`); }
        });
        root.querySelectorAll('.dash-radioitems[role], .dash-checklist[role]').forEach(list => {
            list.removeAttribute('role');
        });
        root.querySelectorAll(OPTION).forEach(option => {
            option.removeAttribute('role');
            option.removeAttribute('aria-selected');
        });
        root.querySelectorAll('.dash-slider-container').forEach(slider => {
            const label = labelOf(slider.id);
            if (!label) { return; }
            const words = wordsOf(slider);
            const name = i => `${label.textContent}: ${i ? words.to : words.from}`;
            for (const selector of ['[role=slider]', 'input.dash-range-slider-input']) {
                const parts = slider.querySelectorAll(selector);  // one thumb: the label alone
                parts.forEach((el, i) => setAttr(el, 'aria-label', parts.length > 1 ? name(i) : label.textContent));
            }
        });
    }
    const inPlot = node => node.nodeType !== 1 || node instanceof SVGElement || !!node.closest('.js-plotly-plot');
    window.kaimAccessibility = new MutationObserver(records => {
        if (records.some(r => r.type === 'attributes' ? r.target.matches(OPTION)
                                                      : [...r.addedNodes].some(n => !inPlot(n)))) {
            mend(document);
        }
    });
    window.kaimAccessibility.observe(document.body, {childList: true, subtree: true, attributes: true,
                                                     attributeFilter: ['aria-selected']});
    mend(document);
    return true;
}"""


def accessibility_js() -> str:
    words = {lang: {"from": t("a11y.range.from", lang), "to": t("a11y.range.to", lang), "table": t("a11y.table", lang)}
             for lang in LANGUAGES}
    return ACCESSIBILITY_JS % json.dumps(words, ensure_ascii=False)


def register_callbacks(app: Dash, config: DashboardConfig) -> None:
    """The router, the language toggle, the cards' callbacks, and each served page's callbacks (a
    registration several pages share, such as the explorer's, once)."""

    @app.callback(Output(ids.SHELL, "children"), Output(ids.LANG, "data"), Output(ids.RENDERED, "data"),
                  Input(ids.URL, "pathname"), State(ids.URL, "search"), State(ids.RENDERED, "data"))
    def route(pathname, search, rendered):
        if rendered is not None and rendered == (pathname or "") + (search or ""):
            raise PreventUpdate  # the location's first report: the first layout already holds this page
        return *render(pathname, search), None  # from now on every change of location is a navigation

    app.clientside_callback(LANGUAGE_TOGGLE_JS % registry.home(), Output(ids.LANGUAGE_TOGGLE, "href"),
                            Input(ids.URL, "search"), Input(ids.URL, "pathname"))
    app.clientside_callback(accessibility_js(), Output(ids.ACCESSIBILITY, "data"), Input(ids.URL, "pathname"))
    register_card_callbacks(app)
    registrations = [r for page in registry.pages() if page.enabled(config) for r in page.callbacks]
    for register in dict.fromkeys(registrations):
        register(app)


def create_app(config: DashboardConfig) -> Dash:
    """The app reading the warehouse ``config`` names (the process's reader), with its pages' callbacks."""
    data.set_reader(data.Reader(config))
    app = MonitorDash(__name__, title="Korea AI Monitor · 한국 AI 모니터", suppress_callback_exceptions=True,
                      serve_locally=True, update_title=None)
    app.layout = initial_layout
    register_callbacks(app, config)
    harden(app.server, app.csp_hashes(), config.behind_proxy)
    pinning.install(app.server)
    return app
