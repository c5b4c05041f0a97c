"""Reading CSV payloads: decoding, records with line numbers, and clear errors naming file, field, row."""

from __future__ import annotations

import csv
import io
import sys
from collections.abc import Iterator

from collectors.errors import SourceFormatError

csv.field_size_limit(sys.maxsize)  # Epoch's abstracts and notes run long


def decode(file_name: str, content: bytes, encoding: str = "utf-8-sig") -> str:
    """The text of a file (a UTF-8 BOM is dropped); an empty or undecodable file is an error."""
    if not content.strip():
        raise SourceFormatError(file_name, "the file is empty")
    try:
        return content.decode(encoding)
    except UnicodeDecodeError as exc:
        raise SourceFormatError(file_name, f"not {encoding.removesuffix('-sig').upper()} text (byte {exc.start}); "
                                "wrong encoding?") from exc


def csv_rows(file_name: str, text: str) -> Iterator[tuple[int, list[str]]]:
    """(line number, fields) of every non-blank CSV record; a broken quote is an error naming the line."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        for fields in reader:
            if any(f.strip() for f in fields):
                yield reader.line_num, fields
    except csv.Error as exc:
        raise SourceFormatError(file_name, f"malformed CSV: {exc}", row=str(reader.line_num)) from exc


def records(file_name: str, content: bytes, required: tuple[str, ...]) -> list[tuple[str, dict[str, str]]]:
    """(line number, {column: value}) of a CSV with a header; missing columns and ragged rows are errors,
    and so is a missing final line break (a download cut inside the last value would otherwise pass)."""
    text = decode(file_name, content)
    if not text.endswith("\n"):
        raise SourceFormatError(file_name, "the file does not end with a line break: truncated download?")
    rows = csv_rows(file_name, text)
    try:
        header_line, header = next(rows)
    except StopIteration:
        raise SourceFormatError(file_name, "no header line") from None
    header = [h.strip() for h in header]
    missing = [c for c in required if c not in header]
    if missing:
        raise SourceFormatError(file_name, "missing column(s) in header", field=", ".join(missing),
                                row=str(header_line))
    found = []
    for line, fields in rows:
        if len(fields) != len(header):
            raise SourceFormatError(file_name, f"{len(fields)} fields where the header has {len(header)}",
                                    row=str(line))
        found.append((str(line), dict(zip(header, fields, strict=True))))
    return found


def number(file_name: str, text: str, field: str, row: str) -> float | None:
    """A float from a cell (empty is None; ``%`` and thousands commas are accepted)."""
    cell = text.strip().rstrip("%").replace(",", "")
    if not cell:
        return None
    try:
        return float(cell)
    except ValueError:
        raise SourceFormatError(file_name, f"value {text!r} is not a number", field=field, row=row) from None
