"""R&D: the indicator explorer of the R&D pillar (spending, researchers, patents)."""

from __future__ import annotations

from dashboard import explorer
from dashboard.registry import Page


def layout(lang: str, query: dict[str, str]) -> list:
    return explorer.layout("rd", lang, query)


PAGE = Page(name="rd", order=20, pillar="rd", layout=layout, callbacks=(explorer.register,))
