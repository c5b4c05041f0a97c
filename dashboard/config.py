"""The dashboard's own settings: what it reads and the limits it enforces.

The settings loader (``kaim.settings``, its ``dashboard`` property) builds one; the dashboard reads
nothing else (no environment, no config file).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from warehouse.config import WarehouseConfig


@dataclass(frozen=True)
class DashboardConfig:
    """Where the published warehouse is, and the bounds on what visitors may make the server do."""

    warehouse: WarehouseConfig
    #: Serve the SQL page (researchers' read-only SELECTs).
    sql_page: bool = True
    #: Researchers' queries running at once on one host (across all workers).
    sql_concurrency: int = 2
    #: Memory cap of one query's process, in MB.
    sql_memory_mb: int = 768
    #: Seconds of wall clock (and of CPU) one query may take.
    sql_seconds: float = 10.0
    #: Bytes of one query's result (besides its row limit).
    sql_max_bytes: int = 10_000_000
    #: Queries one client may start per minute (per web worker).
    sql_per_minute: int = 20
    #: PDF briefings rendered at once on one host.
    max_renders: int = 2
    #: Behind a reverse proxy: the client address is the proxy's X-Forwarded-For.
    behind_proxy: bool = False
    #: Consecutive failed runs after which a source is shown as failing.
    failing_after: int = 3
    #: The site's public address (``https://kaim.example.org``): the Atom feed's absolute links start with it.
    #: Empty: the address the request came to (its Host header).
    public_url: str = ""

    @property
    def home(self) -> Path:
        """The kaim home folder (the signing key lives there)."""
        return self.warehouse.home

    @property
    def run_dir(self) -> Path:
        """Slot files that bound concurrent queries and renders across a host's web workers, and briefings."""
        return self.home / "run"
