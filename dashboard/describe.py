"""Text alternatives of the charts: what each chart shows, in the page's language, written from the very
frame the chart is drawn from (the same rows, the same number formats, the same country names).

One function per figure kind of ``dashboard.figures``, with the same arguments. Ranks are stated only
among like-for-like values: a value flagged ``part-period`` or ``incomplete-coverage``
(``warehouse.flags``) is named as such and left out of every rank, as the charts mark it with an open
marker. Like ``figures``, no Dash and no data access: pure functions of frames to text.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from dashboard.composite import BY_KEY
from dashboard.i18n import category_name, fmt_number, particles, t
from warehouse import flags as value_flags

KOREA = "KOR"
#: At most this many values are named in a list (the rest: "and N more", in the table view).
LISTED = 10


# --- words ---------------------------------------------------------------------------------------------------

def ordinal(rank: int, lang: str) -> str:
    """1st, 2nd, 3rd, 11th... in English; the number in Korean (followed by 위 in the texts)."""
    if lang == "ko":
        return str(rank)
    suffix = "th" if 10 <= rank % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(rank % 10, "th")
    return f"{rank}{suffix}"


def topic(name: str, lang: str) -> str:
    """A name as the topic of a sentence: itself in English; with 은 or 는 in Korean (by its last sound)."""
    return particles(name + "은(는)") if lang == "ko" else name


def _items(items: list[str], lang: str, limit: int = LISTED) -> str:
    """A list of at most ``limit`` items, then how many more the table holds."""
    shown = ", ".join(items[:limit])
    return shown if len(items) <= limit else f"{shown} {t('describe.more', lang, n=len(items) - limit)}"


def _sentences(parts: Iterable[str]) -> str:
    return " ".join(p for p in parts if p)


def _name(code: str, names: dict[str, str]) -> str:
    return names.get(code, code)


def _complete(frame: pd.DataFrame) -> pd.DataFrame:
    return value_flags.complete_rows(frame) if "flags" in frame else frame


def _reasons(frame: pd.DataFrame) -> pd.Series:
    """Per row, the flag that keeps the value out of ranks, or "" for a like-for-like value."""
    found = [value_flags.incomplete_reason(f) or "" for f in frame["flags"]] if "flags" in frame else [""] * len(frame)
    return pd.Series(found, index=frame.index, dtype=object)


def _years(years: Iterable[int], lang: str) -> str:
    text = ", ".join(str(int(y)) for y in sorted(set(years)))
    return text + ("년" if lang == "ko" else "")


def _month(value: object) -> str:
    return pd.Timestamp(value).strftime("%Y-%m")


def _date(value: object) -> str:
    return pd.Timestamp(value).strftime("%Y-%m-%d") if pd.notna(value) else "–"


# --- series over years: trend, grouped bars, slope -----------------------------------------------------------

def _trajectory(frame: pd.DataFrame, names: dict[str, str], unit: str, lang: str) -> list[str]:
    """Korea's path over the complete years, its rank among the chart's countries in its latest complete
    year, and the leader of that year (or, without Korea, the highest value of the latest complete year)."""
    complete = _complete(frame)
    if complete.empty:
        return []
    korea = complete[complete["country_iso3"] == KOREA].sort_values("year")
    if korea.empty:
        year = int(complete["year"].max())
        top = complete[complete["year"] == year].sort_values("value", ascending=False).iloc[0]
        return [t("describe.highest", lang, year=year, country=_name(top["country_iso3"], names),
                  value=fmt_number(top["value"], lang, unit))]
    name = topic(_name(KOREA, names), lang)
    first, last = korea.iloc[0], korea.iloc[-1]
    values = {"country": name, "start": int(first["year"]), "end": int(last["year"]),
              "first": fmt_number(first["value"], lang, unit), "last": fmt_number(last["value"], lang, unit)}
    if len(korea) == 1:
        parts = [t("describe.single", lang, country=_name(KOREA, names), year=values["end"], value=values["last"])]
    else:
        change = "rose" if last["value"] > first["value"] else "fell" if last["value"] < first["value"] else "flat"
        parts = [t(f"describe.{change}", lang, **values)]
    same_year = complete[complete["year"] == last["year"]].sort_values("value", ascending=False)
    if len(same_year) > 1:
        rank = int((same_year["value"] > last["value"]).sum()) + 1
        parts.append(t("describe.rank", lang, country=name, rank=ordinal(rank, lang), n=len(same_year),
                       year=values["end"]))
        leader = same_year.iloc[0]
        if rank > 1:
            parts.append(t("describe.leads", lang, country=_name(leader["country_iso3"], names),
                           value=fmt_number(leader["value"], lang, unit)))
    return parts


def _latest(frame: pd.DataFrame, names: dict[str, str], unit: str, lang: str) -> str:
    """Every other country's latest complete value (in the legend's order: not a ranking)."""
    complete = _complete(frame)
    others = complete[complete["country_iso3"] != KOREA]
    if others.empty:
        return ""
    last = others.sort_values("year").groupby("country_iso3", sort=False).tail(1)
    order = {code: i for i, code in enumerate(dict.fromkeys(frame["country_iso3"]))}
    last = last.sort_values("country_iso3", key=lambda s: s.map(order))
    items = [f"{_name(r.country_iso3, names)} {fmt_number(r.value, lang, unit)} ({int(r.year)})"
             for r in last.itertuples()]
    return t("describe.latest", lang, items=_items(items, lang))


def _open_markers(frame: pd.DataFrame, names: dict[str, str], unit: str, lang: str) -> list[str]:
    """What the open markers mean: per reason, its years, and Korea's flagged values."""
    reasons = _reasons(frame)
    parts = []
    for reason in dict.fromkeys(r for r in reasons if r):
        rows = frame[reasons == reason]
        korea = rows[rows["country_iso3"] == KOREA]
        own = ", ".join(f"{int(r.year)}: {fmt_number(r.value, lang, unit)}" for r in korea.itertuples())
        parts.append(t("describe.open", lang, years=_years(rows["year"], lang), reason=t(f"flag.{reason}", lang),
                       own=f" ({_name(KOREA, names)} {own})" if own else ""))
    return parts


def _forecast(forecast: pd.DataFrame, names: dict[str, str], unit: str, lang: str) -> list[str]:
    """The fans: what the bands are, and each country's last forecast year (Korea first)."""
    fans = bool(((forecast["hi95"] - forecast["lo95"]).abs() > 0).any())
    last = forecast.sort_values("year").groupby("country_iso3", sort=False).tail(1)
    last = last.sort_values("country_iso3", key=lambda s: s != KOREA, kind="stable")
    items = []
    for r in last.itertuples():
        values = {"country": _name(r.country_iso3, names), "year": int(r.year),
                  "value": fmt_number(r.mean, lang, unit)}
        if fans:
            values.update(lo=fmt_number(r.lo80, lang, unit), hi=fmt_number(r.hi80, lang, unit))
        items.append(t("describe.fan_item" if fans else "describe.projection_item", lang, **values))
    end = int(forecast["year"].max())
    parts = [t("describe.fan" if fans else "describe.projection", lang, end=end, items=_items(items, lang))]
    if "skill" in forecast and forecast["skill"].notna().any():
        lo, hi = float(forecast["skill"].min()), float(forecast["skill"].max())
        skill = f"{lo:.2f}" if round(lo, 2) == round(hi, 2) else f"{lo:.2f}–{hi:.2f}"
        parts.append(t("forecast.badge", lang, skill=skill) + ".")
    return parts


def _series(frame: pd.DataFrame, names: dict[str, str], unit: str, lang: str, header: str) -> str:
    return _sentences([header, *_trajectory(frame, names, unit, lang), _latest(frame, names, unit, lang),
                       *_open_markers(frame, names, unit, lang)])


def _header(key: str, frame: pd.DataFrame, title: str, lang: str) -> str:
    return t(key, lang, title=title, start=int(frame["year"].min()), end=int(frame["year"].max()),
             n=frame["country_iso3"].nunique())


def trend(frame: pd.DataFrame, names: dict[str, str], unit: str, lang: str, title: str,
          forecast: pd.DataFrame | None = None, events: pd.DataFrame | None = None) -> str:
    """Lines per country over years (``figures.trend``): Korea's path and rank, the others' latest values,
    open markers, the forecast fans and the policy-event markers."""
    if frame.empty:
        return t("empty.no_data", lang)
    text = _series(frame, names, unit, lang, _header("describe.trend", frame, title, lang))
    parts = _forecast(forecast, names, unit, lang) if forecast is not None and not forecast.empty else []
    if events is not None and not events.empty:
        parts.append(t("describe.events", lang, n=len(events), korea=_name(KOREA, names)))
    return _sentences([text, *parts])


def grouped_bars(frame: pd.DataFrame, names: dict[str, str], unit: str, lang: str, title: str) -> str:
    """Bars per country grouped by year (``figures.grouped_bars``)."""
    if frame.empty:
        return t("empty.no_data", lang)
    return _series(frame, names, unit, lang, _header("describe.bars", frame, title, lang))


def slope(frame: pd.DataFrame, names: dict[str, str], unit: str, lang: str, title: str) -> str:
    """Each country's first and last year of the selection (``figures.slope``)."""
    if frame.empty:
        return t("empty.no_data", lang)
    return _series(frame, names, unit, lang, _header("describe.slope", frame, title, lang))


def export_shares(frame: pd.DataFrame, names: dict[str, str], lang: str, title: str) -> str:
    """Shares of world IC exports (``figures.export_shares``): a year without large exporters is named and
    not ranked; Korea's world rank among the reporters is the frame's own, in its latest complete year."""
    if frame.empty:
        return t("empty.no_data", lang)
    complete = frame["coverage_complete"].astype(bool)
    plotted = frame.rename(columns={"share_pct": "value"}).assign(
        flags=[None if ok else value_flags.INCOMPLETE_COVERAGE for ok in complete])
    header = _header("describe.trend", plotted, title, lang)
    parts = [header, *_trajectory(plotted, names, "%", lang), _latest(plotted, names, "%", lang)]
    korea = frame[(frame["country_iso3"] == KOREA) & complete].sort_values("year")
    if not korea.empty and pd.notna(korea["rank"].iloc[-1]):
        last = korea.iloc[-1]
        parts.append(t("describe.world_rank", lang, country=topic(_name(KOREA, names), lang), year=int(last["year"]),
                       n=int(last["n_reporters"]), rank=ordinal(int(last["rank"]), lang)))
    for row in frame[~complete].drop_duplicates("year").itertuples():
        parts.append(t("describe.incomplete_year", lang, year=int(row.year), missing=row.missing_large_exporters))
    return _sentences(parts)


# --- one year: ranking bars, world map ------------------------------------------------------------------------

def ranking(frame: pd.DataFrame, names: dict[str, str], unit: str, lang: str, title: str) -> str:
    """Horizontal bars for one year (``figures.ranking``), largest first; flagged values named apart."""
    if frame.empty:
        return t("empty.no_data", lang)
    reasons = _reasons(frame)
    ranked = frame[reasons == ""].sort_values("value", ascending=False)
    items = []
    for row in ranked.itertuples():
        rank = int((ranked["value"] > row.value).sum()) + 1
        items.append(t("describe.rank_item", lang, rank=ordinal(rank, lang), country=_name(row.country_iso3, names),
                       value=fmt_number(row.value, lang, unit)))
    korea = [item for item, code in zip(items, ranked["country_iso3"], strict=True) if code == KOREA]
    listed = items[:LISTED] + [k for k in korea if k not in items[:LISTED]]
    if len(items) > len(listed):
        listed.append(t("describe.more", lang, n=len(items) - len(listed)))
    parts = [t("describe.ranking", lang, title=title, n=len(ranked), items=", ".join(listed)) if listed
             else f"{title}."]
    for reason in dict.fromkeys(r for r in reasons if r):
        rows = frame[reasons == reason]
        values = [f"{_name(r.country_iso3, names)} {fmt_number(r.value, lang, unit)}" for r in rows.itertuples()]
        parts.append(t("describe.not_ranked", lang, reason=t(f"flag.{reason}", lang), items=_items(values, lang)))
    return _sentences(parts)


def world_map(frame: pd.DataFrame, names: dict[str, str], unit: str, lang: str, title: str,
              year_flags: Iterable[object] = ()) -> str:
    """A choropleth of every economy with data in one year (``figures.world_map``): what the colours mean,
    the highest and lowest values and Korea's rank among them. ``year_flags`` are the flags of the same
    year's values in the explorer's series (the map's own rows carry none): a year flagged part-period or
    incomplete-coverage is named, and nothing is ranked."""
    if frame.empty:
        return t("empty.no_data", lang)
    parts = [t("describe.map", lang, title=title, n=len(frame))]
    reason = next((r for r in map(value_flags.incomplete_reason, year_flags) if r), None)
    rows = frame.sort_values("value", ascending=False)
    korea = rows[rows["country_iso3"] == KOREA]
    if reason:
        parts.append(t("describe.map_flagged", lang, reason=t(f"flag.{reason}", lang)))
        if not korea.empty:
            parts.append(f"{_name(KOREA, names)}: {fmt_number(korea['value'].iloc[0], lang, unit)}.")
        return _sentences(parts)

    def listing(part: pd.DataFrame) -> str:
        return ", ".join(f"{_name(r.country_iso3, names)} {fmt_number(r.value, lang, unit)}" for r in part.itertuples())

    parts.append(t("describe.map_top", lang, top=listing(rows.head(3)), bottom=listing(rows.tail(1))))
    if not korea.empty:
        value = float(korea["value"].iloc[0])
        rank = int((rows["value"] > value).sum()) + 1
        parts.append(t("describe.map_rank", lang, country=topic(_name(KOREA, names), lang),
                       value=fmt_number(value, lang, unit), rank=ordinal(rank, lang), n=len(rows)))
    return _sentences(parts)


# --- categories: profile, grouped and stacked bars --------------------------------------------------------------

def _groups(frame: pd.DataFrame, category: str, names: dict[str, str], unit: str, lang: str,
            place: bool = True) -> list[str]:
    """Per category (in the chart's order), its values largest first, and Korea's place among them."""
    parts = []
    for group, rows in frame.groupby(category, sort=False):
        rows = rows.sort_values("value", ascending=False)
        items = [f"{_name(r.country_iso3, names)} {fmt_number(r.value, lang, unit)}" for r in rows.itertuples()]
        text = f"{group}: {_items(items, lang)}"
        korea = rows[rows["country_iso3"] == KOREA]
        if place and not korea.empty and len(rows) > 1:
            rank = int((rows["value"] > korea["value"].iloc[0]).sum()) + 1
            text += " " + t("describe.place", lang, country=_name(KOREA, names), rank=ordinal(rank, lang), n=len(rows))
        parts.append(text + ".")
    return parts


def category_bars(frame: pd.DataFrame, category: str, names: dict[str, str], unit: str, lang: str,
                  title: str, y_title: str | None = None) -> str:
    """Bars per category, one colour per country (``figures.category_bars``)."""
    if frame.empty:
        return t("empty.no_data", lang)
    label = unit if y_title is None else y_title
    head = title + "." + (" " + t("describe.values_in", lang, label=label) if label and label != "%" else "")
    return _sentences([head, *_groups(frame, category, names, unit, lang)])


def stacked_shares(frame: pd.DataFrame, category: str, names: dict[str, str], lang: str, title: str) -> str:
    """Stacked bars of shares adding up to 100% per category (a ``figures.category_bars`` stacked)."""
    if frame.empty:
        return t("empty.no_data", lang)
    return _sentences([title + ".", t("describe.stacked", lang), *_groups(frame, category, names, "%", lang, False)])


def profile(frame: pd.DataFrame, names: dict[str, str], lang: str, title: str) -> str:
    """Percentile per pillar for a few economies (``figures.profile``)."""
    if frame.empty:
        return t("empty.no_data", lang)
    plotted = frame.rename(columns={"percentile": "value"})
    return _sentences([t("describe.profile", lang, title=title), *_groups(plotted, "pillar", names, "", lang)])


# --- other kinds: monthly lines, models, events ---------------------------------------------------------------

def monthly_lines(frame: pd.DataFrame, labels: dict[str, str], lang: str, title: str) -> str:
    """Monthly series, one line per indicator (``figures.monthly_lines``): each one's latest month, change on
    a year earlier and peak."""
    if frame.empty:
        return t("empty.no_data", lang)
    periods = pd.to_datetime(frame["period"])
    parts = [t("describe.monthly", lang, title=title, start=_month(periods.min()), end=_month(periods.max()))]
    for indicator, rows in frame.assign(period=periods).groupby("indicator_id", sort=False):
        rows = rows.sort_values("period")
        last, peak = rows.iloc[-1], rows.loc[rows["value"].idxmax()]
        text = t("describe.month_item", lang, label=labels.get(indicator, indicator),
                 value=fmt_number(last["value"], lang, "USD"), month=_month(last["period"]))
        before = rows[rows["period"] == last["period"] - pd.DateOffset(years=1)]
        if not before.empty and before["value"].iloc[0]:
            change = (last["value"] / before["value"].iloc[0] - 1) * 100
            text += ", " + t("describe.yoy", lang, change=("+" if change > 0 else "") + fmt_number(change, lang, "%"))
        text += "; " + t("describe.peak", lang, value=fmt_number(peak["value"], lang, "USD"),
                         month=_month(peak["period"]))
        parts.append(text + ".")
    if frame["indicator_id"].str.contains("10day").any():
        parts.append(t("describe.provisional", lang))
    return _sentences(parts)


def compute_frontier(frame: pd.DataFrame, names: dict[str, str], lang: str, title: str,
                     y_title: str = "FLOP", y_format: str = ".2e") -> str:
    """Models over time on a log scale, Korea's highlighted (``figures.compute_frontier``; the Korean
    catalogue's parameter counts too): the largest model overall, Korea's largest and latest."""
    if frame.empty:
        return t("empty.no_data", lang)
    value = "training_compute_flop"

    def fmt(v: float) -> str:
        return f"{v:{y_format}} FLOP" if y_title == "FLOP" else fmt_number(v, lang)

    def model(row: pd.Series) -> dict[str, str]:
        return {"model": str(row["model"]), "org": str(row["organization"] if pd.notna(row["organization"]) else "–"),
                "date": _date(row["published"]), "value": fmt(float(row[value]))}

    years = pd.to_datetime(frame["published"]).dt.year
    korea = frame[frame["country_iso3"] == KOREA]
    label = y_title if lang == "ko" or y_title.isupper() else y_title[:1].lower() + y_title[1:]
    span = {"title": title, "n": len(frame), "start": int(years.min()), "end": int(years.max()), "label": label}
    catalogue = len(korea) == len(frame)  # the Korean catalogue: every model is Korean
    if catalogue:
        parts = [t("describe.catalogue", lang, **span)]
    else:
        parts = [t("describe.frontier", lang, **span, k=len(korea), korea=_name(KOREA, names))]
    parts.append(t("describe.largest", lang, **model(frame.loc[frame[value].idxmax()])))
    if not korea.empty:
        largest, latest = korea.loc[korea[value].idxmax()], korea.sort_values("published").iloc[-1]
        if not catalogue:
            parts.append(t("describe.largest_korea", lang, korea=_name(KOREA, names), **model(largest)))
        if latest["model"] != largest["model"]:
            parts.append(t("describe.latest_model", lang, **model(latest)))
    return _sentences(parts)



def leaderboard(frame: pd.DataFrame, drawn: pd.DataFrame, labels: dict[str, str], unit: str, lang: str,
                title: str) -> str:
    """A benchmark's leaderboard (``figures.leaderboard``): how many models of each group and kind of
    evaluation, the best overall, the best Korean and the best global with their ranks and the gap, and the
    bars drawn best first."""
    if frame.empty:
        return t("empty.no_data", lang)
    groups = frame["group"].value_counts()
    kinds = frame["reported_by"].value_counts()
    parts = [t("describe.board", lang, title=title, n=len(frame), korean=int(groups.get("korean", 0)),
               global_=int(groups.get("global", 0)), unknown=int(groups.get("unknown", 0)),
               independent=int(kinds.get("independent", 0)), vendor=int(kinds.get("vendor", 0)), unit=unit)]

    def row(r: pd.Series) -> dict[str, str]:
        return {"model": str(r["model"]), "score": fmt_number(r["score"], lang), "rank": ordinal(int(r["rank"]), lang),
                "by": labels[r["reported_by"]], "group": labels[r["group"]], "n": str(len(frame))}

    parts.append(t("describe.board_best", lang, **row(frame.iloc[0])))
    best = {g: frame[frame["group"] == g].head(1) for g in ("korean", "global")}
    for group in ("korean", "global"):
        if not best[group].empty and best[group].index[0] != frame.index[0]:
            parts.append(t(f"describe.board_best_{group}", lang, **row(best[group].iloc[0])))
    if not best["korean"].empty and not best["global"].empty:
        gap = float(best["korean"]["score"].iloc[0] - best["global"]["score"].iloc[0])
        parts.append(t("describe.board_gap", lang, gap=fmt_number(gap, lang)))
    items = [f"{int(r['rank'])}. {r['model']} {fmt_number(r['score'], lang)} "
             f"({labels[r['group']]}, {labels[r['reported_by']]})" for _, r in drawn.iterrows()]
    parts.append(t("describe.board_bars", lang, n=len(drawn), items=_items(items, lang)))
    return _sentences(parts)


def frontier_gap(frame: pd.DataFrame, steps: pd.DataFrame, labels: dict[str, str], unit: str, lang: str,
                 title: str) -> str:
    """The best Korean and best global score released so far (``figures.frontier_gap``): how many scores have a
    release date, the first and the latest gap, and the largest lead either side had."""
    if frame.empty:
        return t("empty.no_data", lang)
    dated = frame[frame["release"].notna() & frame["group"].isin(["korean", "global"])]
    if dated.empty or steps.empty:
        return t("describe.gap_undated", lang, title=title, n=len(frame))
    release = pd.to_datetime(dated["release"])
    parts = [t("describe.gap", lang, title=title, n=len(dated), total=len(frame), start=_date(release.min()),
               end=_date(release.max()), unit=unit)]
    both = steps.dropna(subset=["gap"])
    if both.empty:
        parts.append(t("describe.gap_one_side", lang))
        return _sentences(parts)

    def step(r: pd.Series) -> dict[str, str]:
        return {"date": _date(r["date"]), "korean": str(r["korean_model"]), "k": fmt_number(r["korean_best"], lang),
                "global_": str(r["global_model"]), "g": fmt_number(r["global_best"], lang),
                "gap": fmt_number(r["gap"], lang)}

    first, last = both.iloc[0], both.iloc[-1]
    if len(both) > 1:
        parts.append(t("describe.gap_first", lang, **step(first)))
    parts.append(t("describe.gap_latest", lang, **step(last)))
    if "korean_reporter" in both and last["korean_reporter"] != last["global_reporter"]:
        parts.append(t("describe.gap_reporters", lang, korean=str(last["korean_reporter"]),
                       global_=str(last["global_reporter"])))
    return _sentences(parts)

def event_titles(events: pd.DataFrame, lang: str) -> list[str]:
    """Each event's title in ``lang``: on Korean pages its Korean title (``title_ko``), else the English one
    marked as such (``policy.title_en``); English pages show the English title."""
    if lang != "ko" or "title_ko" not in events.columns:
        return [str(title) for title in events["title"]]
    return [str(ko) if isinstance(ko, str) and ko.strip() else t("policy.title_en", lang, title=title)
            for title, ko in zip(events["title"], events["title_ko"], strict=True)]


def timeline(events: pd.DataFrame, names: dict[str, str], lang: str, title: str) -> str:
    """Policy events by date and country, shaped by category (``figures.timeline``)."""
    if events.empty:
        return t("empty.no_data", lang)
    by_country = events["country_iso3"].value_counts(sort=True)
    by_category = events["category"].value_counts(sort=True)
    last = events.sort_values("date").iloc[[-1]]
    latest = last.iloc[0]
    return _sentences([
        t("describe.timeline", lang, title=title, n=len(events), start=_date(events["date"].min()),
          end=_date(events["date"].max())),
        t("describe.by_country", lang, items=_items([f"{_name(c, names)} {n}" for c, n in by_country.items()], lang)),
        t("describe.by_category", lang,
          items=", ".join(f"{category_name(c, lang)} {n}" for c, n in by_category.items())),
        t("describe.latest_event", lang, date=_date(latest["date"]), country=_name(latest["country_iso3"], names),
          title=event_titles(last, lang)[0], category=category_name(latest["category"], lang)),
    ])


def crossing_odds(frame: pd.DataFrame, labels: dict[str, str], lang: str, title: str) -> str:
    """Catch-up odds by year (``figures.crossing_odds``): each line's probability year by year, and the first
    year the probability of having crossed reaches one half (or that it stays below)."""
    if frame.empty:
        return t("empty.no_data", lang)
    parts = [t("describe.odds", lang, title=title, start=int(frame["year"].min()), end=int(frame["year"].max()))]
    for column in ("by", "in"):
        items = [t("describe.odds_item", lang, year=int(y), p=f"{p:.0%}") for y, p in zip(frame["year"], frame[column],
                                                                                         strict=True)]
        parts.append(f"{labels[column]}: {', '.join(items)}.")
    half = frame[frame["by"] >= 0.5]
    parts.append(t("describe.odds_half", lang, year=int(half["year"].iloc[0])) if not half.empty
                 else t("describe.odds_below", lang, end=int(frame["year"].max())))
    return _sentences(parts)


def scenario(history: pd.DataFrame, forecast: pd.DataFrame, path: pd.DataFrame, standings: pd.DataFrame,
             names: dict[str, str], unit: str, lang: str, title: str, target: float | None = None) -> str:
    """A growth scenario (``figures.scenario``): Korea's latest value, the path's end, the target level, the
    forecast's end, and the highest other values in the target year."""
    if history.empty or path.empty:
        return t("empty.no_data", lang)
    start, end = path.iloc[0], path.iloc[-1]
    parts = [t("describe.scenario", lang, title=title, country=_name(KOREA, names), year=int(start["year"]),
               value=fmt_number(start["value"], lang, unit), end=int(end["year"]),
               target=fmt_number(end["value"], lang, unit))]
    if target is not None:
        parts.append(t("describe.scenario_target", lang, value=fmt_number(target, lang, unit)))
    if not forecast.empty:
        last = forecast.sort_values("year").iloc[-1]
        parts.append(t("describe.scenario_forecast", lang, year=int(last["year"]),
                       value=fmt_number(last["mean"], lang, unit), lo=fmt_number(last["lo80"], lang, unit),
                       hi=fmt_number(last["hi80"], lang, unit)))
    top = standings.head(10)
    if not top.empty:
        items = [f"{_name(r.country_iso3, names)} {fmt_number(r.value, lang, unit)}" for r in top.itertuples()]
        parts.append(t("describe.scenario_others", lang, year=int(end["year"]), items=_items(items, lang)))
    return _sentences(parts)


def company_shares(frame: pd.DataFrame, segments: dict[str, str], names: dict[str, str], korean: set[str],
                   lang: str, title: str) -> str:
    """Market shares of companies per quarter, one panel per segment (``figures.company_shares``): per segment
    the quarters quoted, the latest quarter's shares largest first, the Korean firms' sum when all of them are
    quoted, and each Korean firm's first and latest share."""
    if frame.empty:
        return t("empty.no_data", lang)
    parts = [title + "."]
    for segment in [s for s in segments if s in set(frame["segment"])]:
        rows = frame[frame["segment"] == segment]
        quarters = list(dict.fromkeys(rows["period_label"]))
        latest = rows[rows["period_label"] == quarters[-1]].sort_values("share_pct", ascending=False)
        items = [f"{_name(r.company, names)} {fmt_number(r.share_pct, lang, '%')}" for r in latest.itertuples()]
        text = t("describe.makers_segment", lang, segment=segments[segment], n=len(quarters), start=quarters[0],
                 end=quarters[-1], quarter=quarters[-1], items=_items(items, lang))
        firms = [c for c in dict.fromkeys(rows["company"]) if c in korean]
        if firms and set(firms) <= set(latest["company"]):
            total = latest[latest["company"].isin(firms)]["share_pct"].sum()
            text += " " + t("describe.makers_korea", lang, value=fmt_number(total, lang, "%"))
        for firm in firms:
            own = rows[rows["company"] == firm]
            first, last = own.iloc[0], own.iloc[-1]
            if first["period_label"] != last["period_label"]:
                text += " " + t("describe.makers_path", lang, company=_name(firm, names),
                                start=fmt_number(first["share_pct"], lang, "%"), q0=first["period_label"],
                                end=fmt_number(last["share_pct"], lang, "%"), q1=last["period_label"])
        parts.append(text)
    return _sentences(parts)


def rank_bands(frame: pd.DataFrame, names: dict[str, str], lang: str, title: str) -> str:
    """The ranking with uncertainty (``figures.rank_bands``): ranked countries best first with their 90%
    bands, Korea's rank and band in a sentence of its own, and the countries not ranked (too few pillars)."""
    ranked = frame[frame["rank"].notna()].sort_values(["rank", "country_iso3"])
    if ranked.empty:
        return t("empty.no_data", lang)
    items = [t("describe.band_item", lang, rank=ordinal(int(r.rank), lang), country=_name(r.country_iso3, names),
               lo=ordinal(int(r.rank_lo), lang), hi=ordinal(int(r.rank_hi), lang)) for r in ranked.itertuples()]
    parts = [t("describe.bands", lang, title=title, n=len(ranked), items=_items(items, lang))]
    korea = ranked[ranked["country_iso3"] == KOREA]
    if not korea.empty:
        r = korea.iloc[0]
        parts.append(t("describe.band_korea", lang, country=topic(_name(KOREA, names), lang),
                       rank=ordinal(int(r["rank"]), lang), n=len(ranked),
                       median=ordinal(int(round(r["median_rank"])), lang),
                       lo=ordinal(int(r["rank_lo"]), lang), hi=ordinal(int(r["rank_hi"]), lang)))
    left = frame[frame["rank"].isna()]
    if not left.empty:
        parts.append(t("describe.band_unranked", lang, items=_items([_name(c, names) for c in left["country_iso3"]],
                                                                     lang)))
    return _sentences(parts)


def index_filled(imputed: str, lang: str) -> str:
    """The filled cells of an index row (``composite.index_table``'s ``imputed``, e.g.
    ``ic_share:carried@2023,vc_gdp:forecast``) in words: short indicator name and how it was filled."""
    parts = []
    for item in filter(None, imputed.split(",")):
        key, _, rest = item.partition(":")
        origin, _, when = rest.partition("@")
        name = BY_KEY[key].label(lang, short=True) if key in BY_KEY else key
        parts.append(f"{name}: {t(f'index.origin.{origin}', lang, year=when)}")
    return "; ".join(parts)
