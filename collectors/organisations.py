"""Home countries of AI developers, from one reviewed table: ``collectors/organisations.csv``.

Leaderboards and vendor tables name a model's developer (an organisation, a Hugging Face namespace, or
only the model), rarely its country. This project's own curated table maps each organisation, under
the names the sources write (``aliases``) and the model families it publishes (``model_prefixes``, for
rows naming only the model), to an ISO3 country, with the source or basis of each row and when it was
compiled or last reviewed. The first rows were compiled offline (their ``source_url`` was not opened:
it is where a reviewer confirms the row); a test checks them against Epoch AI's own attribution.
An organisation the table lacks gets no country rather than a guess: its name is passed on as the
row's country code, so validation lists it in ``unmapped_codes``, and :class:`Attribution` sums
what stayed unmapped for the run's notes.
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

from warehouse.countries import lookup

TABLE = "organisations.csv"
COLUMNS = ("organisation", "aliases", "model_prefixes", "country_iso3", "kind", "source_url", "basis", "reviewed")
#: A Hugging Face model id: ``namespace/name`` without spaces.
HF_ID = re.compile(r"^([\w.-]+)/[\w.+-]+$")


@dataclass(frozen=True)
class Organisation:
    """One reviewed row of the table."""

    name: str
    aliases: tuple[str, ...]
    model_prefixes: tuple[str, ...]
    country_iso3: str
    kind: str
    source_url: str
    basis: str
    reviewed: str


def _key(name: str) -> str:
    return " ".join(name.split()).casefold()


def _split(cell: str) -> tuple[str, ...]:
    return tuple(p.strip() for p in cell.split(";") if p.strip())


@cache
def table() -> tuple[Organisation, ...]:
    """The reviewed table, as shipped with the package."""
    text = resources.files("collectors").joinpath(TABLE).read_text(encoding="utf-8")
    reader = csv.DictReader(io.StringIO(text))
    if tuple(reader.fieldnames or ()) != COLUMNS:
        raise ValueError(f"{TABLE}: columns {reader.fieldnames} are not {list(COLUMNS)}")
    return tuple(Organisation(r["organisation"].strip(), _split(r["aliases"]), _split(r["model_prefixes"]),
                              r["country_iso3"].strip(), r["kind"].strip(), r["source_url"].strip(),
                              r["basis"].strip(), r["reviewed"].strip()) for r in reader)


@cache
def _by_name() -> dict[str, Organisation]:
    names: dict[str, Organisation] = {}
    for org in table():
        for name in (org.name, *org.aliases):
            if names.setdefault(_key(name), org) is not org:
                raise ValueError(f"{TABLE}: {name!r} names both {names[_key(name)].name!r} and {org.name!r}")
    return names


@cache
def _prefixes() -> list[tuple[str, Organisation]]:
    """(prefix, organisation), longest first (Llama-VARCO before Llama)."""
    return sorted(((_key(p), org) for org in table() for p in org.model_prefixes), key=lambda p: -len(p[0]))


def organisation(name: str | None) -> Organisation | None:
    """The organisation a source's name (or alias, or Hugging Face ``namespace/model``) stands for.
    A trailing remark in parentheses is ignored ("NCSOFT (later NC AI)" -> NCSOFT)."""
    if not name or not name.strip():
        return None
    names = _by_name()
    candidates = [name]
    if match := HF_ID.match(name.strip()):
        candidates.append(match[1])
    bare = re.sub(r"\s*\([^)]*\)\s*$", "", name)
    if bare != name:
        candidates.append(bare)
    return next((names[_key(c)] for c in candidates if _key(c) in names), None)


def model_family(model: str | None) -> Organisation | None:
    """The organisation whose model family the model name starts with ("GPT-4o" -> OpenAI), for rows that
    name only the model. The prefix must end the name or be followed by a non-letter ("Phi 3", not "Philo")."""
    if not model:
        return None
    name = _key(model)
    for prefix, org in _prefixes():
        if name.startswith(prefix) and not name[len(prefix):len(prefix) + 1].isalpha():
            return org
    return None


def country_of(name: str | None) -> str | None:
    """ISO3 of an organisation the table knows, else None."""
    org = organisation(name)
    return org.country_iso3 if org else None


def hf_namespace(model: str) -> str | None:
    """The namespace of a Hugging Face model id ("Qwen/Qwen2-72B" -> "Qwen"); None for a plain name."""
    match = HF_ID.match(model.strip())
    return match[1] if match else None


@dataclass
class Attribution:
    """Country codes for a parser's rows, and a count of what the table could not map (for the notes)."""

    unmapped: Counter = field(default_factory=Counter)
    anonymous: int = 0
    #: Each organisation's code, worked out once (a leaderboard names the same one on thousands of rows).
    _codes: dict[str, tuple[str, bool]] = field(default_factory=dict, repr=False)

    def code(self, organization: str | None) -> str | None:
        """The row's country code: the table's ISO3, else the organisation as written (validation lists it in
        ``unmapped_codes``), else None when the source names no organisation."""
        if not organization or not organization.strip():
            self.anonymous += 1
            return None
        if organization not in self._codes:
            self._codes[organization] = self._resolve(organization)
        code, mapped = self._codes[organization]
        if not mapped:
            self.unmapped[organization] += 1
        return code

    @staticmethod
    def _resolve(organization: str) -> tuple[str, bool]:
        """(code, whether the table maps it) of one organisation."""
        if (iso3 := country_of(organization)) is not None:
            return iso3, True
        # A name that reads as a country code or name ("SG", "Jordan") must not become that country.
        return (organization if lookup(organization) is None else f"{organization} (organisation)"), False

    def codes(self, organizations: list[str | None]) -> str | None:
        """One country for several organisations (comma-separated in Epoch's files) when they all map to it;
        otherwise the whole name is unmapped."""
        names = [n.strip() for n in (organizations or []) if n and n.strip()]
        countries = {country_of(n) for n in names}
        if len(countries) == 1 and None not in countries:
            return countries.pop()
        return self.code(",".join(names) or None)

    def notes(self) -> list[str]:
        """Remarks for the run log: organisations left without a country, with their row counts."""
        notes = []
        if self.unmapped:
            top = ", ".join(f"{name} ({rows:,})" for name, rows in self.unmapped.most_common(10))
            more = f" and {len(self.unmapped) - 10:,} more" if len(self.unmapped) > 10 else ""
            notes.append(f"{len(self.unmapped):,} organisation(s) on {sum(self.unmapped.values()):,} row(s) are not "
                         f"in the organisations table (collectors/{TABLE}): kept without country, listed in "
                         f"unmapped_codes (most rows: {top}{more})")
        if self.anonymous:
            notes.append(f"{self.anonymous:,} row(s) name no organisation and no model family of the organisations "
                         "table: kept without country")
        return notes
