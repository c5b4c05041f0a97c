"""Catch-up: for an indicator and a peer, the year Korea's projected path crosses the peer's, the probability
of having crossed by each year (from both forecasts' calibrated intervals, stored by the forecasting step),
the gap today, the same for every peer; then growth scenarios (the growth a value or a rank needs by a
year, and the rank a growth rate earns). The answers are those of `kaim catchup` and `kaim required-growth`:
the same queries and arithmetic (``warehouse.scenarios``, through ``dashboard.scenarios``)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd
from dash import Input, Output, State, dcc, html

from dashboard import data, describe, figures, ids, inputs
from dashboard import scenarios as shared
from dashboard.components import card_outputs, card_result, chart_card, display_frame, dropdown, labelled, table
from dashboard.i18n import fmt_number, t
from dashboard.registry import Page
from dashboard.state import write_query

KOREA = shared.FOCUS
DEFAULT_INDICATOR = "oecd_msti:G_XGDP"
DEFAULT_PEERS = ("JPN", "USA", "CHN", "TWN", "DEU")
KINDS = ("rank", "value", "growth")
#: Target years offered: this year to 15 years on.
YEARS = tuple(range(inputs.LAST_YEAR, inputs.LAST_YEAR + 16))
DEFAULT_YEAR, DEFAULT_RANK = 2030, 1
#: What a scenario's number may be (a growth rate in % a year; a rank; a value).
GROWTH_RANGE, MAX_RANK, MAX_VALUE = (-50.0, 100.0), 500, 1e18

INDICATORS = data.Query("catchup.indicators",
                        "SELECT DISTINCT indicator_id FROM catch_up WHERE country_iso3 = $country ORDER BY 1")
COLUMNS = data.Query("catchup.columns", "SELECT column_name FROM duckdb_columns() WHERE table_name = 'catch_up_years'")
CATCH_UP = data.Query("catchup.table", shared.CATCH_UP_SQL)
YEARS_QUERY = data.Query("catchup.years", shared.CATCH_UP_YEARS_SQL)
GAPS = data.Query("catchup.gaps", shared.GAP_SQL)
SERIES = data.Query("catchup.series", shared.SERIES_SQL)
FORECASTS = data.Query("catchup.forecasts", shared.FORECAST_SQL)
STANDINGS = data.Query("catchup.standings", shared.STANDINGS_SQL)


# --- data (read once per published version) ---------------------------------------------------------------
# The page's queries read every indicator at once (a few thousand rows) and are kept per published version,
# like the data layer's annual series; the views filter them in memory. A scenario's standings are read per
# indicator and year.

@dataclass(frozen=True)
class Stored:
    """The catch-up rows with the gap today, the years and the forecasts of every indicator, and each
    indicator's unit, names and source."""

    table: dict[str, pd.DataFrame]
    years: dict[str, pd.DataFrame]
    forecasts: dict[str, pd.DataFrame]
    meta: dict[str, dict[str, str]]


def _by_indicator(frame: pd.DataFrame) -> dict[str, pd.DataFrame]:
    return {str(i): rows.reset_index(drop=True) for i, rows in frame.groupby("indicator_id", sort=False)}


@lru_cache(maxsize=4)
def _stored(version: str) -> Stored | None:
    if "p_crossed" not in set(data.fetch(COLUMNS)["column_name"]):
        return None  # a version published before the catch-up probabilities
    every = {"country": KOREA, "indicators": []}
    table = shared.catch_up_table(data.fetch(CATCH_UP, **every), data.fetch(GAPS, **every))
    meta = {row.indicator_id: {"unit": str(row.unit), "en": str(row.name_en), "ko": str(row.name_ko),
                               "source": str(row.source_id)} for row in data.indicators().itertuples()}
    return Stored(_by_indicator(table), _by_indicator(data.fetch(YEARS_QUERY, **every)),
                  _by_indicator(data.fetch(FORECASTS, indicators=[])), meta)


def stored() -> Stored | None:
    return _stored(data.version())


def indicator_choices() -> tuple[str, ...]:
    """Indicators with a catch-up row of Korea (the page's declared choices)."""
    found = stored()
    return tuple(sorted(found.table)) if found is not None else ()


def _part(parts: dict[str, pd.DataFrame], indicator: str, columns: list[str]) -> pd.DataFrame:
    return parts.get(indicator, pd.DataFrame(columns=columns))


def peer_table(indicator: str) -> pd.DataFrame:
    """Every peer's catch-up row with the gap today and why it does not count (``catch_up_table``)."""
    return _part(stored().table, indicator, ["peer_iso3", "status", "year", "reason", "gap"])


def peer_years(indicator: str) -> pd.DataFrame:
    return _part(stored().years, indicator, ["peer_iso3", "year", "p_ahead", "p_crossed", "p_overtaken"])


def forecasts(indicator: str) -> pd.DataFrame:
    return _part(stored().forecasts, indicator, ["country_iso3", "year", "mean", "beats_naive"])


@lru_cache(maxsize=256)
def _fetched(version: str, query: data.Query, indicator: str, year: int | None) -> pd.DataFrame:
    if year is None:
        return data.fetch(query, indicator=indicator, country=KOREA)
    return data.fetch(query, indicator=indicator, year=year, country=KOREA)


def korea_series(indicator: str) -> pd.DataFrame:
    return _fetched(data.version(), SERIES, indicator, None)


def standings(indicator: str, year: int) -> pd.DataFrame:
    return _fetched(data.version(), STANDINGS, indicator, year)


def peer_options(indicator: str, lang: str) -> list[dict[str, str]]:
    peers = peer_table(indicator)["peer_iso3"].tolist() if indicator else []
    return [{"label": f"{data.country_name(p, lang)} ({p})", "value": p} for p in peers]


def default_peer(indicator: str) -> str | None:
    peers = peer_table(indicator)["peer_iso3"].tolist() if indicator else []
    return next((p for p in DEFAULT_PEERS if p in peers), peers[0] if peers else None)


# --- inputs ---------------------------------------------------------------------------------------------------

def checked_indicator(value: object) -> str:
    indicator = inputs.indicator(value)
    if indicator not in indicator_choices():
        raise inputs.InvalidInput(f"indicator: {indicator!r} has no catch-up rows")
    return indicator


def checked_peer(value: object) -> str:
    """A known country code (a peer without a catch-up row is answered with the reason)."""
    chosen = inputs.countries([value] if value is not None else None)
    if len(chosen) != 1:
        raise inputs.InvalidInput("peer: one ISO3 code is expected")
    return chosen[0]


def checked_kind(value: object) -> str:
    if value not in KINDS:
        raise inputs.InvalidInput(f"scenario: one of {', '.join(KINDS)} is expected")
    return str(value)


def checked_year(value: object) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value not in YEARS:
        raise inputs.InvalidInput(f"target year: a year from {YEARS[0]} to {YEARS[-1]} is expected")
    return value


def checked_amount(value: object) -> float | None:
    """A finite number, or None (an empty or unreadable box: the answer asks for a number)."""
    if value is None or value == "":
        return None
    if not isinstance(value, int | float) or isinstance(value, bool):
        raise inputs.InvalidInput("amount: a number is expected")
    try:
        number = float(value)
    except OverflowError:  # an integer beyond any float
        return None
    return number if math.isfinite(number) else None


def _amount_or_default(text: str | None, kind: str) -> float:
    try:
        value = float(text or "")
    except ValueError:
        return _default_amount(kind)
    return value if math.isfinite(value) else _default_amount(kind)


def _year_or_default(text: str | None) -> int:
    return int(text) if text and text.isdigit() and int(text) in YEARS else DEFAULT_YEAR


def _default_amount(kind: str) -> float:
    return {"rank": float(DEFAULT_RANK), "value": 1.0, "growth": 3.0}[kind]


# --- words -------------------------------------------------------------------------------------------------

def _pct(p: float) -> str:
    return f"{p:.0%}"


def _signed(value: float, lang: str, unit: str) -> str:
    return ("+" if value > 0 else "") + fmt_number(value, lang, unit)


def _rate(rate: float) -> str:
    return f"{rate:+.2%}"


def _meta(indicator: str) -> dict[str, str]:
    return stored().meta.get(indicator, {"unit": "", "en": indicator, "ko": indicator, "source": ""})


def _unit(indicator: str) -> str:
    return _meta(indicator)["unit"]


def _name(indicator: str, lang: str) -> str:
    return _meta(indicator)[lang]


def _odds(row: pd.Series, years: pd.DataFrame) -> tuple[pd.DataFrame, bool]:
    """The plotted probabilities (year, by, in): of Korea passing the peer, or, when Korea is already ahead,
    of the peer passing Korea (``True``)."""
    overtaken = row["status"] == "already_ahead"
    by = years["p_overtaken"] if overtaken else years["p_crossed"]
    ahead = 1 - years["p_ahead"] if overtaken else years["p_ahead"]
    odds = pd.DataFrame({"year": years["year"].astype(int), "by": by.astype(float), "in": ahead.astype(float)})
    return odds, overtaken


def _why(row: pd.Series | None, indicator: str, peer: str, lang: str) -> str | None:
    """Why the peer's catch-up is not stated, in words (None when it counts)."""
    peer_name = data.country_name(peer, lang)
    if row is None:
        return t("catchup.why.no_common_year", lang, peer=peer_name)
    if row["reason"] == "not_skilful":
        fc = forecasts(indicator)
        unskilled = [data.country_name(c, lang) for c in (KOREA, peer)
                     if not fc[fc["country_iso3"] == c]["beats_naive"].all()]
        return t("catchup.why.not_skilful", lang, peer=peer_name, countries=" · ".join(unskilled or [peer_name]))
    if row["reason"] == "not_refitted":
        return t("catchup.why.not_refitted", lang, peer=peer_name)
    return None


def _gap(row: pd.Series | None, peer: str, unit: str, lang: str) -> str:
    if row is None or pd.isna(row.get("gap")):
        return t("catchup.no_gap", lang)
    share = row["gap_share"]
    return t("catchup.gap", lang, year=int(row["gap_year"]), value=fmt_number(row["value"], lang, unit),
             peer=data.country_name(peer, lang), peer_value=fmt_number(row["peer_value"], lang, unit),
             gap=_signed(row["gap"], lang, unit), share=f"{share:+.0%}" if pd.notna(share) else "–")


def summary(indicator: str, peer: str, lang: str) -> str:
    """The verdict in words: crossing year, the probability of having crossed by each year, the gap today;
    or why there is none."""
    table_ = peer_table(indicator)
    found = table_[table_["peer_iso3"] == peer]
    row = found.iloc[0] if not found.empty else None
    unit, peer_name = _unit(indicator), data.country_name(peer, lang)
    why = _why(row, indicator, peer, lang)
    if why is not None:
        return " ".join([why, _gap(row, peer, unit, lang)])
    years = peer_years(indicator)
    odds, overtaken = _odds(row, years[years["peer_iso3"] == peer])
    items = ", ".join(t("catchup.by_item", lang, p=_pct(p), year=int(y)) for y, p in zip(odds["year"], odds["by"],
                                                                                          strict=True))
    if row["status"] == "crosses":
        head = t("catchup.crosses", lang, peer=peer_name, year=int(row["year"]))
    elif overtaken:
        head = t("catchup.ahead", lang, peer=peer_name)
    else:
        head = t("catchup.not_within", lang, peer=peer_name, end=int(odds["year"].max()))
    chances = t("catchup.overtaken" if overtaken else "catchup.passed", lang, peer=peer_name, items=items)
    first = shared.first_likely_year(odds, "by")
    likely = (t("catchup.likely", lang, year=first) if first is not None
              else t("catchup.unlikely", lang, end=int(odds["year"].max())))
    return " ".join([head, chances, likely, _gap(row, peer, unit, lang)])


# --- views ------------------------------------------------------------------------------------------------

@data.memoized
def odds_view(indicator: str, peer: str, lang: str) -> tuple:
    """The verdict in words and the odds card."""
    return (summary(indicator, peer, lang), *odds_card(indicator, peer, lang))


@data.memoized
def paths_view(indicator: str, peer: str, lang: str) -> tuple:
    return paths_card(indicator, peer, lang)


@data.memoized
def table_view(indicator: str, lang: str) -> html.Div:
    return peers_table(indicator, lang)


def odds_card(indicator: str, peer: str, lang: str) -> tuple:
    table_ = peer_table(indicator)
    found = table_[table_["peer_iso3"] == peer]
    peer_name = data.country_name(peer, lang)
    years = peer_years(indicator)
    years = years[years["peer_iso3"] == peer]
    row = found.iloc[0] if not found.empty else None
    why = _why(row, indicator, peer, lang)
    if why is not None or years.empty:
        odds, overtaken = pd.DataFrame(columns=["year", "by", "in"]), False
    else:
        odds, overtaken = _odds(row, years)
    title = t("catchup.odds.overtaken" if overtaken else "catchup.odds", lang, peer=peer_name)
    labels = {"by": t("catchup.by", lang), "in": t("catchup.in", lang)}
    fig = figures.crossing_odds(odds, labels, lang, title) if why is None else figures.empty(
        t("catchup.chart.none", lang))
    text = describe.crossing_odds(odds, labels, lang, title) if why is None else why
    shown = odds.assign(by_shown=[_pct(p) for p in odds["by"]], in_shown=[_pct(p) for p in odds["in"]])
    headers = {"year": t("col.year", lang), "by_shown": labels["by"], "in_shown": labels["in"]}
    sql = data.sql_for(YEARS_QUERY.sql, {"country": KOREA, "indicators": [indicator]})
    return card_result(ids.CATCHUP_ODDS, fig, shown, headers, sql, _sources(indicator), lang, description=text)


def paths_card(indicator: str, peer: str, lang: str) -> tuple:
    chosen = [KOREA, peer]
    frame = data.series(indicator, chosen, inputs.LAST_YEAR - 20, inputs.LAST_YEAR)
    forecast = data.forecasts(indicator, chosen)
    names = {c: data.country_name(c, lang) for c in chosen}
    unit = _unit(indicator)
    title = t("catchup.paths", lang, indicator=_name(indicator, lang), peer=names[peer])
    fig = figures.trend(frame, names, unit, lang, title, forecast=forecast)
    headers = {"country": t("col.country", lang), "year": t("col.year", lang), "value_shown": t("col.value", lang)}
    sql = data.sql_for(data.SERIES_SQL["abs"], data.series_params(indicator, chosen, inputs.LAST_YEAR - 20,
                                                                  inputs.LAST_YEAR))
    return card_result(ids.CATCHUP_PATHS, fig, display_frame(frame, lang, unit), headers, sql, _sources(indicator),
                       lang, description=describe.trend(frame, names, unit, lang, title, forecast=forecast))


def _sources(indicator: str) -> list[str]:
    source = _meta(indicator)["source"]
    return [source] if source else []


def peers_table(indicator: str, lang: str) -> html.Div:
    rows = peer_table(indicator)
    unit = _unit(indicator)
    shown = []
    for row in rows.itertuples():
        overtaken = row.status == "already_ahead"
        p = row.p_overtaken if overtaken else row.p_crossed
        status = t(f"catchup.status.{row.status}", lang, peer=data.country_name(row.peer_iso3, lang),
                   cross=int(row.year) if pd.notna(row.year) else "–",
                   year=int(row.last_year) if pd.notna(row.last_year) else "–", p=_pct(p) if pd.notna(p) else "–")
        shown.append({"peer": f"{data.country_name(row.peer_iso3, lang)} ({row.peer_iso3})", "status": status,
                      "gap": _signed(row.gap, lang, unit) if pd.notna(row.gap) else "–",
                      "share": f"{row.gap_share:+.0%}" if pd.notna(row.gap_share) else "–",
                      "gap_year": int(row.gap_year) if pd.notna(row.gap_year) else "–",
                      "note": t(f"catchup.reason.{row.reason}", lang) if isinstance(row.reason, str)
                      else t("catchup.counts", lang)})
    headers = {"peer": t("catchup.peer", lang), "status": t("catchup.col.status", lang),
               "gap": t("catchup.col.gap", lang), "share": t("catchup.col.share", lang),
               "gap_year": t("catchup.col.gap_year", lang), "note": t("catchup.col.note", lang)}
    return html.Section(className="card", children=html.Div(
        table(pd.DataFrame(shown, columns=list(headers)), headers, t("catchup.table", lang)),
        className="table-scroll", tabIndex=0, role="region", **{"aria-label": t("catchup.table", lang)}))


# --- scenarios --------------------------------------------------------------------------------------------

def answer(indicator: str, kind: str, amount: float | None, year: int) -> shared.Scenario | str:
    """The scenario (``warehouse.scenarios.scenario``, as `kaim required-growth` runs it), or the text key of
    why there is none."""
    series, others = korea_series(indicator), standings(indicator, year)
    if series.empty:
        return "scenario.no_series"
    begin = shared.start(series)
    if year <= begin.year:
        return "scenario.year_early"
    if begin.value <= 0:
        return "scenario.non_positive"
    if amount is None or (kind == "rank" and (amount < 1 or amount > MAX_RANK or not float(amount).is_integer())) or (
            kind == "value" and not 0 < amount < MAX_VALUE) or (
            kind == "growth" and not GROWTH_RANGE[0] <= amount <= GROWTH_RANGE[1]):
        return "scenario.invalid"
    if kind == "rank" and amount > len(others):
        return "scenario.rank_high"
    fc = forecasts(indicator)
    mine = fc[fc["country_iso3"] == KOREA]
    return shared.scenario(indicator, KOREA, series, mine, year, others=others,
                           value=amount if kind == "value" else None, rank=int(amount) if kind == "rank" else None,
                           growth=amount / 100 if kind == "growth" else None)


def _answer_words(result: shared.Scenario, lang: str, unit: str) -> str:
    values = {"target": fmt_number(result.target_value, lang, unit), "year": result.target_year,
              "current": fmt_number(result.current_value, lang, unit), "start": result.current_year,
              "rate": _rate(result.rate), "rank": result.rank, "n": result.economies}
    if result.kind == "rank":
        values["rank_word"] = ("highest" if result.rank == 1 else f"{describe.ordinal(int(result.rank), lang)} highest"
                               ) if lang == "en" else str(result.rank)
    parts = [t(f"scenario.answer.{result.kind}", lang, **values)]
    if result.kind == "value" and result.rank is not None:
        parts.append(t("scenario.answer.rank_at", lang, rank=result.rank, n=result.economies))
    if result.kind != "growth":
        if result.projected_rate is None:
            parts.append(t("scenario.no_projection", lang))
        else:
            parts.append(t("scenario.projected", lang, rate=_rate(result.projected_rate),
                           value=fmt_number(result.projected_value, lang, unit), year=result.projected_year,
                           verdict=t("scenario.on_track" if result.on_track else "scenario.off_track", lang)))
    if result.economies is not None:
        parts.append(t("scenario.others_note", lang, others=result.economies - 1, projected=result.projected_peers))
    return " ".join(parts)


@data.memoized
def scenario_view(indicator: str, kind: str, amount: float | None, year: int, lang: str) -> tuple:
    """The answer in words and the scenario card."""
    unit, result = _unit(indicator), answer(indicator, kind, amount, year)
    series = korea_series(indicator)
    title = t("scenario.chart", lang, indicator=_name(indicator, lang), year=year)
    sql = data.sql_for(STANDINGS.sql, {"indicator": indicator, "year": year, "country": KOREA})
    if isinstance(result, str):
        others = standings(indicator, year)
        words = t(result, lang, start=int(series["year"].max()) if not series.empty else "–", n=len(others),
                  best=len(others) + 1, value=fmt_number(series["value"].iloc[-1], lang, unit) if not series.empty
                  else "–")
        return (words, *card_result(ids.SCENARIO, figures.empty(t("scenario.chart.none", lang)), pd.DataFrame(), {},
                                    sql, _sources(indicator), lang, description=words))
    fc = forecasts(indicator)
    mine = fc[fc["country_iso3"] == KOREA]
    mine = mine if not mine.empty and mine["beats_naive"].all() else mine.iloc[:0]
    mine = mine[mine["year"] <= year]  # the fan up to the target year
    history = series[series["year"] > result.current_year - 15]
    path, others = result.path(), standings(indicator, year)
    target = result.target_value if result.kind != "growth" else None
    names = {KOREA: data.country_name(KOREA, lang), **{c: data.country_name(c, lang) for c in others["country_iso3"]}}
    fig = figures.scenario(history, mine, path, others, names, unit, lang, title, target)
    text = describe.scenario(history, mine, path, others, names, unit, lang, title, target)
    shown = path.assign(value_shown=[fmt_number(v, lang, unit) for v in path["value"]])
    headers = {"year": t("col.year", lang), "value_shown": t("col.value", lang)}
    return (_answer_words(result, lang, unit), *card_result(ids.SCENARIO, fig, shown, headers, sql,
                                                           _sources(indicator), lang, description=text))


# --- layout and callbacks ---------------------------------------------------------------------------------

def layout(lang: str, query: dict[str, str]) -> list:
    choices = indicator_choices()
    if not choices:
        why = "catchup.none" if stored() is not None else "catchup.outdated"
        return [html.P(t("catchup.intro", lang), className="lead"), html.P(t(why, lang), role="status")]
    indicator = query.get("ind") if query.get("ind") in choices else (
        DEFAULT_INDICATOR if DEFAULT_INDICATOR in choices else choices[0])
    options = peer_options(indicator, lang)
    peer = query.get("peer") if query.get("peer") in {o["value"] for o in options} else default_peer(indicator)
    kind = inputs.choice_or_default(query.get("sk"), KINDS, "rank")
    amount = _amount_or_default(query.get("sv"), kind)
    year = _year_or_default(query.get("sy"))
    indicator_options = [{"label": f"{_name(i, lang)} · {_meta(i)['source']}", "value": i} for i in choices]
    summary_text, *odds = odds_view(indicator, peer, lang)
    paths, peers = paths_view(indicator, peer, lang), table_view(indicator, lang)
    answer_text, *scenario_outputs = scenario_view(indicator, kind, amount, year, lang)
    return [
        html.P(t("catchup.intro", lang), className="lead"),
        html.Div(className="controls", children=[
            labelled(t("control.indicator", lang), dropdown(
                lang, id=ids.CATCHUP_INDICATOR, options=indicator_options, value=indicator, clearable=False),
                ids.CATCHUP_INDICATOR),
            labelled(t("catchup.peer", lang), dropdown(
                lang, id=ids.CATCHUP_PEER, options=options, value=peer, clearable=False), ids.CATCHUP_PEER),
            html.P(summary_text, id=ids.CATCHUP_SUMMARY, className="note", role="status"),
        ]),
        chart_card(ids.CATCHUP_ODDS, lang, t("catchup.odds.card", lang), tuple(odds)),
        html.Div(peers, id=ids.CATCHUP_TABLE),
        chart_card(ids.CATCHUP_PATHS, lang, t("catchup.paths.card", lang), paths),
        html.H2(t("scenario.title", lang)),
        html.P(t("scenario.intro", lang), className="lead"),
        html.Div(className="controls", children=[
            labelled(t("scenario.kind", lang), dcc.RadioItems(
                id=ids.SCENARIO_KIND, value=kind, inline=True,
                options=[{"label": t(f"scenario.kind.{k}", lang), "value": k} for k in KINDS]), ids.SCENARIO_KIND),
            labelled(t("scenario.amount", lang), dcc.Input(id=ids.SCENARIO_AMOUNT, type="number", value=amount,
                                                          debounce=True, className="number-input"),
                     ids.SCENARIO_AMOUNT),
            labelled(t("scenario.year", lang), dropdown(
                lang, id=ids.SCENARIO_YEAR, options=[{"label": str(y), "value": y} for y in YEARS], value=year,
                clearable=False), ids.SCENARIO_YEAR),
            html.P(answer_text, id=ids.SCENARIO_ANSWER, className="note", role="status"),
        ]),
        chart_card(ids.SCENARIO, lang, t("scenario.card", lang), tuple(scenario_outputs)),
    ]


def register(app) -> None:
    @app.callback(Output(ids.CATCHUP_PEER, "options"), Output(ids.CATCHUP_PEER, "value"),
                  Input(ids.CATCHUP_INDICATOR, "value"), State(ids.CATCHUP_PEER, "value"), State(ids.LANG, "data"),
                  prevent_initial_call=True)
    def peers(indicator, peer, lang):
        indicator, lang = checked_indicator(indicator), inputs.lang(lang)
        options = peer_options(indicator, lang)
        return options, peer if peer in {o["value"] for o in options} else default_peer(indicator)

    # Three callbacks, each with its own round trip: the verdict and odds, the paths, and the table of
    # every peer (which a change of peer leaves as it is).
    @app.callback(Output(ids.CATCHUP_SUMMARY, "children"), *card_outputs(ids.CATCHUP_ODDS),
                  Input(ids.CATCHUP_INDICATOR, "value"), Input(ids.CATCHUP_PEER, "value"), State(ids.LANG, "data"),
                  prevent_initial_call=True)
    def update(indicator, peer, lang):
        return odds_view(checked_indicator(indicator), checked_peer(peer), inputs.lang(lang))

    @app.callback(*card_outputs(ids.CATCHUP_PATHS), Input(ids.CATCHUP_INDICATOR, "value"),
                  Input(ids.CATCHUP_PEER, "value"), State(ids.LANG, "data"), prevent_initial_call=True)
    def update_paths(indicator, peer, lang):
        return paths_view(checked_indicator(indicator), checked_peer(peer), inputs.lang(lang))

    @app.callback(Output(ids.CATCHUP_TABLE, "children"), Input(ids.CATCHUP_INDICATOR, "value"),
                  State(ids.LANG, "data"), prevent_initial_call=True)
    def update_table(indicator, lang):
        return table_view(checked_indicator(indicator), inputs.lang(lang))

    @app.callback(Output(ids.SCENARIO_ANSWER, "children"), *card_outputs(ids.SCENARIO),
                  Input(ids.CATCHUP_INDICATOR, "value"), Input(ids.SCENARIO_KIND, "value"),
                  Input(ids.SCENARIO_AMOUNT, "value"), Input(ids.SCENARIO_YEAR, "value"), State(ids.LANG, "data"),
                  prevent_initial_call=True)
    def run_scenario(indicator, kind, amount, year, lang):
        return scenario_view(checked_indicator(indicator), checked_kind(kind), checked_amount(amount),
                             checked_year(year), inputs.lang(lang))

    @app.callback(Output(ids.URL, "search", allow_duplicate=True),
                  Input(ids.CATCHUP_INDICATOR, "value"), Input(ids.CATCHUP_PEER, "value"),
                  Input(ids.SCENARIO_KIND, "value"), Input(ids.SCENARIO_AMOUNT, "value"),
                  Input(ids.SCENARIO_YEAR, "value"), prevent_initial_call=True)
    def to_url(indicator, peer, kind, amount, year):
        amount = checked_amount(amount)
        return write_query({"ind": checked_indicator(indicator), "peer": checked_peer(peer), "sk": checked_kind(kind),
                            "sv": f"{amount:g}" if amount is not None else None, "sy": checked_year(year)})


PAGE = Page(name="catchup", order=63, layout=layout, callbacks=(register,))
