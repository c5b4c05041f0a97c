"""Every component id that a callback or more than one module names, in one place.

The values are the app's contract with browsers, browser tests and the security tests, which post
them: never change a value, only add new ones. Pattern-matching ids are built by small functions.
"""

from __future__ import annotations

from typing import Any

# The shell (dashboard.app): location, language, the first layout's page, the rendered page.
URL = "url"
LANG = "lang"
RENDERED = "rendered"
SHELL = "shell"
LANGUAGE_TOGGLE = "language-toggle"
CONTENT = "content"
ACCESSIBILITY = "accessibility"  # the store of the clientside callback that mends Dash 4's ARIA (dashboard.app)


def card(kind: str, name: Any) -> dict[str, Any]:
    """The id of one part of a chart card (``kind``: graph, store, csv, ...); ``name`` may be a pattern."""
    return {"type": f"card-{kind}", "card": name}


# Chart cards, by page.
PROFILE = "profile"
TREND = "trend"
RANKING = "ranking"
MAP = "map"
COMPARE = "compare"
TIMELINE = "timeline"
IC_SHARES = "ic-shares"
MEMORY = "memory"
MEMORY_PARTNERS = "memory-partners"
SUPPLY = "supply"
AI_INVESTMENT = "ai-investment"
NOTABLE = "notable"
COMPUTE = "compute"
BENCHMARKS = "benchmarks"
CATALOGUE = "catalogue"
LEADERBOARD = "leaderboard"  # the Korean-language leaderboard (models page)
LEADERBOARD_GAP = "leaderboard-gap"
LEADERBOARD_BENCHMARK = "leaderboard-benchmark"
LEADERBOARD_BY = "leaderboard-by"
LEADERBOARD_OPEN = "leaderboard-open"
LEADERBOARD_SIZE = "leaderboard-size"

# Overview: peer group, KPI cards, summary and the briefing downloads.
OVERVIEW_PRESET = "overview-preset"
OVERVIEW_KPIS = "overview-kpis"
OVERVIEW_SUMMARY = "overview-summary"
BRIEFING_DOWNLOAD = "briefing-download"
BRIEFING_STATUS = "briefing-status"


def briefing_button(fmt: Any) -> dict[str, Any]:
    """The download button of a briefing format (``fmt`` may be a pattern such as ``ALL``)."""
    return {"type": "briefing", "format": fmt}


# The indicator explorer of the pillar pages.
EXPLORER_PAGE = "explorer-page"
EXPLORER_INDICATOR = "explorer-indicator"
EXPLORER_PRESET = "explorer-preset"
EXPLORER_COUNTRIES = "explorer-countries"
EXPLORER_YEARS = "explorer-years"
EXPLORER_NORM = "explorer-norm"
EXPLORER_YEAR = "explorer-year"
EXPLORER_NOTE = "explorer-note"

# Compare.
COMPARE_INDICATOR = "compare-indicator"
COMPARE_PRESET = "compare-preset"
COMPARE_COUNTRIES = "compare-countries"
COMPARE_YEARS = "compare-years"
COMPARE_CHART = "compare-chart"
COMPARE_NORM = "compare-norm"
COMPARE_NOTE = "compare-note"

# Policy timeline.
POLICY_COUNTRIES = "policy-countries"
POLICY_CATEGORIES = "policy-categories"

# SQL page.
SQL_QUERY = "sql-query"
SQL_RUN = "sql-run"
SQL_CSV = "sql-csv"
SQL_STATUS = "sql-status"
SQL_DOWNLOAD = "sql-download"
SQL_RESULT = "sql-result"
MEMORY_MAKERS = "memory-makers"
CHIP_SALES = "chip-sales"

# Catch-up and scenarios (dashboard/pages/catchup.py).
CATCHUP_INDICATOR = "catchup-indicator"
CATCHUP_PEER = "catchup-peer"
CATCHUP_SUMMARY = "catchup-summary"
CATCHUP_ODDS = "catchup-odds"
CATCHUP_PATHS = "catchup-paths"
CATCHUP_TABLE = "catchup-table"
SCENARIO = "scenario"
SCENARIO_KIND = "scenario-kind"
SCENARIO_AMOUNT = "scenario-amount"
SCENARIO_YEAR = "scenario-year"
SCENARIO_ANSWER = "scenario-answer"

# AI position index.
INDEX = "index"
INDEX_PRESET = "index-preset"
INDEX_COUNTRIES = "index-countries"
INDEX_YEAR = "index-year"
INDEX_NORM = "index-norm"
INDEX_TABLE = "index-table"
INDEX_NOTE = "index-note"


def index_weight(pillar: str) -> str:
    """The weight slider of a pillar of the AI position index."""
    return f"index-weight-{pillar}"
