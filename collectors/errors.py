"""Errors a collector run can end with; each message names the source, file, field and row."""

from __future__ import annotations


class CollectorError(Exception):
    """Base class: the run of one source failed; other sources carry on."""


class FetchError(CollectorError):
    """The live source could not be reached or answered with an error (after retries)."""


class MirrorError(CollectorError):
    """A file the source expects is missing or ambiguous in the mirror folder."""


class MissingSecretError(CollectorError):
    """An API key the source needs is not set in the environment."""


class SourceFormatError(CollectorError):
    """A payload does not have the format or values the parser expects."""

    def __init__(self, file: str, problem: str, *, field: str | None = None, row: str | None = None):
        self.file, self.field, self.row, self.problem = file, field, row, problem
        where = [file]
        if field is not None:
            where.append(f"field {field}")
        if row is not None:
            where.append(f"row {row}")
        super().__init__(f"{', '.join(where)}: {problem}")
