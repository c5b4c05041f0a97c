"""The composite AI position index and its rank uncertainty: frames in, frames out (numpy and pandas only).

Declared here, in one place: the pillar indicators (``INDICATORS``: pillar, direction, whether a missing
catalogue row means zero, which forecast series may fill a year), the normalisations, the missing-value rule
and the Monte Carlo settings. The page (``dashboard/pages/index.py``) and the briefing read the warehouse and
call ``index_table``; nothing here touches data.

The rules, as the page states them:

* **Values** of a year, per country and indicator, in this order: the observed value (*actual*); else the
  forecast of that year (*forecast*, with a standard deviation from its 80% interval, drawn in the Monte
  Carlo); else the latest observed value of the ``LOOKBACK`` years before (*carried*); else, for a count
  from a complete catalogue (``absent_is_zero``), zero (*zero*: the country has none); else *missing*.
* **Normalisation** across the compared countries: min-max (0 to 100), z-score, or percentile rank (0 to
  100, ties averaged); a lower-is-better indicator is turned round before normalising.
* **Pillars**: the mean of the pillar's normalised indicators that have a value. A country needs
  ``MIN_PILLARS`` of the weighted pillars (all of them, when fewer are weighted); a missing pillar is
  re-weighted away (the other weights scaled up to sum to one). Countries short of that are not ranked.
* **Uncertainty**: ``DRAWS`` draws, each with weights from a Dirichlet around the chosen weights
  (concentration ``CONCENTRATION``: weight w gets sd ≈ sqrt(w(1-w)/(CONCENTRATION+1))), a normalisation
  drawn uniformly from ``NORMALISATIONS``, and forecast-filled values drawn from normals with their sd.
  Each country's rank distribution gives its median and 90% band (5th to 95th percentile). Seeded: the
  same inputs give the same bands.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

PILLARS = ("rd", "semis", "funding", "models")
NORMALISATIONS = ("minmax", "zscore", "rank")
#: A country is ranked with at least this many of the weighted pillars.
MIN_PILLARS = 3
#: Years back an observed value may be carried to fill a year without an observation or a forecast.
LOOKBACK = 2
#: Dirichlet concentration around the chosen weights (alpha = CONCENTRATION x normalised weights).
CONCENTRATION = 50.0
DRAWS = 1000
SEED = 14
#: The 90% band: 5th and 95th percentiles of the rank draws.
BAND = (5.0, 95.0)
#: z of the 90th percentile: an 80% interval is mean ± Z80 sd.
Z80 = 1.2815515655446004
ORIGINS = ("actual", "forecast", "carried", "zero", "missing")


@dataclass(frozen=True)
class Indicator:
    """One indicator of a pillar, as the index uses it."""

    key: str
    pillar: str
    name_en: str
    name_ko: str
    unit: str
    #: True: more is better. False: the indicator is turned round before normalising.
    higher_is_better: bool
    #: A count from a complete catalogue: a country without a row has none (zero), not a missing value.
    absent_is_zero: bool = False
    #: The indicator id of the ``forecasts`` view whose projection may fill a year (None: never filled).
    forecast_id: str | None = None
    #: Short names for tables (English, Korean); the full names when empty.
    short: tuple[str, str] = ("", "")

    def label(self, lang: str, short: bool = False) -> str:
        en, ko = self.short if short and self.short[0] else (self.name_en, self.name_ko)
        return ko if lang == "ko" else en


#: The pillar indicators: shares and per-person or per-GDP values rather than levels, so that size alone
#: does not decide (levels only where the share of the world is the point: semiconductor exports, models).
INDICATORS: tuple[Indicator, ...] = (
    Indicator("gerd_gdp", "rd", "GERD, % of GDP", "GDP 대비 총 연구개발비(%)", "%", True,
              forecast_id="oecd_msti:G_XGDP", short=("GERD % GDP", "연구개발비 GDP 비중")),
    Indicator("researchers", "rd", "Researchers per 1,000 employed", "취업자 1,000명당 연구원", "per 1,000", True,
              forecast_id="oecd_msti:TP_RSXEM",
              short=("Researchers", "연구원 비율")),
    Indicator("ic_share", "semis", "Share of world IC exports (HS 8542), %", "세계 집적회로 수출 점유율(%)", "%", True,
              short=("IC export share", "집적회로 수출 점유율")),
    Indicator("vc_gdp", "funding", "Venture capital, % of GDP", "GDP 대비 벤처캐피털 투자(%)", "%", True,
              forecast_id="oecd_vc:VC_XGDP", short=("VC % GDP", "벤처투자 GDP 비중")),
    Indicator("ai_invest_pc", "funding", "Private AI investment per person (USD)", "1인당 민간 AI 투자(달러)",
              "USD", True,
              short=("AI investment per person", "1인당 AI 투자")),
    Indicator("large_scale_share", "models", "Share of the world's large-scale AI systems (cumulative), %",
              "세계 대규모 AI 시스템 누적 점유율(%)", "%", True, absent_is_zero=True,
              short=("Large-scale AI systems", "대규모 AI 시스템")),
    Indicator("notable_share", "models", "Share of notable AI models, last 3 years, %",
              "최근 3년 주요 AI 모델 점유율(%)", "%", True, absent_is_zero=True,
              short=("Notable models", "주요 AI 모델")),
)

BY_KEY = {i.key: i for i in INDICATORS}

#: Where each indicator's values come from in the published warehouse (one cell per indicator, country and
#: year; ``flags`` for the complete-period filter). Run by the page and the briefing as a named query.
VALUES_SQL = """
SELECT 'gerd_gdp' AS indicator, country_iso3, year, value, flags FROM observations
WHERE indicator_id = 'oecd_msti:G_XGDP' AND freq = 'A'
UNION ALL
SELECT 'researchers', country_iso3, year, value, flags FROM observations
WHERE indicator_id = 'oecd_msti:TP_RSXEM' AND freq = 'A'
UNION ALL
SELECT 'vc_gdp', country_iso3, year, value, flags FROM observations
WHERE indicator_id = 'oecd_vc:VC_XGDP' AND freq = 'A'
UNION ALL
SELECT 'ic_share', country_iso3, year, share_pct, NULL FROM ic_export_shares WHERE coverage_complete
UNION ALL
SELECT 'ai_invest_pc', country_iso3, year, per_capita, NULL FROM investment_intensity
WHERE indicator_id = 'cset_ai_investment:private_ai_investment'
UNION ALL
SELECT 'large_scale_share', o.country_iso3, o.year, 100 * o.value / w.value, o.flags
FROM observations AS o JOIN observations AS w
  ON w.indicator_id = o.indicator_id AND w.country_iso3 = 'WLD' AND w.year = o.year AND w.freq = 'A'
WHERE o.indicator_id = 'owid_ai:large_scale_ai_systems_cumulative' AND o.freq = 'A' AND o.country_iso3 <> 'WLD'
UNION ALL
SELECT 'notable_share', country_iso3, year, 100 * models / sum(models) OVER (PARTITION BY year), NULL
FROM (SELECT y.year, n.country_iso3, sum(n.models) AS models
      FROM (SELECT DISTINCT year FROM models_by_country WHERE collection = 'notable' AND complete) AS y
      JOIN models_by_country AS n
        ON n.collection = 'notable' AND n.complete AND n.year BETWEEN y.year - 2 AND y.year
      GROUP BY ALL)"""
#: The sources behind ``VALUES_SQL`` (the provenance of the index's card and briefing section).
SOURCES = ("oecd_msti", "oecd_vc", "comtrade", "cset_ai_investment", "worldbank", "owid_ai", "epoch")


def forecast_rows(frames: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """The ``forecasts`` rows of each filling series (by forecast indicator id), keyed by the index's indicator."""
    keyed = [frames[ind.forecast_id].assign(indicator=ind.key) for ind in INDICATORS
             if ind.forecast_id in frames and not frames[ind.forecast_id].empty]
    if not keyed:
        return pd.DataFrame(columns=["indicator", "country_iso3", "year", "mean", "lo80", "hi80"])
    return pd.concat(keyed, ignore_index=True)[["indicator", "country_iso3", "year", "mean", "lo80", "hi80"]]


def default_year(values: pd.DataFrame, countries: list[str], last_year: int) -> int:
    """The latest year (up to ``last_year``) in which every indicator has observed values for at least 60% of
    as many of the countries as in its best-covered year."""
    rows = values[values["country_iso3"].isin(countries) & (values["year"] <= last_year)]
    counts = rows.groupby(["indicator", "year"]).size().unstack("indicator").fillna(0)
    if counts.empty:
        return last_year
    covered = (counts >= 0.6 * counts.max()).all(axis=1)
    return int(covered[covered].index.max()) if covered.any() else last_year


@dataclass(frozen=True)
class Panel:
    """One year's values of the indicators for the compared countries (countries x indicators)."""

    countries: list[str]
    indicators: tuple[Indicator, ...]
    values: np.ndarray
    sd: np.ndarray
    origin: np.ndarray  # one of ORIGINS per cell
    from_year: np.ndarray  # the year a value was observed in (carried values: an earlier year)


def panel(values: pd.DataFrame, forecasts: pd.DataFrame, year: int, countries: list[str],
          indicators: tuple[Indicator, ...] = INDICATORS, lookback: int = LOOKBACK) -> Panel:
    """The year's cell values by the declared order (actual, forecast, carried, zero, missing).

    ``values``: indicator (key), country_iso3, year, value (complete observations only).
    ``forecasts``: indicator (key), country_iso3, year, mean, lo80, hi80.
    """
    n, m = len(countries), len(indicators)
    out = np.full((n, m), np.nan)
    sd = np.zeros((n, m))
    origin = np.full((n, m), "missing", dtype=object)
    from_year = np.full((n, m), -1, dtype=int)
    row_of = {c: i for i, c in enumerate(countries)}
    for j, ind in enumerate(indicators):
        of_indicator = values[(values["indicator"] == ind.key) & values["value"].notna()]
        # A catalogue count covering the year: a country without a row has none (zero), not an older value.
        zero_fill = ind.absent_is_zero and bool((of_indicator["year"] == year).any())
        rows = of_indicator[of_indicator["country_iso3"].isin(countries)
                            & of_indicator["year"].between(year if zero_fill else year - lookback, year)]
        latest = rows.sort_values("year").groupby("country_iso3").tail(1)
        for code, obs_year, value in zip(latest["country_iso3"], latest["year"], latest["value"], strict=True):
            i = row_of[code]
            out[i, j], from_year[i, j] = float(value), int(obs_year)
            origin[i, j] = "actual" if obs_year == year else "carried"
        fc = forecasts[(forecasts["indicator"] == ind.key) & (forecasts["year"] == year)
                       & forecasts["country_iso3"].isin(countries) & forecasts["mean"].notna()]
        for code, mean, lo, hi in zip(fc["country_iso3"], fc["mean"], fc["lo80"], fc["hi80"], strict=True):
            i = row_of[code]
            if origin[i, j] in ("missing", "carried"):
                out[i, j], from_year[i, j], origin[i, j] = float(mean), year, "forecast"
                sd[i, j] = max(float(hi) - float(lo), 0.0) / (2 * Z80) if pd.notna(lo) and pd.notna(hi) else 0.0
        if zero_fill:
            empty = origin[:, j] == "missing"
            out[empty, j], origin[empty, j], from_year[empty, j] = 0.0, "zero", year
    return Panel(list(countries), tuple(indicators), out, sd, origin, from_year)


# --- the arithmetic, vectorised over draws: arrays (..., countries, indicators) ------------------------------

def normalise(x: np.ndarray, method: str) -> np.ndarray:
    """Normalise along the countries axis (-2), ignoring NaN: min-max and rank to 0..100, z-score in sd units."""
    valid = ~np.isnan(x)
    count = valid.sum(axis=-2, keepdims=True)
    if method == "minmax":
        lo = np.nanmin(np.where(valid, x, np.inf), axis=-2, keepdims=True)
        hi = np.nanmax(np.where(valid, x, -np.inf), axis=-2, keepdims=True)
        span = hi - lo
        with np.errstate(invalid="ignore", divide="ignore"):
            out = np.where(span > 0, 100 * (x - lo) / np.where(span > 0, span, 1), 50.0)
    elif method == "zscore":
        mean = np.nansum(np.where(valid, x, 0), axis=-2, keepdims=True) / np.maximum(count, 1)
        var = np.nansum(np.where(valid, (x - mean) ** 2, 0), axis=-2, keepdims=True) / np.maximum(count, 1)
        sd = np.sqrt(var)
        out = np.where(sd > 0, (x - mean) / np.where(sd > 0, sd, 1), 0.0)
    elif method == "rank":
        out = np.where(count > 1, 100 * _average_rank(x) / np.maximum(count - 1, 1), 50.0)
    else:
        raise ValueError(f"unknown normalisation {method!r}")
    return np.where(valid, out, np.nan)


def _average_rank(x: np.ndarray) -> np.ndarray:
    """Along axis -2: how many values are below each one plus half the others equal to it (0-based average
    rank; NaN last, never equal), by one sort rather than comparing every pair."""
    v = np.moveaxis(x, -2, -1)
    order = np.argsort(v, axis=-1, kind="stable")
    ordered = np.take_along_axis(v, order, axis=-1)
    n = v.shape[-1]
    position = np.broadcast_to(np.arange(n, dtype=float), v.shape)
    start = np.ones(v.shape, dtype=bool)
    start[..., 1:] = ordered[..., 1:] != ordered[..., :-1]
    end = np.ones(v.shape, dtype=bool)
    end[..., :-1] = start[..., 1:]
    first = np.maximum.accumulate(np.where(start, position, 0.0), axis=-1)
    last = np.flip(np.minimum.accumulate(np.flip(np.where(end, position, n - 1.0), axis=-1), axis=-1), axis=-1)
    ranked = np.empty(v.shape)
    np.put_along_axis(ranked, order, (first + last) / 2, axis=-1)
    return np.moveaxis(ranked, -1, -2)


def _pillar_matrix(indicators: tuple[Indicator, ...]) -> np.ndarray:
    """indicators x pillars, 1 where the indicator belongs to the pillar."""
    return np.array([[1.0 if ind.pillar == p else 0.0 for p in PILLARS] for ind in indicators])


def pillar_scores(scores: np.ndarray, indicators: tuple[Indicator, ...]) -> np.ndarray:
    """(..., countries, pillars): the mean of each pillar's indicators that have a value (NaN: none)."""
    member = _pillar_matrix(indicators)
    valid = ~np.isnan(scores)
    total = np.where(valid, scores, 0.0) @ member
    count = valid.astype(float) @ member
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(count > 0, total / np.where(count > 0, count, 1), np.nan)


def combine(pillars: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """(..., countries): the weighted mean over the pillars present; missing pillars re-weighted away.
    ``weights`` is (..., pillars), broadcast over countries."""
    present = ~np.isnan(pillars)
    w = np.where(present, weights[..., None, :], 0.0)
    total = w.sum(axis=-1)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(total > 0, (w * np.where(present, pillars, 0.0)).sum(axis=-1) / np.where(total > 0, total, 1),
                        np.nan)


def eligible(pillars: np.ndarray, weights: np.ndarray, min_pillars: int = MIN_PILLARS) -> np.ndarray:
    """Countries with at least ``min_pillars`` of the weighted pillars (all of them, when fewer are weighted)."""
    weighted = np.asarray(weights) > 0
    need = min(min_pillars, int(weighted.sum()))
    return ((~np.isnan(pillars)) & weighted).sum(axis=-1) >= max(need, 1)


def ranks(scores: np.ndarray) -> np.ndarray:
    """(..., countries): 1 = highest score; ties share the best rank; NaN scores get NaN and are not counted."""
    # Rounded first: float noise must not split scores that are equal by arithmetic (e.g. 49.35 and 49.35).
    a = np.where(np.isnan(scores), -np.inf, np.round(scores, 9))
    above = (a[..., None, :] > a[..., :, None]).sum(axis=-1)
    return np.where(np.isnan(scores), np.nan, 1.0 + above)


def _oriented(p: Panel) -> np.ndarray:
    sign = np.array([1.0 if ind.higher_is_better else -1.0 for ind in p.indicators])
    return p.values * sign


def point_scores(p: Panel, weights: np.ndarray, method: str, min_pillars: int = MIN_PILLARS) -> tuple[
        np.ndarray, np.ndarray]:
    """(composite score, pillar scores) of each country; NaN scores for countries that are not ranked."""
    weights = np.asarray(weights, dtype=float)
    pillars = pillar_scores(normalise(_oriented(p), method), p.indicators)
    score = combine(pillars, weights)
    return np.where(eligible(pillars, weights, min_pillars), score, np.nan), pillars


def dirichlet(weights: np.ndarray, concentration: float, draws: int, rng: np.random.Generator) -> np.ndarray:
    """(draws, pillars) weights around ``weights``; a zero weight stays zero; infinite concentration: fixed."""
    w = np.asarray(weights, dtype=float)
    w = w / w.sum()
    if np.isinf(concentration):
        return np.broadcast_to(w, (draws, len(w))).copy()
    alpha = concentration * w
    g = np.zeros((draws, len(w)))
    positive = alpha > 0
    g[:, positive] = rng.gamma(alpha[positive], size=(draws, int(positive.sum())))
    return g / g.sum(axis=1, keepdims=True)


def monte_carlo(p: Panel, weights: np.ndarray, *, draws: int = DRAWS, concentration: float = CONCENTRATION,
                normalisations: tuple[str, ...] = NORMALISATIONS, noise: bool = True, seed: int = SEED,
                min_pillars: int = MIN_PILLARS) -> np.ndarray:
    """(draws, countries) ranks, NaN for the countries that are not ranked."""
    rng = np.random.default_rng(seed)
    weights = np.asarray(weights, dtype=float)
    w = dirichlet(weights, concentration, draws, rng)
    which = rng.integers(0, len(normalisations), size=draws)
    base = _oriented(p)
    # Only the columns with a forecast-filled cell vary between draws: the others are normalised once.
    noisy = p.sd.any(axis=0) if noise else np.zeros(len(p.indicators), dtype=bool)
    x = base[:, noisy] + rng.standard_normal((draws, len(p.countries), int(noisy.sum()))) * p.sd[:, noisy]
    pillars = np.empty((draws, len(p.countries), len(PILLARS)))
    for k, method in enumerate(normalisations):
        chosen = which == k
        if chosen.any():
            scores = np.repeat(normalise(base, method)[None], int(chosen.sum()), axis=0)
            if noisy.any():
                scores[..., noisy] = normalise(x[chosen], method)
            pillars[chosen] = pillar_scores(scores, p.indicators)
    score = combine(pillars, w)
    ok = eligible(pillar_scores(normalise(_oriented(p), normalisations[0]), p.indicators), weights, min_pillars)
    return ranks(np.where(ok, score, np.nan))


def bands(draw_ranks: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Each country's median rank and 90% band (5th, 95th percentile) over the draws (NaN: not ranked)."""
    ranked = ~np.isnan(draw_ranks).all(axis=0)
    safe = np.where(np.isnan(draw_ranks), 0.0, draw_ranks)
    median = np.median(safe, axis=0)
    lo, hi = np.percentile(safe, BAND, axis=0, method="nearest")
    return tuple(np.where(ranked, v, np.nan) for v in (median, lo, hi))


def index_table(p: Panel, weights: list[float] | np.ndarray, method: str, *, draws: int = DRAWS,
                concentration: float = CONCENTRATION, normalisations: tuple[str, ...] = NORMALISATIONS,
                noise: bool = True, seed: int = SEED, min_pillars: int = MIN_PILLARS) -> pd.DataFrame:
    """One row per country: score, rank, median rank, 90% band, pillar scores, missing pillars and imputed
    cells; ranked countries first, by rank."""
    weights = np.asarray(weights, dtype=float)
    score, pillars = point_scores(p, weights, method, min_pillars)
    draw_ranks = monte_carlo(p, weights, draws=draws, concentration=concentration, normalisations=normalisations,
                             noise=noise, seed=seed, min_pillars=min_pillars)
    median, lo, hi = bands(draw_ranks)
    frame = pd.DataFrame({"country_iso3": p.countries, "score": score, "rank": ranks(score),
                          "median_rank": median, "rank_lo": lo, "rank_hi": hi})
    for k, name in enumerate(PILLARS):
        frame[f"pillar_{name}"] = pillars[:, k]
    frame["missing_pillars"] = [",".join(n for k, n in enumerate(PILLARS) if np.isnan(pillars[i, k]))
                                for i in range(len(p.countries))]
    frame["imputed"] = [",".join(f"{ind.key}:{p.origin[i, j]}" + (f"@{p.from_year[i, j]}"
                                                                   if p.origin[i, j] == "carried" else "")
                                 for j, ind in enumerate(p.indicators) if p.origin[i, j] not in ("actual", "missing"))
                        for i in range(len(p.countries))]
    return frame.sort_values(["rank", "country_iso3"], na_position="last").reset_index(drop=True)


def cells(p: Panel) -> pd.DataFrame:
    """The panel as rows (country, indicator, pillar, value, sd, origin, from_year): what the page lists as
    imputed or missing."""
    rows = [{"country_iso3": c, "indicator": ind.key, "pillar": ind.pillar, "value": p.values[i, j],
             "sd": p.sd[i, j], "origin": p.origin[i, j], "from_year": int(p.from_year[i, j])}
            for i, c in enumerate(p.countries) for j, ind in enumerate(p.indicators)]
    return pd.DataFrame(rows)
