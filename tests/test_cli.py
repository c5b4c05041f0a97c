"""The command line: every command's help, status, sql formats, path, one-line errors."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

import pytest

from collectors.registry import registry
from kaim.cli import build_parser, main
from tests.conftest import R_AND_D
from warehouse import publish


def commands(parser: argparse.ArgumentParser, path: tuple[str, ...] = ()):
    """(command path, its parser, the help string its parent lists it with), for every command and
    sub-command, found by walking the parser's sub-parser actions."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            listed = {choice.dest: choice.help for choice in action._choices_actions}
            for name, sub in action.choices.items():
                yield (*path, name), sub, listed.get(name)
                yield from commands(sub, (*path, name))


COMMANDS = list(commands(build_parser()))
ids = [" ".join(path) for path, _, _ in COMMANDS]


def test_the_walk_finds_the_commands_of_the_design():
    """The names DESIGN.md fixes for docs and tests (more commands are welcome: none is pinned here)."""
    found = {path for path, _, _ in COMMANDS}
    assert {("collect",), ("mirror", "pull"), ("forecast",), ("publish",), ("path",), ("serve",), ("schedule",),
            ("status",), ("sql",), ("report",), ("export", "parquet")} <= found


@pytest.mark.parametrize(("path", "parser", "listed"), COMMANDS, ids=ids)
def test_every_command_has_help(path, parser, listed, capsys):
    assert listed and listed.strip(), f"kaim {' '.join(path)} has no help string in `kaim --help`"
    leaf = not any(isinstance(a, argparse._SubParsersAction) for a in parser._actions)
    assert not leaf or callable(parser.get_default("func")), f"kaim {' '.join(path)} runs nothing"
    with pytest.raises(SystemExit) as info:
        main([*path, "--help"])
    assert info.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith(f"usage: kaim {' '.join(path)} ")
    for action in parser._actions:  # every option and argument of the command is shown
        shown = action.option_strings[-1] if action.option_strings else (action.metavar or action.dest)
        assert shown in out, (path, shown)


@pytest.mark.parametrize(("path", "parser", "listed"), COMMANDS, ids=ids)
def test_every_command_help_says_what_it_does(path, parser, listed, capsys):
    with pytest.raises(SystemExit):
        main([*path, "--help"])
    out = " ".join(capsys.readouterr().out.split())  # argparse re-wraps the description
    assert listed and " ".join(listed.split()) in out


def test_console_script_installed():
    kaim = Path(sys.executable).with_name("kaim")
    assert kaim.exists(), "the kaim console script is not installed: pip install -e ."
    result = subprocess.run([kaim, "--help"], capture_output=True, text=True, check=True)
    assert "collect" in result.stdout and "sql" in result.stdout


@pytest.fixture
def collected(settings, mirror, capsys):
    assert main(["collect", *R_AND_D, "--mirror", str(mirror)]) == 0
    capsys.readouterr()
    return settings


def test_path_prints_the_published_file(collected, capsys):
    assert main(["path"]) == 0
    assert capsys.readouterr().out.strip() == str(publish.latest(collected.warehouse))


def test_status_table_per_source(collected, capsys):
    assert main(["status", "--format", "json"]) == 0
    rows = {r["source_id"]: r for r in json.loads(capsys.readouterr().out)}
    assert set(rows) == set(registry())  # every declared source, collected or not
    assert {r["freshness"] for s, r in rows.items() if s not in R_AND_D} == {"never"}
    assert rows["oecd_msti"]["status"] == "ok"
    assert rows["oecd_msti"]["rows"] == 9981
    assert rows["oecd_msti"]["latest_period"].startswith("2025-01-01")
    assert rows["oecd_msti"]["vintage"] == "2026-04-13"
    assert rows["worldbank"]["failures"] == 0
    assert {rows[s]["freshness"] for s in R_AND_D} <= {"fresh", "due", "overdue"}
    assert main(["status"]) == 0
    table = capsys.readouterr().out
    assert table.splitlines()[0].split()[:4] == ["source_id", "last_run", "status", "failures"]


def test_sql_formats(collected, capsys):
    query = ("SELECT country_iso3, round(value, 3) AS v FROM observations WHERE indicator_id = "
             "'oecd_msti:G_XGDP' AND year = 2024 AND country_iso3 IN ('KOR', 'USA') ORDER BY 1")
    assert main(["sql", query, "--format", "csv"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[:2] == ["country_iso3,v", "KOR,5.125"] and lines[2].startswith("USA,")
    assert main(["sql", query, "--format", "json"]) == 0
    records = json.loads(capsys.readouterr().out)
    assert records[0] == {"country_iso3": "KOR", "v": 5.125}
    assert main(["sql", query]) == 0
    assert "KOR 5.125" in " ".join(capsys.readouterr().out.split())


@pytest.mark.parametrize("query", [
    "DELETE FROM core.observations",
    "CREATE TABLE t AS SELECT 1",
    "SELECT * FROM read_csv('/etc/passwd')",
    "SELECT * FROM no_such_view",
])
def test_sql_refusals_are_one_line(collected, capsys, query):
    assert main(["sql", query]) == 2
    err = capsys.readouterr().err
    assert err.startswith("kaim: error: ") and err.count("\n") == 1


def test_unknown_source_is_one_line(settings, capsys):
    assert main(["collect", "nope"]) == 2
    assert capsys.readouterr().err == f"kaim: error: unknown source(s) nope; known: {', '.join(registry())}\n"
