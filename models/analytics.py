"""Policy analytics over the stored forecasts: when Korea's projected path crosses each peer's
(``catch_up`` view), and the growth Korea needs to reach a target value or rank by a year.

Frames in, frames out: ``warehouse.forecasts`` reads and stores them."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from models.policy import catch_up, required_growth

FOCUS = "KOR"


CATCH_UP_YEAR_COLUMNS = ["indicator_id", "country_iso3", "peer_iso3", "year", "mean", "peer_mean", "p_ahead",
                         "skilful"]
CATCH_UP_COLUMNS = ["indicator_id", "country_iso3", "peer_iso3", "status", "year", "probability", "skilful",
                    "message"]


def catch_up_rows(forecasts: pd.DataFrame, history: pd.DataFrame, focus: str = FOCUS,
                  excluded: dict[str, set[str]] | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Per indicator and peer: one row with the crossing status, year and probability, and one row per
    common forecast year with both means and the probability that ``focus`` is ahead that year; from the
    stored ``forecasts`` and the observed ``history`` (indicator_id, country_iso3, year, value; complete
    periods). "Already ahead" compares the two in the latest year both report, never one's year with the
    other's. ``excluded``: per indicator, peers that are no peers (e.g. aggregates, for a level measure)."""
    rows, years = [], []
    observed = history.set_index(["indicator_id", "country_iso3", "year"])["value"].sort_index()
    for indicator, frame in forecasts.groupby("indicator_id"):
        mine = frame[frame["country_iso3"] == focus]
        if mine.empty:
            continue
        skip = (excluded or {}).get(indicator, set())
        for peer, theirs in frame[~frame["country_iso3"].isin({focus, *skip})].groupby("country_iso3"):
            skilful = bool(mine["beats_naive"].all() and theirs["beats_naive"].all())
            if not set(mine["year"]) & set(theirs["year"]):
                continue  # the two series end in years too far apart to compare projections
            korea_last, peer_last = same_year_values(observed, indicator, focus, peer)
            result = catch_up(mine, theirs, korea_last=korea_last, competitor_last=peer_last)
            rows.append({"indicator_id": indicator, "country_iso3": focus, "peer_iso3": peer,
                         "status": result.status, "year": result.year, "probability": result.probability,
                         "skilful": skilful, "message": result.message})
            years.append(result.by_year.rename(columns={"korea": "mean", "competitor": "peer_mean"}).assign(
                indicator_id=indicator, country_iso3=focus, peer_iso3=peer, skilful=skilful))
    by_year = pd.concat(years, ignore_index=True)[CATCH_UP_YEAR_COLUMNS] if years else pd.DataFrame(
        columns=CATCH_UP_YEAR_COLUMNS)
    return pd.DataFrame(rows, columns=CATCH_UP_COLUMNS), by_year


def same_year_values(observed: pd.Series, indicator: str, country: str, peer: str) -> tuple[float | None, ...]:
    """The two countries' values in the latest year both report (``None``, ``None`` if they share none)."""
    try:
        mine, theirs = observed.loc[(indicator, country)], observed.loc[(indicator, peer)]
    except KeyError:
        return None, None
    common = mine.index.intersection(theirs.index)
    if common.empty:
        return None, None
    year = common.max()
    return float(mine.loc[year]), float(theirs.loc[year])


@dataclass
class Requirement:
    indicator_id: str
    country_iso3: str
    current_year: int
    current_value: float
    target_year: int
    target_value: float
    required_rate: float
    projected_rate: float | None
    on_track: bool | None


def requirement(indicator: str, country: str, series: pd.DataFrame, forecast: pd.DataFrame, target_year: int,
                target_value: float | None = None, rank: int | None = None,
                others: pd.DataFrame | None = None) -> Requirement:
    """The annual growth ``country`` needs to go from its last value in ``series`` (year, value) to
    ``target_value`` by ``target_year``, or to the value that would place it at ``rank`` among ``others``
    (country_iso3, value: each economy's projection for the year or latest value, highest first).
    ``forecast`` (its stored projection) tells whether it is on track."""
    if series.empty:
        raise ValueError(f"no annual data for {indicator} and {country}")
    current_year, current_value = int(series["year"].iloc[-1]), float(series["value"].iloc[-1])
    if target_value is None:
        if rank is None:
            raise ValueError("give a target value or a target rank")
        target_value = rank_value(indicator, rank, others if others is not None else pd.DataFrame())
    result = required_growth(current_value, current_year, target_value, target_year,
                             forecast if not forecast.empty and forecast["beats_naive"].all() else None)
    return Requirement(indicator, country, current_year, current_value, target_year, target_value,
                       result.required_rate, result.projected_rate, result.on_track)


def rank_value(indicator: str, rank: int, others: pd.DataFrame) -> float:
    """The value of the ``rank``-th of ``others`` (highest first): just reaching it earns that rank."""
    if len(others) < rank:
        raise ValueError(f"only {len(others)} economies report {indicator}")
    return float(others["value"].iloc[rank - 1])
