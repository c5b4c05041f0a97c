"""Korean titles of the policy events (issue 15), on the real files: every event of events.csv gets its title
from events_ko.csv, matched on date, country and English title; an event without one, or a Korean row of no
event, is reported in the run, never silently; a changed Korean file parses the events again."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime

import duckdb
import pytest

from collectors.base import Payload
from collectors.registry import registry
from collectors.runner import check
from collectors.sources.policy import parse
from kaim.cli import main


@pytest.fixture(scope="module")
def files(data_dir):
    folder = data_dir / "policy"
    return (folder / "events.csv").read_bytes(), (folder / "events_ko.csv").read_bytes()


def rows(content: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(content.decode("utf-8"))))


def parsed(events: bytes, korean: bytes):
    return parse("events.csv", events, {"titles_ko": ("events_ko.csv", korean)})


def test_every_event_has_its_korean_title(files):
    events, korean = files
    frame = parsed(events, korean).tables["policy_events"]
    assert len(frame) == len(rows(events)) and frame["title_ko"].notna().sum() == len(rows(events))
    # one event checked against its row of events_ko.csv, read here independently
    row = next(r for r in rows(korean) if r["country_iso3"] == "KOR" and "Basic Act" in r["title"])
    got = frame[(frame["title"] == row["title"]) & (frame["country_code"] == "KOR")]["title_ko"].tolist()
    assert got == [row["title_ko"]] and any("\uac00" <= ch <= "\ud7a3" for ch in got[0])


def test_unmatched_rows_are_reported_either_way(files):
    events, korean = files
    lines = korean.decode("utf-8").splitlines(keepends=True)
    missing = "".join(lines[:1] + lines[2:]).encode()  # the first event loses its Korean title
    extra = korean + b"2030-01-01,KOR,No such event,\xec\x97\x86\xec\x9d\x8c\n"  # a Korean row of no event
    one = parsed(events, missing)
    assert one.tables["policy_events"]["title_ko"].isna().sum() == 1
    assert any("1 event(s) without a Korean title" in n and rows(korean)[0]["title"] in n for n in one.notes)
    other = parsed(events, extra)
    assert other.dropped == {"Korean title in events_ko.csv of no event in events.csv": 1}
    assert any("No such event" in n for n in other.notes)
    assert parse("events.csv", events).tables["policy_events"]["title_ko"].isna().all()  # no Korean file: noted


def test_korean_file_alone_is_checked_and_loads_nothing(files):
    payload = Payload("policy", "titles_ko", "events_ko.csv", files[1], "file:///", datetime.now(UTC))
    checked = check(registry()["policy"], payload)
    assert checked.frames == {} and checked.notes == [f"events_ko.csv: {len(rows(files[1]))} Korean titles, loaded "
                                                      "with the events"]


def test_a_changed_korean_file_parses_the_events_again(tmp_path, monkeypatch, mirror):
    monkeypatch.setenv("KAIM_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("KAIM_FORECAST_AFTER_COLLECT", "0")
    assert main(["collect", "policy", "--mirror", str(mirror)]) == 0
    korean = mirror / "policy" / "events_ko.csv"
    korean.write_bytes(korean.read_bytes().replace("인공지능 기본법".encode(), "AI 기본법".encode(), 1))
    assert main(["collect", "policy", "--mirror", str(mirror)]) == 0
    published = sorted((tmp_path / "home" / "published").glob("*.duckdb"))[-1]
    with duckdb.connect(str(published), read_only=True) as con:
        assert con.execute("SELECT count(*), count(title_ko) FROM policy_events").fetchone() == (80, 80)
        assert con.execute("SELECT count(*) FROM policy_events WHERE title_ko LIKE 'AI 기본법%'").fetchone()[0] >= 1
