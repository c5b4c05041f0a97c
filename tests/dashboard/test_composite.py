"""The composite AI position index: the arithmetic by hand on a small frame, directions, the missing-value
rule, filling a year, and the Monte Carlo bands (degenerate, widening with noise, seeded)."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from dashboard import composite
from dashboard.composite import Indicator

SMALL = (
    Indicator("r1", "rd", "r1", "r1", "", True),
    Indicator("r2", "rd", "r2", "r2", "", True),
    Indicator("s", "semis", "s", "s", "", True),
    Indicator("f", "funding", "f", "f", "", False),  # lower is better
    Indicator("m", "models", "m", "m", "", True),
)
#            r1  r2  s  f  m
ROWS = {"A": [1, 10, 5, 2, 0],
        "B": [3, 30, 1, 4, 4],
        "C": [2, 20, 3, 6, 2]}


def small_panel(rows: dict[str, list[float]] = ROWS, indicators=SMALL, sd: np.ndarray | None = None) -> composite.Panel:
    values = np.array(list(rows.values()), dtype=float)
    n, m = values.shape
    origin = np.where(np.isnan(values), "missing", "actual").astype(object)
    return composite.Panel(list(rows), tuple(indicators), values, np.zeros((n, m)) if sd is None else sd, origin,
                           np.full((n, m), 2023))


def by_country(frame: pd.DataFrame, column: str) -> dict[str, float]:
    return dict(zip(frame["country_iso3"], frame[column], strict=True))


def test_equal_weights_reproduce_the_index_computed_by_hand():
    # Min-max, (x - min) / (max - min) x 100, across A, B, C:
    #   r1 (1, 3, 2)    -> A 0,   B 100, C 50
    #   r2 (10, 30, 20) -> A 0,   B 100, C 50
    #   s  (5, 1, 3)    -> A 100, B 0,   C 50
    #   f  (2, 4, 6), lower is better, turned round to (-2, -4, -6) -> A 100, B 50, C 0
    #   m  (0, 4, 2)    -> A 0,   B 100, C 50
    # Pillars: rd = mean(r1, r2): A 0, B 100, C 50; semis = s; funding = f; models = m.
    # Equal weights: A (0 + 100 + 100 + 0) / 4 = 50; B (100 + 0 + 50 + 100) / 4 = 62.5; C (50 + 50 + 0 + 50) / 4 = 37.5
    table = composite.index_table(small_panel(), [1, 1, 1, 1], "minmax", draws=50)
    assert by_country(table, "score") == pytest.approx({"A": 50.0, "B": 62.5, "C": 37.5})
    assert by_country(table, "rank") == {"B": 1.0, "A": 2.0, "C": 3.0}
    assert by_country(table, "pillar_rd") == pytest.approx({"A": 0.0, "B": 100.0, "C": 50.0})
    assert by_country(table, "pillar_funding") == pytest.approx({"A": 100.0, "B": 50.0, "C": 0.0})
    assert list(table["country_iso3"]) == ["B", "A", "C"]
    # Weights 2:1:1:0 (models left out): A (2x0 + 100 + 100) / 4 = 50; B (200 + 0 + 50) / 4 = 62.5;
    # C (100 + 50 + 0) / 4 = 37.5
    table = composite.index_table(small_panel(), [2, 1, 1, 0], "minmax", draws=50)
    assert by_country(table, "score") == pytest.approx({"A": 50.0, "B": 62.5, "C": 37.5})
    # Weights 0:1:0:0 (semiconductors only): A 100, B 0, C 50
    table = composite.index_table(small_panel(), [0, 1, 0, 0], "minmax", draws=50)
    assert by_country(table, "score") == pytest.approx({"A": 100.0, "B": 0.0, "C": 50.0})


def test_z_scores_and_percentile_ranks_by_hand():
    x = np.array([[1.0], [3.0], [2.0], [2.0]])
    # mean 2, population sd sqrt((1 + 1 + 0 + 0) / 4) = sqrt(0.5)
    assert composite.normalise(x, "zscore")[:, 0] == pytest.approx([-1 / math.sqrt(0.5), 1 / math.sqrt(0.5), 0, 0])
    # ranks among 4 (ties averaged): 1 below none; 3 above all three; the two 2s above one and tied with one
    # -> (below + 0.5 ties) / (n - 1) x 100 = 0, 100, 50, 50
    assert composite.normalise(x, "rank")[:, 0] == pytest.approx([0, 100, 50, 50])
    assert composite.normalise(np.array([[1.0], [np.nan], [3.0]]), "minmax")[:, 0] == pytest.approx(
        [0, np.nan, 100], nan_ok=True)


def test_a_direction_flip_turns_the_indicator_round():
    higher = tuple(Indicator(i.key, i.pillar, i.key, i.key, "", True) for i in SMALL)
    table = composite.index_table(small_panel(indicators=higher), [1, 1, 1, 1], "minmax", draws=50)
    # f now higher is better: A 0, B 50, C 100; A's score (0 + 100 + 0 + 0) / 4 = 25
    assert by_country(table, "pillar_funding") == pytest.approx({"A": 0.0, "B": 50.0, "C": 100.0})
    assert by_country(table, "score")["A"] == pytest.approx(25.0)


def test_a_missing_pillar_is_reweighted_away_and_too_few_pillars_leave_a_country_unranked():
    rows = {**ROWS, "C": [2, 20, 3, 6, np.nan]}  # C has no models value
    table = composite.index_table(small_panel(rows), [1, 1, 1, 1], "minmax", draws=50)
    # m over A, B only: A 0, B 100. C's three pillars: (50 + 50 + 0) / 3
    assert by_country(table, "score")["C"] == pytest.approx(100 / 3)
    assert by_country(table, "missing_pillars")["C"] == "models"
    table = composite.index_table(small_panel(rows), [2, 1, 1, 1], "minmax", draws=50)
    assert by_country(table, "score")["C"] == pytest.approx((2 * 50 + 50 + 0) / 4)  # weights 2, 1, 1 rescaled
    rows = {**ROWS, "C": [2, 20, np.nan, 6, np.nan]}  # two of four pillars: below MIN_PILLARS = 3
    table = composite.index_table(small_panel(rows), [1, 1, 1, 1], "minmax", draws=50)
    assert math.isnan(by_country(table, "rank")["C"]) and math.isnan(by_country(table, "median_rank")["C"])
    assert by_country(table, "missing_pillars")["C"] == "semis,models"
    assert sorted(table["rank"].dropna()) == [1.0, 2.0]
    assert list(table["country_iso3"])[-1] == "C"  # the unranked last
    # Only two pillars weighted: both are needed, and then enough.
    table = composite.index_table(small_panel(rows), [1, 0, 1, 0], "minmax", draws=50)
    assert not math.isnan(by_country(table, "rank")["C"])


def test_panel_fills_a_year_by_the_declared_order():
    indicators = (Indicator("a", "rd", "a", "a", "", True, forecast_id="x:a"),
                  Indicator("z", "models", "z", "z", "", True, absent_is_zero=True))
    values = pd.DataFrame([
        ("a", "KOR", 2024, 4.9), ("a", "USA", 2022, 3.4), ("a", "JPN", 2020, 3.3), ("a", "DEU", 2023, 3.1),
        ("z", "USA", 2024, 60.0), ("z", "KOR", 2023, 2.0),
    ], columns=["indicator", "country_iso3", "year", "value"])
    forecasts = pd.DataFrame([("a", "DEU", 2024, 3.2, 3.0, 3.4), ("a", "KOR", 2024, 9.9, 9.0, 11.0)],
                             columns=["indicator", "country_iso3", "year", "mean", "lo80", "hi80"])
    p = composite.panel(values, forecasts, 2024, ["KOR", "USA", "JPN", "DEU"], indicators, lookback=2)
    origin = {c: list(p.origin[i]) for i, c in enumerate(p.countries)}
    assert origin == {"KOR": ["actual", "zero"], "USA": ["carried", "actual"], "JPN": ["missing", "zero"],
                      "DEU": ["forecast", "zero"]}
    assert p.values[0, 0] == 4.9  # an observation beats a forecast of the same year
    assert p.values[1, 0] == 3.4 and p.from_year[1, 0] == 2022
    assert math.isnan(p.values[2, 0])  # 2020 is beyond the two years carried
    assert p.values[3, 0] == 3.2 and p.sd[3, 0] == pytest.approx(0.4 / (2 * 1.2815515655446004))
    assert p.values[0, 1] == 0.0  # none in the 2024 catalogue: zero, not the 2023 value
    assert (p.sd[:, 1] == 0).all() and p.sd[0, 0] == 0


def random_panel(n: int = 12, sd_share: float = 0.0, seed: int = 3) -> composite.Panel:
    rng = np.random.default_rng(seed)
    indicators = composite.INDICATORS
    values = rng.lognormal(1.0, 0.6, size=(n, len(indicators)))
    sd = values * sd_share
    return composite.Panel([f"C{i:02d}" for i in range(n)], indicators, values, sd,
                           np.full(values.shape, "forecast" if sd_share else "actual", dtype=object),
                           np.full(values.shape, 2024))


# Percentile ranks tie exactly (C06 and C10 of this panel): any change of the weights, however small, breaks
# an exact tie, so there the degenerate setting is the limit itself (infinite concentration: fixed weights).
@pytest.mark.parametrize(("method", "concentration"), [("minmax", 1e9), ("zscore", 1e9), ("minmax", math.inf),
                                                       ("zscore", math.inf), ("rank", math.inf)])
def test_a_degenerate_monte_carlo_gives_zero_width_bands_at_the_point_ranks(method, concentration):
    table = composite.index_table(random_panel(sd_share=0.3), [3, 1, 2, 1], method, concentration=concentration,
                                  normalisations=(method,), noise=False)
    assert (table["rank_lo"] == table["rank"]).all()
    assert (table["rank_hi"] == table["rank"]).all()
    assert (table["median_rank"] == table["rank"]).all()


def test_bands_widen_when_noise_is_added():
    p = random_panel(sd_share=0.3)
    quiet = composite.index_table(p, [1, 1, 1, 1], "minmax", concentration=1e9, normalisations=("minmax",),
                                  noise=False)
    noisy = composite.index_table(p, [1, 1, 1, 1], "minmax", concentration=1e9, normalisations=("minmax",),
                                  noise=True)
    width = lambda t: (t["rank_hi"] - t["rank_lo"]).sum()  # noqa: E731
    assert width(quiet) == 0 and width(noisy) > 0
    assert (noisy["rank_hi"] - noisy["rank_lo"] >= 0).all()
    # Weights and normalisation drawn too (no noise): bands open as well, and only weights: fewer move.
    loose = composite.index_table(p, [1, 1, 1, 1], "minmax", noise=False)
    assert width(loose) > 0


def test_draws_are_seeded_and_zero_weights_stay_zero():
    p = random_panel(sd_share=0.2)
    first = composite.monte_carlo(p, np.array([1.0, 1, 1, 1]), draws=200)
    again = composite.monte_carlo(p, np.array([1.0, 1, 1, 1]), draws=200)
    other = composite.monte_carlo(p, np.array([1.0, 1, 1, 1]), draws=200, seed=99)
    assert np.array_equal(first, again) and not np.array_equal(first, other)
    w = composite.dirichlet(np.array([2.0, 0, 1, 1]), composite.CONCENTRATION, 500, np.random.default_rng(1))
    assert (w[:, 1] == 0).all() and np.allclose(w.sum(axis=1), 1)
    assert w[:, 0].mean() == pytest.approx(0.5, abs=0.02)


def test_percentile_ranks_by_one_sort_equal_the_pairwise_definition():
    rng = np.random.default_rng(0)
    for _ in range(100):
        shape = tuple(int(v) for v in (rng.integers(1, 5), rng.integers(1, 12), rng.integers(1, 5)))
        x = rng.integers(0, 4, size=shape).astype(float)  # many ties
        x[rng.random(shape) < 0.2] = np.nan
        a, b = x[..., :, None, :], x[..., None, :, :]  # country i against every country k, per indicator
        pairwise = np.sum(b < a, axis=-2) + 0.5 * (np.sum(b == a, axis=-2) - 1)
        valid = ~np.isnan(x)
        assert composite._average_rank(x)[valid] == pytest.approx(pairwise[valid])
