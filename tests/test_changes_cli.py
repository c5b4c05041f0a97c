"""`kaim changes [--since VERSION]`: per published version, newest first, what it changed; an unknown
version is refused in one line naming it."""

from __future__ import annotations

import pytest

from dashboard.i18n import fmt_number
from kaim.cli import main
from tests.warehouse.test_changes import REVISIONS, collect_revised
from warehouse import changes


@pytest.fixture(scope="module")
def revised(tmp_path_factory, data_dir):
    root = tmp_path_factory.mktemp("changes-cli")
    return collect_revised(root / "home", root / "mirror", data_dir)


@pytest.fixture
def home(revised, monkeypatch):
    monkeypatch.setenv("KAIM_HOME", str(revised.settings.home))
    return revised


def sections(text: str) -> dict[str, list[str]]:
    """Version id -> its indented lines."""
    found: dict[str, list[str]] = {}
    for line in text.splitlines():
        if line.startswith("  "):
            found[next(reversed(found))].append(line.strip())
        else:
            found[line.split()[0]] = []
    return found


def test_every_version_newest_first_with_the_revised_values(home, capsys):
    assert main(["changes"]) == 0
    shown = sections(capsys.readouterr().out)
    kept = changes.versions(home.settings.warehouse)
    assert list(shown) == [v.id for v in kept]
    newest = shown[kept[0].id]
    assert newest[0] == f"{len(REVISIONS)} values revised, 0 new, 0 removed."
    for (indicator, country, year), (old, new) in home.expected.items():
        assert any(f"{year}: {fmt_number(old, 'en', '%')} → {fmt_number(new, 'en', '%')}" in line
                   for line in newest), (indicator, country, year)
    assert "Korea's rank 2nd (2024) → 1st of" in "\n".join(newest)
    assert any(line.startswith("oecd_msti: new data") for line in newest)


def test_since_shows_only_later_versions_and_korean_works(home, capsys):
    kept = changes.versions(home.settings.warehouse)
    assert main(["changes", "--since", kept[1].id, "--lang", "ko"]) == 0
    shown = sections(capsys.readouterr().out)
    assert list(shown) == [kept[0].id]
    assert shown[kept[0].id][0] == f"값 {len(REVISIONS)}개 수정, 0개 추가, 0개 삭제."
    assert main(["changes", "--since", kept[0].name]) == 0  # the file name works too: nothing after the newest
    captured = capsys.readouterr()
    assert captured.out == "" and "no version published after" in captured.err


def test_an_unknown_version_is_refused_naming_it(home, capsys):
    assert main(["changes", "--since", "20990101T000000000000Z"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("kaim: error: unknown version '20990101T000000000000Z'") and "\n" not in err
