"""What changed (warehouse.changes): a real OECD MSTI payload is loaded, then a copy of it with a few values
revised (the copy in tmp, never in the repo); the newer version lists exactly those revisions, with Korea's
rank before and after as the published files' own values give it; unknown versions are refused by name."""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from kaim.cli import main
from kaim.settings import Settings, load_settings
from warehouse import changes

SOURCE = "oecd_msti"
#: (file, indicator, country, year, new value as written in the revised copy). Korea's 2024 GERD rises above
#: every other economy's, so its rank moves.
REVISIONS = [("G_XGDP_V8.xml", "oecd_msti:G_XGDP", "KOR", 2024, "7.25"),
             ("G_XGDP_V8.xml", "oecd_msti:G_XGDP", "USA", 2023, "3.9"),
             ("B_XGDP_V8.xml", "oecd_msti:B_XGDP", "DEU", 1983, "1.75")]


@dataclass
class Revised:
    settings: Settings
    #: (indicator, country, year) -> (old, new), read from the files themselves.
    expected: dict[tuple[str, str, int], tuple[float, float]]


def revise(text: str, variable: str, country: str, year: int, new: str) -> tuple[str, float]:
    """``text`` with one SDMX observation's value replaced by ``new``, and the value it had."""
    pattern = re.compile(rf'(LOCATION="{country}" VAR="{variable}">(?:(?!</ns1:Series>).)*?'
                         rf'TIME_PERIOD="{year}" OBS_VALUE=")([^"]+)"')
    found = pattern.search(text)
    assert found, (variable, country, year)
    return text[:found.start(2)] + new + text[found.end(2):], float(found.group(2))


def collect_revised(home: Path, mirror: Path, data_dir: Path) -> Revised:
    """Collect the real OECD MSTI payloads, then a copy with ``REVISIONS`` applied; each collect publishes."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("KAIM_HOME", str(home))
        assert main(["collect", SOURCE, "--mirror", str(data_dir)]) == 0
        shutil.copytree(data_dir / SOURCE, mirror / SOURCE, ignore=shutil.ignore_patterns("*.md"))
        expected = {}
        for file_name, indicator, country, year, new in REVISIONS:
            target = mirror / SOURCE / file_name
            target.chmod(0o644)
            text, old = revise(target.read_text(encoding="utf-8"), indicator.split(":")[1], country, year, new)
            target.write_text(text, encoding="utf-8")
            expected[(indicator, country, year)] = (old, float(new))
        assert main(["collect", SOURCE, "--mirror", str(mirror)]) == 0
        return Revised(load_settings(), expected)


@pytest.fixture(scope="module")
def revised(tmp_path_factory, data_dir) -> Revised:
    root = tmp_path_factory.mktemp("changes")
    return collect_revised(root / "home", root / "mirror", data_dir)


def history(settings: Settings, **kwargs) -> list[changes.VersionChanges]:
    kept = changes.versions(settings.warehouse)
    with duckdb.connect(str(settings.warehouse.published_dir / kept[0].name), read_only=True) as con:
        return changes.history(changes.connection_runner(con), kept, **kwargs)


def test_the_revised_copy_lists_exactly_the_revised_values(revised):
    newest, first = history(revised.settings)
    found = {(r.indicator_id, r.country_iso3, r.period.year): (r.old_value, r.new_value) for r in newest.revisions}
    assert found == revised.expected
    assert newest.n_revised == len(REVISIONS) and newest.added == () and newest.n_new == newest.n_removed == 0
    assert [(s.source_id, s.status, s.payloads_new) for s in newest.sources] == [(SOURCE, "ok", 2)]
    assert newest.previous == first.version and not newest.baseline
    assert newest.revisions[0].country_iso3 == "KOR"  # Korea's first


def test_the_first_version_is_a_baseline_of_every_value_loaded(revised):
    first = history(revised.settings)[-1]
    with duckdb.connect(str(revised.settings.warehouse.published_dir / first.version.name), read_only=True) as con:
        (loaded,) = con.execute("SELECT count(*) FROM observations").fetchone()
        indicators = {i for (i,) in con.execute("SELECT DISTINCT indicator_id FROM observations").fetchall()}
    assert first.baseline and first.n_revised == 0 and first.n_removed == 0
    assert first.n_new == loaded and {a.indicator_id for a in first.added} == indicators
    assert all(a.new_periods for a in first.added)  # nothing was there before: every period is new


def korea_rank(path: Path, indicator: str) -> tuple[int, int, int]:
    """(rank, economies, year) of Korea in its latest year, from a published file's observations (pandas)."""
    with duckdb.connect(str(path), read_only=True) as con:
        frame = con.execute("SELECT o.country_iso3, o.year, o.value, o.flags FROM observations AS o JOIN countries "
                            "AS c ON c.iso3 = o.country_iso3 WHERE o.indicator_id = ? AND o.freq = 'A' "
                            "AND NOT c.is_aggregate", [indicator]).df()
    frame = frame[~frame["flags"].fillna("").str.contains("part-period|incomplete-coverage")]
    year = int(frame.loc[frame["country_iso3"] == "KOR", "year"].max())
    that_year = frame[frame["year"] == year]
    korea = float(that_year.loc[that_year["country_iso3"] == "KOR", "value"].iloc[0])
    return int((that_year["value"] > korea).sum()) + 1, len(that_year), year


def test_korea_rank_before_and_after_as_the_published_files_give_it(revised):
    newest, first = history(revised.settings)
    published = revised.settings.warehouse.published_dir
    ranks = {r.indicator_id: r for r in newest.ranks}
    assert set(ranks) == {indicator for _, indicator, *_ in REVISIONS}
    for indicator, change in ranks.items():
        assert (change.before.rank, change.before.economies, change.before.year) == korea_rank(
            published / first.version.name, indicator)
        assert (change.after.rank, change.after.economies, change.after.year) == korea_rank(
            published / newest.version.name, indicator)
    assert ranks["oecd_msti:G_XGDP"].after.rank == 1 and not ranks["oecd_msti:G_XGDP"].unchanged


def test_since_and_unknown_versions(revised):
    kept = changes.versions(revised.settings.warehouse)
    assert [v.published for v in kept] == sorted((v.published for v in kept), reverse=True) and len(kept) == 2
    assert changes.resolve(kept, kept[1].id) == kept[1] == changes.resolve(kept, kept[1].name)
    after = history(revised.settings, since=kept[1])
    assert [vc.version for vc in after] == [kept[0]]
    assert history(revised.settings, since=kept[0]) == []
    with pytest.raises(changes.UnknownVersion, match="unknown version '20200101T000000000000Z'"):
        changes.resolve(kept, "20200101T000000000000Z")


def test_the_view_holds_every_vintage_difference_and_is_documented(revised):
    kept = changes.versions(revised.settings.warehouse)
    with duckdb.connect(str(revised.settings.warehouse.published_dir / kept[0].name), read_only=True) as con:
        revised_rows = con.execute("SELECT indicator_id, country_iso3, year, old_value, new_value "
                                   "FROM observation_changes WHERE previous_vintage IS NOT NULL").df()
        undocumented = con.execute("SELECT column_name FROM duckdb_columns() WHERE table_name = "
                                   "'observation_changes' AND comment IS NULL").fetchall()
    found = {(r.indicator_id, r.country_iso3, r.year): (r.old_value, r.new_value) for r in revised_rows.itertuples()}
    assert found == revised.expected and undocumented == []
    assert pd.notna(revised_rows["old_value"]).all()


NEW_KOREA_2025 = '<ns1:Series LOCATION="KOR" VAR="TP_RS"><ns1:Obs TIME_PERIOD="2024" OBS_VALUE="503345.868" />'
GONE_USA_1981 = '<ns1:Obs TIME_PERIOD="1981" OBS_VALUE="2.268446209" OBS_STATUS="D" />'


def edit(mirror: Path, file_name: str, old: str, new: str) -> None:
    target = mirror / SOURCE / file_name
    target.chmod(0o644)
    text = target.read_text(encoding="utf-8")
    assert text.count(old) == 1, (file_name, old)
    target.write_text(text.replace(old, new), encoding="utf-8")


def test_new_periods_removed_values_and_a_failed_source(tmp_path, data_dir, monkeypatch):
    """A copy adds Korea's 2025 researchers (a period the indicator had for no country) and drops the United
    States' 1981 GERD; a later copy with a renamed attribute fails, and its version says so."""
    monkeypatch.setenv("KAIM_HOME", str(tmp_path / "home"))
    assert main(["collect", SOURCE, "--mirror", str(data_dir)]) == 0
    mirror = tmp_path / "mirror"
    shutil.copytree(data_dir / SOURCE, mirror / SOURCE, ignore=shutil.ignore_patterns("*.md"))
    edit(mirror, "TP_RS_V8.xml", NEW_KOREA_2025, NEW_KOREA_2025 + '<ns1:Obs TIME_PERIOD="2025" OBS_VALUE="510000" />')
    edit(mirror, "G_XGDP_V8.xml", '<ns1:Series LOCATION="USA" VAR="G_XGDP">' + GONE_USA_1981,
         '<ns1:Series LOCATION="USA" VAR="G_XGDP">')
    assert main(["collect", SOURCE, "--mirror", str(mirror)]) == 0
    edit(mirror, "TP_RS_V8.xml", 'TIME_PERIOD="2025" OBS_VALUE="510000"', 'TIME_PERIOD="2025" OBS_VALU="510000"')
    assert main(["collect", SOURCE, "--mirror", str(mirror)]) == 1
    settings = load_settings()
    failed, added, _first = history(settings)

    assert failed.empty and [(s.source_id, s.status) for s in failed.sources] == [(SOURCE, "failed")]
    assert "TP_RS_V8.xml" in failed.failed[0].message

    assert added.revisions == () and added.n_revised == 0
    assert {(a.indicator_id, a.change, a.values, a.new_periods, a.countries) for a in added.added} == {
        ("oecd_msti:TP_RS", "new", 1, (pd.Timestamp("2025-01-01").date(),), ("KOR",)),
        ("oecd_msti:G_XGDP", "removed", 1, (), ("USA",))}
    ranks = {r.indicator_id: r for r in added.ranks}
    published = settings.warehouse.published_dir
    after = korea_rank(published / added.version.name, "oecd_msti:TP_RS")
    assert (ranks["oecd_msti:TP_RS"].after.rank, ranks["oecd_msti:TP_RS"].after.economies,
            ranks["oecd_msti:TP_RS"].after.year) == after and after[2] == 2025
