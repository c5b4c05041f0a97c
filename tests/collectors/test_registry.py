"""The registry finds every source module; the set of sources is pinned here."""

from __future__ import annotations

import pytest

from collectors.base import Collector
from collectors.registry import RegistryError, _check, registry, select


def test_pinned_sources():
    assert list(registry()) == ["country_meta", "oecd_msti", "worldbank"]


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
