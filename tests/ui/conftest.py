"""Browser tests: Playwright driving Debian's /usr/bin/chromium headless against the real app, served
on loopback from a warehouse collected from the real mirror. Never run `playwright install` here."""

from __future__ import annotations

import os
import threading

import pytest
from werkzeug.serving import make_server

from dashboard import data
from dashboard.app import create_app
from dashboard.config import DashboardConfig
from kaim.cli import main
from kaim.settings import load_settings
from warehouse.config import WarehouseConfig

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")


def _collected_home(tmp_path_factory, data_dir, sources: list[str]):
    home = tmp_path_factory.mktemp("ui-home")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("KAIM_HOME", str(home))
        if sources is not None:
            assert main(["collect", *sources, "--mirror", str(data_dir)]) == 0
        return load_settings()


@pytest.fixture(scope="session")
def full_settings(tmp_path_factory, data_dir):
    """All sources, with forecasts of GERD % GDP for the focus peers (enough to see fans; fast)."""
    settings = _collected_home(tmp_path_factory, data_dir, [])
    from kaim.pipeline import ForecastStep, forecast

    forecast(settings, ForecastStep(("KOR", "USA", "CHN", "JPN", "TWN", "DEU"), indicators=("oecd_msti:G_XGDP",)))
    return settings


@pytest.fixture(scope="session")
def server(tmp_path_factory):
    """The app on a free loopback port, made for an empty home; tests choose the warehouse it reads with
    ``app_url`` or ``use_reader`` (and the app's own reader is given back at the end of the session)."""
    config = DashboardConfig(WarehouseConfig(tmp_path_factory.mktemp("ui-no-home")))
    with data.using(data.Reader(config)):
        app = create_app(config)
        srv = make_server("127.0.0.1", 0, app.server, threaded=True)
        threading.Thread(target=srv.serve_forever, daemon=True).start()
        yield f"http://127.0.0.1:{srv.server_port}"
        srv.shutdown()
        srv.server_close()


@pytest.fixture
def app_url(server, full_settings, use_reader):
    """The app reading the full warehouse (for this test)."""
    use_reader(full_settings)
    return server


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} not found: apt-get install -y chromium")
        pytest.skip(f"{CHROMIUM} not found")
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=30_000)  # a loaded 2-core machine renders plotly.js slowly
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=["--disable-gpu", "--disable-quic"])
        yield b
        b.close()


@pytest.fixture
def page(browser, request):
    width = getattr(request, "param", 1280)
    context = browser.new_context(viewport={"width": width, "height": 900}, accept_downloads=True)
    pg = context.new_page()
    pg.set_default_timeout(30_000)
    pg.errors, pg.failed, pg.requested = [], [], []
    pg.on("pageerror", lambda exc: pg.errors.append(str(exc)))
    pg.on("console", lambda msg: pg.errors.append(msg.text) if msg.type == "error" else None)
    pg.on("requestfailed", lambda req: pg.failed.append(req.url))
    pg.on("request", lambda req: pg.requested.append(req.url))
    yield pg
    context.close()
