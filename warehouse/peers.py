"""The one definition of peer groups: the dashboard's presets, and the countries forecast by default."""

from __future__ import annotations

OECD = ("AUS AUT BEL CAN CHL COL CRI CZE DNK EST FIN FRA DEU GRC HUN ISL IRL ISR ITA JPN KOR LVA LTU LUX MEX NLD "
        "NZL NOR POL PRT SVK SVN ESP SWE CHE TUR GBR USA").split()

#: Korea's peer groups, by preset name (the dashboard's peer selector; report peers default to "focus").
PEER_GROUPS: dict[str, list[str]] = {
    "focus": ["KOR", "USA", "CHN", "JPN", "TWN", "DEU"],
    "asia": ["KOR", "CHN", "JPN", "TWN", "SGP", "IND", "HKG"],
    "g7": ["KOR", "USA", "JPN", "DEU", "GBR", "FRA", "ITA", "CAN"],
    "oecd": OECD,
}
DEFAULT_GROUP = "focus"

#: Groups whose every member is forecast by default (the OECD group is too large: only its leaders).
FORECAST_GROUPS = ("focus", "asia", "g7")
#: Besides those: Israel, the OECD's R&D-intensity leader (the gap a Korean reader compares against),
#: and the world, OECD and EU aggregates.
FORECAST_EXTRA = ("ISR", "WLD", "OED", "EUU")


def forecast_countries() -> tuple[str, ...]:
    """The countries `kaim forecast` (and the forecast after a collect) fits; ``--all`` fits every one."""
    members = [code for group in FORECAST_GROUPS for code in PEER_GROUPS[group]]
    return tuple(dict.fromkeys([*members, *FORECAST_EXTRA]))
