"""Every callback checks what a client sends against the declared choices before touching a cache,
a query or a file (issue 11: briefing path traversal, unescaped language, floods of country codes,
workbooks and tables built from a client's own CSV)."""

from __future__ import annotations

import base64
import json
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

BRIEFING = '{"format":["ALL"],"type":"briefing"}'
FORMATS = [{"type": "briefing", "format": f} for f in ("pdf", "html", "xlsx")]
EXPLORER = {"explorer-indicator": "oecd_msti:G_XGDP", "explorer-countries": ["KOR", "USA"],
            "explorer-years": [2000, 2024], "explorer-norm": "abs", "explorer-year": 2022}


def briefing(visitor, fmt_index: int, preset: str, lang: str, ids=FORMATS):
    clicks = [1 if i == fmt_index else 0 for i in range(len(ids))]
    return visitor.post("briefing-download.data", {BRIEFING: clicks},
                        {"overview-preset": preset, "lang": lang}, ids={BRIEFING: ids}, timeout=120)


@pytest.mark.parametrize(("preset", "lang", "ids", "refused"), [
    ("/../../../../tmp/kaim-evil/evil", "en", FORMATS, "preset"),
    ("focus", "en' onload='alert(1)", FORMATS, "lang"),
    ("focus", "en", [{"type": "briefing", "format": "../../../tmp/kaim-evil/x"}] * 3, "format"),
])
def test_a_briefing_from_values_outside_the_choices_is_refused_and_writes_nothing(visitor, preset, lang, ids,
                                                                                  refused):
    answer = briefing(visitor, 1, preset, lang, ids)
    assert answer.status_code == 400 and answer.text.startswith(f"refused: {refused}:")
    assert not Path("/tmp/kaim-evil").exists()


def test_a_briefing_is_built_once_per_version_preset_and_language(visitor, server):
    first = briefing(visitor, 1, "g7", "en")
    assert first.status_code == 200, first.text[:300]
    download = first.json()["response"]["briefing-download"]["data"]
    assert download["filename"].startswith("kaim_briefing_KOR_g7_en_") and download["filename"].endswith(".html")
    again = briefing(visitor, 1, "g7", "en").json()["response"]["briefing-download"]["data"]
    assert again["content"] == download["content"]  # the same file, from the cache


@pytest.mark.parametrize(("values", "refused"), [
    ({"explorer-countries": [f"Z{i:05d}" for i in range(100_000)]}, "countries"),
    ({"explorer-countries": ["KOR", "ZZZ"]}, "countries"),
    ({"explorer-indicator": "oecd_msti:G_XGDP' OR 1=1 --"}, "indicator"),
    ({"explorer-years": [-(10**15), 10**15]}, "years"),
    ({"explorer-norm": "<img src=x onerror=alert(1)>"}, "normalisation"),
    ({"explorer-year": "2022; DROP"}, "year"),
])
def test_explorer_values_outside_the_choices_are_refused(visitor, values, refused):
    answer = visitor.post("explorer-note.children", {**EXPLORER, **values}, {"explorer-page": "rd", "lang": "en"})
    assert answer.status_code == 400 and answer.text.startswith(f"refused: {refused}")


def test_the_explorer_answers_known_values(visitor):
    answer = visitor.post("explorer-note.children", EXPLORER, {"explorer-page": "rd", "lang": "en"})
    assert answer.status_code == 200
    assert "GERD" in json.dumps(answer.json()["response"]["explorer-note"]) or answer.json()["response"]


@pytest.mark.parametrize("page", ["../../etc", "sql"])
def test_an_unknown_explorer_page_is_refused(visitor, page):
    answer = visitor.post("explorer-note.children", EXPLORER, {"explorer-page": page, "lang": "en"})
    assert answer.status_code == 400 and answer.text.startswith("refused: page")


def card_store(visitor) -> dict:
    """A real card store, as the server sent it with the explorer's trend chart."""
    answer = visitor.post("explorer-note.children", EXPLORER, {"explorer-page": "rd", "lang": "en"})
    return answer.json()["response"][json.dumps({"card": "trend", "type": "card-store"}, separators=(",", ":"))][
        "data"]


TREND = {"card": "trend", "type": "card-store"}
XLSX_OUT = '{"card":["MATCH"],"type":"card-download-xlsx"}.data'


def xlsx(visitor, stored):
    match = {'{"card":["MATCH"],"type":"card-download-xlsx"}': {"card": "trend", "type": "card-download-xlsx"},
             '{"card":["MATCH"],"type":"card-xlsx"}': {"card": "trend", "type": "card-xlsx"},
             '{"card":["MATCH"],"type":"card-store"}': TREND}
    return visitor.post(XLSX_OUT, {'{"card":["MATCH"],"type":"card-xlsx"}': 1},
                        {'{"card":["MATCH"],"type":"card-store"}': stored}, ids=match)


def test_a_workbook_is_built_only_from_rows_the_server_sent(visitor):
    stored = card_store(visitor)
    assert xlsx(visitor, stored).status_code == 200
    forged = {**stored, "csv": "country_iso3,year,value\n" + "KOR,2024,1\n" * 50_000}
    answer = xlsx(visitor, forged)
    assert answer.status_code == 400 and "signature does not match" in answer.text
    unsigned = {k: v for k, v in stored.items() if k != "sig"}
    assert xlsx(visitor, unsigned).status_code == 400


def test_a_million_row_csv_is_refused_before_it_is_read(visitor):
    stored = card_store(visitor)
    huge = {**stored, "csv": "country_iso3,year,value\n" + "KOR,2024,1\n" * 1_000_000}  # 11 MB
    assert xlsx(visitor, huge).status_code == 413


def test_the_table_view_is_built_only_from_rows_the_server_sent(visitor):
    match = {'{"card":["MATCH"],"type":"card-table"}': {"card": "trend", "type": "card-table"},
             '{"card":["MATCH"],"type":"card-table-rows"}': {"card": "trend", "type": "card-table-rows"}}
    stored = card_store(visitor)
    good = visitor.post('{"card":["MATCH"],"type":"card-table"}.children',
                        {'{"card":["MATCH"],"type":"card-table-rows"}': stored}, ids=match)
    assert good.status_code == 200 and "Korea" in good.text
    forged = {**stored, "table": "<script>alert(1)</script>\n" * 1000}
    answer = visitor.post('{"card":["MATCH"],"type":"card-table"}.children',
                          {'{"card":["MATCH"],"type":"card-table-rows"}': forged}, ids=match)
    assert answer.status_code == 400


def test_pdf_renders_beyond_the_render_slots_are_told_to_wait(visitor):
    """Issue 11: 5 PDF briefings at once meant 44 Chromium processes. With one render slot, one prints."""
    with ThreadPoolExecutor(3) as pool:
        answers = list(pool.map(lambda preset: briefing(visitor, 0, preset, "en"), ["asia", "oecd", "focus"]))
    responses = [a.json()["response"] for a in answers]
    printed = [r["briefing-download"]["data"] for r in responses if "briefing-download" in r]
    waiting = [r for r in responses if "try again in a moment" in r["briefing-status"]["children"]]
    assert len(printed) >= 1 and len(waiting) >= 1 and len(printed) + len(waiting) == 3
    assert base64.b64decode(printed[0]["content"])[:5] == b"%PDF-"
