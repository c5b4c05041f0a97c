"""Pinned versions and retention: a cited version outlives ``keep_versions``, at most ``keep_cited`` of them,
and a deleted version is written down with its time so that a link to it can say it went."""

from __future__ import annotations

import os
import time
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from warehouse import pins, publish, retention
from warehouse.writer import Writer


def publish_versions(config, count: int) -> list:
    """``count`` published versions, oldest first, all past the grace period."""
    with Writer(config, "test") as writer:
        versions = [publish.publish(writer.con, config) for _ in range(count)]
    old = time.time() - 2 * retention.GRACE_SECONDS
    for path in versions:
        os.utime(path, (old, old))
    return versions


def test_a_published_version_is_named_by_its_stamp_and_nothing_else(settings):
    (version,) = publish_versions(settings.warehouse, 1)
    stamp = pins.stamp_of(version)
    assert pins.is_stamp(stamp) and pins.published(settings.warehouse) == {stamp: version}
    assert abs(pins.stamp_time(stamp) - datetime.now(UTC)) < timedelta(minutes=5)
    for bogus in ("../CURRENT", "20261201T151300123456Z/../x", "", None, "warehouse-" + stamp, stamp + ".duckdb"):
        assert not pins.is_stamp(bogus)
    with pytest.raises(ValueError, match="not a published version"):
        pins.record_cited(settings.warehouse, "20000101T000000000000Z")


def test_a_recently_cited_version_is_kept_beyond_keep_versions(settings):
    config = replace(settings.warehouse, keep_versions=1)
    versions = publish_versions(config, 5)
    oldest = pins.stamp_of(versions[0])
    pins.record_cited(config, oldest)
    removed = retention.prune_versions(config, publish.latest(config))
    assert removed == [versions[2], versions[1]]  # current, one kept by keep_versions, and the cited one
    assert versions[0].exists() and set(pins.published(config)) == {oldest, *map(pins.stamp_of, versions[3:])}
    assert set(pins.pruned(config)) == {pins.stamp_of(versions[1]), pins.stamp_of(versions[2])}


def test_a_citation_older_than_cite_days_keeps_nothing(settings):
    config = replace(settings.warehouse, keep_versions=0, cite_days=30)
    versions = publish_versions(config, 2)
    pins.record_cited(config, pins.stamp_of(versions[0]))
    long_ago = time.time() - 31 * 86400
    os.utime(config.published_dir / pins.CITED_DIR / pins.stamp_of(versions[0]), (long_ago, long_ago))
    assert pins.cited(config, 30) == []
    assert retention.prune_versions(config, publish.latest(config)) == [versions[0]]
    assert not (config.published_dir / pins.CITED_DIR / pins.stamp_of(versions[0])).exists()  # forgotten
    deleted_at = pins.pruned(config)[pins.stamp_of(versions[0])]
    assert abs(deleted_at - datetime.now(UTC)) < timedelta(minutes=5)


def test_visitors_cannot_keep_more_than_keep_cited_versions(settings):
    config = replace(settings.warehouse, keep_versions=0, keep_cited=2)
    versions = publish_versions(config, 5)
    for age, version in enumerate(versions[:4]):  # the oldest was cited longest ago
        pins.record_cited(config, pins.stamp_of(version))
        when = time.time() - (10 - age) * 3600
        os.utime(config.published_dir / pins.CITED_DIR / pins.stamp_of(version), (when, when))
    removed = retention.prune_versions(config, publish.latest(config))
    assert sorted(removed) == versions[:2]  # the two most recently cited stay, with the current one
    assert [v.exists() for v in versions] == [False, False, True, True, True]
