"""Every collector on its real mirror files, and on broken variants of each file: empty, wrong
encoding, truncated, renamed header. Each failure is a clear error naming the file."""

from __future__ import annotations

import pytest

from collectors.errors import SourceFormatError
from collectors.fetch import mirror_folder
from collectors.registry import registry
from collectors.validate import validate


def mirror_files(data_dir):
    """(collector, dataset, path) for every dataset file present in the real data folder."""
    found = []
    for collector in registry().values():
        for dataset in collector.datasets:
            for path in sorted(mirror_folder(collector, dataset, data_dir).glob(dataset.mirror_glob)):
                found.append((collector, dataset, path))
    return found


def pytest_generate_tests(metafunc):
    if "mirror_file" in metafunc.fixturenames:
        from tests.conftest import DATA
        files = mirror_files(DATA)
        metafunc.parametrize("mirror_file", files, ids=[f"{c.id}:{p.name}" for c, _, p in files])


def parsed_frames(collector, name, content):
    return validate(collector, name, collector.parse(name, content)).frames


def test_every_dataset_has_a_real_file_except_optional(data_dir):
    present = {(c.id, d.key) for c, d, _ in mirror_files(data_dir)}
    missing = [(c.id, d.key) for c in registry().values() for d in c.datasets
               if (c.id, d.key) not in present and not d.optional]
    assert missing == []


def test_real_file_parses_and_validates(mirror_file):
    collector, dataset, path = mirror_file
    frames = parsed_frames(collector, path.name, path.read_bytes())
    read_by_another = any(dataset.key in d.reads for d in collector.datasets)  # loads with that one's rows
    assert (frames or read_by_another) and all(len(frame) > 0 for frame in frames.values())


def test_empty_file_names_the_file(mirror_file):
    collector, _, path = mirror_file
    with pytest.raises(SourceFormatError) as info:
        parsed_frames(collector, path.name, b"")
    assert str(info.value).startswith(path.name)


def test_wrong_encoding_is_refused_or_harmless(mirror_file):
    """UTF-16 bytes: refused with a message naming the file, or (JSON, which detects UTF-16) read
    identically. Never loaded as something else."""
    collector, _, path = mirror_file
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252")  # the Comtrade dump
    try:
        frames = parsed_frames(collector, path.name, text.encode("utf-16"))
    except SourceFormatError as exc:
        assert str(exc).startswith(path.name)
        return
    original = parsed_frames(collector, path.name, raw)
    assert frames.keys() == original.keys()
    assert all(frames[k].equals(original[k]) for k in frames)


def test_truncated_file_is_refused_or_loses_only_whole_rows(mirror_file):
    """A download cut at 60%: an error naming the file, or (OWID CSVs, which end without a line
    break, so a cut cannot be told from the end) fewer rows, none altered."""
    collector, _, path = mirror_file
    raw = path.read_bytes()
    try:
        frames = parsed_frames(collector, path.name, raw[: int(len(raw) * 0.6)])
    except SourceFormatError as exc:
        assert str(exc).startswith(path.name)
        return
    assert collector.id in ("owid_ai", "cset_ai_investment"), f"{path.name}: truncation went unnoticed"
    original = parsed_frames(collector, path.name, raw)
    assert frames.keys() == original.keys()
    assert 0 < len(frames["observations"]) < len(original["observations"])
    for table, cut in frames.items():
        full = original[table]
        assert list(cut.columns) == list(full.columns), table
        # Each row read from the cut file, every column of it, is a row of the whole file ...
        found = cut.merge(full.drop_duplicates(), how="left", on=list(cut.columns), indicator=True)["_merge"]
        altered = cut[(found == "left_only").to_numpy()]
        # ... but the last, whose value the cut may have shortened: it still names a row of the whole file.
        assert len(altered) <= 1 and (altered.empty or altered.index[0] == cut.index[-1]), (table, altered)
        if not altered.empty and table == "observations":
            keys = ["indicator_id", "country_iso3", "freq", "period"]
            assert len(altered[keys].merge(full[keys])) == 1, altered


#: A column (or attribute, or key) each file must have, as it appears in the file, per dataset.
RENAMED = {
    ("worldbank", "GB.XPD.RSDV.GD.ZS"): (b'"Indicator Code"', "Indicator Code"),
    ("country_meta", "countries"): (b'"Region"', "Region"),
    ("comtrade", "exports_to_world"): (b"primaryValue", "primaryValue"),
    ("comtrade", "chn_imports_from_usa"): (b"partner2Code", "partner2Code"),
    ("taiwan_customs", "exports_8542"): ("美元(千元)".encode(), "美元(千元)"),
    ("korea_customs", "monthly_semis"): (b'"total_exp"', "total_exp"),
    ("korea_customs_10day", "memory_10day"): (b'"u":', "field u"),
    ("oecd_msti", "G_XGDP"): (b" OBS_VALUE=", "OBS_VALUE"),
    ("oecd_semis", "B_26XB"): (b" TIME_PERIOD=", "TIME_PERIOD"),
    ("oecd_vc", "VC_USD"): (b" OBS_VALUE=", "OBS_VALUE"),
    ("oecd_ai", "PCTAI_NB"): (b" REF_AREA=", "LOCATION or REF_AREA"),
    ("eto_supply_chain", "provision"): (b"share_provided", "share_provided"),
    ("eto_supply_chain", "providers"): (b"provider_type", "provider_type"),
    ("trendforce_shares", "rankings"): (b"market_share_pct", "market_share_pct"),
    ("wsts_billings", "billings"): (b"release_covering", "release_covering"),
    ("cset_ai_investment", "investment"): (b"Entity", "Entity"),
    ("owid_ai", "ai_publications"): (b"Year", "Year"),
    ("epoch", "notable"): (b"Publication date", "Publication date"),
    ("epoch_benchmarks", "gpqa_diamond"): (b"mean_score", "mean_score"),
    ("leaderboards", "open_llm_leaderboard"): (b"fullname", "fullname"),
    ("leaderboards", "lmsys_table"): (b"Organization", "Organization"),
    ("korea_models", "catalogue"): (b"release_date", "release_date"),
    ("korea_models", "logickor_scores"): (b"overall", "overall"),
    ("policy", "events"): (b"category", "category"),
    ("policy", "titles_ko"): (b"title_ko", "title_ko"),
}


@pytest.mark.parametrize(("source_id", "dataset_key"), list(RENAMED), ids=[f"{s}:{d}" for s, d in RENAMED])
def test_renamed_column_names_file_and_field(data_dir, source_id, dataset_key):
    collector = registry()[source_id]
    dataset = next(d for d in collector.datasets if d.key == dataset_key)
    (path,) = mirror_folder(collector, dataset, data_dir).glob(dataset.mirror_glob)
    token, field = RENAMED[(source_id, dataset_key)]
    raw = path.read_bytes()
    assert token in raw
    renamed = raw.replace(token, token.replace(token.strip(b' "=:')[:3], b"Xx_"))
    with pytest.raises(SourceFormatError) as info:
        parsed_frames(collector, path.name, renamed)
    assert str(info.value).startswith(path.name) and field in str(info.value)


def test_every_dataset_has_a_renamed_header_case():
    assert {(c.id, d.key) for c in registry().values() for d in c.datasets if not d.optional} - set(RENAMED) <= {
        (c.id, d.key) for c in registry().values() for d in c.datasets
        if c.id in ("worldbank", "oecd_msti", "oecd_semis", "oecd_vc", "oecd_ai", "owid_ai", "epoch",
                    "epoch_benchmarks", "korea_models")}  # same reader as the dataset tested above
