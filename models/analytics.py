"""Policy analytics over the stored forecasts: when Korea's projected path crosses each peer's, and how likely
it is to have crossed by each year (``catch_up`` and ``catch_up_years`` views).

Frames in, frames out: ``warehouse.forecasts`` reads and stores them. (The growth Korea needs for a target
value or rank is in ``warehouse.scenarios``: arithmetic on stored values, shared by `kaim` and the dashboard.)"""

from __future__ import annotations

import pandas as pd

from models.policy import catch_up

FOCUS = "KOR"


CATCH_UP_YEAR_COLUMNS = ["indicator_id", "country_iso3", "peer_iso3", "year", "mean", "peer_mean", "p_ahead",
                         "p_crossed", "p_overtaken", "skilful"]
CATCH_UP_COLUMNS = ["indicator_id", "country_iso3", "peer_iso3", "status", "year", "probability", "skilful",
                    "message"]


def catch_up_rows(forecasts: pd.DataFrame, history: pd.DataFrame, focus: str = FOCUS,
                  excluded: dict[str, set[str]] | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Per indicator and peer: one row with the crossing status, year and probability, and one row per
    common forecast year with both means, the probability that ``focus`` is ahead that year, and the
    probabilities that it (``p_crossed``) or the peer (``p_overtaken``) has been ahead by that year; from the
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
