"""AI models & benchmarks: the pillar's indicator explorer, then notable models by country, the
training-compute frontier, best benchmark score by country with the gap to the global best, and the
Korean model catalogue."""

from __future__ import annotations

from dash import Input, State

from dashboard import data, describe, explorer, figures, ids, inputs
from dashboard.components import card_outputs, card_result, chart_card, display_frame
from dashboard.i18n import fmt_number, t
from dashboard.registry import Page


def layout(lang: str, query: dict[str, str]) -> list:
    chosen = inputs.preset_and_countries(query)[1]
    return [
        *explorer.layout("models", lang, query),
        chart_card(ids.NOTABLE, lang, t("models.notable", lang), notable_view(chosen, lang)),
        chart_card(ids.COMPUTE, lang, t("models.compute", lang), compute_view(lang)),
        chart_card(ids.BENCHMARKS, lang, t("models.benchmarks", lang), benchmark_view(chosen, lang)),
        chart_card(ids.CATALOGUE, lang, t("models.catalogue", lang), catalogue_view(lang)),
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


@data.memoized
def catalogue_view(lang: str) -> tuple:
    frame = data.korean_catalogue()
    known = frame.dropna(subset=["published", "parameters"])
    fig = figures.compute_frontier(
        known.assign(training_compute_flop=known["parameters"], country_iso3="KOR"),
        {"KOR": data.country_name("KOR", lang)}, lang, t("models.catalogue", lang), t("col.parameters", lang), ".3s")
    headers = {"model": t("col.model", lang), "organization": t("col.organization", lang),
               "published": t("col.published", lang), "parameters": t("col.parameters", lang),
               "open_weights": t("col.open_weights", lang)}
    return card_result(ids.CATALOGUE, fig, frame, headers, data.sql_for(data.CATALOGUE_SQL, {}), ["korea_models"], lang,
                       description=describe.compute_frontier(
                           known.assign(training_compute_flop=known["parameters"], country_iso3="KOR"),
                           {"KOR": data.country_name("KOR", lang)}, lang, t("models.catalogue", lang),
                           t("col.parameters", lang), ".3s"))


def register(app) -> None:
    # The compute frontier (~1,000 models) and the Korean catalogue do not depend on the countries
    # chosen: the page's layout holds them, and a change of countries does not send them again.
    @app.callback(*card_outputs(ids.NOTABLE), *card_outputs(ids.BENCHMARKS), Input(ids.EXPLORER_COUNTRIES, "value"),
                  State(ids.LANG, "data"), prevent_initial_call=True)
    def update(chosen, lang):
        chosen, lang = inputs.countries(chosen) or ["KOR"], inputs.lang(lang)
        return (*notable_view(chosen, lang), *benchmark_view(chosen, lang))


PAGE = Page(name="models", order=50, pillar="models", layout=layout, callbacks=(explorer.register, register))
