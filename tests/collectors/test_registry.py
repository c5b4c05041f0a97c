"""The registry finds every source module, checks its declarations, and the README lists each source."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from collectors import sources
from collectors.base import Collector
from collectors.registry import RegistryError, _check, registry, select


def test_every_source_module_is_registered_in_order():
    """Each module file in collectors/sources is a source, by its file name, alphabetical; no list is pinned here,
    so adding a source is its module (and its test and README row), nothing more."""
    files = sorted(p.stem for p in Path(sources.__file__).parent.glob("*.py") if p.stem != "__init__")
    assert files and list(registry()) == files
    assert all(collector.id == source_id for source_id, collector in registry().items())


def test_every_source_has_its_readme_row_and_no_row_is_stale():
    """The README's source table has one row per registered source, whose live column says "mirror only"
    exactly for the mirror-only sources."""
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    rows = {}
    for line in readme.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 6 and re.fullmatch(r"`[a-z0-9_]+`", cells[1]):
            rows[cells[1].strip("`")] = cells
    assert set(rows) == set(registry())
    for source_id, collector in registry().items():
        assert rows[source_id][5].startswith("mirror only") == bool(collector.mirror_only), rows[source_id]


def test_declarations_are_complete():
    for collector in registry().values():
        assert collector.datasets and collector.schedule.count(" ") == 4
        assert collector.provenance.license and collector.provenance.producer
        for indicator in collector.indicators:
            assert indicator.name_ko and indicator.name_en and indicator.unit
            low, high = indicator.valid_range
            assert low < high


def test_module_name_must_match_id():
    wrong = Collector(**{**registry()["worldbank"].__dict__, "id": "wdi"})
    with pytest.raises(RegistryError, match="the id must be the module name"):
        _check("worldbank", wrong)
    with pytest.raises(RegistryError, match="has no `collector"):
        _check("empty", None)


def test_select_subset_in_given_order():
    assert [c.id for c in select(["worldbank", "oecd_msti"])] == ["worldbank", "oecd_msti"]
    assert len(select(None)) == len(registry())
