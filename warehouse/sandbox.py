"""Researchers' SQL: one read-only SELECT on the published warehouse, with a row limit and a time limit.

``run`` runs it in the calling process (the command line); ``run_isolated`` runs it in a child process
(``sandbox_child.py``) under OS limits, for the web app, where a query must not be able to take the
worker's memory or time: see its docstring.

Two fences in both. The engine: the file opens read-only, with no file or network access, no extension
loading, a memory cap and no spilling to disk, and its configuration locked so no statement can
lift any of that. The statement: exactly one SELECT (no DDL, DML, COPY, ATTACH, SET, PRAGMA, CALL,
no second statement), checked with DuckDB's own parser before it runs.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import selectors
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

DEFAULT_ROW_LIMIT = 10_000
DEFAULT_TIME_LIMIT = 10.0
DEFAULT_MAX_BYTES = 10_000_000
DEFAULT_MEMORY_MB = 768
MAX_SQL_CHARS = 100_000
ENGINE_CONFIG = {
    "enable_external_access": False,
    "autoinstall_known_extensions": False,
    "autoload_known_extensions": False,
    "allow_community_extensions": False,
    "memory_limit": "1GB",
    "threads": 2,
    "temp_directory": "",
    "lock_configuration": True,
}

log = logging.getLogger(__name__)

CHILD = Path(__file__).with_name("sandbox_child.py")
#: The child's whole environment: none of the web worker's variables (API keys among them) reach it.
#: Two malloc arenas keep glibc from reserving 64 MB of address space per thread under RLIMIT_AS.
CHILD_ENV = {"LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "PATH": "/usr/bin:/bin", "HOME": "/nonexistent",
             "MALLOC_ARENA_MAX": "2"}
MARGIN_BYTES = 64 * 1024  # the result's header and end record besides ``max_bytes``
STDERR_BYTES = 16 * 1024
MEMORY_SIGNALS = {signal.SIGKILL, signal.SIGSEGV, signal.SIGABRT, signal.SIGBUS}
MEMORY_WORDS = ("MemoryError", "Cannot allocate memory", "bad_alloc", "out of memory")


class QueryRefused(ValueError):
    """The statement is not a single read-only SELECT; the message says why."""


class QueryFailed(RuntimeError):
    """The statement was allowed but failed or was cut off (time limit); the message says why."""


@dataclass
class QueryResult:
    frame: pd.DataFrame
    truncated: bool
    seconds: float
    reason: str = ""  # what cut a truncated result: "rows" or "bytes"
    size: int = 0  # bytes of the result as the child process sent it (0 in process)


def check(sql: str) -> None:
    """Refuse anything but exactly one SELECT statement."""
    if not sql or not sql.strip():
        raise QueryRefused("empty query")
    try:
        sql.encode()
    except UnicodeEncodeError:
        raise QueryRefused("not valid text (a lone surrogate)") from None
    try:
        statements = duckdb.extract_statements(sql)
    except duckdb.Error as exc:
        raise QueryRefused(f"not valid SQL: {str(exc).splitlines()[0]}") from None
    if len(statements) != 1:
        raise QueryRefused(f"one statement at a time, found {len(statements)}")
    kind = statements[0].type
    if kind != duckdb.StatementType.SELECT:
        raise QueryRefused(f"only SELECT queries are allowed (this is {kind.name}); the warehouse is read-only")


def connect(path: Path) -> duckdb.DuckDBPyConnection:
    """A locked-down read-only connection (see the module docstring)."""
    return duckdb.connect(str(path), read_only=True, config=dict(ENGINE_CONFIG))


def run(con: duckdb.DuckDBPyConnection, sql: str, row_limit: int = DEFAULT_ROW_LIMIT,
        time_limit: float = DEFAULT_TIME_LIMIT) -> QueryResult:
    """Run one checked SELECT on its own cursor; at most ``row_limit`` rows, cut off after ``time_limit`` s."""
    check(sql)
    started = time.perf_counter()
    with con.cursor() as cursor:
        timer = threading.Timer(time_limit, cursor.interrupt)
        timer.start()
        try:
            result = cursor.execute(sql)
            rows = result.fetchmany(row_limit + 1)
            columns = [d[0] for d in result.description]
        except duckdb.InterruptException:
            raise QueryFailed(f"cut off after the time limit of {time_limit:g} s") from None
        except duckdb.Error as exc:
            message = str(exc).splitlines()[0]
            if "interrupt" in message.lower():
                raise QueryFailed(f"cut off after the time limit of {time_limit:g} s") from None
            raise QueryFailed(message) from None
        finally:
            timer.cancel()
    truncated = len(rows) > row_limit
    frame = pd.DataFrame.from_records(rows[:row_limit], columns=columns)
    return QueryResult(frame, truncated, time.perf_counter() - started)


def memory_message(memory_mb: int) -> str:
    return f"used more than {memory_mb} MB of memory (the limit): select fewer or shorter values"


def time_message(seconds: float) -> str:
    return f"cut off after {seconds:g} s (the time limit)"


@dataclass
class _Exchange:
    """What came back from one child: its output (at most the cap), why it was killed if it was."""

    out: bytearray
    err: bytearray
    killed: str = ""  # "time" or "size"
    status: int = 0  # wait status
    peak_mb: float = 0.0


def run_isolated(path: Path, sql: str, *, row_limit: int = DEFAULT_ROW_LIMIT, max_bytes: int = DEFAULT_MAX_BYTES,
                 memory_mb: int = DEFAULT_MEMORY_MB, seconds: float = DEFAULT_TIME_LIMIT) -> QueryResult:
    """Run one checked SELECT on ``path`` in a child process that cannot hurt the caller.

    The child caps its own address space at ``memory_mb`` and its CPU time before it opens DuckDB (whose
    memory_limit is a third of that, one thread), and has no open file of the caller's. The caller kills
    the child's process group ``seconds`` after the start (spawn, query and transfer included), reads at
    most ``max_bytes`` plus a small margin of result, and raises ``QueryFailed`` with one clear line for a
    child killed by its memory or time limit. The result stops at ``row_limit`` rows or ``max_bytes`` of
    JSON, whichever comes first; ``truncated`` and ``reason`` say so.
    """
    check(sql)
    if len(sql) > MAX_SQL_CHARS:
        raise QueryRefused(f"the query is longer than {MAX_SQL_CHARS:,} characters")
    request = {"path": str(path), "sql": sql, "row_limit": row_limit, "max_bytes": max_bytes,
               "memory_mb": memory_mb, "seconds": seconds, "config": engine_config(memory_mb)}
    started = time.monotonic()
    exchange = _exchange(json.dumps(request, ensure_ascii=False).encode(), started + seconds, max_bytes + MARGIN_BYTES)
    elapsed = time.monotonic() - started
    outcome = "ok"
    try:
        columns, rows, end = _interpret(exchange, memory_mb, seconds, max_bytes)
        if end["truncated"]:
            outcome = f"truncated:{end['reason']}"
    except (QueryFailed, QueryRefused) as exc:
        outcome = f"{type(exc).__name__}: {exc}"
        raise
    finally:
        log.info("sql.isolated outcome=%s seconds=%.2f bytes=%d child_peak_mb=%.0f", outcome, elapsed,
                 len(exchange.out), exchange.peak_mb,
                 extra={"sql_outcome": outcome, "sql_seconds": elapsed, "sql_bytes": len(exchange.out),
                        "sql_child_peak_mb": exchange.peak_mb})
    frame = pd.DataFrame(rows, columns=columns, dtype=object)
    return QueryResult(frame, end["truncated"], elapsed, end["reason"], len(exchange.out))


def engine_config(memory_mb: int) -> dict[str, Any]:
    """The locked-down configuration, with DuckDB's own memory limit well below the process's."""
    return {**ENGINE_CONFIG, "memory_limit": f"{max(memory_mb // 3, 32)}MB", "threads": 1}


def _spawn() -> subprocess.Popen:
    """The child in a session (process group) of its own, with only stdin, stdout and stderr open."""
    return subprocess.Popen([sys.executable, "-I", "-B", str(CHILD)], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=CHILD_ENV, cwd="/",
                            close_fds=True, start_new_session=True)


def _exchange(request: bytes, deadline: float, cap: int) -> _Exchange:
    """Send the request and read the answer until the child closes its output, passes the deadline or
    sends more than ``cap`` bytes; the child is reaped (killed with its group if need be) in every case."""
    try:
        proc = _spawn()
    except OSError as exc:  # e.g. the server's user may not execute the interpreter, or no processes left
        log.error("sql.child.spawn_failed executable=%s error=%s", sys.executable, exc)
        raise QueryFailed("the query process could not start; the server's log says why") from None
    exchange = _Exchange(bytearray(), bytearray())
    reaped = None
    try:
        exchange.killed = _pump(proc, request, exchange, deadline, cap)
        if not exchange.killed:
            reaped = _reap(proc, deadline)
            exchange.killed = "" if reaped else "time"
    finally:
        if reaped is None:
            _kill_group(proc)
            reaped = _reap(proc, None)
        exchange.status, exchange.peak_mb = reaped
        for pipe in (proc.stdin, proc.stdout, proc.stderr):
            if pipe is not None and not pipe.closed:
                pipe.close()
    return exchange


def _pump(proc: subprocess.Popen, request: bytes, exchange: _Exchange, deadline: float, cap: int) -> str:
    """Write the request to the child's stdin and read its stdout and stderr; "" at end of output, else why
    the reading stopped ("time" or "size")."""
    pending = memoryview(request)
    os.set_blocking(proc.stdin.fileno(), False)
    with selectors.DefaultSelector() as selector:
        selector.register(proc.stdin, selectors.EVENT_WRITE)
        selector.register(proc.stdout, selectors.EVENT_READ, exchange.out)
        selector.register(proc.stderr, selectors.EVENT_READ, exchange.err)
        while selector.get_map():
            left = deadline - time.monotonic()
            if left <= 0:
                return "time"
            for key, _ in selector.select(left):
                if key.fileobj is proc.stdin:
                    pending = _feed(proc, pending, selector)
                    continue
                chunk = os.read(key.fd, 65536)
                if not chunk:
                    selector.unregister(key.fileobj)
                elif key.data is exchange.out:
                    exchange.out += chunk
                    if len(exchange.out) > cap:
                        return "size"
                elif len(exchange.err) < STDERR_BYTES:
                    exchange.err += chunk[:STDERR_BYTES - len(exchange.err)]
    return ""


def _feed(proc: subprocess.Popen, pending: memoryview, selector: selectors.BaseSelector) -> memoryview:
    """Write what the pipe takes of the request; close stdin once it is all written (or the child left)."""
    try:
        pending = pending[os.write(proc.stdin.fileno(), pending):]
    except BlockingIOError:
        return pending
    except BrokenPipeError:
        pending = pending[len(pending):]
    if not pending:
        selector.unregister(proc.stdin)
        proc.stdin.close()
    return pending


def _reap(proc: subprocess.Popen, deadline: float | None) -> tuple[int, float] | None:
    """(wait status, peak MB) of the child once it ends (by ``deadline`` if given, else None); ``os.wait4``
    gives the child's own peak memory, which ``Popen.wait`` does not."""
    while True:
        pid, status, usage = os.wait4(proc.pid, 0 if deadline is None else os.WNOHANG)
        if pid:
            proc.returncode = os.waitstatus_to_exitcode(status)
            return status, usage.ru_maxrss / 1024
        if time.monotonic() >= deadline:
            return None
        time.sleep(0.005)


def _kill_group(proc: subprocess.Popen) -> None:
    """SIGKILL the child's process group (the child is not reaped yet, so its id cannot have been reused)."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGKILL)


def _records(out: bytes) -> list[Any]:
    """The complete JSON lines of the child's output (a line cut by a kill is left out)."""
    records, start = [], 0
    while (end := out.find(b"\n", start)) >= 0:
        records.append(json.loads(out[start:end]))
        start = end + 1
    return records


def _interpret(exchange: _Exchange, memory_mb: int, seconds: float,
               max_bytes: int) -> tuple[list[str], list[list[Any]], dict[str, Any]]:
    """(columns, rows, end record) of a finished child, or the one-line ``QueryFailed`` it came to."""
    if exchange.killed == "time":
        raise QueryFailed(time_message(seconds))
    if exchange.killed == "size":
        raise QueryFailed(f"the result passed {max_bytes:,} bytes")
    records = _records(exchange.out)
    last = records[-1] if records else None
    if isinstance(last, dict) and "end" in last:
        return records[0]["columns"], records[1:-1], last["end"]
    if isinstance(last, dict) and "error" in last:
        if last["kind"] == "memory":
            raise QueryFailed(memory_message(memory_mb))
        if last["kind"] == "refused":
            raise QueryRefused(last["error"])
        raise QueryFailed(last["error"])
    raise QueryFailed(_death(exchange, memory_mb, seconds))


def _death(exchange: _Exchange, memory_mb: int, seconds: float) -> str:
    """Why a child ended without a last word: its CPU limit, its memory limit, or something to log."""
    if os.WIFSIGNALED(exchange.status):
        number = os.WTERMSIG(exchange.status)
        if number == signal.SIGXCPU:
            return time_message(seconds)
        if number in MEMORY_SIGNALS:
            return memory_message(memory_mb)
    stderr = exchange.err.decode(errors="replace")
    if any(word in stderr for word in MEMORY_WORDS):
        return memory_message(memory_mb)
    log.warning("sql.child.failed status=%d stderr=%r", exchange.status, stderr[-2000:])
    return "the query process failed unexpectedly"
