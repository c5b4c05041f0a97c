"""The warehouse's own settings: where it keeps its files and how many old ones it keeps.

The settings loader (``kaim.settings``) builds one of these; the warehouse reads nothing else.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class WarehouseConfig:
    """The folder holding raw payloads, the writer database, published versions and the writer lock."""

    home: Path
    #: Published versions kept besides the current one.
    keep_versions: int = 5
    #: Raw payload files kept per dataset besides those of current vintages.
    keep_raw: int = 3
    #: A version opened through a pinned permalink in the last ``cite_days`` days is kept (``warehouse.pins``),
    #: the ``keep_cited`` most recently cited at most (visitors must not be able to keep every version).
    cite_days: float = 90
    keep_cited: int = 10

    @property
    def raw_dir(self) -> Path:
        return self.home / "raw"

    @property
    def writer_db(self) -> Path:
        return self.home / "warehouse.duckdb"

    @property
    def published_dir(self) -> Path:
        return self.home / "published"

    @property
    def lock_file(self) -> Path:
        return self.home / "writer.lock"
