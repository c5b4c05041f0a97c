"""Colours meet WCAG 2.1 AA and Korea stays apart under colour-vision deficiencies.

Contrast uses the WCAG relative-luminance formula: text 4.5:1 against its background (the CSS colours
that carry text, the figures' text), lines and markers 3:1 against the white plot (the palette, Korea,
the greys; 1.4.11 non-text contrast), forecast fans outlined at 3:1 with bands apart from each other.
Colour-vision deficiencies are simulated with coloraide's Machado (2009) filters at full severity
(protanopia, deuteranopia, tritanopia); distances are CIEDE2000. ``bench/colours.py`` prints the same
figures as tables.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from coloraide import Color

from dashboard import figures

ASSETS = Path(__file__).resolve().parents[2] / "dashboard" / "assets"
TEXT_RATIO, GRAPHIC_RATIO = 4.5, 3.0
VISIONS = ("protan", "deutan", "tritan")
#: CIEDE2000 between Korea and any colour drawn beside it: under each simulated deficiency (10 is
#: commonly taken as clearly different at a glance for categorical colours; 12 leaves a margin), and
#: with normal vision.
KOREA_APART_CVD, KOREA_APART = 12.0, 20.0
#: CIEDE2000 between the 95% and the 80% band of a fan (5: plainly visible over an area).
BANDS_APART = 5.0
#: CIEDE2000 between the map's "no data" grey and its lightest blue.
NO_DATA_APART = 8.0
#: Colours that mark data beside Korea: every series colour, the bars of others, neutral marks.
BESIDE_KOREA = {**{f"palette[{i}]": c for i, c in enumerate(figures.PALETTE)},
                "grey": figures.GREY, "dark grey": figures.DARK_GREY}


# --- helpers (bench/colours.py prints with them) -------------------------------------------------------

def srgb(colour: str) -> tuple[float, float, float]:
    """Channels 0-1 of a CSS colour (hex, rgb(), or a name)."""
    return tuple(Color(colour).convert("srgb").clip().coords())  # type: ignore[return-value]


def luminance(colour: str) -> float:
    """WCAG 2.1 relative luminance."""
    def linear(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (linear(c) for c in srgb(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio (1 to 21)."""
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def over(colour: str, alpha: float, background: str) -> str:
    """``colour`` at ``alpha`` over an opaque ``background`` (as the browser composites it, in sRGB)."""
    top, under = srgb(colour), srgb(background)
    mixed = [alpha * t + (1 - alpha) * u for t, u in zip(top, under, strict=True)]
    return Color("srgb", mixed).to_string(hex=True)


def simulate(colour: str, vision: str | None) -> Color:
    """How ``colour`` looks with a deficiency (``None``: normal vision), clipped to what a screen shows."""
    c = Color(colour)
    return c.filter(vision, method="machado").convert("srgb").clip() if vision else c.convert("srgb")


def delta_e(a: str, b: str, vision: str | None = None) -> float:
    """CIEDE2000 between two colours as seen with ``vision``."""
    return simulate(a, vision).delta_e(simulate(b, vision), method="2000")


def fan_bands(colour: str) -> tuple[str, str]:
    """The 95% band over white, and the 80% band over the 95% one, as drawn."""
    band95 = over(colour, figures.FAN_ALPHA["95"], figures.BACKGROUND)
    return band95, over(colour, figures.FAN_ALPHA["80"], band95)


def css_rules() -> list[tuple[str, str, dict[str, str]]]:
    """(file, selector, declarations) of every rule of the app's style sheets (inside @media too)."""
    rules = []
    for path in sorted(ASSETS.glob("*.css")):
        text = re.sub(r"/\*.*?\*/", "", path.read_text(), flags=re.S)
        for selector, body in re.findall(r"([^{}]+)\{([^{}]*)\}", text):
            declarations = dict(re.findall(r"([\w-]+)\s*:\s*([^;]+)", body))
            rules.append((path.name, selector.strip(), {k: v.strip() for k, v in declarations.items()}))
    return rules


def css_variables() -> dict[str, str]:
    return {k: v for _, selector, decl in css_rules() if selector == ":root" for k, v in decl.items()
            if k.startswith("--")}


def css_colour(value: str, variables: dict[str, str]) -> str | None:
    """The colour a declaration's value names (through ``var()``), or None when it is not a plain colour."""
    value = value.strip()
    for _ in range(5):
        found = re.fullmatch(r"var\((--[\w-]+)\)", value)
        if not found:
            break
        value = variables.get(found.group(1), "")
    try:
        Color(value)
    except ValueError:
        return None
    return value


def css_text_pairs() -> list[tuple[str, str, str]]:
    """(where, text colour, background) for every colour that carries text in the style sheets.

    A rule's own background when it sets one, else the page's surfaces: the page background and the
    white of cards, header and controls. Rules that set only a background are checked with the inherited
    text colour and the link colour."""
    variables = css_variables()
    root = next(decl for _, selector, decl in css_rules() if selector == ":root")
    ink, page = css_colour(root["color"], variables), css_colour(root["background"], variables)
    link = next(css_colour(decl["color"], variables) for _, selector, decl in css_rules() if selector == "a")
    surfaces = [page, "#ffffff"]
    pairs = []
    for name, selector, decl in css_rules():
        text = css_colour(decl["color"], variables) if "color" in decl else None
        background = next((css_colour(decl[k], variables) for k in ("background", "background-color") if k in decl),
                          None)
        if text:
            pairs += [(f"{name} {selector}", text, bg) for bg in ([background] if background else surfaces)]
        elif background:
            pairs += [(f"{name} {selector} (inherited)", colour, background) for colour in (ink, link)]
    return pairs


def plot_text_pairs() -> list[tuple[str, str, str]]:
    """(where, text colour, background) of the text the figures draw themselves."""
    return [("figure text", figures.INK, figures.BACKGROUND),
            ("forecast skill badge", figures.INK, figures.BADGE["bgcolor"])]


# --- contrast ----------------------------------------------------------------------------------------------

def test_the_wcag_formula_matches_a_maintained_implementation():
    for a, b in [("#D55E00", "white"), ("#5b6470", "#f6f7f9"), ("#0072B2", "#ffffff")]:
        assert contrast(a, b) == pytest.approx(Color(a).contrast(b, method="wcag21"), rel=1e-3)
    assert contrast("black", "white") == pytest.approx(21)


def test_css_text_colours_reach_4_5_to_1():
    pairs = css_text_pairs()
    assert len(pairs) >= 10  # the sheets were read: ink, muted, links, buttons...
    failing = [(where, fg, bg, round(contrast(fg, bg), 2)) for where, fg, bg in pairs
               if contrast(fg, bg) < TEXT_RATIO]
    assert not failing


def test_text_in_the_figures_reaches_4_5_to_1():
    for where, fg, bg in plot_text_pairs():
        assert contrast(fg, bg) >= TEXT_RATIO, where


@pytest.mark.parametrize("name,colour", [("Korea", figures.KOREA_COLOUR), *BESIDE_KOREA.items()])
def test_lines_bars_and_markers_reach_3_to_1_on_the_plot(name, colour):
    assert contrast(colour, figures.BACKGROUND) >= GRAPHIC_RATIO, (name, colour)


def test_the_focus_outline_reaches_3_to_1():
    variables = css_variables()
    outline = next(decl["outline"] for _, selector, decl in css_rules() if selector == ":focus-visible")
    colour = css_colour(outline.split()[-1], variables)
    for surface in (css_colour("var(--bg)", variables), "#ffffff"):
        assert contrast(colour, surface) >= GRAPHIC_RATIO


# --- forecast fans and the map ----------------------------------------------------------------------------

def _fan_figure():
    import pandas as pd

    frame = pd.DataFrame({"country_iso3": ["KOR", "KOR", "USA", "USA"], "year": [2023, 2024] * 2,
                          "value": [5.0, 5.1, 3.4, 3.5], "flags": [None] * 4})
    rows = []
    for code, base in (("KOR", 5.1), ("USA", 3.5)):
        rows += [{"country_iso3": code, "year": y, "mean": base + d, "lo80": base, "hi80": base + 2 * d,
                  "lo95": base - d, "hi95": base + 3 * d, "skill": 0.5, "model": "ets"}
                 for y, d in ((2025, 0.1), (2026, 0.2))]
    return figures.trend(frame, {"KOR": "Korea", "USA": "US"}, "%", "en", "GERD", pd.DataFrame(rows))


def test_fans_are_outlined_and_their_mean_is_cased_so_both_reach_3_to_1():
    traces = _fan_figure()["data"]
    for code, colour in (("KOR", figures.KOREA_COLOUR), ("USA", figures.PALETTE[0])):
        mine = [t for t in traces if t.get("legendgroup") == code]
        band95, band80 = (t for t in mine if t.get("fill") == "toself")
        assert band95["line"] == {"width": 1, "color": colour}  # the fan's outline against white: 3:1
        assert band95["fillcolor"] == figures.rgba(colour, figures.FAN_ALPHA["95"])
        assert band80["fillcolor"] == figures.rgba(colour, figures.FAN_ALPHA["80"])
        casing, mean = mine[-2:]
        assert casing["line"]["color"] == figures.BACKGROUND and casing["line"]["width"] > mean["line"]["width"]
        assert mean["line"]["color"] == colour and mean["line"]["dash"] == "dash"
        assert contrast(colour, figures.BACKGROUND) >= GRAPHIC_RATIO


@pytest.mark.parametrize("vision", [None, *VISIONS])
@pytest.mark.parametrize("colour", [figures.KOREA_COLOUR, *figures.PALETTE])
def test_the_80_and_95_percent_bands_are_distinguishable(colour, vision):
    band95, band80 = fan_bands(colour)
    assert delta_e(band95, band80, vision) >= BANDS_APART


def test_the_map_runs_light_to_dark_and_no_data_stays_apart():
    scale = [colour for _, colour in figures.BLUES]
    lightness = [Color(c).convert("lab")["lightness"] for c in scale]
    assert lightness == sorted(lightness, reverse=True)  # darker blue means more
    for vision in (None, *VISIONS):
        assert delta_e(figures.NO_DATA, scale[0], vision) >= NO_DATA_APART


# --- colour-vision deficiencies ------------------------------------------------------------------------------

@pytest.mark.parametrize("vision", VISIONS)
@pytest.mark.parametrize("name,colour", BESIDE_KOREA.items())
def test_korea_stays_apart_under_each_deficiency(name, colour, vision):
    assert delta_e(figures.KOREA_COLOUR, colour, vision) >= KOREA_APART_CVD, (name, colour, vision)


@pytest.mark.parametrize("name,colour", BESIDE_KOREA.items())
def test_korea_stays_apart_with_normal_vision(name, colour):
    assert delta_e(figures.KOREA_COLOUR, colour) >= KOREA_APART, (name, colour)


def test_korea_is_vermillion_and_the_palette_okabe_ito_like():
    assert Color(figures.KOREA_COLOUR).convert("lch")["hue"] == pytest.approx(50, abs=10)  # reddish orange
    okabe_ito = {"#0072B2", "#009E73", "#CC79A7", "#000000"}  # kept as published
    assert okabe_ito <= set(figures.PALETTE) and len(set(figures.PALETTE)) == len(figures.PALETTE) == 8
