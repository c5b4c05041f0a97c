"""Reader for SDMX-ML structure-specific data messages (2.1 and 3.0), as the OECD serves them.

Series attributes are the dimensions; each ``Obs`` carries TIME_PERIOD, OBS_VALUE and status flags.
A country's observations may be split over several Series: the reader simply flattens them all.
"""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from datetime import date

import pandas as pd

from collectors.base import Dataset, Indicator, Parsed
from collectors.errors import SourceFormatError

#: The OECD STI Scoreboard team publishes its sdmx.oecd.org answers, byte for byte, in this public repo.
SCOREBOARD_URL = "https://raw.githubusercontent.com/STIScoreboard/STI.Scoreboard/HEAD/{var}_V8.txt"
LATEST_SENTINEL = "2999"  # the STI Scoreboard's "latest available year"
AREA_ATTRIBUTES = ("LOCATION", "REF_AREA")
FLAG_ATTRIBUTES = ("OBS_STATUS", "OBS_STATUS_2", "OBS_STATUS_3")
AUX_FLAG_ATTRIBUTES = ("AUX_OBS_STATUS", "AUX_OBS_STATUS_2")


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def observations(file_name: str, content: bytes) -> tuple[list[dict[str, str]], str | None]:
    """Every observation as a dict of its Series and Obs attributes (plus ``_row``), and the
    message's ``Prepared`` date. Malformed XML or a message without a DataSet is an error."""
    if not content.strip():
        raise SourceFormatError(file_name, "the file is empty")
    rows: list[dict[str, str]] = []
    prepared = None
    series: dict[str, str] = {}
    seen_dataset = False
    n_series = 0
    try:
        for event, elem in ET.iterparse(io.BytesIO(content), events=("start", "end")):
            name = _local(elem.tag)
            if event == "start":
                if name == "Series":
                    series = dict(elem.attrib)
                    n_series += 1
                elif name == "DataSet":
                    seen_dataset = True
                continue
            if name == "Obs":
                key = " ".join(f"{k}={v}" for k, v in series.items())
                rows.append({**series, **elem.attrib, "_row": f"Obs {len(rows) + 1} (Series {n_series}: {key})"})
                elem.clear()
            elif name == "Prepared":
                prepared = (elem.text or "")[:10] or None
            elif name == "Series":
                elem.clear()
    except ET.ParseError as exc:
        raise SourceFormatError(file_name, f"not well-formed XML ({exc}); truncated download?") from exc
    if not seen_dataset:
        raise SourceFormatError(file_name, "no DataSet element: not an SDMX-ML data message")
    return rows, prepared


def flags(obs: dict[str, str]) -> str:
    """Observation status flags as one string, e.g. ``"B,E"`` or ``"P;aux=M2"``."""
    main = [obs[a] for a in FLAG_ATTRIBUTES if obs.get(a)]
    aux = [f"aux={obs[a]}" for a in AUX_FLAG_ATTRIBUTES if obs.get(a)]
    return ";".join(filter(None, [",".join(main), ";".join(aux)]))


def require(file_name: str, obs: dict[str, str], attributes: tuple[str, ...]) -> Iterator[str]:
    """The values of ``attributes`` on an observation; a missing one is an error naming the row."""
    for attribute in attributes:
        value = obs.get(attribute)
        if value is None or value == "":
            raise SourceFormatError(file_name, "attribute missing", field=attribute, row=obs["_row"])
        yield value


def scoreboard_datasets(indicators: tuple[Indicator, ...]) -> tuple[Dataset, ...]:
    """One dataset per Scoreboard variable: live from ``SCOREBOARD_URL``, ``<VAR>_V8.xml`` in a mirror."""
    return tuple(Dataset(key=i.code, url=SCOREBOARD_URL.format(var=i.code), mirror_glob=f"{i.code}_V8.xml",
                         file_name=f"{i.code}_V8.xml") for i in indicators)


def parse_annual(file_name: str, content: bytes, code_of: Callable[[dict[str, str]], str]) -> Parsed:
    """Annual observations of an SDMX-ML message as the long observation frame.

    The area is LOCATION or REF_AREA; ``code_of(obs)`` gives the upstream indicator code. The ``2999``
    sentinel and ``NaN`` values are dropped; a Series' UNIT_MULT (power of ten) is applied.
    """
    rows, prepared = observations(file_name, content)
    parsed = Parsed({}, release=prepared)
    records = []
    for obs in rows:
        area = next((obs[a] for a in AREA_ATTRIBUTES if obs.get(a)), None)
        if area is None:
            raise SourceFormatError(file_name, "attribute missing", field="LOCATION or REF_AREA", row=obs["_row"])
        period, raw_value = require(file_name, obs, ("TIME_PERIOD", "OBS_VALUE"))
        if period == LATEST_SENTINEL:
            parsed.drop(f"period {LATEST_SENTINEL} (the producer's 'latest available' repeat of a year)")
            continue
        if not (period.isdigit() and len(period) == 4):
            raise SourceFormatError(file_name, f"period {period!r} is not a year", field="TIME_PERIOD",
                                    row=obs["_row"])
        try:
            value = float(raw_value) * 10 ** int(obs.get("UNIT_MULT") or 0)
        except ValueError:
            raise SourceFormatError(file_name, f"value {raw_value!r} is not a number", field="OBS_VALUE",
                                    row=obs["_row"]) from None
        if value != value:  # SDMX "NaN": a missing value, not an observation
            parsed.drop("value NaN (missing)")
            continue
        records.append((code_of(obs), area, "A", date(int(period), 1, 1), value, flags(obs), obs["_row"]))
    frame = pd.DataFrame.from_records(
        records, columns=["indicator_code", "country_code", "freq", "period", "value", "flags", "_row"])
    parsed.tables["observations"] = frame
    return parsed
