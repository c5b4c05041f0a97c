"""Shared fixtures: the offline guard, the real data folder, a fresh KAIM_HOME, mirror copies, and a home
collected from the real files (``collected_home``, for a test module's own warehouse)."""

from __future__ import annotations

import contextlib
import ipaddress
import os
import shutil
import socket
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest

from kaim.settings import Settings, load_settings

REPO = Path(__file__).resolve().parents[1]
# Collects in tests do not refit forecasts (minutes of statistics); tests of forecasting turn it on.
os.environ["KAIM_FORECAST_AFTER_COLLECT"] = "0"


def _find_data() -> Path:
    """KAIM_TEST_DATA, else the nearest ``shared/data`` beside the checkout or one of its parents."""
    if "KAIM_TEST_DATA" in os.environ:
        return Path(os.environ["KAIM_TEST_DATA"]).resolve()
    for parent in REPO.parents:
        if (parent / "shared" / "data").is_dir():
            return parent / "shared" / "data"
    return REPO.parent / "shared" / "data"


DATA = _find_data()


#: The R&D sources: what most end-to-end tests collect (a full collect is tested once, in test_collect_all).
R_AND_D = ["country_meta", "oecd_msti", "worldbank"]


class NetworkCallError(AssertionError):
    """A test tried to reach the network."""


def _is_local(address: object) -> bool:
    if isinstance(address, tuple) and address:
        host = str(address[0])
        if host == "localhost":
            return True
        try:
            return ipaddress.ip_address(host).is_loopback
        except ValueError:
            return False
    return isinstance(address, (str, bytes))  # AF_UNIX sockets


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail any real network call; loopback (browser tests, local servers) stays allowed."""
    real_connect = socket.socket.connect

    def guarded_connect(self: socket.socket, address: object) -> None:
        if not _is_local(address):
            raise NetworkCallError(f"test tried to reach the network: {address!r}")
        return real_connect(self, address)

    monkeypatch.setattr(socket.socket, "connect", guarded_connect)
    monkeypatch.setattr(socket.socket, "connect_ex", guarded_connect)


@pytest.fixture(scope="session")
def data_dir() -> Path:
    """The real payloads in ../shared/data (read in place, never copied into the repo)."""
    if not (DATA / "worldbank").is_dir():
        pytest.fail(f"real data folder not found at {DATA}; set KAIM_TEST_DATA to ../shared/data")
    return DATA


@pytest.fixture
def settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Settings:
    """Settings with a fresh, empty KAIM_HOME (also exported for the CLI)."""
    home = tmp_path / "home"
    monkeypatch.setenv("KAIM_HOME", str(home))
    kept = ("KAIM_HOME", "KAIM_TEST_DATA", "KAIM_FORECAST_AFTER_COLLECT")
    for var in [v for v in os.environ if v.startswith("KAIM_") and v not in kept]:
        monkeypatch.delenv(var)
    return load_settings()


@contextlib.contextmanager
def collected_home(home: Path, data_dir: Path, sources: Sequence[str] = (),
                   forecast: tuple[Sequence[str], Sequence[str]] | None = None) -> Iterator[Settings]:
    """``home`` collected from the real files (``sources``, or every source), exported as KAIM_HOME within the
    block; with ``forecast`` = (countries, indicators), those series fitted too. Gives its settings."""
    from kaim.cli import main

    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("KAIM_HOME", str(home))
        patch.setenv("KAIM_FORECAST_AFTER_COLLECT", "0")
        assert main(["collect", *sources, "--mirror", str(data_dir)]) == 0
        settings = load_settings()
        if forecast is not None:
            from kaim import pipeline

            countries, indicators = forecast
            pipeline.forecast(settings, pipeline.ForecastStep(tuple(countries), indicators=tuple(indicators)))
        yield settings


@pytest.fixture
def mirror(tmp_path: Path, data_dir: Path) -> Path:
    """A writable copy of the real data in the mirror layout (in tmp, never in the repo)."""
    target = tmp_path / "mirror"
    shutil.copytree(data_dir, target, ignore=shutil.ignore_patterns("*.md"))
    return target


@pytest.fixture
def use_reader():
    """``use_reader(settings)``: the dashboard reads that home's published warehouse for the rest of the
    test (returns the reader); at the end each reader is closed and the one before it given back."""
    from dashboard import data

    with contextlib.ExitStack() as stack:
        yield lambda settings: stack.enter_context(data.using(data.Reader(settings.dashboard)))
