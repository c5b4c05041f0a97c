"""What a client may send: callback inputs refused outside the declared choices, URL values read leniently."""

from __future__ import annotations

import pytest

from dashboard import data, inputs
from dashboard.state import PRESETS
from kaim.cli import main


@pytest.fixture
def reader(settings, mirror, use_reader):
    assert main(["collect", "country_meta", "oecd_msti", "--mirror", str(mirror)]) == 0
    return use_reader(settings)


def test_known_values_pass(reader):
    assert inputs.lang("en") == "en" and inputs.preset("g7") == "g7" and inputs.norm("ppp") == "ppp"
    assert inputs.indicator("oecd_msti:G_XGDP") == "oecd_msti:G_XGDP"
    assert inputs.countries(["KOR", "USA", "KOR", "EUU"]) == ["KOR", "USA", "EUU"]
    assert inputs.years([2000, 2024]) == [2000, 2024] and inputs.categories(["chips"]) == ["chips"]
    assert inputs.countries(None) == [] and inputs.briefing_format("pdf") == "pdf"


@pytest.mark.parametrize(("check", "value", "message"), [
    (inputs.lang, "en' onload='x", "lang: "),
    (inputs.lang, ["en"], "lang: "),
    (inputs.preset, "/../../../../tmp/evil", "preset: "),
    (inputs.briefing_format, "../pdf", "format: "),
    (inputs.norm, "abs OR 1=1", "normalisation: "),
    (inputs.chart, "pie", "chart: "),
    (inputs.pillar, "sql", "page: "),
    (inputs.indicator, "oecd_msti:G_XGDP'; --", "indicator: "),
    (inputs.countries, [f"Z{i:05d}" for i in range(500_000)], "at most 60"),
    (inputs.countries, ["KOR", "XXX"], "unknown code(s) XXX"),
    (inputs.countries, "KOR", "a list"),
    (inputs.countries, [["KOR"]], "unknown code"),
    (inputs.years, [2000], "years: "),
    (inputs.years, [2024, 2000], "first year is after"),
    (inputs.years, [-10**12, 2024], "years: a whole year"),
    (inputs.year, "2024", "year: "),
    (inputs.year, True, "year: "),
    (inputs.categories, ["chips", "<script>"], "category: "),
])
def test_values_outside_the_choices_are_refused_naming_the_parameter(reader, check, value, message):
    with pytest.raises(inputs.InvalidInput, match=message.replace("(", r"\(").replace(")", r"\)")):
        check(value)


def test_url_values_fall_back_to_the_default_view(reader):
    assert inputs.preset_and_countries({"c": "KOR,USA"}) == ("custom", ["KOR", "USA"])
    assert inputs.preset_and_countries({"p": "g7"}) == ("g7", PRESETS["g7"])
    assert inputs.preset_and_countries({}) == ("focus", PRESETS["focus"])
    assert inputs.preset_and_countries({"c": ",".join(PRESETS["asia"])}) == ("asia", PRESETS["asia"])
    assert inputs.preset_and_countries({"p": "../x", "c": "XXX,<b>"}) == ("focus", PRESETS["focus"])
    many = ",".join(data.countries()["iso3"])
    assert len(inputs.preset_and_countries({"c": many})[1]) == inputs.MAX_COUNTRIES
    assert inputs.year_or_default("99999999999", 2020) == 2020 and inputs.year_or_default("2010", 2020) == 2010
    assert inputs.choice_or_default("pie", inputs.CHARTS, "line") == "line"
