"""The dashboard's structure: pages come from the registry, in the navigation order and at the URLs of
before; only the data layer runs SQL; component ids come from one module."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from dashboard import registry
from dashboard.config import DashboardConfig
from dashboard.i18n import LANGUAGES, TEXT
from dashboard.pillars import PILLARS
from dashboard.state import path, split_path
from warehouse.config import WarehouseConfig

DASHBOARD = Path(__file__).resolve().parents[2] / "dashboard"


def test_pages_are_found_in_navigation_order_at_their_urls():
    names = [page.name for page in registry.pages()]
    assert names == ["overview", "rd", "semis", "funding", "models", "compare", "catchup", "index", "policy", "sql",
                     "changes", "sources"]
    assert all(split_path(path(lang, name)) == (lang, name) for lang in LANGUAGES for name in names)
    assert registry.home() == "overview" and split_path("/en/nowhere") == ("en", "overview")


def test_every_page_has_its_texts_and_every_pillar_its_page():
    for page in registry.pages():
        assert all(TEXT[key][lang] for key in (page.label, page.heading) for lang in LANGUAGES), page.name
    assert registry.pillars() == tuple(PILLARS)
    assert all(registry.get(name).pillar == name for name in PILLARS)


def test_the_sql_page_is_served_only_when_the_settings_say_so():
    sql, config = registry.get("sql"), DashboardConfig(WarehouseConfig(Path("/nonexistent")))
    assert sql.enabled(config) and not sql.enabled(DashboardConfig(config.warehouse, sql_page=False))
    assert sql.full_load_library == "dash_ag_grid"
    assert [p.name for p in registry.pages() if p.full_load_library] == ["sql"]
    with pytest.raises(KeyError):
        registry.get("nowhere")


def _calls(module: Path) -> list[tuple[str, int]]:
    """(name, line) of every attribute call in a module (``x.query(...)`` gives ``query``)."""
    tree = ast.parse(module.read_text(encoding="utf-8"))
    return [(node.func.attr, node.lineno) for node in ast.walk(tree)
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)]


def test_only_the_data_layer_runs_sql_or_holds_the_reader():
    offenders = [f"{module.relative_to(DASHBOARD)}:{line} {name}()" for module in sorted(DASHBOARD.rglob("*.py"))
                 if module.name != "data.py" for name, line in _calls(module)
                 if name in {"query", "cursor", "execute", "reader", "connect"}]
    assert offenders == []


def test_pages_and_the_briefing_import_neither_the_warehouse_nor_a_page():
    def imported(module: Path) -> set[str]:
        tree = ast.parse(module.read_text(encoding="utf-8"))
        return {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module} | {
            alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}

    for module in [*sorted((DASHBOARD / "pages").glob("*.py")), DASHBOARD / "report.py", DASHBOARD / "headlines.py"]:
        found = imported(module)
        assert not any(name.startswith(("warehouse", "dashboard.pages", "kaim")) for name in found), module.name


PAGE_MODULE = '''
from dash import html

from dashboard import data
from dashboard.registry import Page

KOREA = data.Query("hello.korea", "SELECT name_en FROM countries WHERE iso3 = $iso3")


def layout(lang, query):
    country = data.fetch(KOREA, iso3="KOR")["name_en"].iloc[0]
    return [html.P("hello " + query.get("who", "world"), id="hello-text"), html.P(country, id="hello-country")]


PAGE = Page(name="hello", order=85, layout=layout)
'''


@pytest.fixture
def pages_with_hello(tmp_path, monkeypatch):
    """A pages package with one new page, added as the README says: its module and its texts only."""
    package = tmp_path / "kaim_extra_pages"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "hello.py").write_text(PAGE_MODULE)
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setattr(registry, "PACKAGE", "kaim_extra_pages")
    monkeypatch.setitem(TEXT, "nav.hello", {"en": "Hello", "ko": "안녕"})
    registry.pages.cache_clear()
    yield
    registry.pages.cache_clear()


def test_a_page_module_and_its_texts_make_a_served_listed_page(pages_with_hello, settings, use_reader):
    from dashboard.app import render
    from kaim.cli import main

    assert main(["publish"]) == 0  # a warehouse with its catalogue (the countries) and no data yet
    use_reader(settings)
    assert registry.names() == ("hello",)
    header, main, _ = render("/en/hello", "who=Seoul")[0]
    parts = list(main._traverse())
    assert parts[0].children == "Hello" and any(getattr(p, "children", None) == "hello Seoul" for p in parts)
    assert any(getattr(p, "children", None) == "South Korea" for p in parts)  # its own named query, run by data
    nav = next(p for p in header._traverse() if getattr(p, "className", None) == "site-nav")
    assert [(link.children, link.href) for link in nav.children] == [("Hello", "/en/hello")]  # in the navigation
