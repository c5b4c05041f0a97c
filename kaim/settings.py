"""Settings from one place: defaults, then a TOML config file, then ``KAIM_*`` environment variables.

API keys are never settings: collectors read them from the environment by name
(see ``collectors.base.Collector.secrets``), and they are never logged.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, fields
from pathlib import Path

from collectors.http import HttpConfig
from dashboard.config import DashboardConfig
from warehouse.config import WarehouseConfig


class SettingsError(ValueError):
    """A setting has a bad value; the message names the setting and where it came from."""


@dataclass(frozen=True)
class Settings:
    """Every setting the product reads. Field comments are the user documentation (README table)."""

    # Folder holding everything kaim writes: raw payloads, the writer database, published versions, lock.
    home: Path = Path("~/.kaim")
    # Seconds to wait for a server to answer one HTTP request.
    http_timeout: float = 60.0
    # Retries per HTTP request on connection errors, 429 and 5xx (backoff honours Retry-After).
    http_retries: int = 4
    # Base of the exponential backoff between HTTP retries, in seconds.
    http_backoff: float = 2.0
    # User-Agent sent with every request.
    user_agent: str = "kaim/0.1 (Korea AI Monitor; +https://github.com/kaim-project/kaim)"
    # Published warehouse versions kept besides the current one.
    keep_versions: int = 5
    # Logging level for the command line (DEBUG, INFO, WARNING, ERROR).
    log_level: str = "WARNING"
    # Mirror folder `kaim schedule` collects from instead of the internet (air-gapped sites); empty: live.
    mirror: str = ""
    # Cron overrides per source for `kaim schedule`: TOML table [schedules], or "id=cron;id=cron" in KAIM_SCHEDULES.
    schedules: tuple[tuple[str, str], ...] = ()
    # Hours a scheduled run may start late (after downtime) and still run, once.
    misfire_grace_hours: float = 12.0
    # Consecutive failed runs after which a source is shown as failing.
    failing_after: int = 3
    # Raw payloads kept per dataset besides those of current vintages.
    keep_raw: int = 3
    # Published versions opened through a pinned (cited) link in the last N days are kept, the most recent
    # keep_cited of them at most.
    cite_days: float = 90
    keep_cited: int = 10
    # The site's public address (https://kaim.example.org), which the Atom feed's links start with; empty: the
    # address a request came to. Set it in public deployments, so that no request's Host header is echoed.
    public_url: str = ""
    # Refit the forecasts of changed series after a collect loads new data (before publishing).
    forecast_after_collect: bool = True
    # Serve the SQL page (researchers' read-only SELECTs); turn off for public deployments that need no SQL.
    sql_page: bool = True
    # Researchers' queries running at once on one host (across all workers); beyond it: "busy, try again".
    sql_concurrency: int = 2
    # Memory cap of one query's process, in MB (an OS limit: the process is killed beyond it).
    sql_memory_mb: int = 768
    # Seconds of wall clock (and of CPU) one query may take, up to its response.
    sql_seconds: float = 10.0
    # Bytes of one query's result (besides its row limit); the rest is cut off, and the page says so.
    sql_max_bytes: int = 10_000_000
    # Queries one client may start per minute (per web worker).
    sql_per_minute: int = 20
    # PDF briefings rendered at once on one host; beyond it: "busy, try again".
    max_renders: int = 2
    # `kaim serve` runs behind a reverse proxy (nginx): the client address is the proxy's X-Forwarded-For.
    behind_proxy: bool = False

    @property
    def warehouse(self) -> WarehouseConfig:
        """What the warehouse needs: its folder and its retention policy."""
        return WarehouseConfig(self.home, self.keep_versions, self.keep_raw, self.cite_days, self.keep_cited)

    @property
    def http(self) -> HttpConfig:
        """What every collector's HTTP session needs."""
        return HttpConfig(self.http_timeout, self.http_retries, self.http_backoff, self.user_agent)

    @property
    def dashboard(self) -> DashboardConfig:
        """What the dashboard needs: the warehouse it reads and the limits it enforces."""
        return DashboardConfig(
            self.warehouse, sql_page=self.sql_page, sql_concurrency=self.sql_concurrency,
            sql_memory_mb=self.sql_memory_mb, sql_seconds=self.sql_seconds, sql_max_bytes=self.sql_max_bytes,
            sql_per_minute=self.sql_per_minute, max_renders=self.max_renders, behind_proxy=self.behind_proxy,
            failing_after=self.failing_after, public_url=self.public_url)

    @property
    def run_dir(self) -> Path:
        """Slot files that bound concurrent queries and renders across a host's web workers."""
        return self.home / "run"


def _coerce(name: str, raw: object, origin: str) -> object:
    """Convert a raw config or environment value to the type of the setting ``name``."""
    default = getattr(Settings, name)
    try:
        if name == "schedules":
            pairs = raw.items() if isinstance(raw, dict) else (p.split("=", 1) for p in str(raw).split(";") if p)
            return tuple(sorted((str(k).strip(), str(v).strip()) for k, v in pairs))
        if isinstance(default, Path):
            return Path(str(raw)).expanduser()
        if isinstance(default, bool):
            return str(raw).lower() in {"1", "true", "yes", "on"}
        return type(default)(raw)
    except (TypeError, ValueError) as exc:
        raise SettingsError(f"setting {name!r} from {origin}: cannot read {raw!r} as "
                            f"{type(default).__name__}") from exc


def config_path(env: Mapping[str, str]) -> Path:
    """The config file: ``KAIM_CONFIG`` if set, else ``kaim.toml`` in the home folder."""
    if "KAIM_CONFIG" in env:
        return Path(env["KAIM_CONFIG"]).expanduser()
    home = Path(env.get("KAIM_HOME", str(Settings.home))).expanduser()
    return home / "kaim.toml"


def load_settings(env: Mapping[str, str] | None = None) -> Settings:
    """Build the settings from defaults, the config file and the environment (in that order)."""
    env = os.environ if env is None else env
    names = {f.name for f in fields(Settings)}
    values: dict[str, object] = {}

    path = config_path(env)
    if path.is_file():
        try:
            table = tomllib.loads(path.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as exc:
            raise SettingsError(f"config file {path}: {exc}") from exc
        for key, raw in table.items():
            if key not in names:
                raise SettingsError(f"config file {path}: unknown setting {key!r}")
            values[key] = _coerce(key, raw, f"config file {path}")

    for name in names:
        var = f"KAIM_{name.upper()}"
        if var in env:
            values[name] = _coerce(name, env[var], f"environment variable {var}")

    settings = Settings(**values)  # type: ignore[arg-type]
    return Settings(**{**settings.__dict__, "home": settings.home.expanduser()})
