"""Sources whose live answer has another form than the mirror file: the live form, built from the
same real records, parses to the same rows."""

from __future__ import annotations

import csv
import io
import json
from urllib.parse import parse_qs, urlparse

import pytest
import responses

from collectors.errors import MissingSecretError, SourceFormatError
from collectors.fetch import fetch_live
from collectors.http import make_session
from collectors.sources import comtrade, leaderboards


def _csv_records(path, encoding="utf-8"):
    return list(csv.DictReader(io.StringIO(path.read_bytes().decode(encoding), newline="")))


def test_comtrade_json_answer_equals_csv_dump(data_dir):
    path = data_dir / "semiconductors" / "comtrade_v1_C_A_HS_8542_exports_all_reporters_to_world_2013_2024.csv"
    rows = [{k: v for k, v in rec.items() if k is not None} for rec in _csv_records(path, "cp1252")]
    answer = json.dumps({"elapsedTime": "1s", "count": len(rows), "data": rows, "error": ""}).encode()
    from_json = comtrade.parse("answer.json", answer).tables["observations"].drop(columns="_row")
    from_csv = comtrade.parse(path.name, path.read_bytes()).tables["observations"].drop(columns="_row")
    assert from_json.equals(from_csv)
    assert len(from_csv) == 1686


def test_comtrade_api_error_is_reported():
    answer = b'{"elapsedTime":"0s","count":0,"data":[],"error":"Invalid subscription key"}'
    with pytest.raises(SourceFormatError, match="answer.json: the API answered with an error: Invalid subscription"):
        comtrade.parse("answer.json", answer)


@responses.activate
def test_comtrade_live_needs_the_key(settings, monkeypatch):
    monkeypatch.delenv(comtrade.KEY_VARIABLE, raising=False)
    with pytest.raises(MissingSecretError, match=comtrade.KEY_VARIABLE):
        fetch_live(comtrade.collector, make_session(settings.http))
    assert len(responses.calls) == 0


@responses.activate
def test_comtrade_live_sends_key_header_and_twelve_periods(settings, monkeypatch, data_dir):
    monkeypatch.setenv(comtrade.KEY_VARIABLE, "secret-key")
    for dataset in comtrade.collector.datasets:
        responses.get(dataset.live_url(), json={"count": 0, "data": [], "error": ""})
    payloads = fetch_live(comtrade.collector, make_session(settings.http))
    assert [p.file_name for p in payloads] == [d.file_name for d in comtrade.collector.datasets]
    request = responses.calls[0].request
    assert request.headers["Ocp-Apim-Subscription-Key"] == "secret-key"
    (periods,) = parse_qs(urlparse(request.url).query)["period"]
    assert len(periods.split(",")) == 12


@responses.activate
def test_open_llm_rows_api_pages_equal_the_dump(data_dir, settings):
    path = data_dir / "leaderboards" / "open_llm_leaderboard_v2_contents.csv"
    records = [{k: v for k, v in rec.items() if k != ""} for rec in _csv_records(path)][:250]
    for offset in range(0, 300, 100):
        page = [{"row_idx": offset + i, "row": rec, "truncated_cells": []}
                for i, rec in enumerate(records[offset:offset + 100])]
        responses.get(leaderboards.ROWS_URL.format(offset=offset),
                      json={"features": [], "rows": page, "num_rows_total": len(records), "partial": False})
    name, content = leaderboards.fetch_open_llm_rows(make_session(settings.http), leaderboards.collector.datasets[0])
    assert len(responses.calls) == 3 and len(json.loads(content)["rows"]) == 250
    live = leaderboards.parse(name, content).tables["benchmark_scores"]
    dump = leaderboards.parse(path.name, path.read_bytes()).tables["benchmark_scores"]
    columns = ["model", "benchmark", "score", "record_id"]
    assert live[columns].equals(dump[dump.record_id.isin(live.record_id)][columns].reset_index(drop=True))
