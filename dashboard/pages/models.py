"""AI models & benchmarks: the pillar's indicator explorer, then notable models by country, the
training-compute frontier, best benchmark score by country with the gap to the global best, the Korean-language
leaderboard (Korean and global models on each Korean benchmark's declared scale, each score independent or
vendor-reported, and the gap between the best Korean and the best global model by release), and the Korean
model catalogue.

Which model is Korean: its developer's country in ``benchmark_scores.country_iso3`` (the reviewed organisations
table, ``collectors/organisations.csv``) is ``KOR``; any other country is global; a developer the table lacks
has no country and is shown as such, never counted on either side of the gap. The catalogue lists the
``korea_catalogue`` models whose developer is Korean in the same table.
"""

from __future__ import annotations

import re

import pandas as pd
from dash import Input, Output, State, dcc, html

from dashboard import data, describe, explorer, figures, ids, inputs, pin
from dashboard.components import card_outputs, card_result, chart_card, display_frame, dropdown, labelled
from dashboard.i18n import fmt_number, t
from dashboard.model_facts import MAKERS_KO, korean_name, licence, model_facts
from dashboard.registry import Page
from dashboard.state import update_query

KOREA = "KOR"

#: Korean-language benchmarks: those ``korea_models/benchmarks.md`` (the mirror's catalogue of Korean
#: benchmarks) lists, under the names ``benchmark_scores`` loads them with, in the order offered.
KOREAN_BENCHMARKS = (
    "LogicKor: overall", "KMMLU", "KMMLU (0-shot, CoT)", "KMMLU-Pro", "HAE-RAE", "KoMT-Bench", "CLIcK", "KoBALT",
    "HRM8K", "Ko-IFEval", "Ko-LongBench", "KGC-Safety", "LogicKor",
    *(f"LogicKor: {c}" for c in ("reasoning", "math", "writing", "coding", "understanding", "grammar",
                                 "single turn", "multi turn")),
    *(f"HAE-RAE Bench preview: {c}" for c in ("History", "KLAT (reading comprehension)", "Loan Words", "Rare Words",
                                              "Standard Nomenclature")),
)
DEFAULT_BENCHMARK = "KMMLU"
REPORTED_BY = ("independent", "vendor")
OPEN_CHOICES = ("all", "yes", "no")
#: Size bands (parameters, billions): name -> [low, high).
SIZE_BANDS = {"lt10": (0.0, 10.0), "10to40": (10.0, 40.0), "40to100": (40.0, 100.0), "ge100": (100.0, float("inf")),
              "unknown": (float("nan"), float("nan"))}
#: Bars drawn: the best this many rows overall, and at least this many Korean ones (the table holds them all).
TOP_BARS, TOP_KOREAN = 20, 10
#: The URL keys of the leaderboard: benchmark, evaluated by, open weights, size bands.
URL_KEYS = ("lb", "lbr", "lbo", "lbs")
#: The other keys of the page's URL a leaderboard change keeps (the explorer's, and a pinned version): the rest of
#: what a client sends as its location is dropped.
KEPT_KEYS = (*explorer.URL_KEYS, pin.PARAM)

#: One row per model and reporter: its best score among the reporter's settings (the setting is named).
LEADERBOARD = data.Query("models.leaderboard", """
SELECT model, organization, country_iso3, score, unit, reported_by, reporter, setting, released, evaluated,
       reported_score, reported_scale, source_url, source_id
FROM benchmark_scores
WHERE benchmark = $benchmark AND list_contains($reported_by, reported_by)
QUALIFY row_number() OVER (PARTITION BY model, reporter ORDER BY score DESC, setting NULLS LAST) = 1
ORDER BY score DESC, model, reporter""")

BENCHMARKS = data.Query("models.korean_benchmarks", """
SELECT benchmark, any_value(unit) AS unit, count(*) AS scores,
       count(*) FILTER (WHERE country_iso3 = 'KOR') AS korean
FROM benchmark_scores WHERE list_contains($benchmarks, benchmark)
GROUP BY benchmark""")

CATALOGUE = data.Query("models.korean_catalogue", """
SELECT model, organization, published, date_precision, parameters, open_weights, link, notes
FROM ai_models
WHERE collection = 'korea_catalogue' AND country_iso3 = 'KOR'
ORDER BY published NULLS LAST, model""")

def layout(lang: str, query: dict[str, str]) -> list:
    chosen = inputs.preset_and_countries(query)[1]
    state = board_state(query)
    return [
        *explorer.layout("models", lang, query),
        chart_card(ids.NOTABLE, lang, t("models.notable", lang), notable_view(chosen, lang)),
        chart_card(ids.COMPUTE, lang, t("models.compute", lang), compute_view(lang)),
        chart_card(ids.BENCHMARKS, lang, t("models.benchmarks", lang), benchmark_view(chosen, lang)),
        html.H2(t("lb.title", lang), className="section-title"),
        html.P(t("lb.rule", lang), className="hint"),
        board_controls(state, lang),
        chart_card(ids.LEADERBOARD, lang, t("lb.board", lang), leaderboard_view(*state, lang)),
        chart_card(ids.LEADERBOARD_GAP, lang, t("lb.gap", lang), gap_view(*state, lang)),
        chart_card(ids.CATALOGUE, lang, t("models.catalogue", lang), catalogue_view(lang)),
        catalogue_table(lang),
    ]


@data.memoized
def notable_view(chosen: list[str], lang: str) -> tuple:
    params = {"countries": list(chosen)}
    frame = data.models_by_country(chosen)
    names = {iso: data.country_name(iso, lang) for iso in chosen}
    plotted = frame.rename(columns={"cumulative": "value"})
    fig = figures.trend(plotted, names, "models", lang, t("models.notable", lang))
    headers = {"country": t("col.country", lang), "year": t("col.year", lang), "models": "n",
               "value_shown": t("col.value", lang)}
    return card_result(ids.NOTABLE, fig, display_frame(plotted, lang, ""), headers,
                       data.sql_for(data.MODELS_BY_COUNTRY_SQL, params), ["epoch"], lang,
                       description=describe.trend(plotted, names, "models", lang, t("models.notable", lang)))


@data.memoized
def compute_view(lang: str) -> tuple:
    frame = data.compute_frontier()
    fig = figures.compute_frontier(frame, {"KOR": data.country_name("KOR", lang)}, lang, t("models.compute", lang))
    headers = {"model": t("col.model", lang), "organization": t("col.organization", lang),
               "country_iso3": t("col.country", lang), "published": t("col.published", lang),
               "training_compute_flop": "FLOP"}
    return card_result(ids.COMPUTE, fig, frame, headers, data.sql_for(data.COMPUTE_SQL, {}), ["epoch"], lang,
                       description=describe.compute_frontier(frame, {"KOR": data.country_name("KOR", lang)}, lang,
                                                             t("models.compute", lang)))


@data.memoized
def benchmark_view(chosen: list[str], lang: str) -> tuple:
    params = {"countries": list(chosen)}
    frame = data.benchmark_best(chosen)
    names = {iso: data.country_name(iso, lang) for iso in chosen}
    plotted = frame.assign(value=100 * frame["best_score"] / frame["global_best"])
    fig = figures.category_bars(plotted, "benchmark", names, "% of best", lang, t("models.benchmarks", lang),
                                "% of global best" if lang == "en" else "세계 최고 대비 %")
    shown = display_frame(frame, lang, "")
    shown["best"] = [fmt_number(v, lang) for v in frame["best_score"]]
    headers = {"benchmark": t("col.benchmark", lang), "country": t("col.country", lang), "best": t("col.best", lang),
               "best_model": t("col.model", lang), "gap": t("col.gap", lang), "country_rank": t("col.rank", lang)}
    return card_result(ids.BENCHMARKS, fig, shown, headers, data.sql_for(data.BENCHMARK_SQL, params),
                       ["epoch_benchmarks", "leaderboards", "korea_models"], lang,
                       description=describe.category_bars(plotted, "benchmark", names, "% of best", lang,
                                                          t("models.benchmarks", lang),
                                                          "% of global best" if lang == "en" else "세계 최고 대비 %"))


# --- the Korean-language leaderboard ---------------------------------------------------------------------------

def benchmark_choices() -> list[str]:
    """The Korean benchmarks with scores in the warehouse, in ``KOREAN_BENCHMARKS``' order."""
    return list(_benchmark_counts())


@data.memoized
def _benchmark_counts() -> dict[str, tuple[int, int]]:
    frame = data.fetch(BENCHMARKS, benchmarks=list(KOREAN_BENCHMARKS))
    counts = {r.benchmark: (int(r.scores), int(r.korean)) for r in frame.itertuples()}
    return {b: counts[b] for b in KOREAN_BENCHMARKS if b in counts}


def board_state(query: dict[str, str]) -> tuple[str, list[str], str, list[str]]:
    """(benchmark, reported_by, open weights, size bands) a URL asks for; anything unknown is the default."""
    choices = benchmark_choices()
    default = DEFAULT_BENCHMARK if DEFAULT_BENCHMARK in choices else (choices[0] if choices else DEFAULT_BENCHMARK)
    benchmark = inputs.choice_or_default(query.get("lb"), choices, default)
    by = [v for v in REPORTED_BY if v in (query.get("lbr") or "").split(",")] or list(REPORTED_BY)
    weights = inputs.choice_or_default(query.get("lbo"), OPEN_CHOICES, "all")
    sizes = [v for v in SIZE_BANDS if v in (query.get("lbs") or "").split(",")] or list(SIZE_BANDS)
    return benchmark, by, weights, sizes


def checked(benchmark: object, reported_by: object, weights: object, sizes: object) -> tuple:
    """A client's leaderboard values, each checked against the declared choices (``inputs.InvalidInput``)."""
    if not isinstance(benchmark, str) or benchmark not in benchmark_choices():
        raise inputs.InvalidInput(f"benchmark: {str(benchmark)[:40]!r} is not a Korean benchmark with scores")
    if not isinstance(weights, str) or weights not in OPEN_CHOICES:
        raise inputs.InvalidInput(f"open weights: {str(weights)[:40]!r} is not one of {', '.join(OPEN_CHOICES)}")
    return benchmark, _subset("evaluated by", reported_by, REPORTED_BY), weights, _subset("size", sizes, SIZE_BANDS)


def _subset(name: str, values: object, choices) -> list[str]:
    if values is None:
        return []
    if not isinstance(values, list) or len(values) > len(choices) or any(v not in choices for v in values):
        raise inputs.InvalidInput(f"{name}: a list of {', '.join(choices)} is expected")
    return [c for c in choices if c in values]


def board_search(state: tuple, search: str | None) -> str:
    """The URL's query with the leaderboard's (checked) state written in; other pages' keys kept."""
    benchmark, by, weights, sizes = state
    return update_query(search, {"lb": None if benchmark == DEFAULT_BENCHMARK else benchmark,
                                 "lbr": by if len(by) < len(REPORTED_BY) else None,
                                 "lbo": None if weights == "all" else weights,
                                 "lbs": sizes if len(sizes) < len(SIZE_BANDS) else None}, keep=KEPT_KEYS)


def board_controls(state: tuple, lang: str) -> html.Div:
    """The leaderboard's filters; none without Korean benchmark scores (a value no option holds would be sent)."""
    benchmark, by, weights, sizes = state
    counts = _benchmark_counts()
    if not counts:
        return html.Div(className="controls", children=html.P(t("empty.no_data", lang)))
    options = [{"label": t("lb.option", lang, name=b, n=n, k=k), "value": b} for b, (n, k) in counts.items()]
    return html.Div(className="controls", children=[
        labelled(t("lb.control.benchmark", lang), dropdown(
            lang, id=ids.LEADERBOARD_BENCHMARK, options=options, value=benchmark, clearable=False),
            ids.LEADERBOARD_BENCHMARK),
        labelled(t("lb.control.by", lang), dcc.Checklist(
            id=ids.LEADERBOARD_BY, value=by, inline=True,
            options=[{"label": t(f"lb.by.{v}", lang), "value": v} for v in REPORTED_BY]), ids.LEADERBOARD_BY),
        labelled(t("lb.control.open", lang), dcc.RadioItems(
            id=ids.LEADERBOARD_OPEN, value=weights, inline=True,
            options=[{"label": t(f"lb.open.{v}", lang), "value": v} for v in OPEN_CHOICES]), ids.LEADERBOARD_OPEN),
        labelled(t("lb.control.size", lang), dcc.Checklist(
            id=ids.LEADERBOARD_SIZE, value=sizes, inline=True,
            options=[{"label": t(f"lb.size.{v}", lang), "value": v} for v in SIZE_BANDS]), ids.LEADERBOARD_SIZE),
    ])


def size_band(parameters: float | None) -> str:
    if parameters is None or pd.isna(parameters):
        return "unknown"
    billions = parameters / 1e9
    return next(band for band, (low, high) in SIZE_BANDS.items() if band != "unknown" and low <= billions < high)


def group_of(country: object) -> str:
    """korean, global or unknown (the rule in the module's docstring)."""
    if not isinstance(country, str) or not country:
        return "unknown"
    return "korean" if country == KOREA else "global"


def board_rows(benchmark: str, reported_by: list[str]) -> pd.DataFrame:
    """The leaderboard before the open-weights and size filters: ``LEADERBOARD``'s rows with each model's facts."""
    frame = data.fetch(LEADERBOARD, benchmark=benchmark, reported_by=list(reported_by))
    facts = [model_facts(m, r) for m, r in zip(frame["model"], frame["released"], strict=True)]
    return frame.assign(
        group=[group_of(c) for c in frame["country_iso3"]],
        release=[f.released for f in facts], release_basis=[f.release_basis for f in facts],
        parameters=[f.parameters for f in facts], size_band=[size_band(f.parameters) for f in facts],
        open_weights=[f.open_weights for f in facts], listed_as=[f.matched for f in facts],
        listed_source=[f.source_id for f in facts])


@data.memoized
def leaderboard(benchmark: str, reported_by: list[str], weights: str, sizes: list[str]) -> pd.DataFrame:
    """The leaderboard's rows: best first, ranked, filtered by open weights (``yes``/``no``; ``all`` keeps
    unknown ones too) and size band."""
    frame = board_rows(benchmark, reported_by)
    keep = frame["size_band"].isin(list(sizes))
    if weights != "all":
        keep &= frame["open_weights"] == weights
    frame = frame[keep].reset_index(drop=True)
    return frame.assign(rank=range(1, len(frame) + 1))


def scale_range(unit: str) -> list[float] | None:
    """The axis range of a declared scale, from its unit ("score (0-100)" -> [0, 100])."""
    found = re.search(r"\((\d+)-(\d+)\)", unit or "")
    return [0.0, float(found[2])] if found else None


def _sources(frame: pd.DataFrame) -> list[str]:
    found = set(frame["source_id"].dropna()) | set(frame.get("listed_source", pd.Series(dtype=object)).dropna())
    return sorted(found) or ["korea_models"]


def _board_sql(benchmark: str, reported_by: list[str]) -> str:
    return data.sql_for(LEADERBOARD.sql, {"benchmark": benchmark, "reported_by": list(reported_by)})


def _size(value: object, lang: str) -> str:
    """Parameters as the page writes them: 억 in Korean; billions in English, also below one billion."""
    if value is None or pd.isna(value):
        return "–"
    return fmt_number(value, lang) if lang == "ko" or value >= 1e9 else f"{value / 1e9:.2g} bn"


def _day(value: object) -> str:
    return pd.Timestamp(value).strftime("%Y-%m-%d") if value is not None and pd.notna(value) else "–"


def _labels(lang: str) -> dict[str, str]:
    return {g: t(f"lb.group.{g}", lang) for g in ("korean", "global", "unknown")} | {
        b: t(f"lb.by.{b}", lang) for b in REPORTED_BY} | {
        "best_korean": t("lb.best.korean", lang), "best_global": t("lb.best.global", lang),
        "gap": t("lb.col.gap", lang)}


@data.memoized
def leaderboard_view(benchmark: str, reported_by: list[str], weights: str, sizes: list[str], lang: str) -> tuple:
    frame = leaderboard(benchmark, reported_by, weights, sizes)
    unit = str(frame["unit"].iloc[0]) if not frame.empty else ""
    title = t("lb.board.title", lang, benchmark=benchmark, unit=unit)
    shown = frame.assign(
        group_shown=[t(f"lb.group.{g}", lang) for g in frame["group"]],
        by_shown=[t(f"lb.by.{b}", lang) for b in frame["reported_by"]],
        score_shown=[fmt_number(v, lang) for v in frame["score"]],
        release_shown=[_day(v) for v in frame["release"]],
        size_shown=[_size(v, lang) for v in frame["parameters"]],
        maker_ko=[MAKERS_KO.get(o, "") if isinstance(o, str) else "" for o in frame["organization"]])
    headers = {"rank": t("col.rank", lang), "model": t("col.model", lang), "organization": t("col.organization", lang),
               "maker_ko": t("lb.col.maker_ko", lang), "group_shown": t("lb.col.group", lang),
               "score_shown": t("lb.col.score", lang, unit=unit), "by_shown": t("lb.col.by", lang),
               "reporter": t("lb.col.reporter", lang), "setting": t("lb.col.setting", lang),
               "size_shown": t("col.parameters", lang), "open_weights": t("col.open_weights", lang),
               "release_shown": t("col.published", lang), "source_url": t("col.source", lang)}
    drawn = bars_of(frame)
    labels = _labels(lang)
    fig = figures.leaderboard(drawn, labels, scale_range(unit), unit, lang, title)
    text = describe.leaderboard(frame, drawn, labels, unit, lang, title)
    return card_result(ids.LEADERBOARD, fig, shown, headers, _board_sql(benchmark, reported_by), _sources(frame),
                       lang, description=text)


def bars_of(frame: pd.DataFrame) -> pd.DataFrame:
    """The rows drawn as bars: the best ``TOP_BARS`` and the best ``TOP_KOREAN`` Korean rows, best first."""
    keep = frame.head(TOP_BARS).index.union(frame[frame["group"] == "korean"].head(TOP_KOREAN).index)
    return frame.loc[keep].sort_values("rank")


def frontier(frame: pd.DataFrame) -> pd.DataFrame:
    """Per release date of a Korean or global model (rows with a release date), the best Korean and the best
    global score released so far, the models holding them and the gap (Korean minus global)."""
    dated = frame[frame["group"].isin(["korean", "global"]) & frame["release"].notna()]
    dated = dated.assign(release=pd.to_datetime(dated["release"])).sort_values(["release", "score"],
                                                                              ascending=[True, False])
    best: dict[str, tuple[float, str, str]] = {}
    steps: dict[pd.Timestamp, dict] = {}  # the last row of a date holds that date's bests
    for date, group, score, model, reporter in zip(dated["release"], dated["group"], dated["score"], dated["model"],
                                                   dated["reporter"], strict=True):
        if group not in best or score > best[group][0]:
            best[group] = (float(score), str(model), str(reporter))
        k, g = best.get("korean"), best.get("global")
        steps[date] = {"date": date, "korean_best": k and k[0], "korean_model": k and k[1],
                       "korean_reporter": k and k[2], "global_best": g and g[0], "global_model": g and g[1],
                       "global_reporter": g and g[2], "gap": None if k is None or g is None else k[0] - g[0]}
    return pd.DataFrame(list(steps.values()), columns=["date", "korean_best", "korean_model", "korean_reporter",
                                                       "global_best", "global_model", "global_reporter", "gap"])


@data.memoized
def gap_view(benchmark: str, reported_by: list[str], weights: str, sizes: list[str], lang: str) -> tuple:
    frame = leaderboard(benchmark, reported_by, weights, sizes)
    unit = str(frame["unit"].iloc[0]) if not frame.empty else ""
    steps = frontier(frame)
    title = t("lb.gap.title", lang, benchmark=benchmark, unit=unit)
    labels = _labels(lang)
    dated = frame[frame["release"].notna() & frame["group"].isin(["korean", "global"])]
    fig = figures.frontier_gap(dated, steps, labels, scale_range(unit), unit, lang, title)
    text = describe.frontier_gap(frame, steps, labels, unit, lang, title)
    shown = steps.assign(date_shown=[_day(d) for d in steps["date"]],
                         korean_shown=[fmt_number(v, lang) for v in steps["korean_best"]],
                         global_shown=[fmt_number(v, lang) for v in steps["global_best"]],
                         gap_shown=[fmt_number(v, lang) for v in steps["gap"]])
    headers = {"date_shown": t("col.published", lang), "korean_model": t("lb.col.korean_model", lang),
               "korean_shown": t("lb.col.korean_best", lang), "korean_reporter": t("lb.col.reporter", lang),
               "global_model": t("lb.col.global_model", lang), "global_shown": t("lb.col.global_best", lang),
               "global_reporter": t("lb.col.reporter", lang), "gap_shown": t("lb.col.gap", lang)}
    return card_result(ids.LEADERBOARD_GAP, fig, shown, headers, _board_sql(benchmark, reported_by),
                       _sources(frame), lang, description=text)


# --- the Korean model catalogue ----------------------------------------------------------------------------------

def catalogue() -> pd.DataFrame:
    """The Korean catalogue (``CATALOGUE``) with Korean names of model and maker, and the licence."""
    frame = data.fetch(CATALOGUE)
    return frame.assign(model_ko=[korean_name(m) for m in frame["model"]],
                        maker_ko=[MAKERS_KO.get(o, "") for o in frame["organization"]],
                        licence=pd.Series([licence(n) for n in frame["notes"]], index=frame.index, dtype=object))


@data.memoized
def catalogue_view(lang: str) -> tuple:
    frame = catalogue()
    known = frame.dropna(subset=["published", "parameters"])
    plotted = known.assign(training_compute_flop=known["parameters"], country_iso3="KOR")
    names = {"KOR": data.country_name("KOR", lang)}
    fig = figures.compute_frontier(plotted, names, lang, t("models.catalogue", lang), t("col.parameters", lang), ".3s")
    headers = {"model": t("col.model", lang), "model_ko": t("lb.col.model_ko", lang),
               "organization": t("col.organization", lang), "maker_ko": t("lb.col.maker_ko", lang),
               "published": t("col.published", lang), "parameters": t("col.parameters", lang),
               "open_weights": t("col.open_weights", lang), "licence": t("col.license", lang),
               "link": t("lb.col.link", lang)}
    return card_result(ids.CATALOGUE, fig, frame, headers, data.sql_for(CATALOGUE.sql, {}), ["korea_models"], lang,
                       description=describe.compute_frontier(plotted, names, lang, t("models.catalogue", lang),
                                                             t("col.parameters", lang), ".3s"))


def catalogue_table(lang: str) -> html.Section:
    """The catalogue as a table with plain links (nothing is fetched from them)."""
    frame = catalogue()
    headers = [t(k, lang) for k in ("col.model", "col.organization", "col.published", "col.parameters",
                                    "col.open_weights", "col.license", "lb.col.link")]

    def both(en: str, ko: str) -> str:
        if not ko or ko == en:
            return en
        return f"{ko} ({en})" if lang == "ko" else f"{en} ({ko})"

    rows = []
    for r in frame.itertuples():
        published = "–" if pd.isna(r.published) else pd.Timestamp(r.published).strftime(
            {"day": "%Y-%m-%d", "month": "%Y-%m"}.get(r.date_precision, "%Y"))
        rows.append(html.Tr([
            html.Td(both(r.model, r.model_ko)), html.Td(both(r.organization, r.maker_ko)), html.Td(published),
            html.Td(_size(r.parameters, lang)),
            html.Td(t(f"lb.open.{r.open_weights}", lang)),
            html.Td(r.licence if isinstance(r.licence, str) else t("lb.licence.none", lang)),
            html.Td(html.A(t("lb.link", lang), href=r.link, rel="noopener noreferrer nofollow")
                    if isinstance(r.link, str) and r.link else "–"),
        ]))
    # One landmark, the scrolling table's region (a named section around it would be a second one).
    return html.Section(className="card", id="catalogue-links", children=[
        html.H3(t("lb.catalogue", lang)),
        html.P(t("lb.catalogue.rule", lang, n=len(frame)), className="hint"),
        html.Div(className="table-scroll", tabIndex=0, role="region",
                 **{"aria-label": f"{t('lb.catalogue', lang)}: {t('a11y.table', lang)}"},
                 children=html.Table(className="data-table", children=[
                     html.Thead(html.Tr([html.Th(h, scope="col") for h in headers])), html.Tbody(rows)])),
    ])


def register(app) -> None:
    # The compute frontier (~1,000 models) and the Korean catalogue do not depend on the countries
    # chosen: the page's layout holds them, and a change of countries does not send them again.
    @app.callback(*card_outputs(ids.NOTABLE), *card_outputs(ids.BENCHMARKS), Input(ids.EXPLORER_COUNTRIES, "value"),
                  State(ids.LANG, "data"), prevent_initial_call=True)
    def update(chosen, lang):
        chosen, lang = inputs.countries(chosen) or ["KOR"], inputs.lang(lang)
        return (*notable_view(chosen, lang), *benchmark_view(chosen, lang))

    board_inputs = (Input(ids.LEADERBOARD_BENCHMARK, "value"), Input(ids.LEADERBOARD_BY, "value"),
                    Input(ids.LEADERBOARD_OPEN, "value"), Input(ids.LEADERBOARD_SIZE, "value"))

    @app.callback(*card_outputs(ids.LEADERBOARD), *card_outputs(ids.LEADERBOARD_GAP), *board_inputs,
                  State(ids.LANG, "data"), prevent_initial_call=True)
    def update_board(benchmark, by, weights, sizes, lang):
        state, lang = checked(benchmark, by, weights, sizes), inputs.lang(lang)
        return (*leaderboard_view(*state, lang), *gap_view(*state, lang))

    @app.callback(Output(ids.URL, "search", allow_duplicate=True), *board_inputs, State(ids.URL, "search"),
                  prevent_initial_call=True)
    def board_to_url(benchmark, by, weights, sizes, search):
        return board_search(checked(benchmark, by, weights, sizes), search)


PAGE = Page(name="models", order=50, pillar="models", layout=layout, callbacks=(explorer.register, register))
