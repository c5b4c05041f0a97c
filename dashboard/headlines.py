"""The briefing model: per pillar a country's latest headline value, its rank among peers, 5-year change,
gap to the leader and projection with its skill, and the sentences that summarise them. The overview
page shows it as cards; ``kaim report`` (``dashboard.report``) prints it."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from dashboard import data
from dashboard.i18n import fmt_number, particles, t
from dashboard.pillars import HEADLINES

#: The last year of any series (the default end of a headline's years).
OPEN_END = 2100


@dataclass
class Headline:
    pillar: str
    indicator: str
    name: str
    unit: str
    year: int | None = None
    value: float | None = None
    rank: int | None = None
    peers: int = 0
    change: float | None = None
    leader: str | None = None
    gap: float | None = None
    projected: float | None = None
    projected_year: int | None = None
    skill: float | None = None
    #: Why a newer value of ``focus`` is not the headline (a part-period, or a year missing large reporters).
    note: str | None = None
    newer_year: int | None = None
    newer_value: float | None = None


def percentiles(indicator: str, countries: list[str]) -> dict[str, float]:
    """Percentile of each country's latest value among all economies with data (100 = highest)."""
    latest = data.latest_all(indicator)
    if latest.empty:
        return {}
    ranks = latest["value"].rank(pct=True) * 100
    return {code: float(r) for code, r in zip(latest["country_iso3"], ranks, strict=True) if code in countries}


def headline(pillar: str, indicator: str, peers: list[str], lang: str, focus: str = "KOR") -> Headline:
    """``focus``'s latest value of the indicator in a complete period, its rank among ``peers`` in that
    same year, change, gap and projection; a newer, incomplete value is named in ``note``."""
    row = data.indicator_row(indicator)
    name = str(row["name_ko" if lang == "ko" else "name_en"]) if row is not None else indicator
    result = Headline(pillar, indicator, name, str(row["unit"]) if row is not None else "")
    everything = data.series(indicator, sorted(set(peers) | {focus}), 1980, OPEN_END)
    frame = data.complete_rows(everything)
    korea = frame[frame["country_iso3"] == focus]
    if korea.empty:
        return result
    latest = korea.iloc[-1]
    newer = everything[(everything["country_iso3"] == focus) & (everything["year"] > latest["year"])]
    if not newer.empty:
        result.note = data.incomplete_reason(newer["flags"].iloc[-1])
        result.newer_year, result.newer_value = int(newer["year"].iloc[-1]), float(newer["value"].iloc[-1])
    result.year, result.value = int(latest["year"]), float(latest["value"])
    same_year = frame[frame["year"] == result.year].sort_values("value", ascending=False)
    result.peers = len(same_year)
    result.rank = int((same_year["value"] > result.value).sum()) + 1
    leader = same_year.iloc[0]
    result.leader, result.gap = str(leader["country_iso3"]), float(leader["value"]) - result.value
    earlier = korea[korea["year"] == result.year - 5]
    if not earlier.empty:
        base = float(earlier["value"].iloc[0])
        result.change = result.value - base if result.unit == "%" else (result.value / base - 1) * 100 if base else None
    forecast = data.forecasts(indicator, [focus])
    forecast = forecast[forecast["skill"] < 1] if not forecast.empty else forecast
    if not forecast.empty:
        last = forecast.iloc[-1]
        result.projected, result.projected_year, result.skill = float(last["mean"]), int(last["year"]), float(
            last["skill"])
    return result


def positions(countries: list[str], lang: str) -> pd.DataFrame:
    """Each country's percentile among all economies with data, per pillar's headline indicator (the
    overview's pillar profile, and the briefing's position chart)."""
    rows = [{"pillar": t(f"nav.{pillar}", lang), "country_iso3": code, "percentile": round(pct, 1),
             "indicator_id": indicator}
            for pillar, indicator in HEADLINES.items() for code, pct in percentiles(indicator, countries).items()]
    return pd.DataFrame(rows, columns=["pillar", "country_iso3", "percentile", "indicator_id"])


def headlines(peers: list[str], lang: str, focus: str = "KOR") -> list[Headline]:
    """Every pillar's headline for ``focus`` against ``peers``, in pillar order."""
    return [headline(pillar, indicator, peers, lang, focus) for pillar, indicator in HEADLINES.items()]


def change_text(h: Headline, lang: str) -> str:
    """The 5-year change: percentage points for shares, percent otherwise."""
    if h.change is None:
        return "–"
    suffix = " %p" if h.unit == "%" else " %"
    return f"{h.change:+.2f}{suffix}" if h.unit == "%" else f"{h.change:+.1f}{suffix}"


def kpi_rows(h: Headline, lang: str) -> list[tuple[str, str]]:
    """(label, value) of the headline's numbers: latest, rank, change, gap to the leader, projection."""
    leader = data.country_name(h.leader, lang) if h.leader else "–"
    projected = (f"{fmt_number(h.projected, lang, h.unit)} ({h.projected_year}; "
                 f"{t('forecast.skill_short', lang, skill=h.skill)})"
                 if h.projected is not None else t("forecast.none_short", lang))
    return [
        (t("overview.latest", lang), f"{fmt_number(h.value, lang, h.unit)} ({h.year or '–'})"),
        (t("overview.rank", lang), f"{h.rank} / {h.peers}" if h.rank else "–"),
        (t("overview.change", lang), change_text(h, lang)),
        (t("overview.gap", lang), "0" if h.gap == 0 else f"{fmt_number(h.gap, lang, h.unit)} ({leader})"),
        (t("overview.projected", lang), projected),
        *([(t("overview.note", lang), t(f"overview.why.{h.note}", lang, year=h.newer_year, used=h.year,
                                         value=fmt_number(h.newer_value, lang, h.unit)))] if h.note else []),
    ]


def summary_sentences(headlines_: list[Headline], lang: str, country: str) -> list[str]:
    """One generated sentence per pillar, from the same numbers as the cards."""
    sentences = []
    for h in headlines_:
        if h.value is None:
            continue
        leader = data.country_name(h.leader, lang) if h.leader else ""
        if lang == "ko":
            text = (f"{h.name}: {country}은(는) {h.year}년 {fmt_number(h.value, lang, h.unit)}로 비교국 {h.peers}개 중 "
                    f"{h.rank}위" + ("입니다." if h.rank == 1 else f"이며, 선두는 {leader}입니다."))
            if h.change is not None:
                text += f" 5년 전보다 {change_text(h, lang)} 변했습니다."
            if h.projected is not None:
                text += f" {h.projected_year}년 전망치는 {fmt_number(h.projected, lang, h.unit)}입니다."
            text = particles(text)
        else:
            text = (f"{h.name}: in {h.year} {country} stood at {fmt_number(h.value, lang, h.unit)}, "
                    f"{h.rank} of {h.peers} peers" + ("." if h.rank == 1 else f", behind {leader}."))
            if h.change is not None:
                text += f" Change over five years: {change_text(h, lang)}."
            if h.projected is not None:
                text += f" Projected for {h.projected_year}: {fmt_number(h.projected, lang, h.unit)}."
        sentences.append(text)
    return sentences
