"""Pure figure builders: DataFrame in, a plotly figure out. No Dash, no data access.

Figures are plain ``{"data": [...], "layout": {...}}`` dicts, as plotly.js reads them: building
``plotly.graph_objects`` validates every property and took ~70% of a page's server time. The browser
tests render every page with plotly.js, and ``go.Figure(figure)`` accepts them where plotly.py is needed
(briefing images).

Colours are the Okabe-Ito colour-blind-safe palette, darkened where a colour had less than 3:1 contrast
with the white plot (WCAG 2.1 non-text contrast) and chosen so that Korea's vermillion stays apart from
every other colour under simulated protanopia, deuteranopia and tritanopia (tests/dashboard/test_colours.py,
bench/colours.py); Korea is always vermillion and drawn thicker.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
from plotly.colors import sequential

from dashboard.describe import event_titles
from dashboard.i18n import category_name, fmt_number, t
from warehouse import flags

Figure = dict[str, Any]

KOREA = "KOR"
KOREA_COLOUR = "#D55E00"
#: Okabe-Ito's blue, bluish green, reddish purple and black as published; its orange, sky blue and grey
#: darkened to reach 3:1 on white (orange much darker, to dark ochre: at 3:1 it has vermillion's lightness
#: and merges with it under red-green deficiencies); its yellow (1.3:1 on white, and merging with
#: vermillion once darkened) replaced by Paul Tol's indigo.
PALETTE = ("#0072B2", "#6D4900", "#009E73", "#CC79A7", "#3496C9", "#000000", "#8C8C8C", "#332288")
#: Neutral marks: events of other countries, "other" models, the rest of a total.
GREY, DARK_GREY = "#8C8C8C", "#555555"
BACKGROUND, INK, NO_DATA = "white", "#1b1f24", "#eceff2"
BADGE = {"bgcolor": "#f3f5f8", "bordercolor": "#c9ced6"}
#: Forecast fans: the 95% band's fill alpha (it is outlined in the line's colour) and the 80% band's on top.
FAN_ALPHA = {"95": 0.15, "80": 0.30}
FONT = "Noto Sans CJK KR, Noto Sans KR, Apple SD Gothic Neo, Malgun Gothic, sans-serif"
AXIS = {"gridcolor": "#e5e8ec", "linecolor": "#c9ced6", "zerolinecolor": "#c9ced6", "automargin": True}
CATEGORY_SYMBOLS = {"strategy": "star", "law": "square", "funding": "diamond", "chips": "triangle-up",
                    "compute": "hexagon", "talent": "circle", "data": "cross", "regulation": "x"}
HOVER = "%{customdata[0]}<br>%{x}: %{customdata[1]}<extra></extra>"
#: Light to dark (plotly.js's own "Blues" runs dark to light), without the near-white end that would
#: vanish on the grey of economies without data.
BLUES = [[i / (len(sequential.Blues) - 3), colour] for i, colour in enumerate(sequential.Blues[2:])]


def colours(codes: list[str]) -> dict[str, str]:
    """A stable colour per country: Korea vermillion, the others from the palette in order."""
    others = [c for c in codes if c != KOREA]
    mapping = {code: PALETTE[i % len(PALETTE)] for i, code in enumerate(others)}
    mapping[KOREA] = KOREA_COLOUR
    return mapping


def rgba(colour: str, alpha: float) -> str:
    """``#RRGGBB`` as a CSS ``rgba()`` with that alpha (a fill that lets the grid and lines show through)."""
    r, g, b = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    return f"rgba({r},{g},{b},{alpha})"


def _figure(traces: list[dict], title: str, y_title: str = "", height: int = 420, **layout: Any) -> Figure:
    """Traces in the house look: white, light grid, the Korean-capable font, legend below."""
    base = {
        "title": {"text": _wrap(title, 70), "x": 0, "xanchor": "left", "font": {"size": 15}},
        "paper_bgcolor": BACKGROUND, "plot_bgcolor": BACKGROUND,
        "font": {"family": FONT, "size": 12, "color": INK}, "height": height,
        "margin": {"l": 10, "r": 10, "t": 48, "b": 10}, "hovermode": "closest",
        "legend": {"orientation": "h", "y": -0.15, "x": 0},
        "yaxis": {"title": {"text": y_title}, **AXIS}, "xaxis": dict(AXIS),
        "colorway": list(PALETTE),
    }
    return {"data": traces, "layout": {**base, **layout}}


def _wrap(text: str, width: int = 60) -> str:
    lines, line = [], ""
    for word in text.split(" "):
        if line and len(line) + len(word) + 1 > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return "<br>".join([*lines, line])


def _custom(labels: list[str] | str, values: pd.Series, lang: str, unit: str) -> list[list[str]]:
    """Hover data: a label (one, or one per point) and the value formatted for reading."""
    labels = [labels] * len(values) if isinstance(labels, str) else labels
    return [[label, fmt_number(v, lang, unit)] for label, v in zip(labels, values, strict=True)]


def _dates(values: pd.Series) -> list[str]:
    return pd.to_datetime(values).dt.strftime("%Y-%m-%d").tolist()


def empty(message: str) -> Figure:
    """A figure that says plainly why there is nothing to show."""
    return {"data": [], "layout": {
        "annotations": [{"text": _wrap(message), "showarrow": False, "x": 0.5, "y": 0.5, "xref": "paper",
                         "yref": "paper", "font": {"size": 14}, "align": "center"}],
        "font": {"family": FONT, "color": INK}, "height": 260, "paper_bgcolor": BACKGROUND,
        "plot_bgcolor": BACKGROUND,
        "xaxis": {"visible": False}, "yaxis": {"visible": False}, "margin": {"l": 10, "r": 10, "t": 10, "b": 10},
    }}


def _line(code: str, rows: pd.DataFrame, label: str, colour: str, unit: str, lang: str) -> dict:
    """A country's line; values of a part-period or of a year missing large reporters get an open marker
    and say so on hover."""
    marks = [flags.incomplete_reason(f) for f in rows["flags"]] if "flags" in rows else [None] * len(rows)
    labels = [label + (f" ({t(f'flag.{mark}', lang)})" if mark else "") for mark in marks]
    return {"type": "scatter", "x": rows["year"].tolist(), "y": rows["value"].tolist(), "mode": "lines+markers",
            "name": label, "legendgroup": code,
            "line": {"color": colour, "width": 4 if code == KOREA else 2},
            "marker": {"size": [(9 if mark else 6) if code == KOREA else (7 if mark else 4) for mark in marks],
                       "symbol": ["circle-open" if mark else "circle" for mark in marks]},
            "customdata": _custom(labels, rows["value"], lang, unit), "hovertemplate": HOVER}


def trend(frame: pd.DataFrame, names: dict[str, str], unit: str, lang: str, title: str,
          forecast: pd.DataFrame | None = None, events: pd.DataFrame | None = None) -> Figure:
    """Lines per country over years, with forecast fans (80% and 95%) and policy-event markers."""
    if frame.empty:
        return empty(t("empty.no_data", lang))
    codes = list(dict.fromkeys(frame["country_iso3"]))
    palette = colours(codes)
    traces = [_line(code, frame[frame["country_iso3"] == code], names.get(code, code), palette[code], unit, lang)
              for code in codes]
    badges = []
    if forecast is not None and not forecast.empty:
        traces += _fans(forecast, palette, names, unit, lang)
        badges += [skill_badge(forecast, lang)] if "skill" in forecast else []
    if events is not None and not events.empty:
        traces.append(_events(events, frame, names, lang))
    fig = _figure(traces, title, unit, annotations=badges)
    if badges:  # the title at the very top, the badge between it and the plot
        fig["layout"]["title"].update({"yref": "container", "y": 1, "yanchor": "top", "pad": {"t": 12}})
        fig["layout"]["margin"]["t"] = 48 + 22 * fig["layout"]["title"]["text"].count("<br>") + 26
    return fig


def skill_badge(forecast: pd.DataFrame, lang: str) -> dict:
    """A boxed note at the top right: the shown forecasts' backtest error relative to a no-change forecast."""
    lo, hi = float(forecast["skill"].min()), float(forecast["skill"].max())
    skill = f"{lo:.2f}" if round(lo, 2) == round(hi, 2) else f"{lo:.2f}–{hi:.2f}"
    return {"text": t("forecast.badge", lang, skill=skill), "xref": "paper", "yref": "paper", "x": 0, "y": 1,
            "xanchor": "left", "yanchor": "bottom", "yshift": 6, "showarrow": False,
            "font": {"size": 11, "color": INK}, **BADGE,
            "borderwidth": 1, "borderpad": 3}


def _fans(forecast: pd.DataFrame, palette: dict[str, str], names: dict[str, str], unit: str,
          lang: str) -> list[dict]:
    """Per country: the 95% band outlined in the line's colour (3:1 against the white around it), the 80%
    band darker inside it, and the dashed mean on a white casing (3:1 against the casing, not the band)."""
    traces = []
    for code, rows in forecast.groupby("country_iso3", sort=False):
        colour = palette.get(code, PALETTE[-1])
        years = rows["year"].tolist()
        for lo, hi, level in (("lo95", "hi95", "95"), ("lo80", "hi80", "80")):
            traces.append({
                "type": "scatter", "x": years + years[::-1], "y": rows[hi].tolist() + rows[lo].tolist()[::-1],
                "mode": "lines", "fill": "toself", "fillcolor": rgba(colour, FAN_ALPHA[level]),
                "line": {"width": 1, "color": colour} if level == "95" else {"width": 0}, "hoverinfo": "skip",
                "legendgroup": code, "showlegend": False,
                "name": f"{names.get(code, code)} {t(f'forecast.band{level}', lang)}"})
        label = f"{names.get(code, code)} {t('forecast.label', lang)}"
        if "skill" in rows:  # a model's forecast (a source's own projection has no skill)
            skill = t("forecast.skill_short", lang, skill=float(rows["skill"].iloc[0]))
            label += f" ({rows['model'].iloc[0]}, {skill})"
        traces.append({"type": "scatter", "x": years, "y": rows["mean"].tolist(), "mode": "lines",
                       "line": {"color": BACKGROUND, "width": 4}, "hoverinfo": "skip", "legendgroup": code,
                       "showlegend": False, "name": f"{label} casing"})
        traces.append({
            "type": "scatter", "x": years, "y": rows["mean"].tolist(), "mode": "lines",
            "line": {"color": colour, "dash": "dash", "width": 2}, "name": label, "legendgroup": code,
            "showlegend": False, "customdata": _custom(label, rows["mean"], lang, unit), "hovertemplate": HOVER})
    return traces


def _events(events: pd.DataFrame, frame: pd.DataFrame, names: dict[str, str], lang: str) -> dict:
    """Policy events as markers along the bottom of the chart, at their date (as a fractional year)."""
    when = pd.to_datetime(events["date"])
    return {
        "type": "scatter", "x": (when.dt.year + (when.dt.day_of_year - 1) / 365.25).tolist(),
        "y": [float(frame["value"].min())] * len(events), "mode": "markers", "name": t("policy.markers", lang),
        "marker": {"symbol": [CATEGORY_SYMBOLS.get(c, "circle") for c in events["category"]], "size": 11,
                   "color": [KOREA_COLOUR if c == KOREA else DARK_GREY for c in events["country_iso3"]],
                   "line": {"width": 1, "color": "white"}},
        "customdata": [[names.get(c, c), str(d)[:10], category_name(k, lang), title]
                       for c, d, k, title in zip(events["country_iso3"], events["date"], events["category"],
                                                 event_titles(events, lang), strict=True)],
        "hovertemplate": "%{customdata[1]} · %{customdata[0]} · %{customdata[2]}<br>%{customdata[3]}<extra></extra>"}


def ranking(frame: pd.DataFrame, names: dict[str, str], unit: str, lang: str, title: str) -> Figure:
    """Horizontal bars, largest on top; Korea highlighted."""
    if frame.empty:
        return empty(t("empty.no_data", lang))
    rows = frame.sort_values("value")
    labels = [names.get(c, c) for c in rows["country_iso3"]]
    bars = {"type": "bar", "x": rows["value"].tolist(), "y": labels, "orientation": "h",
            "marker": {"color": [KOREA_COLOUR if c == KOREA else PALETTE[0] for c in rows["country_iso3"]]},
            "customdata": _custom(labels, rows["value"], lang, unit),
            "hovertemplate": "%{customdata[0]}: %{customdata[1]}<extra></extra>"}
    return _figure([bars], title, height=max(260, 28 * len(rows) + 80))


def world_map(frame: pd.DataFrame, names: dict[str, str], unit: str, lang: str, title: str) -> Figure:
    """A choropleth from local topojson (the graph's ``topojsonURL`` points at the app's assets)."""
    if frame.empty:
        return empty(t("empty.no_data", lang))
    codes = frame["country_iso3"].tolist()
    shaded = {"type": "choropleth", "locations": codes, "z": frame["value"].tolist(), "locationmode": "ISO-3",
              "colorscale": BLUES, "marker": {"line": {"color": "white", "width": 0.5}},
              "colorbar": {"title": {"text": unit}, "thickness": 12},
              "customdata": _custom([names.get(c, c) for c in codes], frame["value"], lang, unit),
              "hovertemplate": "%{customdata[0]}: %{customdata[1]}<extra></extra>"}
    geo = {"projection": {"type": "natural earth"}, "showframe": False, "showcoastlines": False,
           "showland": True, "landcolor": NO_DATA, "showcountries": True, "countrycolor": "white",
           "lataxis": {"range": [-58, 85]}}  # economies without data stay light grey
    return _figure([shaded], title, geo=geo)


def slope(frame: pd.DataFrame, names: dict[str, str], unit: str, lang: str, title: str) -> Figure:
    """First and last year of the selection, one line per country."""
    if frame.empty:
        return empty(t("empty.no_data", lang))
    ends = frame.sort_values("year").groupby("country_iso3").agg(first=("year", "min"), last=("year", "max"))
    palette = colours(list(ends.index))
    traces = []
    for code, (first, last) in ends.iterrows():
        rows = frame[(frame["country_iso3"] == code) & frame["year"].isin([first, last])].sort_values("year")
        label = names.get(code, code)
        traces.append({
            "type": "scatter", "x": [str(y) for y in rows["year"]], "y": rows["value"].tolist(),
            "mode": "lines+markers+text", "name": label, "text": ["", label], "textposition": "middle right",
            "line": {"color": palette[code], "width": 4 if code == KOREA else 2},
            "customdata": _custom(label, rows["value"], lang, unit), "hovertemplate": HOVER})
    return _figure(traces, title, unit)


def _bars(frame: pd.DataFrame, x: str, names: dict[str, str], unit: str, lang: str, hover: str) -> list[dict]:
    """One bar trace per country (in order of appearance), Korea in its colour."""
    palette = colours(list(dict.fromkeys(frame["country_iso3"])))
    traces = []
    for code, rows in frame.groupby("country_iso3", sort=False):
        label = names.get(code, code)
        traces.append({"type": "bar", "x": rows[x].tolist(), "y": rows["value"].tolist(), "name": label,
                       "marker": {"color": palette[code]}, "customdata": _custom(label, rows["value"], lang, unit),
                       "hovertemplate": hover})
    return traces


def grouped_bars(frame: pd.DataFrame, names: dict[str, str], unit: str, lang: str, title: str) -> Figure:
    """Bars per country, grouped by year."""
    if frame.empty:
        return empty(t("empty.no_data", lang))
    return _figure(_bars(frame, "year", names, unit, lang, HOVER), title, unit, barmode="group")


def export_shares(frame: pd.DataFrame, names: dict[str, str], lang: str, title: str) -> Figure:
    """Shares of world IC exports per year; years with incomplete reporting are shaded and labelled."""
    if frame.empty:
        return empty(t("empty.no_data", lang))
    fig = trend(frame.rename(columns={"share_pct": "value"}), names, "%", lang, title)
    incomplete = frame[~frame["coverage_complete"].astype(bool)].drop_duplicates("year")
    if incomplete.empty:
        return fig
    fig["layout"]["shapes"] = [
        {"type": "rect", "xref": "x", "yref": "paper", "x0": year - 0.5, "x1": year + 0.5, "y0": 0, "y1": 1,
         "fillcolor": "#999999", "opacity": 0.2, "line": {"width": 0}, "layer": "below"}
        for year in incomplete["year"]]
    notes = [f"{row.year}: " + t("semis.incomplete", lang, missing=row.missing_large_exporters)
             for row in incomplete.itertuples()]
    fig["layout"]["title"]["text"] += "<br><sup>" + "<br>".join(_wrap(n, 90) for n in notes) + "</sup>"
    fig["layout"]["margin"]["t"] = 90
    return fig


def monthly_lines(frame: pd.DataFrame, labels: dict[str, str], lang: str, title: str) -> Figure:
    """Monthly series (one line per indicator)."""
    if frame.empty:
        return empty(t("empty.no_data", lang))
    traces = []
    for i, (indicator, rows) in enumerate(frame.groupby("indicator_id", sort=False)):
        label = labels.get(indicator, indicator)
        traces.append({
            "type": "scatter", "x": _dates(rows["period"]), "y": rows["value"].tolist(), "mode": "lines+markers",
            "name": label,
            "line": {"color": PALETTE[i % len(PALETTE)], "dash": "dot" if "10day" in indicator else "solid"},
            "customdata": _custom(label, rows["value"], lang, "USD"),
            "hovertemplate": "%{customdata[0]}<br>%{x|%Y-%m}: %{customdata[1]}<extra></extra>"})
    return _figure(traces, title, "USD")


def category_bars(frame: pd.DataFrame, category: str, names: dict[str, str], unit: str, lang: str,
                  title: str, y_title: str | None = None) -> Figure:
    """Bars per category (segment, benchmark), one colour per country."""
    if frame.empty:
        return empty(t("empty.no_data", lang))
    traces = _bars(frame, category, names, unit, lang, "%{x}<br>%{customdata[0]}: %{customdata[1]}<extra></extra>")
    return _figure(traces, title, unit if y_title is None else y_title, barmode="group")


def compute_frontier(frame: pd.DataFrame, names: dict[str, str], lang: str, title: str,
                     y_title: str = "FLOP", y_format: str = ".2e") -> Figure:
    """Training compute (``training_compute_flop``) of models over time, log scale; Korean models
    highlighted. Also plots parameter counts, with another ``y_title`` and ``y_format``."""
    if frame.empty:
        return empty(t("empty.no_data", lang))
    traces = []
    for korean in (False, True):
        rows = frame[(frame["country_iso3"] == KOREA) == korean]
        traces.append({
            "type": "scatter", "x": _dates(rows["published"]), "y": rows["training_compute_flop"].tolist(),
            "mode": "markers", "name": names.get(KOREA, KOREA) if korean else "Other" if lang == "en" else "기타",
            "marker": {"color": KOREA_COLOUR if korean else GREY, "size": 10 if korean else 5,
                       "line": {"width": 1, "color": "white"}},
            "customdata": rows[["model", "organization"]].fillna("").values.tolist(),
            "hovertemplate": "%{customdata[0]} (%{customdata[1]})<br>%{x|%Y-%m}: %{y:" + y_format + "}"
                             + (" FLOP" if y_title == "FLOP" else "") + "<extra></extra>"})
    fig = _figure(traces, title, y_title)
    fig["layout"]["yaxis"]["type"] = "log"
    return fig



#: Colours of the leaderboard's groups of models (Korean, global, developer country not known).
GROUP_COLOURS = {"korean": KOREA_COLOUR, "global": PALETTE[0], "unknown": GREY}
#: Vendor-reported scores are hatched bars and diamond markers; independent ones plain bars and circles.
VENDOR_HATCH = {"shape": "/", "fillmode": "overlay", "fgcolor": "white", "solidity": 0.35}


def _short(name: str, width: int = 24) -> str:
    return name if len(name) <= width else name[:width - 1] + "…"


def _narrow_title(fig: Figure, title: str, width: int = 40) -> Figure:
    """The title wrapped for a phone's width, the top margin grown to hold its lines."""
    text = _wrap(title, width)
    fig["layout"]["title"]["text"] = text
    fig["layout"]["margin"]["t"] = 30 + 20 * (text.count("<br>") + 1)
    return fig


def leaderboard(frame: pd.DataFrame, labels: dict[str, str], scale: list[float] | None, unit: str, lang: str,
                title: str) -> Figure:
    """A benchmark's leaderboard as horizontal bars, best on top, on the benchmark's declared scale
    (``scale``): Korean models vermillion, global blue, developer country not known grey; vendor-reported
    scores hatched. Rows: ``rank``, ``model``, ``organization``, ``score``, ``group``, ``reported_by``,
    ``reporter``, ``setting``; ``labels`` names the groups and the two kinds of evaluation."""
    if frame.empty:
        return empty(t("empty.no_data", lang))
    order = [f"{r}. {_short(m)}" for r, m in zip(frame["rank"], frame["model"], strict=True)]
    traces = []
    for group in GROUP_COLOURS:
        for by in ("independent", "vendor"):
            rows = frame[(frame["group"] == group) & (frame["reported_by"] == by)]
            if rows.empty:
                continue
            marker = {"color": GROUP_COLOURS[group], **({"pattern": VENDOR_HATCH} if by == "vendor" else {})}
            traces.append({
                "type": "bar", "orientation": "h", "x": rows["score"].tolist(),
                "y": [f"{r}. {_short(m)}" for r, m in zip(rows["rank"], rows["model"], strict=True)],
                "name": f"{labels[group]} · {labels[by]}", "marker": marker,
                "customdata": [[m, str(o) if pd.notna(o) else "–", str(rep), str(s) if pd.notna(s) else "–",
                                fmt_number(v, lang)]
                               for m, o, rep, s, v in zip(rows["model"], rows["organization"], rows["reporter"],
                                                          rows["setting"], rows["score"], strict=True)],
                "hovertemplate": "%{customdata[0]} (%{customdata[1]})<br>%{customdata[4]} · %{customdata[2]}"
                                 "<br>%{customdata[3]}<extra></extra>"})
    xaxis = {**AXIS, "title": {"text": unit}, **({"range": scale} if scale else {})}
    yaxis = {**AXIS, "categoryorder": "array", "categoryarray": order, "autorange": "reversed"}
    height = max(340, 24 * len(frame) + 190)
    legend = {"orientation": "h", "y": -70 / (height - 120), "yanchor": "top", "x": 0}  # below the axis title
    fig = _figure(traces, title, height=height, xaxis=xaxis, yaxis=yaxis, barmode="overlay", legend=legend)
    fig["layout"]["margin"]["b"] = 90
    return _narrow_title(fig, title)


def frontier_gap(frame: pd.DataFrame, steps: pd.DataFrame, labels: dict[str, str], scale: list[float] | None,
                 unit: str, lang: str, title: str) -> Figure:
    """Scores by release date (``frame``: ``release``, ``score``, ``group``, ``reported_by``, ``model``) with the
    best Korean and the best global score released so far as steps (``steps``: ``date``, ``korean_best``,
    ``global_best``, ``gap``); Korean vermillion, global blue; vendor-reported scores as diamonds."""
    if frame.empty or steps.empty:
        return empty(t("empty.no_data", lang))
    traces = []
    for group, best in (("korean", "korean_best"), ("global", "global_best")):
        line = steps.dropna(subset=[best])
        gaps = [fmt_number(g, lang) if pd.notna(g) else "–" for g in line["gap"]]
        traces.append({
            "type": "scatter", "mode": "lines", "x": _dates(line["date"]), "y": line[best].tolist(),
            "name": labels[f"best_{group}"], "line": {"shape": "hv", "color": GROUP_COLOURS[group],
                                                      "width": 4 if group == "korean" else 2,
                                                      "dash": "solid" if group == "korean" else "dash"},
            "customdata": [[str(m), fmt_number(v, lang), g] for m, v, g in
                           zip(line[f"{group}_model"], line[best], gaps, strict=True)],
            "hovertemplate": "%{x|%Y-%m-%d} · %{customdata[0]}: %{customdata[1]}<br>"
                             + labels["gap"] + ": %{customdata[2]}<extra></extra>"})
        for by in ("independent", "vendor"):
            rows = frame[(frame["group"] == group) & (frame["reported_by"] == by)]
            if rows.empty:
                continue
            traces.append({
                "type": "scatter", "mode": "markers", "x": _dates(rows["release"]), "y": rows["score"].tolist(),
                "name": f"{labels[group]} · {labels[by]}",
                "marker": {"color": GROUP_COLOURS[group], "size": 9 if group == "korean" else 7,
                           "symbol": "diamond" if by == "vendor" else "circle", "line": {"width": 1, "color": "white"}},
                "customdata": [[str(m), fmt_number(v, lang)]
                               for m, v in zip(rows["model"], rows["score"], strict=True)],
                "hovertemplate": "%{x|%Y-%m-%d} · %{customdata[0]}: %{customdata[1]}<extra></extra>"})
    fig = _figure(traces, title, unit, height=480)
    if scale:
        fig["layout"]["yaxis"]["range"] = scale
    return _narrow_title(fig, title)

def profile(frame: pd.DataFrame, names: dict[str, str], lang: str, title: str) -> Figure:
    """Percentile per pillar for a few economies (grouped bars, 0-100)."""
    if frame.empty:
        return empty(t("empty.no_data", lang))
    fig = category_bars(frame.rename(columns={"percentile": "value"}), "pillar", names, "", lang, title,
                        "percentile" if lang == "en" else "백분위")
    fig["layout"]["yaxis"]["range"] = [0, 100]
    return fig


def timeline(events: pd.DataFrame, names: dict[str, str], lang: str, title: str) -> Figure:
    """Policy events: date against country, shaped by category."""
    if events.empty:
        return empty(t("empty.no_data", lang))
    traces = []
    for category, rows in events.groupby("category", sort=True):
        traces.append({
            "type": "scatter", "x": _dates(rows["date"]), "y": [names.get(c, c) for c in rows["country_iso3"]],
            "mode": "markers", "name": category_name(category, lang),
            "marker": {"symbol": CATEGORY_SYMBOLS.get(category, "circle"), "size": 12,
                       "line": {"width": 1, "color": "white"}},
            "customdata": rows[["title"]].values.tolist(),
            "hovertemplate": "%{x|%Y-%m-%d} · %{y}<br>%{customdata[0]}<extra></extra>"})
    return _figure(traces, title, height=max(320, 40 * events["country_iso3"].nunique() + 120))


def crossing_odds(frame: pd.DataFrame, labels: dict[str, str], lang: str, title: str) -> Figure:
    """Catch-up odds by year: the probability of having crossed by each year (``by``, a thick line, never
    falling) and of being ahead in that very year (``in``, dashed), 0-100%, with the 50% line. ``labels``
    names the two lines (keys ``by`` and ``in``)."""
    if frame.empty:
        return empty(t("empty.no_data", lang))
    years = frame["year"].tolist()
    traces = []
    for column, colour, width, dash in (("in", PALETTE[0], 2, "dash"), ("by", KOREA_COLOUR, 4, "solid")):
        values = frame[column].tolist()
        traces.append({"type": "scatter", "x": years, "y": values, "mode": "lines+markers", "name": labels[column],
                       "line": {"color": colour, "width": width, "dash": dash}, "marker": {"size": 7},
                       "customdata": [[labels[column], f"{v:.0%}"] for v in values], "hovertemplate": HOVER})
    fig = _figure(traces, title, t("catchup.axis", lang), yaxis={**AXIS, "range": [0, 1.02], "tickformat": ".0%",
                                                                 "title": {"text": t("catchup.axis", lang)}},
                  xaxis={**AXIS, "dtick": 1})
    fig["layout"]["shapes"] = [{"type": "line", "xref": "paper", "x0": 0, "x1": 1, "y0": 0.5, "y1": 0.5,
                                "line": {"color": DARK_GREY, "width": 1, "dash": "dot"}}]
    return fig


def scenario(history: pd.DataFrame, forecast: pd.DataFrame, path: pd.DataFrame, standings: pd.DataFrame,
             names: dict[str, str], unit: str, lang: str, title: str, target: float | None = None) -> Figure:
    """A growth scenario: Korea's recent values, its forecast fan (if skilful), the scenario's compound path
    (dotted) to the target year, the other economies' values that year (grey diamonds, the ten highest) and
    the target level (a dashed line, for a value or rank target)."""
    if history.empty or path.empty:
        return empty(t("empty.no_data", lang))
    korea = names.get(KOREA, KOREA)
    traces = [_line(KOREA, history.assign(country_iso3=KOREA), korea, KOREA_COLOUR, unit, lang)]
    if not forecast.empty:
        traces += _fans(forecast.assign(country_iso3=KOREA), {KOREA: KOREA_COLOUR}, names, unit, lang)
    label = t("scenario.path", lang)
    traces.append({"type": "scatter", "x": path["year"].tolist(), "y": path["value"].tolist(), "mode": "lines+markers",
                   "name": label, "line": {"color": KOREA_COLOUR, "width": 3, "dash": "dot"},
                   "marker": {"size": 6, "symbol": "circle-open"},
                   "customdata": _custom(label, path["value"], lang, unit), "hovertemplate": HOVER})
    top = standings.head(10)
    if not top.empty:
        labels = [names.get(c, c) for c in top["country_iso3"]]
        traces.append({"type": "scatter", "x": [int(path["year"].iloc[-1])] * len(top), "y": top["value"].tolist(),
                       "mode": "markers", "name": t("scenario.others", lang),
                       "marker": {"symbol": "diamond", "size": 9, "color": GREY, "line": {"width": 1, "color": INK}},
                       "customdata": _custom(labels, top["value"], lang, unit), "hovertemplate": HOVER})
    fig = _figure(traces, title, unit, xaxis={**AXIS, "dtick": 2})
    if target is not None:
        fig["layout"]["shapes"] = [{"type": "line", "xref": "paper", "x0": 0, "x1": 1, "y0": target, "y1": target,
                                    "line": {"color": DARK_GREY, "width": 1, "dash": "dash"}}]
    return fig


def company_shares(frame: pd.DataFrame, segments: dict[str, str], names: dict[str, str], korean: set[str],
                   lang: str, title: str) -> Figure:
    """Market shares of companies per quarter, one panel per segment (small multiples on one share axis).
    Rows: ``segment``, ``period_label`` (in the order drawn), ``company`` (a key of ``names``), ``share_pct``.
    Korean firms (``korean``) are vermillion, told apart by a hatch; "Others" grey; the rest from the palette."""
    if frame.empty:
        return empty(t("empty.no_data", lang))
    shown = [s for s in segments if s in set(frame["segment"])]
    others = [c for c in dict.fromkeys(frame["company"]) if c not in korean and c != "Others"]
    palette = {c: PALETTE[i % len(PALETTE)] for i, c in enumerate(others)} | {"Others": GREY}
    hatches = {c: ("/" if i else "") for i, c in enumerate(c for c in dict.fromkeys(frame["company"]) if c in korean)}
    gap, traces, layout, seen = 0.08, [], {}, set()
    width = (1 - gap * (len(shown) - 1)) / len(shown)
    for i, segment in enumerate(shown):
        axis = "x" if i == 0 else f"x{i + 1}"
        rows = frame[frame["segment"] == segment]
        layout["xaxis" if i == 0 else f"xaxis{i + 1}"] = {
            **AXIS, "domain": [i * (width + gap), i * (width + gap) + width], "anchor": "y", "type": "category",
            "categoryorder": "array", "categoryarray": list(dict.fromkeys(rows["period_label"])),
            "title": {"text": segments[segment]}}
        for company, part in rows.groupby("company", sort=False):
            label = names.get(company, company)
            marker = {"color": KOREA_COLOUR if company in korean else palette.get(company, GREY)}
            if hatches.get(company):
                marker["pattern"] = {"shape": hatches[company], "fillmode": "overlay", "fgcolor": "white",
                                     "solidity": 0.3}
            traces.append({"type": "bar", "x": part["period_label"].tolist(), "y": part["share_pct"].tolist(),
                           "xaxis": axis, "yaxis": "y", "name": label, "legendgroup": company,
                           "showlegend": company not in seen, "marker": marker,
                           "customdata": _custom(f"{segments[segment]} · {label}", part["share_pct"], lang, "%"),
                           "hovertemplate": HOVER})
            seen.add(company)
    return _figure(traces, title, "%", barmode="group", **layout)


def rank_bands(frame: pd.DataFrame, names: dict[str, str], lang: str, title: str) -> Figure:
    """Ranks with their uncertainty (the AI position index): per ranked country, best on top, the rank with
    the chosen weights (a dot) and the median rank over the Monte Carlo draws (an open diamond) with its
    90% band as error bars; Korea in vermillion. Rows: ``country_iso3``, ``rank``, ``median_rank``,
    ``rank_lo``, ``rank_hi`` (NaN rank: not ranked, not drawn)."""
    rows = frame[frame["rank"].notna()].sort_values(["rank", "country_iso3"])
    if rows.empty:
        return empty(t("empty.no_data", lang))
    order = [names.get(c, c) for c in rows["country_iso3"]]
    traces = []
    for korea in (False, True):
        part = rows[(rows["country_iso3"] == KOREA) == korea]
        if part.empty:
            continue
        colour = KOREA_COLOUR if korea else PALETTE[0]
        labels = [names.get(c, c) for c in part["country_iso3"]]
        band = [t("figure.rank_band", lang, lo=f"{lo:g}", hi=f"{hi:g}", median=f"{m:g}")
                for lo, hi, m in zip(part["rank_lo"], part["rank_hi"], part["median_rank"], strict=True)]
        traces.append({
            "type": "scatter", "mode": "markers", "x": part["median_rank"].tolist(), "y": labels,
            "name": t("figure.rank_median", lang), "legendgroup": "band", "showlegend": not korea,
            "marker": {"symbol": "diamond-open", "size": 11, "color": colour, "line": {"width": 2}},
            "error_x": {"type": "data", "symmetric": False, "color": colour, "thickness": 2, "width": 6,
                        "array": (part["rank_hi"] - part["median_rank"]).tolist(),
                        "arrayminus": (part["median_rank"] - part["rank_lo"]).tolist()},
            "customdata": [[label, text] for label, text in zip(labels, band, strict=True)],
            "hovertemplate": "%{customdata[0]}: %{customdata[1]}<extra></extra>"})
        traces.append({
            "type": "scatter", "mode": "markers", "x": part["rank"].tolist(), "y": labels,
            "name": t("figure.rank_point", lang), "legendgroup": "rank", "showlegend": not korea,
            "marker": {"symbol": "circle", "size": 9, "color": colour},
            "customdata": [[label, f"{r:g}"] for label, r in zip(labels, part["rank"], strict=True)],
            "hovertemplate": "%{customdata[0]}: " + t("figure.rank_hover", lang) + "<extra></extra>"})
    n = len(rows)
    xaxis = {**AXIS, "range": [0.5, n + 0.5], "dtick": 1 if n <= 20 else 5, "zeroline": False}
    yaxis = {**AXIS, "categoryorder": "array", "categoryarray": order, "autorange": "reversed"}
    return _figure(traces, title, height=max(300, 30 * n + 140), xaxis=xaxis, yaxis=yaxis,
                   legend={"orientation": "h", "y": -0.1, "yanchor": "top", "x": 0})
