"""What changed: one section per published version, newest first: Korea's rank on each changed indicator,
the revised values (before → after), new and removed values, the sources that loaded or failed; each
value links to its pillar's chart at the changed view. The same as an Atom feed at ``/feed.atom``
(Korean), ``/ko/feed.atom`` and ``/en/feed.atom``, served by this page's ``register``."""

from __future__ import annotations

import flask
from dash import html

from dashboard import changelog, data
from dashboard.changelog import VersionChanges, anchor, chart_link
from dashboard.i18n import DEFAULT_LANGUAGE, LANGUAGES, t
from dashboard.registry import Page

#: Revised values listed per version on the page (``kaim changes`` and the SQL view have them all).
PAGE_REVISIONS = 25
#: New or removed values listed per version, by indicator.
PAGE_ADDED = 12


def layout(lang: str, query: dict[str, str]) -> list:
    intro = html.P(className="intro", children=[
        t("changes.intro", lang), " ",
        html.A(t("changes.feed", lang), href=f"/{lang}/feed.atom", rel="alternate", hrefLang=lang),
    ])
    try:
        history = changelog.history()
    except changelog.ChangesUnavailable:
        return [intro, html.P(t("changes.unavailable", lang), className="message changes-empty", role="status")]
    if not history:
        return [intro, html.P(t("changes.none", lang), className="message changes-empty", role="status")]
    return [intro, *[version_section(vc, lang) for vc in history]]


def version_section(vc: VersionChanges, lang: str) -> html.Section:
    heading = f"{anchor(vc.version)}-heading"
    body: list = [
        html.H2(t("changes.version", lang, date=changelog.published_text(vc.version, lang)), id=heading),
        html.P(t("changes.version.id", lang, id=vc.version.id), className="note", id=f"{anchor(vc.version)}-id"),
        html.P(changelog.summary(vc, lang), className="changes-summary"),
    ]
    if vc.baseline:
        body.append(html.P(t("changes.baseline", lang), className="note"))
    if vc.ranks:
        body += [html.H3(t("changes.ranks", lang)),
                 html.Ul([html.Li(linked(changelog.rank_sentence(vc, r, lang),
                                         chart_link(vc, r.indicator_id, lang, (), r.after.year if r.after else None),
                                         lang))
                          for r in vc.ranks])]
    if vc.revisions:
        body += [html.H3(t("changes.revised", lang)), revisions_table(vc, lang)]
    added = added_items(vc, lang)
    if added:
        body += [html.H3(t("changes.added", lang)), html.Ul(added)]
    sources = changelog.source_sentences(vc, lang)
    if sources:
        body += [html.H3(t("changes.sources", lang)), html.Ul([html.Li(line) for line in sources])]
    return html.Section(id=anchor(vc.version), className="card changes-version",
                        # named by its time and its id: two versions may be published in the same second
                        **{"aria-labelledby": f"{heading} {anchor(vc.version)}-id"}, children=body)


def linked(text: str, href: str | None, lang: str) -> list:
    """A sentence and, where the indicator has a chart, the link that opens it at the changed view."""
    return [text, " · ", html.A(t("changes.open", lang), href=href)] if href else [text]


def revisions_table(vc: VersionChanges, lang: str) -> html.Div:
    rows = []
    for r in vc.revisions[:PAGE_REVISIONS]:
        name = changelog.indicator_name(vc, r.indicator_id, lang)
        country = changelog.country(r.country_iso3, lang)
        old, new = changelog.revision_text(r, lang)
        href = chart_link(vc, r.indicator_id, lang, (r.country_iso3,), r.period.year)
        link = html.A(t("changes.open", lang), href=href,
                      **{"aria-label": t("changes.open.label", lang, indicator=name, country=country)}) if href else ""
        rows.append(html.Tr([html.Td(country), html.Td(changelog.period_label(r.freq, r.period)), html.Td(old),
                             html.Td(new), html.Td(name), html.Td(link)]))
    # Country, period and the two values first: a phone shows them before the table scrolls.
    headers = [t("col.country", lang), t("col.period", lang), t("changes.old", lang), t("changes.new", lang),
               t("col.indicator", lang), t("changes.chart", lang)]
    table = html.Table(className="data-table changes-revisions", children=[
        html.Thead(html.Tr([html.Th(h, scope="col") for h in headers])), html.Tbody(rows)])
    hidden = vc.n_revised - min(len(vc.revisions), PAGE_REVISIONS)
    label = f"{anchor(vc.version)}-revised"
    return html.Div([
        html.Div(table, className="table-scroll", tabIndex=0, role="region", id=label,
                 **{"aria-label": t("changes.revised", lang)}),
        *([html.P(t("changes.revised.more", lang, n=hidden), className="note")] if hidden > 0 else []),
    ])


def added_items(vc: VersionChanges, lang: str) -> list:
    sentences = changelog.added_sentences(vc, lang)
    items = []
    for a, sentence in list(zip(vc.added, sentences, strict=True))[:PAGE_ADDED]:
        year = a.new_periods[-1].year if a.new_periods else None
        href = None if a.change == "removed" else chart_link(vc, a.indicator_id, lang, a.countries[:5], year)
        items.append(html.Li(linked(sentence, href, lang)))
    if len(sentences) > PAGE_ADDED:
        items.append(html.Li(t("changes.added.more", lang, n=len(sentences) - PAGE_ADDED)))
    return items


def feed_response(lang: str) -> flask.Response:
    """The Atom feed in ``lang`` (a declared language, never a client value)."""
    try:
        history = changelog.history()
    except (data.NoWarehouse, changelog.ChangesUnavailable):
        history = []
    body = changelog.atom(history, lang, data.config().public_url or flask.request.url_root)
    response = flask.Response(body, mimetype="application/atom+xml")
    response.headers["Cache-Control"] = "public, max-age=300"
    return response


def register(app) -> None:
    """The Atom feed's routes: ``/feed.atom`` (the default language) and ``/<lang>/feed.atom``."""
    for lang in LANGUAGES:
        app.server.add_url_rule(f"/{lang}/feed.atom", endpoint=f"changes_feed_{lang}",
                                view_func=lambda lang=lang: feed_response(lang))
    app.server.add_url_rule("/feed.atom", endpoint="changes_feed",
                            view_func=lambda: feed_response(DEFAULT_LANGUAGE))


PAGE = Page(name="changes", order=85, layout=layout, callbacks=(register,))
