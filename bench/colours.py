"""Colour checks of the charts, as tables: WCAG contrast and simulated colour-vision deficiencies.

Prints (1) each series colour's contrast with the white plot (WCAG 2.1 non-text contrast: 3:1), (2) the
text colours of the style sheets and figures against their backgrounds (4.5:1), (3) CIEDE2000 between
Korea's vermillion and every colour drawn beside it, with normal vision and under full-severity
protanopia, deuteranopia and tritanopia (Machado 2009, coloraide), (4) the forecast fans: how far apart
the 95% and 80% bands are, and the mean line's contrast with the band it crosses and with its white
casing, (5) the map's "no data" grey against its lightest blue. Each table compares the palette before
issue 16 (Okabe-Ito as published, uncased fans) with the current one (``dashboard.figures``); the limits
are the ones ``tests/dashboard/test_colours.py`` asserts, with the same helpers.

    python bench/colours.py
"""

from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
# `python bench/colours.py` puts bench/ first on the path, where bench/dashboard.py would hide the package.
sys.path[:] = [str(REPO)] + [p for p in sys.path if Path(p or ".").resolve() != REPO / "bench"]

from dashboard import figures  # noqa: E402
from tests.dashboard.test_colours import (  # noqa: E402
    BANDS_APART,
    GRAPHIC_RATIO,
    KOREA_APART,
    KOREA_APART_CVD,
    NO_DATA_APART,
    TEXT_RATIO,
    VISIONS,
    contrast,
    css_text_pairs,
    delta_e,
    over,
    plot_text_pairs,
)

#: The colours before issue 16: Okabe-Ito as published, #999999 for neutral marks, fans at 12% and 25%.
BEFORE = {"korea": "#D55E00", "palette": ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#000000",
                                          "#999999", "#F0E442"),
          "grey": "#999999", "other share": "#BBBBBB", "fan": (0.12, 0.25)}
NOW = {"korea": figures.KOREA_COLOUR, "palette": figures.PALETTE, "grey": figures.GREY, "other share": figures.GREY,
       "fan": (figures.FAN_ALPHA["95"], figures.FAN_ALPHA["80"])}
WHITE = figures.BACKGROUND


def mark(ok: bool) -> str:
    return "ok" if ok else "FAIL"


def beside(colours: dict) -> list[tuple[str, str]]:
    """(role, colour) of every colour drawn beside Korea."""
    return ([(f"palette[{i}]", c) for i, c in enumerate(colours["palette"])]
            + [("grey (other models, events)", colours["grey"]), ("grey ('other' share)", colours["other share"]),
               ("dark grey (events)", figures.DARK_GREY)])


def graphics_table() -> None:
    print(f"1. Lines, bars and markers against the white plot (WCAG 1.4.11: at least {GRAPHIC_RATIO}:1)")
    print(f"   {'role':30} {'before':>8} {'ratio':>6}      {'now':>8} {'ratio':>6}")
    rows = [("Korea", BEFORE["korea"], NOW["korea"])]
    rows += [(role, b, n) for (role, b), (_, n) in zip(beside(BEFORE), beside(NOW), strict=True)]
    for role, b, n in rows:
        rb, rn = contrast(b, WHITE), contrast(n, WHITE)
        print(f"   {role:30} {b:>8} {rb:6.2f} {mark(rb >= GRAPHIC_RATIO):4} "
              f"{n:>8} {rn:6.2f} {mark(rn >= GRAPHIC_RATIO)}")


def text_table() -> None:
    print(f"\n2. Text against its background (WCAG 1.4.3: at least {TEXT_RATIO}:1)")
    seen = set()
    for where, fg, bg in [*css_text_pairs(), *plot_text_pairs()]:
        key = (fg.lower(), bg.lower())
        if key in seen:
            continue
        seen.add(key)
        ratio = contrast(fg, bg)
        print(f"   {where[:46]:46} {fg:>8} on {bg:>8} {ratio:6.2f} {mark(ratio >= TEXT_RATIO)}")


def cvd_table() -> None:
    print(f"\n3. CIEDE2000 between Korea and each colour beside it (normal vision at least {KOREA_APART:g}; "
          f"each simulated deficiency at least {KOREA_APART_CVD:g})")
    visions = (None, *VISIONS)
    head = " ".join(f"{(v or 'normal'):>7}" for v in visions)
    print(f"   {'role':30} {'before':>8} {head}   {'now':>8} {head}")
    worst = {"before": {v: 99.0 for v in visions}, "now": {v: 99.0 for v in visions}}
    for (role, b), (_, n) in zip(beside(BEFORE), beside(NOW), strict=True):
        cells = []
        for label, colours, colour in (("before", BEFORE, b), ("now", NOW, n)):
            distances = [delta_e(colours["korea"], colour, v) for v in visions]
            for v, d in zip(visions, distances, strict=True):
                worst[label][v] = min(worst[label][v], d)
            cells.append(f"{colour:>8} " + " ".join(f"{d:7.1f}" for d in distances))
        print(f"   {role:30} {cells[0]}   {cells[1]}")
    for label in ("before", "now"):
        print(f"   smallest {label:21} {'':>8} " + " ".join(f"{worst[label][v]:7.1f}" for v in visions))


def fan_table() -> None:
    print(f"\n4. Forecast fans: CIEDE2000 between the 95% and the 80% band (at least {BANDS_APART:g}, worst vision "
          "shown), the dashed mean's contrast with the 80% band it crosses and with its white casing")
    print(f"   {'colour':8} {'before: bands':>14} {'mean/band':>10}   {'now: bands':>11} {'mean/band':>10} "
          f"{'mean/casing':>12}")
    pairs = [(BEFORE["korea"], NOW["korea"]), *zip(BEFORE["palette"], NOW["palette"], strict=True)]
    for b, n in pairs:
        cells = []
        for colour, (a95, a80) in ((b, BEFORE["fan"]), (n, NOW["fan"])):
            band95 = over(colour, a95, WHITE)
            band80 = over(colour, a80, band95)
            apart = min(delta_e(band95, band80, v) for v in (None, *VISIONS))
            cells.append((colour, apart, contrast(colour, band80)))
        (cb, ab, mb), (cn, an, mn) = cells
        print(f"   {cb:8} {ab:14.1f} {mb:10.2f}   {cn:>8} {an:5.1f} {mn:10.2f} {contrast(cn, WHITE):12.2f}")
    print("   before: the mean line lay on the band (no casing) and the bands had no outline; now the 95% band is "
          "outlined in the line's colour and the mean runs on a white casing, so both meet 3:1 against white.")


def map_table() -> None:
    lightest = figures.BLUES[0][1]
    print(f"\n5. Map: 'no data' grey {figures.NO_DATA} against the lightest blue {lightest} "
          f"(CIEDE2000, at least {NO_DATA_APART:g})")
    print("   " + ", ".join(f"{v or 'normal'} {delta_e(figures.NO_DATA, lightest, v):.1f}" for v in (None, *VISIONS)))


def main() -> None:
    graphics_table()
    text_table()
    cvd_table()
    fan_table()
    map_table()


if __name__ == "__main__":
    main()
