"""Analyst briefings: a country against its peers on every pillar, as HTML, PDF or XLSX.

It opens with a one-page executive summary, readable alone (``summary_page``: title, date and data version,
a card per pillar, the position chart and the summary sentences; page 1 of the PDF).
The briefing holds, per pillar, the headline numbers (latest value, rank among peers, 5-year change,
gap to the leader, projection with its skill), the trend chart with forecast fans, the policy events
that matter, a generated summary, and a sources section (producer, licence, vintage, citation).
HTML is self-contained (plotly.js inline: it opens offline); PDF is the same page with the charts as
kaleido SVG images, printed by Debian's Chromium; XLSX has a sheet per chart with its data and a README
sheet with sources and units.
"""

from __future__ import annotations

import atexit
import html as html_text
import shutil
import subprocess
import tempfile
import warnings
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go

from dashboard import composite, data, figures
from dashboard.describe import event_titles, index_filled, ordinal, topic
from dashboard.headlines import Headline, change_text, headlines, kpi_rows, positions, summary_sentences
from dashboard.i18n import LANGUAGES, fmt_number, t
from dashboard.pillars import HEADLINES, PILLARS

FORMATS = ("html", "pdf", "xlsx")
CHROMIUM = ("chromium", "chromium-browser", "google-chrome")


class ReportError(Exception):
    """The briefing cannot be produced (e.g. no Chromium for PDF); the message says what to do."""


@dataclass
class Section:
    pillar: str
    headline: Headline
    series: pd.DataFrame
    forecast: pd.DataFrame
    events: pd.DataFrame
    figure: go.Figure


def build(country: str, peers: list[str], lang: str) -> list[Section]:
    """Every pillar's numbers, chart data and events for ``country`` against ``peers``."""
    chosen = list(dict.fromkeys([country, *peers]))
    names = {iso: data.country_name(iso, lang) for iso in chosen}
    sections = []
    for h in headlines(chosen, lang, focus=country):
        series = data.series(h.indicator, chosen, 2005, 2100)
        forecast = data.forecasts(h.indicator, chosen)
        forecast = forecast[forecast["skill"] < 1] if not forecast.empty else forecast
        events = data.policy_events(chosen, list(PILLARS[h.pillar].categories))
        events = events[pd.to_datetime(events["date"]).dt.year >= 2019]
        fig = go.Figure(figures.trend(series, names, h.unit, lang, f"{h.name} ({h.unit})", forecast, events))
        fig.update_layout(height=360, width=900, template="none")
        sections.append(Section(h.pillar, h, series, forecast, events, fig))
    return sections


def _summary(sections: list[Section], country: str, lang: str) -> list[str]:
    return summary_sentences([s.headline for s in sections], lang, data.country_name(country, lang))


def sources_table(sections: list[Section]) -> pd.DataFrame:
    ids = sorted({s.headline.indicator.split(":")[0] for s in sections} | {"policy"})
    return data.provenance(ids)[["source_id", "producer", "title", "license", "vintage", "url", "citation"]]


def svg_image(figure: go.Figure, width: int = 900, height: int = 360) -> str:
    """The figure as SVG from kaleido, driving the system Chromium (one server per process, no network)."""
    import kaleido

    global _kaleido_started
    with warnings.catch_warnings():  # plotly notes that per-call options are ignored while a server runs
        warnings.filterwarnings("ignore", message="The kopts argument is ignored", category=UserWarning)
        if not _kaleido_started:
            kaleido.start_sync_server(mathjax=False, silence_warnings=True)
            atexit.register(kaleido.stop_sync_server, silence_warnings=True)
            _kaleido_started = True
        svg = figure.to_image(format="svg", width=width, height=height).decode("utf-8")
    return svg[svg.index("<svg"):]


_kaleido_started = False


def plotly_script() -> str:
    """The dashboard's own plotly.js bundle, inline: a third of the full one (see tools/js-assets)."""
    bundle = Path(__file__).parent / "assets" / "plotly-kaim.min.js"
    return f"<script>{bundle.read_text(encoding='utf-8')}</script>"


#: The position chart's size on the summary page, in CSS pixels. The summary page is as wide as the pillar
#: charts (900 px), which Chromium shrinks to A4's printable width: ~1,400 px of page height remain for it.
POSITION_SIZE = (900, 380)


def data_published(version: str) -> str:
    """``warehouse-20261201T151407978096Z.duckdb`` as ``2026-12-01 15:14 UTC`` (the name as is otherwise)."""
    try:
        stamp = datetime.strptime(version.removeprefix("warehouse-").split(".")[0], "%Y%m%dT%H%M%S%fZ")
    except ValueError:
        return version
    return stamp.strftime("%Y-%m-%d %H:%M UTC")


#: Pseudo-country codes of the position chart when peers are too many to tell apart by colour.
PEER_MEDIAN, PEER_BEST = "peers-median", "peers-best"


def peer_summary(frame: pd.DataFrame, country: str) -> pd.DataFrame:
    """The country's percentiles, and per pillar the peers' median and highest (rows of ``PEER_MEDIAN`` and
    ``PEER_BEST``)."""
    peers = frame[frame["country_iso3"] != country].groupby("pillar", sort=False)["percentile"]
    stats = [pd.DataFrame({"pillar": values.index, "country_iso3": code, "percentile": values.round(1).to_numpy()})
             for code, values in ((PEER_MEDIAN, peers.median()), (PEER_BEST, peers.max()))]
    return pd.concat([frame[frame["country_iso3"] == country], *stats], ignore_index=True)


def position_figure(country: str, peers: list[str], lang: str) -> go.Figure:
    """The overview's pillar profile for the briefing's countries: percentile among all economies. Beyond as
    many peers as the palette has colours, the country against its peers' median and highest."""
    countries = list(dict.fromkeys([country, *peers]))
    frame = positions(countries, lang)
    names = {iso: data.country_name(iso, lang) for iso in countries}
    if len(countries) - 1 > len(figures.PALETTE):
        frame = peer_summary(frame, country)
        names = {country: names[country], PEER_MEDIAN: t("report.peer_median", lang),
                 PEER_BEST: t("report.peer_best", lang)}
    fig = go.Figure(figures.profile(frame, names, lang, ""))  # titled in the page: it wraps
    width, height = POSITION_SIZE
    legend = {"orientation": "h", "x": 0, "y": 0, "yref": "container", "yanchor": "bottom"}  # below tilted labels
    fig.update_layout(width=width, height=height, template="none", margin={"l": 50, "r": 10, "t": 22, "b": 10},
                      font={"size": 15}, legend=legend)
    fig.update_xaxes(categoryorder="array", categoryarray=[t(f"nav.{pillar}", lang) for pillar in HEADLINES])
    return fig


def pillar_card(h: Headline, lang: str) -> str:
    """A pillar's headline value (and year), rank among peers and 5-year change."""
    value = fmt_number(h.value, lang, h.unit)
    rank = t("report.rank", lang, rank=h.rank, peers=h.peers) if h.rank else "–"
    return (f"<div class='card'><h3>{t(f'nav.{h.pillar}', lang)}</h3>"
            f"<p class='ind'>{html_text.escape(h.name)} ({html_text.escape(h.unit)})</p>"
            f"<p class='value'>{html_text.escape(value)} <span>({h.year or '–'})</span></p>"
            f"<p>{html_text.escape(rank)}</p>"
            f"<p>{html_text.escape(t('report.change', lang, change=change_text(h, lang)))}</p></div>")


def summary_page(sections: list[Section], country: str, peers: list[str], lang: str, static: bool) -> str:
    """Page 1, readable alone: title, date and data version, the pillar cards, the position chart and the
    summary sentences (a page break follows it in print)."""
    title = f"{t('app.title', lang)}: {data.country_name(country, lang)}"
    meta = " · ".join([t("report.generated", lang, date=datetime.now(UTC).strftime("%Y-%m-%d")),
                       t("report.data_version", lang, when=data_published(data.version())),
                       t("report.peers", lang, names=", ".join(data.country_name(p, lang) for p in peers))])
    figure = position_figure(country, peers, lang)
    if not static:  # on screen the chart takes the page's width, down to a phone's (where labels tilt)
        figure.layout.width, figure.layout.height = None, 460
    chart = svg_image(figure, *POSITION_SIZE) if static else plotly_script() + figure.to_html(
        full_html=False, include_plotlyjs=False, default_width="100%",
        config={"staticPlot": True, "displayModeBar": False, "responsive": True})
    sentences = "".join(f"<li>{html_text.escape(s)}</li>" for s in _summary(sections, country, lang))
    return (f"<section class='summary-page'><p class='kicker'>{t('report.summary', lang)}</p>"
            f"<h1>{html_text.escape(title)}</h1><p class='meta'>{html_text.escape(meta)}</p>"
            f"<div class='cards'>{''.join(pillar_card(s.headline, lang) for s in sections)}</div>"
            f"<p class='chart-title'>{t('overview.profile', lang)}</p><div class='position'>{chart}</div>"
            f"<h2>{t('overview.summary', lang)}</h2><ul class='summary'>{sentences}</ul>"
            f"<p class='more'>{t('report.more', lang)}</p></section>")


# --- the AI position index (dashboard/composite.py): equal weights, min-max, with its rank bands -----------

def index_frame(country: str, peers: list[str], lang: str) -> tuple[int, pd.DataFrame]:
    """(year, table) of the AI position index for the country and its peers: equal pillar weights, min-max,
    the Monte Carlo's median rank and 90% band (``composite.index_table``), in the page's default year."""
    chosen = list(dict.fromkeys([country, *peers]))
    year = data.index_year(datetime.now(UTC).year)
    frame = composite.index_table(composite.panel(data.index_values(), data.index_forecasts(chosen), year, chosen),
                                  [1] * len(composite.PILLARS), "minmax")
    return year, frame.assign(country=[data.country_name(c, lang) for c in frame["country_iso3"]])


def index_sentence(frame: pd.DataFrame, country: str, year: int, lang: str) -> str:
    """The country's rank and 90% band in words (empty when it is not ranked)."""
    rows = frame[(frame["country_iso3"] == country) & frame["rank"].notna()]
    if rows.empty:
        return ""
    r = rows.iloc[0]
    return t("report.index_korea", lang, country=topic(data.country_name(country, lang), lang),
             rank=ordinal(int(r["rank"]), lang), n=int(frame["rank"].notna().sum()), year=year,
             lo=ordinal(int(r["rank_lo"]), lang), hi=ordinal(int(r["rank_hi"]), lang))


def index_section(country: str, peers: list[str], lang: str, static: bool) -> str:
    """The briefing's index section: the ranking with its 90% bands, the sentence on the country, the table."""
    year, frame = index_frame(country, peers, lang)
    names = dict(zip(frame["country_iso3"], frame["country"], strict=True))
    title = t("index.chart", lang, year=year, method=t("index.norm.minmax", lang))
    fig = go.Figure(figures.rank_bands(frame, names, lang, title))
    height = int(fig.layout.height or 360)
    fig.update_layout(width=900, template="none")
    chart = svg_image(fig, 900, height) if static else fig.to_html(
        full_html=False, include_plotlyjs=False, config={"staticPlot": True, "displayModeBar": False})
    columns = ("index.col.country", "index.col.score", "index.col.rank", "index.col.median", "index.col.band",
               "index.col.missing", "index.col.filled")
    head = "".join(f"<th>{t(c, lang)}</th>" for c in columns)
    body = "".join(
        "<tr>" + "".join(f"<td>{html_text.escape(str(v))}</td>" for v in (
            r.country, fmt_number(r.score, lang) if pd.notna(r.score) else t("index.not_ranked", lang),
            "" if pd.isna(r.rank) else f"{r.rank:g}", "" if pd.isna(r.median_rank) else f"{r.median_rank:g}",
            "" if pd.isna(r.rank_lo) else f"{r.rank_lo:g}–{r.rank_hi:g}",
            ", ".join(t(f"nav.{p}", lang) for p in filter(None, r.missing_pillars.split(","))),
            index_filled(r.imputed, lang))) + "</tr>"
        for r in frame.itertuples())
    sentence = index_sentence(frame, country, year, lang)
    rule = t("index.rule", lang, k=composite.MIN_PILLARS, lookback=composite.LOOKBACK)
    return (f"<section class='index'><h2>{t('report.index', lang)}</h2>"
            + (f"<p>{html_text.escape(sentence)}</p>" if sentence else "")
            + f"{chart}<table class='kpi'><tr>{head}</tr>{body}</table>"
            f"<p class='meta'>{html_text.escape(rule)}</p>"
            "</section>")


def to_html(sections: list[Section], country: str, peers: list[str], lang: str, static: bool = False) -> str:
    """A self-contained HTML briefing: charts as plotly.js (the dashboard's bundle, inline once) or, with
    ``static``, as kaleido SVG images (for print). No network is needed to open either."""
    title = f"{t('app.title', lang)}: {data.country_name(country, lang)}"
    parts = [summary_page(sections, country, peers, lang, static)]  # carries plotly.js, once, when not static
    for section in sections:
        rows = "".join(f"<tr><th>{html_text.escape(k)}</th><td>{html_text.escape(v)}</td></tr>"
                       for k, v in kpi_rows(section.headline, lang))
        events = "".join(
            f"<li>{str(e.date)[:10]} · {html_text.escape(data.country_name(e.country_iso3, lang))} · "
            f"{html_text.escape(title)}</li>"
            for e, title in zip(section.events.itertuples(), event_titles(section.events, lang), strict=True))
        chart = svg_image(section.figure) if static else section.figure.to_html(
            full_html=False, include_plotlyjs=False, config={"staticPlot": True, "displayModeBar": False})
        parts.append(f"<section><h2>{t(f'nav.{section.pillar}', lang)}</h2>"
                     f"<p class='indicator'>{html_text.escape(section.headline.name)}</p>"
                     f"<table class='kpi'>{rows}</table>{chart}"
                     + (f"<h3>{t('policy.markers', lang)}</h3><ul class='events'>{events}</ul>" if events else "")
                     + "</section>")
    parts.append(index_section(country, peers, lang, static))
    source_rows = "".join(
        f"<tr><td>{html_text.escape(r.producer)}, <a href='{html_text.escape(r.url)}'>{html_text.escape(r.title)}</a>"
        f"</td><td>{html_text.escape(r.license)}</td><td>{html_text.escape(str(r.vintage))}</td>"
        f"<td>{html_text.escape(r.citation or '')}</td></tr>" for r in sources_table(sections).itertuples())
    parts.append(f"<section><h2>{t('nav.sources', lang)}</h2><table class='sources'><tr><th>{t('col.source', lang)}"
                 f"</th><th>{t('col.license', lang)}</th><th>{t('col.vintage', lang)}</th><th>citation</th></tr>"
                 f"{source_rows}</table></section>")
    style = ("body{font-family:'Noto Sans CJK KR','Noto Sans KR',sans-serif;margin:24px;color:#1b1f24}"
             "h1{border-bottom:3px solid #D55E00}table{border-collapse:collapse;font-size:12px}"
             "th,td{border-bottom:1px solid #ddd;padding:3px 8px;text-align:left;vertical-align:top}"
             ".meta,.indicator{color:#555}section{page-break-inside:avoid;margin-bottom:18px}"
             "@page{size:A4;margin:14mm}"
             ".summary-page{break-after:page;page-break-after:always;break-inside:avoid;max-width:900px}"
             "@media print{.summary-page{width:900px}}"
             ".summary-page h1{margin:2px 0 6px;font-size:36px}.kicker{margin:0;color:#D55E00;font-weight:700;"
             "font-size:18px}.summary-page .meta{font-size:16px}.summary-page h2{font-size:24px;margin:18px 0 6px}"
             ".cards{display:grid;grid-template-columns:repeat(4,minmax(0,1fr));gap:12px;margin:16px 0}"
             ".card{border:1px solid #c9ced6;border-top:5px solid #D55E00;padding:8px 10px;font-size:16px}"
             ".card h3{margin:0;font-size:19px}.card p{margin:3px 0}.card .ind{color:#555;font-size:14px}"
             ".card .value{font-size:30px;font-weight:700}.card .value span{font-size:15px;font-weight:400}"
             ".summary{font-size:18px;line-height:1.5;padding-left:22px}.summary li{margin-bottom:6px}"
             ".more{color:#555;font-size:15px}.chart-title{font-size:18px;margin:8px 0 4px}"
             "@media (max-width:600px){.cards{grid-template-columns:repeat(2,minmax(0,1fr))}"
             ".summary-page h1{font-size:28px}.card .value{font-size:24px}}")
    return (f"<!doctype html><html lang='{html_text.escape(lang)}'><head><meta charset='utf-8'>"
            f"<title>{html_text.escape(title)}</title><style>{style}</style></head><body>{''.join(parts)}</body></html>")


def to_pdf(html: str, out: Path) -> None:
    """Print the HTML with headless Chromium (fonts from the system; no network)."""
    browser = next((shutil.which(b) for b in CHROMIUM if shutil.which(b)), None)
    if browser is None:
        raise ReportError("PDF needs Chromium: apt-get install chromium fonts-noto-cjk (or use --format html)")
    with tempfile.TemporaryDirectory(prefix="kaim-report-") as tmp:
        page = Path(tmp) / "briefing.html"
        page.write_text(html, encoding="utf-8")
        command = [browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                   "--disable-background-networking", "--disable-component-update", "--disable-sync",
                   "--no-first-run", f"--user-data-dir={tmp}/profile", "--run-all-compositor-stages-before-draw",
                   "--virtual-time-budget=3000", "--no-pdf-header-footer", f"--print-to-pdf={out}", page.as_uri()]
        done = subprocess.run(command, capture_output=True, text=True, timeout=120)
    if done.returncode != 0 or not out.exists():
        raise ReportError(f"Chromium could not print the PDF: {done.stderr.strip()[-300:]}")


def events_sheet(sections: list[Section], lang: str) -> pd.DataFrame:
    """The events marked on the charts, per pillar: ``title`` in the briefing's language (the Korean title in a
    Korean briefing, else the English one marked as such), with the English and Korean titles as loaded."""
    frames = [section.events.assign(pillar=section.pillar, title_en=section.events["title"],
                                    title=event_titles(section.events, lang))
              for section in sections if not section.events.empty]
    columns = ["pillar", "date", "country_iso3", "category", "title", "title_en", "title_ko", "amount_usd",
               "source_url"]
    return pd.concat(frames, ignore_index=True)[columns] if frames else pd.DataFrame(columns=columns)


def to_xlsx(sections: list[Section], country: str, peers: list[str], lang: str, out: Path) -> None:
    """A sheet per chart with exactly its data (the AI position index's table in ``index``), and a README
    sheet with sources and units."""
    with pd.ExcelWriter(out, engine="xlsxwriter") as writer:
        readme = pd.DataFrame({
            "item": ["report", "country", "generated", "note"],
            "value": [t("app.title", lang), country, datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
                      "Values in base units (USD, %). Each sheet holds exactly one chart's data."],
        })
        readme.to_excel(writer, sheet_name="README", index=False)
        units = pd.DataFrame([{"sheet": s.pillar, "indicator_id": s.headline.indicator, "indicator": s.headline.name,
                               "unit": s.headline.unit} for s in sections])
        units.to_excel(writer, sheet_name="README", index=False, startrow=len(readme) + 2)
        sources_table(sections).to_excel(writer, sheet_name="README", index=False,
                                         startrow=len(readme) + len(units) + 5)
        for section in sections:
            frame = section.series[["country_iso3", "year", "value", "unit", "flags", "vintage", "source_id"]]
            frame.to_excel(writer, sheet_name=section.pillar, index=False)
            if not section.forecast.empty:
                section.forecast.to_excel(writer, sheet_name=f"{section.pillar}_forecast", index=False)
        events_sheet(sections, lang).to_excel(writer, sheet_name="events", index=False)
        year, index = index_frame(country, peers, lang)
        index.assign(year=year, weights="equal", normalisation="minmax").to_excel(writer, sheet_name="index",
                                                                                 index=False)
        writer.sheets["README"].set_column(0, 1, 40)


def write(country: str, peers: list[str], lang: str, fmt: str, out: Path) -> Path:
    """Build the briefing and write it as ``fmt`` to ``out``."""
    if fmt not in FORMATS:
        raise ReportError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    if lang not in LANGUAGES:
        raise ReportError(f"unknown language {lang!r}; use one of {', '.join(LANGUAGES)}")
    sections = build(country, peers, lang)
    out.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "xlsx":
        to_xlsx(sections, country, peers, lang, out)
    elif fmt == "html":
        out.write_text(to_html(sections, country, peers, lang), encoding="utf-8")
    else:
        try:
            html = to_html(sections, country, peers, lang, static=True)
        except Exception as exc:  # kaleido needs Chromium too: say so in one line
            raise ReportError(f"chart images could not be made with kaleido and Chromium: {exc}") from exc
        to_pdf(html, out)
    return out
