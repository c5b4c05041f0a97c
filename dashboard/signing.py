"""Seals on data the server hands the browser to hold, so that what comes back is known to be its own.

A chart card keeps its plotted rows in the browser (for the CSV, XLSX and table views). The server
signs them (HMAC-SHA256) when it sends them and checks the signature before it turns them into a file
or a table: a client cannot make it build a workbook or a table out of rows of its own.

The key comes from the environment (``KAIM_SECRET_KEY``), else from ``$KAIM_HOME/secret_key``, made
once (mode 0600) and shared by every worker and instance that shares the home folder. Instances on
several hosts must be given the same ``KAIM_SECRET_KEY``.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
from functools import lru_cache
from pathlib import Path

from dashboard.inputs import InvalidInput

KEY_FILE = "secret_key"


@lru_cache(maxsize=4)
def _key(home: Path) -> bytes:
    if os.environ.get("KAIM_SECRET_KEY"):
        return os.environ["KAIM_SECRET_KEY"].encode()
    path = home / KEY_FILE
    if not path.exists():  # written whole under another name, then linked: a worker never reads half a key
        partial = home / f".{KEY_FILE}.{os.getpid()}"
        try:
            with os.fdopen(os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "w") as out:
                out.write(secrets.token_hex(32))
            os.link(partial, path)
        except FileExistsError:
            pass  # another worker made it first: use theirs
        except OSError as exc:
            raise RuntimeError(f"cannot create {path} ({exc.strerror}); set KAIM_SECRET_KEY in the environment") \
                from None
        finally:
            partial.unlink(missing_ok=True)
    return path.read_bytes().strip()


def _digest(key: bytes, payload: dict) -> str:
    text = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hmac.new(key, text.encode(), hashlib.sha256).hexdigest()


def seal(payload: dict, home: Path) -> dict:
    """``payload`` with its signature (``sig``) added."""
    return {**payload, "sig": _digest(_key(home), payload)}


def unseal(stored: object, home: Path) -> dict:
    """The payload of a sealed store; ``InvalidInput`` if it is not one this server signed."""
    if not isinstance(stored, dict) or not isinstance(stored.get("sig"), str):
        raise InvalidInput("store: not data this server sent")
    payload = {k: v for k, v in stored.items() if k != "sig"}
    if not hmac.compare_digest(stored["sig"], _digest(_key(home), payload)):
        raise InvalidInput("store: the signature does not match its data")
    return payload
