"""The PDF briefing's first page is a one-page executive summary (issue 15): opened back with pdfplumber, page 1
holds the title, the data version, every pillar's card (headline value, rank among peers, 5-year change as the
headlines model computes them), the position chart (Korea's bars as tall as its percentiles) and the summary
sentences, set in a CJK font; it ends with its own closing line and the next section starts on page 2."""

from __future__ import annotations

import html
import logging
import re
from collections import Counter

import pdfplumber
import pytest

from dashboard import data
from dashboard.headlines import change_text, headlines, positions, summary_sentences
from dashboard.i18n import fmt_number, t
from dashboard.pillars import HEADLINES
from dashboard.state import PRESETS
from kaim.cli import main
from kaim.settings import load_settings
from tests.conftest import collected_home

COUNTRY, PEERS = "KOR", ["USA", "CHN", "JPN", "TWN", "DEU"]
OECD = [c for c in PRESETS["oecd"] if c != COUNTRY]  # more peers than the palette has colours
VERMILLION = (0.835, 0.369, 0.0)  # Korea's colour in every chart (#D55E00)
BLUE, OCHRE = (0.0, 0.447, 0.698), (0.427, 0.286, 0.0)  # the palette's first two colours (#0072B2, #6D4900)


@pytest.fixture(scope="module")
def home(tmp_path_factory, data_dir):
    home = tmp_path_factory.mktemp("report-summary-home")
    with collected_home(home, data_dir):
        return home


@pytest.fixture(scope="module")
def briefings(home, tmp_path_factory):
    """The ko and en briefings as PDF (opened with pdfplumber) and HTML, written by ``kaim report``."""
    out = tmp_path_factory.mktemp("briefings")
    logging.getLogger("pdfminer").setLevel(logging.ERROR)  # Chromium's Type 3 fonts have no FontBBox: noise
    made = {}
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("KAIM_HOME", str(home))
        for lang in ("ko", "en"):
            for fmt in ("pdf", "html"):
                path = out / f"briefing-{lang}.{fmt}"
                assert main(["report", "--country", COUNTRY, "--peers", ",".join(PEERS), "--lang", lang,
                             "--format", fmt, "--out", str(path)]) == 0
                made[lang, fmt] = path
    pdfs = {lang: pdfplumber.open(made[lang, "pdf"]) for lang in ("ko", "en")}
    yield {**{(lang, "pdf"): pdf for lang, pdf in pdfs.items()},
           **{(lang, "html"): made[lang, "html"].read_text(encoding="utf-8") for lang in ("ko", "en")}}
    for pdf in pdfs.values():
        pdf.close()


@pytest.fixture(scope="module")
def oecd(home, tmp_path_factory):
    """The English PDF briefing on Korea against the OECD members."""
    out = tmp_path_factory.mktemp("oecd") / "briefing.pdf"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("KAIM_HOME", str(home))
        assert main(["report", "--country", COUNTRY, "--peers", ",".join(OECD), "--lang", "en", "--format", "pdf",
                     "--out", str(out)]) == 0
    with pdfplumber.open(out) as pdf:
        yield pdf


@pytest.fixture(scope="module")
def model(home):
    """What the headlines model says for the briefing's countries, read from the published warehouse."""
    with data.using(data.Reader(load_settings({"KAIM_HOME": str(home)}).dashboard)):
        result = {}
        for lang in ("ko", "en"):
            found = headlines([COUNTRY, *PEERS], lang, focus=COUNTRY)
            result[lang] = {"headlines": found, "version": data.version(),
                            "sentences": summary_sentences(found, lang, data.country_name(COUNTRY, lang)),
                            "title": f"{t('app.title', lang)}: {data.country_name(COUNTRY, lang)}",
                            "positions": positions([COUNTRY, *PEERS], lang)}
        result["oecd"] = positions([COUNTRY, *OECD], "en")
        return result


def flat(text: str) -> str:
    """Text without whitespace (PDF lines wrap where the HTML does not); Noto Sans draws the en dash with its
    figure dash glyph, which the PDF's text layer gives back as a figure dash."""
    return re.sub(r"\s+", "", text).replace("\u2012", "\u2013")


def lines(page) -> list[dict]:
    return [line for line in page.extract_text_lines() if line["text"].strip()]


def korean(shapes: list[dict], colour: tuple[float, ...] = VERMILLION) -> list[dict]:
    """The filled shapes in Korea's colour (or another)."""
    return [s for s in shapes if s.get("fill")
            and tuple(round(c, 3) for c in s.get("non_stroking_color") or ()) == colour]


def bar_heights(page, lang: str, colour: tuple[float, ...]) -> list[float]:
    """The heights of the position chart's bars in one colour (between its title and the summary; not the
    legend's swatch, which stands on another line than the bars)."""
    top = next(line["bottom"] for line in lines(page) if flat(line["text"]) == flat(t("overview.profile", lang)))
    bottom = next(line["top"] for line in lines(page) if flat(line["text"]) == t("overview.summary", lang))
    shapes = [s for s in korean(page.rects + page.curves, colour) if top < s["top"] < bottom]
    baseline = Counter(round(s["bottom"]) for s in shapes).most_common(1)[0][0]
    return sorted(s["height"] for s in shapes if round(s["bottom"]) == baseline)


def proportional(heights: list[float], values: list[float]) -> bool:
    """Bars as tall as the values on the chart's fixed 0-100 axis: one scale for all (within 2 %)."""
    scales = [h / v for h, v in zip(sorted(heights), sorted(values), strict=True)]
    return max(scales) / min(scales) < 1.02


def cards(page) -> list[str]:
    """The text of each card, left to right: each has a vermillion top border, above the position chart."""
    chart = next(line["top"] for line in lines(page) if flat(line["text"]) == flat(t("overview.profile", "en"))
                 or flat(line["text"]) == flat(t("overview.profile", "ko")))
    borders = sorted((s for s in korean(page.rects) if s["top"] < chart and s["width"] < page.width / 3),
                     key=lambda s: s["x0"])
    return [flat(page.crop((b["x0"], b["top"], b["x1"], chart)).extract_text()) for b in borders]


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_page_one_holds_title_version_cards_and_summary(briefings, model, lang):
    page = flat(briefings[lang, "pdf"].pages[0].extract_text())
    boxes = cards(briefings[lang, "pdf"].pages[0])
    expected = model[lang]
    stamp = re.fullmatch(r"warehouse-(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2}).*", expected["version"])
    assert flat(expected["title"]) in page
    assert flat(f"{'-'.join(stamp.groups()[:3])} {stamp[4]}:{stamp[5]} UTC") in page, "the data version"
    assert len(expected["headlines"]) == len(boxes) == len(HEADLINES)
    for h, box in zip(expected["headlines"], boxes, strict=True):
        assert h.value is not None and h.rank is not None, f"{h.pillar}: Korea has a headline"
        card = [t(f"nav.{h.pillar}", lang), h.name, f"{fmt_number(h.value, lang, h.unit)}({h.year})",
                t("report.rank", lang, rank=h.rank, peers=h.peers),
                t("report.change", lang, change=change_text(h, lang))]
        for text in card:
            assert flat(text) in box, f"{h.pillar}: {text!r} on its card"
    assert len(expected["sentences"]) == len(HEADLINES)
    for sentence in expected["sentences"]:
        assert flat(sentence) in page


def test_the_rd_card_matches_the_observations(briefings, model, home):
    """The R&D card's value and rank, worked out here from the public ``observations`` view."""
    h = next(h for h in model["en"]["headlines"] if h.pillar == "rd")
    with data.using(data.Reader(load_settings({"KAIM_HOME": str(home)}).dashboard)):
        rows = data.reader().query(
            "SELECT country_iso3, value FROM observations WHERE indicator_id = $i AND freq = 'A' AND year = $y "
            "AND list_contains($c, country_iso3)", {"i": HEADLINES["rd"], "y": h.year, "c": [COUNTRY, *PEERS]})
    values = dict(zip(rows["country_iso3"], rows["value"], strict=True))
    rank = 1 + sum(v > values[COUNTRY] for v in values.values())
    card = cards(briefings["en", "pdf"].pages[0])[list(HEADLINES).index("rd")]
    assert flat(f"{fmt_number(values[COUNTRY], 'en', '%')} ({h.year})") in card
    assert flat(f"Rank {rank} of {len(values)}") in card


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_page_one_draws_the_position_chart(briefings, model, lang):
    """Korea's bars in vermillion between the chart's title and the summary, as tall as its percentiles."""
    page = briefings[lang, "pdf"].pages[0]
    percentiles = model[lang]["positions"].query("country_iso3 == @COUNTRY")["percentile"].tolist()
    assert len(percentiles) == len(HEADLINES)
    assert proportional(bar_heights(page, lang, VERMILLION), percentiles), "Korea's bars as tall as its percentiles"
    assert len(page.rects + page.curves + page.lines) > 30  # the other countries' bars, axes and grid


def test_many_peers_are_drawn_as_their_median_and_highest(oecd, model):
    """37 peers: Korea against the peers' median and highest percentile per pillar, worked out here."""
    page = oecd.pages[0]
    frame = model["oecd"]
    peers = frame[frame["country_iso3"] != COUNTRY].groupby("pillar")["percentile"]
    assert proportional(bar_heights(page, "en", BLUE), peers.median().tolist())
    assert proportional(bar_heights(page, "en", OCHRE), peers.max().tolist())
    assert proportional(bar_heights(page, "en", VERMILLION), frame.query("country_iso3 == @COUNTRY")["percentile"])
    text = flat(page.extract_text())
    assert flat(t("report.peer_median", "en")) in text and flat(t("report.peer_best", "en")) in text
    assert flat(lines(page)[-1]["text"]) == flat(t("report.more", "en")), "the summary still fits on page 1"


def test_korean_page_one_is_set_in_a_cjk_font(briefings):
    chars = briefings["ko", "pdf"].pages[0].chars
    hangul = [c for c in chars if "\uac00" <= c["text"] <= "\ud7a3"]
    assert len(hangul) > 200
    assert {c["fontname"].split("+")[-1] for c in hangul} <= {"NotoSansCJKkr-Regular", "NotoSansCJKkr-Bold"}


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_page_one_stands_alone_and_the_next_section_starts_on_page_two(briefings, lang):
    pdf, page_html = briefings[lang, "pdf"], briefings[lang, "html"]
    one, two = lines(pdf.pages[0]), lines(pdf.pages[1])
    assert flat(one[-1]["text"]) == flat(t("report.more", lang)), "page 1 ends with the summary's closing line"
    after = page_html.split("</section>", 1)[1]  # the HTML briefing: the summary block, then the sections
    first_heading = html.unescape(re.search(r"<h2>(.*?)</h2>", after).group(1))
    assert flat(two[0]["text"]) == flat(first_heading)
    body = sorted(c["size"] for c in pdf.pages[1].chars)[len(pdf.pages[1].chars) // 2]
    assert all(c["size"] > 1.3 * body for c in two[0]["chars"]), "page 2 opens with a heading"
    page = flat(pdf.pages[0].extract_text())
    for label in (t("overview.gap", lang), t("policy.markers", lang), t("col.license", lang)):
        assert flat(label) not in page, f"{label!r}: a later section's text on page 1"


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_html_briefing_opens_with_the_same_summary(briefings, model, lang):
    page = briefings[lang, "html"]
    body = page.split("<body>", 1)[1]
    assert body.startswith("<section class='summary-page'>")
    summary = html.unescape(body.split("</section>", 1)[0])
    assert summary.count("<div class='card'>") == len(HEADLINES)
    assert "Plotly.newPlot" in summary and summary.index("plotly.js v") < summary.index("Plotly.newPlot")
    for sentence in model[lang]["sentences"]:
        assert sentence in summary
