"""The process a researcher's query runs in (started by ``warehouse.sandbox.run_isolated``; never imported).

It runs as ``python -I -B sandbox_child.py`` with a bare environment and only stdin, stdout and stderr
open. It reads one JSON request on stdin, caps itself with OS limits (address space, CPU seconds, no
file writes, no core dumps, lower priority) before DuckDB is even imported, opens the published file
read-only with the locked-down configuration it was sent, and writes the result to stdout as JSON
lines: ``{"columns": [...]}``, one array per row, then ``{"end": {...}}`` or ``{"error": ..., "kind": ...}``.
It stops once the rows or the bytes written pass their limits. Only the standard library and duckdb.
"""

from __future__ import annotations

import datetime
import decimal
import json
import math
import os
import resource
import sys
from typing import IO, Any

BATCH_ROWS = 256
MAX_REQUEST_BYTES = 1 << 20


def limit(memory_mb: int, seconds: float) -> None:
    """OS limits for the rest of this process's life (a hard limit cannot be raised again without root)."""
    memory = memory_mb << 20
    cpu = math.ceil(seconds) + 1
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
    resource.setrlimit(resource.RLIMIT_FSIZE, (0, 0))  # a write to any regular file fails
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    os.nice(10)  # the web workers' own pages come first


def plain(value: Any) -> Any:
    """A JSON-ready form of a value json cannot write: ISO text for dates and times, floats for decimals."""
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return float(value)
    if isinstance(value, bytes | bytearray | memoryview):
        return bytes(value).hex()
    return str(value)  # intervals, UUIDs and anything newer


def line(record: Any) -> bytes:
    return json.dumps(record, ensure_ascii=False, separators=(",", ":"), default=plain).encode() + b"\n"


def is_select(duckdb: Any, sql: str) -> bool:
    """Exactly one SELECT (the parent checked already; this process does not rely on it)."""
    statements = duckdb.extract_statements(sql)
    return len(statements) == 1 and statements[0].type == duckdb.StatementType.SELECT


def stream(result: Any, out: IO[bytes], row_limit: int, max_bytes: int) -> dict[str, Any]:
    """Write the header and rows until the result, the row limit or the byte limit ends; the end record."""
    written = out.write(line({"columns": [d[0] for d in result.description]}))
    rows = 0
    while True:
        batch = result.fetchmany(min(BATCH_ROWS, row_limit + 1 - rows))
        if not batch:
            return {"rows": rows, "bytes": written, "truncated": False, "reason": ""}
        for row in batch:
            if rows == row_limit:
                return {"rows": rows, "bytes": written, "truncated": True, "reason": "rows"}
            encoded = line(row)
            if written + len(encoded) > max_bytes:
                return {"rows": rows, "bytes": written, "truncated": True, "reason": "bytes"}
            written += out.write(encoded)
            rows += 1


def run(request: dict[str, Any], out: IO[bytes]) -> None:
    import duckdb  # only now, under the limits

    try:
        if not is_select(duckdb, request["sql"]):
            out.write(line({"error": "only one SELECT statement is allowed", "kind": "refused"}))
            return
        with duckdb.connect(request["path"], read_only=True, config=request["config"]) as con:
            end = stream(con.execute(request["sql"]), out, request["row_limit"], request["max_bytes"])
        out.write(line({"end": end}))
    except duckdb.OutOfMemoryException as exc:
        out.write(line({"error": str(exc).splitlines()[0], "kind": "memory"}))
    except duckdb.Error as exc:
        out.write(line({"error": str(exc).splitlines()[0], "kind": "query"}))


def main() -> None:
    request = json.loads(sys.stdin.buffer.read(MAX_REQUEST_BYTES))
    limit(request["memory_mb"], request["seconds"])
    out = sys.stdout.buffer
    try:
        try:
            run(request, out)
        except MemoryError:
            out.write(b'{"error":"out of memory","kind":"memory"}\n')
        out.flush()
    except BrokenPipeError:  # the parent stopped reading: it has what it wants, or gave up
        pass
    os._exit(0)  # no second flush into a closed pipe at exit


if __name__ == "__main__":
    main()
