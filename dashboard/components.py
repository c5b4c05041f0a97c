"""Reusable layout pieces: the chart card (chart, table view, downloads, provenance, SQL), controls."""

from __future__ import annotations

import io
import re
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd
from dash import MATCH, Input, Output, State, ctx, dcc, html, no_update

from dashboard import data, ids, signing
from dashboard.i18n import TEXT, fmt_number, t
from dashboard.state import PRESETS
from warehouse import pins

GRAPH_CONFIG = {
    "topojsonURL": "/assets/topojson/",  # local maps: no CDN
    "displaylogo": False,
    "showSendToCloud": False,  # "Share chart...": would upload the data to plotly's cloud
    "responsive": True,
    "toImageButtonOptions": {"format": "png", "scale": 2},
    "modeBarButtonsToRemove": ["select2d", "lasso2d"],
}


def description_id(name: str) -> str:
    """The id of a card's hidden description: a plain string, since ``aria-describedby`` lists ids."""
    return f"card-description-{name}"


def chart_card(name: str, lang: str, title: str = "", initial: tuple | None = None) -> html.Section:
    """A chart with its description, table view, CSV/PNG/SVG downloads, provenance footer and the SQL
    behind it.

    ``initial`` is the card's outputs (see ``card_result``) for the first view, so that the page arrives
    with its charts and needs no callback round trip to show them. To assistive technology the chart is a
    figure named by the card's title and described by the text ``dashboard.describe`` wrote from the
    plotted rows (a hidden paragraph); "Describe chart" shows the same text to everyone. A figure, not an
    image: the chart holds buttons (plotly's toolbar), and an image's content is not reachable.
    """
    figure, stored, sources, sql, text, _ = initial or (None,) * len(CARD_OUTPUTS)
    label = title or name
    return html.Section(className="card", **{"aria-label": label}, children=[
        html.Div(role="figure", className="card-figure",
                 **{"aria-label": label, "aria-describedby": description_id(name)},
                 children=dcc.Loading(dcc.Graph(id=ids.card("graph", name),
                                                config={**GRAPH_CONFIG, "locale": lang},  # ko: see tools/js-assets
                                                className="card-graph",
                                                **({"figure": figure} if figure is not None else {})),
                                      type="dot", delay_show=400)),
        html.P(text, id=description_id(name), hidden=True),
        html.Details(className="card-describe", children=[
            html.Summary(t("card.describe", lang)),
            html.P(text, id=ids.card("describe", name)),
        ]),
        html.Div(id=ids.card("table", name), className="card-table", hidden=True),
        html.Div(className="card-actions", children=[
            html.Button(t("card.table", lang), id=ids.card("toggle", name), n_clicks=0, className="btn"),
            html.Button(t("card.csv", lang), id=ids.card("csv", name), n_clicks=0, className="btn"),
            html.Button(t("card.xlsx", lang), id=ids.card("xlsx", name), n_clicks=0, className="btn"),
            html.Button(t("card.png", lang), id=ids.card("png", name), n_clicks=0, className="btn"),
            html.Button(t("card.svg", lang), id=ids.card("svg", name), n_clicks=0, className="btn"),
        ]),
        dcc.Download(id=ids.card("download", name)),
        dcc.Download(id=ids.card("download-xlsx", name)),
        dcc.Store(id=ids.card("store", name), data=stored),
        dcc.Store(id=ids.card("table-rows", name)),
        dcc.Store(id=ids.card("image", name)),
        dcc.Store(id=ids.card("labels", name), data={"show": t("card.table", lang), "hide": t("card.chart", lang)}),
        html.Div(sources, id=ids.card("provenance", name), className="provenance"),
        html.Details(className="sql", children=[
            html.Summary(t("card.sql", lang)),
            html.P(t("card.sql.help", lang), className="hint"),
            html.Pre(sql, id=ids.card("sql", name)),
        ]),
    ])


#: What a card's callbacks set, in ``card_result``'s order: the figure, the sealed rows, the provenance, the
#: SQL, then the description twice (the hidden one the chart is described by, the one "Describe chart" shows).
CARD_OUTPUTS = (("graph", "figure"), ("store", "data"), ("provenance", "children"), ("sql", "children"),
                ("description", "children"), ("describe", "children"))


def card_outputs(name: str) -> list[Output]:
    return [Output(description_id(name) if kind == "description" else ids.card(kind, name), prop)
            for kind, prop in CARD_OUTPUTS]


def table(frame: pd.DataFrame, headers: dict[str, str], caption: str = "") -> html.Table:
    """An accessible HTML table of exactly these rows (the chart's text alternative)."""
    columns = [c for c in headers if c in frame.columns]
    return html.Table(className="data-table", children=[
        html.Caption(caption) if caption else None,
        html.Thead(html.Tr([html.Th(headers[c], scope="col") for c in columns])),
        html.Tbody([html.Tr([html.Td("" if pd.isna(v) else str(v)) for v in row])
                    for row in frame[columns].itertuples(index=False)]),
    ])


def provenance(source_ids: list[str], lang: str, flags: bool = False, title: str = "") -> list:
    """Producer, title, licence and vintage of each source behind a chart, linked to its page; with the
    chart's ``title``, its citation."""
    rows = data.provenance(sorted(set(source_ids))) if source_ids else pd.DataFrame()
    items = []
    for _, row in rows.iterrows():
        fetched = row["fetched_at"].strftime("%Y-%m-%d") if pd.notna(row["fetched_at"]) else "–"
        produced = row["producer_date"] if pd.notna(row["producer_date"]) else t("card.not_stated", lang)
        items.append(html.Li([
            html.Strong(f"{t('card.source', lang)}: "), html.A(f"{row['producer']}, {row['title']}", href=row["url"]),
            f" · {t('card.licence', lang)}: {row['license']} · {t('card.producer_date', lang)}: {produced} · "
            f"{t('card.fetched', lang)}: {fetched}" + (f" · {row['quality']}" if row["quality"] != "official" else ""),
        ]))
    notes = [html.Li(t("card.flags", lang))] if flags else []
    return [html.Ul(items + notes), *([citation(title, rows, lang)] if title and len(rows) else [])]


def citation(title: str, sources: pd.DataFrame, lang: str) -> html.Details:
    """"Cite": the chart as BibTeX and plain text, naming each producer, the chart, the producers' vintages,
    the published version and a link pinned to it (``cite.js`` writes the page's address in, with ``v``)."""
    stamp = pins.stamp_of(Path(data.version()))
    published = pins.stamp_time(stamp)
    vintages = "; ".join(f"{row['producer']}, {row['title']} ({_vintage(row)}; {row['license']})"
                         for _, row in sources.iterrows())
    plain = (f"Korea AI Monitor ({published.year}). \u201c{title}\u201d. {t('cite.data', lang)}: {vintages}. "
             f"{t('cite.version', lang)} {stamp}. {CITE_URL}")
    key = re.sub(r"[^a-z0-9]+", "_", title.lower()).strip("_")[:40] or "chart"  # BibTeX keys: ASCII
    bibtex = "\n".join([
        f"@misc{{kaim_{key}_{stamp[:8]},", f"  title = {{{{{title}}}}},", "  author = {{Korea AI Monitor}},",
        f"  year = {{{published.year}}},", f"  note = {{Data: {vintages}. Published version {stamp}}},",
        f"  howpublished = {{\\url{{{CITE_URL}}}}},", f"  urldate = {{{published:%Y-%m-%d}}}", "}"])
    return html.Details(className="cite", **{"data-version": stamp}, children=[
        html.Summary(t("cite.title", lang)),
        html.P(t("cite.help", lang), className="hint"),
        html.P(t("cite.plain", lang), className="cite-kind"),
        html.Pre(plain, className="cite-text", **{"data-template": plain}),
        html.P("BibTeX", className="cite-kind"),
        html.Pre(bibtex, className="cite-text", **{"data-template": bibtex}),
    ])


#: Written into a citation where ``assets/cite.js`` puts the view's address, pinned to the version.
CITE_URL = "<URL>"


def _vintage(row: pd.Series) -> str:
    """The producer's date of a source's data, else the day it was fetched."""
    if pd.notna(row["producer_date"]):
        return str(row["producer_date"])
    return row["fetched_at"].strftime("%Y-%m-%d") if pd.notna(row["fetched_at"]) else "–"


def card_result(name: str, figure, frame: pd.DataFrame, headers: dict[str, str], sql: str,
                source_ids: list[str], lang: str, *, description: str) -> tuple:
    """The card's outputs (``CARD_OUTPUTS``): figure, store, provenance, SQL and the chart's description
    (``dashboard.describe``, from the rows the figure was drawn from), twice; the table view is built when
    shown.

    The store holds the plotted rows twice as CSV: as data (the download) and as the table view's
    labelled text, which the server turns into a table only when someone asks for it. It is sealed:
    the server builds files and tables only from rows it sent (``dashboard.signing``).
    """
    stamp = datetime.now(UTC).strftime("%Y%m%d")
    csv = frame.to_csv(index=False)
    flags = "flags" in frame.columns and frame["flags"].fillna("").astype(str).str.len().gt(0).any()
    columns = [c for c in headers if c in frame.columns]
    shown = frame[columns].rename(columns=headers).to_csv(index=False)
    stored = signing.seal({"csv": csv, "table": shown, "filename": f"kaim_{name}_{stamp}"}, _home())
    return (figure, stored, provenance(source_ids, lang, bool(flags), _title(figure)), sql, description,
            description)


def _title(figure) -> str:
    """A figure's title on one line ('' if it has none)."""
    try:
        text = figure["layout"]["title"]["text"] or ""
    except (KeyError, TypeError):
        return ""
    return " ".join(text.replace("<br>", " ").split())


def _home():
    return data.config().home


def _unseal(stored: object) -> dict:
    return signing.unseal(stored, _home())


def display_frame(frame: pd.DataFrame, lang: str, unit: str) -> pd.DataFrame:
    """Plotted rows with country names and formatted values, for the table view."""
    shown = frame.copy()
    if "country_iso3" in shown:
        shown.insert(0, "country", [data.country_name(c, lang) for c in shown["country_iso3"]])
    if "value" in shown:
        shown["value_shown"] = [fmt_number(v, lang, unit) for v in shown["value"]]
    return shown


@data.memoized
def country_options(lang: str) -> list[dict[str, str]]:
    """Economies first (by name), then aggregates (one list per version and language: do not change it)."""
    table = data.countries()
    key = "name_ko" if lang == "ko" else "name_en"
    table = table.sort_values(["is_aggregate", key])
    return [{"label": f"{row[key]} ({row['iso3']})", "value": row["iso3"]} for _, row in table.iterrows()]


def preset_options(lang: str) -> list[dict[str, str]]:
    return [{"label": t(f"preset.{name}", lang), "value": name} for name in (*PRESETS, "custom")]


DROPDOWN_LABELS = ("select_all", "deselect_all", "selected_count", "search", "clear_search", "clear_selection",
                   "no_options_found")


def dropdown(lang: str, **props) -> dcc.Dropdown:
    """A dropdown whose own texts (placeholder, "3 selected", search...) are in the page's language."""
    labels = {key: TEXT[f"dropdown.{key}"][lang] for key in DROPDOWN_LABELS}
    return dcc.Dropdown(labels=labels, placeholder=t("dropdown.placeholder", lang), **props)


#: Controls that are a group of inputs (radios, checkboxes, a slider's two thumbs and boxes): a fieldset whose
#: legend names the group, since a <label> can name only one input.
GROUPS = (dcc.RadioItems, dcc.Checklist, dcc.RangeSlider)


def labelled(label: str, control, control_id: str) -> html.Div | html.Fieldset:
    """A control under its visible name: a <label for> its input, or the legend of a group of inputs. The
    name's element has the id ``<control_id>-label``, which the dropdown's button and the slider's thumbs
    are named by (``dashboard.app.ACCESSIBILITY_JS``)."""
    if isinstance(control, GROUPS):
        return html.Fieldset(className="control", children=[html.Legend(label, id=f"{control_id}-label"), control])
    return html.Div(className="control", children=[html.Label(label, htmlFor=control_id, id=f"{control_id}-label"),
                                                   control])


def register_peer_sync(app, preset_id: str, countries_id: str) -> None:
    """Keep a peer-group dropdown and a countries dropdown in step: a preset fills the countries, and
    countries edited by hand show the preset they match, or "custom"."""

    @app.callback(Output(preset_id, "value"), Output(countries_id, "value"),
                  Input(preset_id, "value"), Input(countries_id, "value"), prevent_initial_call=True)
    def sync_peers(preset, chosen):
        if ctx.triggered_id == preset_id and preset in PRESETS:
            return no_update, list(PRESETS[preset])
        matching = next((name for name, members in PRESETS.items() if members == chosen), "custom")
        return (matching if matching != preset else no_update), no_update


def register_card_callbacks(app) -> None:
    """The callbacks every chart card shares: table toggle, CSV download, PNG/SVG export."""

    @app.callback(Output(ids.card("download", MATCH), "data"), Input(ids.card("csv", MATCH), "n_clicks"),
                  State(ids.card("store", MATCH), "data"), prevent_initial_call=True)
    def download_csv(_clicks, stored):
        if not stored:
            return None
        stored = _unseal(stored)
        return {"content": stored["csv"], "filename": stored["filename"] + ".csv", "type": "text/csv"}

    app.clientside_callback(
        """function(clicks, stored) {
            // Only a shown table asks the server for its rows: new data under a hidden table costs nothing.
            if (clicks % 2 === 0 || !stored) { return window.dash_clientside.no_update; }
            return stored;
        }""",
        Output(ids.card("table-rows", MATCH), "data"), Input(ids.card("toggle", MATCH), "n_clicks"),
        Input(ids.card("store", MATCH), "data"), prevent_initial_call=True)

    @app.callback(Output(ids.card("table", MATCH), "children"), Input(ids.card("table-rows", MATCH), "data"),
                  prevent_initial_call=True)
    def show_table(stored):
        """The table view of the plotted rows (labelled CSV), built when it is shown or they change."""
        frame = pd.read_csv(io.StringIO(_unseal(stored)["table"]), dtype=str, keep_default_na=False)
        # It scrolls in its own box, which a keyboard can reach (named after its card: ACCESSIBILITY_JS).
        return html.Div(table(frame, {c: c for c in frame.columns}), className="table-scroll", tabIndex=0,
                        role="region")

    @app.callback(Output(ids.card("download-xlsx", MATCH), "data"), Input(ids.card("xlsx", MATCH), "n_clicks"),
                  State(ids.card("store", MATCH), "data"), prevent_initial_call=True)
    def download_xlsx(_clicks, stored):
        if not stored:
            return None
        stored = _unseal(stored)
        frame = pd.read_csv(io.StringIO(stored["csv"]))
        buffer = io.BytesIO()
        with pd.ExcelWriter(buffer, engine="xlsxwriter") as writer:
            frame.to_excel(writer, sheet_name="data", index=False)
        return dcc.send_bytes(buffer.getvalue(), stored["filename"] + ".xlsx")

    app.clientside_callback(
        """function(clicks, labels) {
            const showTable = clicks % 2 === 1;
            return [!showTable, showTable ? {display: 'none'} : {}, showTable ? labels.hide : labels.show];
        }""",
        Output(ids.card("table", MATCH), "hidden"), Output(ids.card("graph", MATCH), "style"),
        Output(ids.card("toggle", MATCH), "children"),
        Input(ids.card("toggle", MATCH), "n_clicks"), State(ids.card("labels", MATCH), "data"),
        prevent_initial_call=True)

    for fmt in ("png", "svg"):
        app.clientside_callback(
            f"""function(clicks, figure, stored) {{
                if (!clicks || !figure || !window.Plotly) {{ return window.dash_clientside.no_update; }}
                const name = (stored && stored.filename) || 'kaim_chart';
                window.Plotly.downloadImage({{data: figure.data, layout: figure.layout}},
                    {{format: '{fmt}', filename: name, width: 1200, height: 700}});
                return clicks;
            }}""",
            Output(ids.card("image", MATCH), "data", allow_duplicate=True), Input(ids.card(fmt, MATCH), "n_clicks"),
            State(ids.card("graph", MATCH), "figure"), State(ids.card("store", MATCH), "data"),
            prevent_initial_call=True)
