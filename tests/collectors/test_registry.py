"""The registry finds every source module; the set of sources is pinned here."""

from __future__ import annotations

import pytest

from collectors.base import Collector
from collectors.registry import RegistryError, _check, registry, select


def test_pinned_sources():
    assert list(registry()) == [
        "comtrade", "country_meta", "cset_ai_investment", "epoch", "epoch_benchmarks", "eto_supply_chain",
        "korea_customs", "korea_customs_10day", "korea_models", "leaderboards", "oecd_ai", "oecd_msti",
        "oecd_semis", "oecd_vc", "owid_ai", "policy", "taiwan_customs", "trendforce_shares", "worldbank",
        "wsts_billings"]


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
