"""Benchmark: axe-core accessibility violations on every page view of the dashboard.

Collects the mirror into a temporary KAIM_HOME (or reads ``--home``), starts `kaim serve` on loopback,
opens each page in Korean and English at desktop (1280 px) and phone (390 px) width in headless
Chromium, runs axe-core (bundled by axe-playwright-python: every rule axe runs by default, WCAG A/AA
and best practices, plus the experimental ones in ``EXPERIMENTAL``) and prints per view the violating
nodes by impact, per rule the nodes of each page, then the totals. Target: no serious or critical
violation anywhere (tests/ui/test_accessibility.py enforces it).

    python bench/accessibility.py [--home KAIM_HOME] [--mirror ../shared/data] [--pages overview,rd]
                                  [--json results.json]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

from axe_playwright_python.sync_playwright import Axe
from loopback import collect, free_port, start_server  # bench/loopback.py, imported before bench/ leaves the path
from playwright.sync_api import sync_playwright

REPO = Path(__file__).resolve().parents[1]
# `python bench/accessibility.py` puts bench/ first on the path, where bench/dashboard.py would hide the package.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != REPO / "bench"]

from dashboard import registry  # noqa: E402

PAGES = tuple(page.name for page in registry.pages())  # every page, in navigation order
LANGS = ("ko", "en")
WIDTHS = {"desktop": 1280, "phone": 390}
IMPACTS = ("critical", "serious", "moderate", "minor")
#: What shows that a page has arrived (its charts, table or grid drawn).
READY = {"sources": "table.data-table", "sql": "#sql-result .ag-root-wrapper", "changes": "section.changes-version"}
CHART = ".js-plotly-plot .main-svg"
#: axe-core's rules that are off by default as experimental, turned on: label-content-name-mismatch (WCAG 2.5.3)
#: and the others are real WCAG checks still being tuned; better a false alarm to look at than a miss.
EXPERIMENTAL = ("label-content-name-mismatch", "p-as-heading", "css-orientation-lock", "table-fake-caption",
                "td-has-header", "focus-order-semantics")
AXE_OPTIONS = {"resultTypes": ["violations"], "rules": {rule: {"enabled": True} for rule in EXPERIMENTAL}}


def audit(base: str, pages: list[str]) -> dict[tuple[str, str, str], list[dict]]:
    """axe's violations of each (page, language, width): one page load per view."""
    axe = Axe()
    results = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--disable-gpu", "--disable-quic"])
        for width_name, width in WIDTHS.items():
            context = browser.new_context(viewport={"width": width, "height": 900})
            page = context.new_page()
            page.set_default_timeout(60_000)
            for name in pages:
                for lang in LANGS:
                    page.goto(f"{base}/{lang}/{name}")
                    page.wait_for_selector(READY.get(name, CHART))
                    page.wait_for_load_state("networkidle")
                    results[name, lang, width_name] = axe.run(page, options=AXE_OPTIONS).response["violations"]
            context.close()
        browser.close()
    return results


def impact_counts(violations: list[dict]) -> Counter:
    counts: Counter = Counter()
    for v in violations:
        counts[v["impact"]] += len(v["nodes"])
    return counts


def report(results: dict[tuple[str, str, str], list[dict]]) -> str:
    lines = ["## Violating nodes per view (axe-core)", "",
             "| page | lang | width | serious+critical | moderate | minor | rules (impact: nodes) |",
             "|---|---|---|---|---|---|---|"]
    totals: Counter = Counter()
    per_rule: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for (name, lang, width), violations in results.items():
        counts = impact_counts(violations)
        totals += counts
        rules = ", ".join(f"{v['id']} ({v['impact']}): {len(v['nodes'])}"
                          for v in sorted(violations, key=lambda v: (IMPACTS.index(v["impact"]), v["id"])))
        lines.append(f"| {name} | {lang} | {width} | {counts['serious'] + counts['critical']} | "
                     f"{counts['moderate']} | {counts['minor']} | {rules or '-'} |")
        for v in violations:
            per_rule[v["id"], v["impact"]][name] += len(v["nodes"])
    lines += ["", "## Per rule (nodes over all views)", "", "| rule (impact) | nodes | pages |", "|---|---|---|"]
    for (rule, impact), pages in sorted(per_rule.items(), key=lambda kv: (IMPACTS.index(kv[0][1]), -kv[1].total())):
        where = ", ".join(f"{p} {n}" for p, n in pages.most_common())
        lines.append(f"| {rule} ({impact}) | {pages.total()} | {where} |")
    lines += ["", f"views: {len(results)}; nodes: critical {totals['critical']}, serious {totals['serious']}, "
              f"moderate {totals['moderate']}, minor {totals['minor']}"]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--home", type=Path, help="a KAIM_HOME with a published warehouse (default: collect one)")
    parser.add_argument("--mirror", type=Path, default=REPO.parent / "shared" / "data")
    parser.add_argument("--pages", default=",".join(PAGES), help="comma-separated page names")
    parser.add_argument("--json", type=Path, help="also write every violation (rule, impact, nodes) here")
    args = parser.parse_args()
    pages = [p for p in args.pages.split(",") if p]

    with tempfile.TemporaryDirectory(prefix="kaim-bench-") as tmp:
        home = args.home or Path(tmp)
        if args.home is None:
            collect(home, args.mirror)
        port = free_port()
        server = start_server(home, port)
        try:
            results = audit(f"http://127.0.0.1:{port}", pages)
        finally:
            server.terminate()
            server.wait()

    print(report(results))
    if args.json:
        args.json.write_text(json.dumps(
            [{"page": n, "lang": lg, "width": w, "rule": v["id"], "impact": v["impact"], "help": v["help"],
              "nodes": [node["target"] for node in v["nodes"]]}
             for (n, lg, w), violations in results.items() for v in violations], indent=1, ensure_ascii=False))


if __name__ == "__main__":
    main()
