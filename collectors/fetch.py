"""Getting a source's payloads: live through the HTTP session, or from a mirror folder."""

from __future__ import annotations

import io
import logging
import os
import zipfile
from datetime import UTC, datetime
from fnmatch import fnmatch
from pathlib import Path

import requests

from collectors.base import Collector, Dataset, Payload
from collectors.errors import FetchError, MirrorError, MissingSecretError, SourceFormatError
from collectors.http import get_bytes

log = logging.getLogger(__name__)


def unzip_member(url: str, content: bytes, pattern: str) -> tuple[str, bytes]:
    """The one member of a ZIP whose name matches ``pattern``, with its bytes as stored."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
    except zipfile.BadZipFile as exc:
        raise SourceFormatError(url, f"not a valid ZIP archive: {exc}") from exc
    names = [n for n in archive.namelist() if fnmatch(n, pattern)]
    if len(names) != 1:
        raise SourceFormatError(url, f"expected one ZIP member matching {pattern!r}, found {names}")
    return names[0], archive.read(names[0])


def check_secrets(collector: Collector) -> None:
    """Every API key the collector declares is set; else a ``MissingSecretError`` naming the variable."""
    missing = [name for name in collector.secrets if not os.environ.get(name)]
    if missing:
        raise MissingSecretError(f"environment variable(s) {', '.join(missing)} not set")


def fetch_dataset(session: requests.Session, source_id: str, dataset: Dataset) -> Payload:
    """One dataset from the live source (the matching member when the answer is a ZIP)."""
    fetched_at = datetime.now(UTC)
    url, name = dataset.live_url(), dataset.file_name
    if dataset.fetch is not None:
        name, content = dataset.fetch(session, dataset)
    else:
        content = get_bytes(session, url, dict(dataset.headers))
    if dataset.zip_member:
        name, content = unzip_member(url, content, dataset.zip_member)
        url = f"{url}#{name}"
    return Payload(source_id, dataset.key, name, content, url, fetched_at)


def fetch_live(collector: Collector, session: requests.Session) -> list[Payload]:
    """Every dataset of ``collector`` from the live source."""
    if collector.mirror_only:
        raise FetchError(f"{collector.id} cannot be fetched live: {collector.mirror_only}")
    check_secrets(collector)
    payloads = []
    for dataset in collector.datasets:
        try:
            payloads.append(fetch_dataset(session, collector.id, dataset))
        except FetchError as exc:
            if not dataset.optional:
                raise
            log.warning("fetch.optional.missing source=%s dataset=%s error=%s", collector.id, dataset.key, exc)
    return payloads


def mirror_folder(collector: Collector, dataset: Dataset, mirror: Path) -> Path:
    return mirror / (dataset.mirror_folder or collector.folder)


def read_mirror(collector: Collector, mirror: Path) -> list[Payload]:
    """Every dataset of ``collector`` from its mirror folder; a missing (unless optional) or ambiguous
    file is an error."""
    payloads = []
    for dataset in collector.datasets:
        folder = mirror_folder(collector, dataset, mirror)
        matches = sorted(folder.glob(dataset.mirror_glob))
        if not matches and dataset.optional:
            continue
        if not matches:
            if not folder.is_dir():
                raise MirrorError(f"mirror folder {folder} does not exist")
            raise MirrorError(f"{folder}/{dataset.mirror_glob}: no such file in the mirror")
        if len(matches) > 1:
            names = ", ".join(m.name for m in matches)
            raise MirrorError(f"{folder}/{dataset.mirror_glob}: {len(matches)} files match ({names}); "
                              "keep only one")
        path = matches[0]
        mtime = datetime.fromtimestamp(path.stat().st_mtime, UTC)
        payloads.append(Payload(collector.id, dataset.key, path.name, path.read_bytes(),
                                path.resolve().as_uri(), mtime))
    return payloads


def write_mirror(collector: Collector, payloads: list[Payload], mirror: Path) -> list[Path]:
    """Write payloads as ``mirror/<folder>/<file name>``, replacing the dataset's earlier file."""
    written = []
    for payload in payloads:
        dataset = next(d for d in collector.datasets if d.key == payload.dataset)
        folder = mirror_folder(collector, dataset, mirror)
        folder.mkdir(parents=True, exist_ok=True)
        for old in folder.glob(dataset.mirror_glob):
            if old.name != payload.file_name:
                old.unlink()
        target = folder / payload.file_name
        tmp = target.with_name(target.name + ".part")
        tmp.write_bytes(payload.content)
        os.replace(tmp, target)
        written.append(target)
    return written
