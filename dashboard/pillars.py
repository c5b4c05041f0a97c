"""The four pillars, defined once: each one's headline indicator (the explorer's default, the overview's
card and the briefing's section), the policy-event categories its charts mark, and the warehouse
``indicators.pillar`` values its explorer lists. A pillar's page is named after it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Pillar:
    name: str
    #: The headline indicator: the explorer opens on it, the overview and the briefing report it.
    indicator: str
    #: Policy-event categories marked on the pillar's trend charts and listed in its briefing section.
    categories: tuple[str, ...]
    #: Values of ``indicators.pillar`` whose indicators the pillar's explorer offers.
    indicator_pillars: tuple[str, ...]


PILLARS: dict[str, Pillar] = {p.name: p for p in (
    Pillar("rd", "oecd_msti:G_XGDP", ("strategy", "law", "funding", "talent", "data", "regulation", "compute"),
           ("rd", "cross")),
    Pillar("semis", "comtrade:8542:X", ("chips",), ("semis",)),
    Pillar("funding", "oecd_vc:VC_XGDP", ("funding",), ("funding",)),
    Pillar("models", "owid_ai:large_scale_ai_systems_cumulative", ("compute", "strategy", "regulation"), ("models",)),
)}

#: Each pillar's headline indicator, in pillar order.
HEADLINES: dict[str, str] = {name: p.indicator for name, p in PILLARS.items()}
