"""A parser that changes what it returns parses the stored payloads again (a warehouse loaded by the old
one would otherwise keep its rows until the producer publishes new bytes); the same parser does not."""

from __future__ import annotations

import duckdb

from kaim.cli import main
from warehouse import publish


def last_run(settings) -> tuple:
    with duckdb.connect(str(publish.latest(settings.warehouse)), read_only=True) as con:
        return con.execute("SELECT status, payloads_new, rows_changed FROM collector_runs "
                           "ORDER BY finished DESC LIMIT 1").fetchone()


def test_a_new_parser_version_parses_unchanged_bytes_again_as_a_new_vintage(settings, mirror, monkeypatch):
    assert main(["collect", "oecd_msti", "--mirror", str(mirror)]) == 0
    assert main(["collect", "oecd_msti", "--mirror", str(mirror)]) == 0
    assert last_run(settings) == ("unchanged", 0, 0)  # same bytes, same parser
    monkeypatch.setattr("collectors.runner.FRAMEWORK_VERSION", "test-next")
    assert main(["collect", "oecd_msti", "--mirror", str(mirror)]) == 0
    assert last_run(settings) == ("ok", 6, 0)  # all six files parsed again; here the rows came out the same
    with duckdb.connect(str(publish.latest(settings.warehouse)), read_only=True) as con:
        vintages = con.execute("SELECT count(DISTINCT vintage) FROM raw.payloads WHERE dataset = 'G_XGDP'").fetchone()
        parsers = {v for (v,) in con.execute("SELECT parsed_by FROM core.current_payloads").fetchall()}
    assert vintages == (2,) and parsers == {"test-next.1"}
    assert main(["collect", "oecd_msti", "--mirror", str(mirror)]) == 0
    assert last_run(settings) == ("unchanged", 0, 0)
