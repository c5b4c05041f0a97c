"""Analyst briefings: the PDF opens and renders with Korean text, the HTML is self-contained, the XLSX
matches the warehouse."""

from __future__ import annotations

import shutil
import subprocess

import openpyxl
import pytest

from dashboard import briefings, data
from kaim.cli import main
from kaim.settings import load_settings
from tests.conftest import collected_home

PEERS = "USA,CHN,JPN,TWN,DEU"


@pytest.fixture(scope="module")
def home(tmp_path_factory, data_dir):
    home = tmp_path_factory.mktemp("report-home")
    with collected_home(home, data_dir):
        return home


def report(home, monkeypatch, tmp_path, fmt, lang="ko"):
    monkeypatch.setenv("KAIM_HOME", str(home))
    out = tmp_path / f"briefing.{fmt}"
    assert main(["report", "--country", "KOR", "--peers", PEERS, "--lang", lang, "--format", fmt,
                 "--out", str(out)]) == 0
    return out


def test_pdf_opens_renders_and_shows_korean(home, monkeypatch, tmp_path):
    if not shutil.which("pdftoppm"):
        pytest.fail("pdftoppm not found: apt-get install poppler-utils")
    out = report(home, monkeypatch, tmp_path, "pdf")
    assert out.read_bytes().startswith(b"%PDF")
    pages = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True, check=True).stdout
    assert int(next(line.split()[-1] for line in pages.splitlines() if line.startswith("Pages:"))) >= 3
    subprocess.run(["pdftoppm", "-r", "40", "-png", "-f", "1", "-l", "2", str(out), str(tmp_path / "page")],
                   check=True)
    rendered = sorted(tmp_path.glob("page-*.png"))
    assert len(rendered) == 2 and all(p.stat().st_size > 5_000 for p in rendered)
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout
    assert "한국 AI 모니터" in text and "연구개발" in text and "요약" in text
    assert "5.13 %" in text  # Korea's GERD share of GDP, 2024


def test_html_is_self_contained(home, monkeypatch, tmp_path):
    out = report(home, monkeypatch, tmp_path, "html", lang="en")
    page = out.read_text(encoding="utf-8")
    assert page.count("plotly.js v") == 1 and "<script src=" not in page  # plotly.js inline once, no CDN
    assert "Korea AI Monitor: South Korea" in page and "5.13 %" in page and "CC BY 4.0" in page


def test_xlsx_matches_the_warehouse(home, monkeypatch, tmp_path):
    out = report(home, monkeypatch, tmp_path, "xlsx", lang="en")
    book = openpyxl.load_workbook(out, read_only=True)
    assert {"README", "rd", "semis", "funding", "models"} <= set(book.sheetnames)
    rows = list(book["rd"].iter_rows(values_only=True))
    header = rows[0]
    korea = {r[header.index("year")]: r[header.index("value")] for r in rows[1:] if r[0] == "KOR"}
    assert round(korea[2024], 3) == 5.125
    readme = [c for row in book["README"].iter_rows(values_only=True) for c in row if c]
    assert "oecd_msti:G_XGDP" in readme and any("CC BY 4.0" in str(c) for c in readme)
    index = list(book["index"].iter_rows(values_only=True))
    head, body = index[0], [dict(zip(index[0], r, strict=True)) for r in index[1:]]
    assert {r["country_iso3"] for r in body} == {"KOR", *PEERS.split(",")} and "median_rank" in head
    ranked = [r for r in body if r["rank"] is not None]
    assert [r["rank"] for r in sorted(ranked, key=lambda r: -r["score"])] == list(range(1, len(ranked) + 1))
    assert all(0 <= r["score"] <= 100 and r["rank_lo"] <= r["median_rank"] <= r["rank_hi"] for r in ranked)


def test_web_briefings_are_built_by_this_code(home):
    """A cached briefing of the same published version built by other code (before an upgrade that changed the
    briefing) is not served, and is deleted; the one served is this code's, with its summary page."""
    with data.using(data.Reader(load_settings({"KAIM_HOME": str(home)}).dashboard)):
        folder = briefings.cache.folder()
        version = data.version().removesuffix(".duckdb")
        old = folder / f"{version}-focus-en.html"  # the name before layouts were stamped
        old.write_text("an old layout", encoding="utf-8")
        other = folder / f"{version}-0123456789-focus-en.html"
        other.write_text("another layout", encoding="utf-8")
        served = briefings.cache.get("focus", "en", "html")
        assert served.name == f"{version}-{briefings.LAYOUT}-focus-en.html"
        assert "<section class='summary-page'>" in served.read_text(encoding="utf-8")
        assert not old.exists() and not other.exists()


def test_unknown_format_is_one_line(home, monkeypatch, tmp_path, capsys):
    monkeypatch.setenv("KAIM_HOME", str(home))
    with pytest.raises(SystemExit):
        main(["report", "--format", "docx", "--out", str(tmp_path / "x")])
    assert "invalid choice" in capsys.readouterr().err
