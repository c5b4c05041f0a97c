"""The raw layer on disk: every payload kept as received, content-addressed by its SHA-256."""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

from warehouse.records import Payload


def sha256(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def store(raw_dir: Path, payload: Payload) -> Path:
    """Write the payload under ``raw/<source>/<dataset>/<sha256>__<file name>`` (once per content)."""
    digest = sha256(payload.content)
    safe_dataset = re.sub(r"[^A-Za-z0-9._-]", "_", payload.dataset)
    safe_name = re.sub(r"[^A-Za-z0-9._-]", "_", payload.file_name)
    target = raw_dir / payload.source_id / safe_dataset / f"{digest}__{safe_name}"
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(target.name + ".part")
        tmp.write_bytes(payload.content)
        os.replace(tmp, target)
    return target
