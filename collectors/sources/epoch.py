"""Epoch AI "Data on AI Models": notable, large-scale and frontier models, one row per model and
country of its developers (a model built in two countries counts once for each). Epoch's own country
column attributes the developers; where it is empty, the organisations table does (one row per country
of the organisations named).
"""

from __future__ import annotations

import pandas as pd

from collectors.base import Collector, Dataset, Parsed, Provenance
from collectors.csvfile import number, records
from collectors.errors import SourceFormatError
from collectors.organisations import Attribution
from collectors.periods import period_start

URL = "https://epoch.ai/data/{name}.csv"
COLLECTIONS = {"notable_ai_models": "notable", "large_scale_ai_models": "large_scale",
               "frontier_ai_models": "frontier"}
REQUIRED = ("Model", "Organization", "Publication date", "Domain", "Parameters", "Training compute (FLOP)",
            "Model accessibility", "Link")
COUNTRY_COLUMNS = ("Country (of organization)", "Country (from Organization)")  # newer, older vintages


def open_weights(accessibility: str, stated: str | None) -> str:
    """yes / no / unknown, from the explicit column where the file has it, else from accessibility."""
    if stated:
        return {"yes": "yes", "no": "no"}.get(stated.strip().lower(), "unknown")
    if accessibility.startswith("Open weights"):
        return "yes"
    return "no" if accessibility in ("API access", "Unreleased", "Hosted access (no API)") else "unknown"


def parse(file_name: str, content: bytes) -> Parsed:
    """One of Epoch's model CSVs as ai_models rows (columns are matched by name: they vary by vintage)."""
    collection = next((c for stem, c in COLLECTIONS.items() if file_name.startswith(stem)), None)
    if collection is None:
        raise SourceFormatError(file_name, f"not one of Epoch's model files {list(COLLECTIONS)}")
    rows, attribution = [], Attribution()
    for line, rec in records(file_name, content, REQUIRED):
        country_column = next((c for c in COUNTRY_COLUMNS if c in rec), None)
        if country_column is None:
            raise SourceFormatError(file_name, "missing column", field=COUNTRY_COLUMNS[0], row=line)
        published, precision = (None, None)
        if rec["Publication date"].strip():
            published, precision = period_start(file_name, rec["Publication date"], "Publication date", line)
        countries = list(dict.fromkeys(c.strip() for c in rec[country_column].split(",") if c.strip()))
        if not countries and rec["Organization"].strip():  # Epoch names the developer but not its country
            organizations = [o for o in rec["Organization"].split(",") if o.strip()]
            countries = list(dict.fromkeys(attribution.code(o.strip()) for o in organizations))
        for country in countries or [None]:
            rows.append({
                "model": rec["Model"].strip(), "organization": rec["Organization"].strip() or None,
                "country_code": country, "country_name": country, "published": published,
                "date_precision": precision,
                "parameters": number(file_name, rec["Parameters"], "Parameters", line),
                "training_compute_flop": number(file_name, rec["Training compute (FLOP)"], "Training compute (FLOP)",
                                                line),
                "domain": rec["Domain"] or None,
                "open_weights": open_weights(rec["Model accessibility"], rec.get("Open model weights?")),
                "accessibility": rec["Model accessibility"] or None, "collection": collection,
                "link": rec["Link"] or None, "notes": None, "_row": line})
    return Parsed({"ai_models": pd.DataFrame(rows)}, notes=attribution.notes())


collector = Collector(
    id="epoch",
    schedule="0 5 * * *",
    cadence_days=30,
    provenance=Provenance(
        producer="Epoch AI",
        title="Data on AI Models (notable, large-scale and frontier models)",
        url="https://epoch.ai/data/ai-models",
        license="CC BY 4.0",
        citation="Epoch AI, 'Data on AI Models', https://epoch.ai/data/ai-models.",
    ),
    datasets=tuple(Dataset(key=collection, url=URL.format(name=stem), mirror_glob=f"{stem}.csv",
                           file_name=f"{stem}.csv") for stem, collection in COLLECTIONS.items()),
    parse=parse,
    unmapped="report",
    country_field="Country (of organization), else Organization",
)
