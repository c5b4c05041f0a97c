"""Live fetching through `responses` serving the real files, and `kaim mirror pull`."""

from __future__ import annotations

import io
import zipfile

import pytest
import responses

from collectors.errors import MirrorError, SourceFormatError
from collectors.fetch import fetch_live, read_mirror
from collectors.http import make_session
from collectors.registry import select
from collectors.runner import pull_mirror
from collectors.sources import country_meta, oecd_msti, worldbank
from kaim.pipeline import collect


def wdi_zip(data_dir, code: str) -> bytes:
    """The bulk ZIP as the World Bank serves it: data CSV plus the two metadata sidecars."""
    buffer = io.BytesIO()
    (data,) = data_dir.glob(f"*/API_{code}_DS2_*.csv")
    (countries,) = (data_dir / "country_meta").glob("Metadata_Country_*.csv")
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(data.name, data.read_bytes())
        archive.writestr(countries.name, countries.read_bytes())
        archive.writestr(f"Metadata_Indicator_{data.name}", b'"INDICATOR_CODE","INDICATOR_NAME",\r\n')
    return buffer.getvalue()


def serve_live_sources(data_dir) -> None:
    """Register every live URL of the R&D collectors with `responses`, answering with the real files."""
    for dataset in worldbank.collector.datasets:
        responses.get(dataset.url, body=wdi_zip(data_dir, dataset.key), content_type="application/zip")
    for dataset in oecd_msti.collector.datasets:
        body = (data_dir / "oecd_msti" / dataset.file_name).read_bytes()
        responses.get(dataset.url, body=body, content_type="application/xml")


@responses.activate
def test_worldbank_live_takes_the_csv_out_of_the_zip(data_dir, settings):
    serve_live_sources(data_dir)
    payloads = fetch_live(worldbank.collector, make_session(settings.http))
    assert sorted(p.dataset for p in payloads) == sorted(d.key for d in worldbank.collector.datasets)
    gerd = next(p for p in payloads if p.dataset == "GB.XPD.RSDV.GD.ZS")
    assert gerd.file_name == "API_GB.XPD.RSDV.GD.ZS_DS2_en_csv_v2_38.csv"
    assert gerd.content == (data_dir / "worldbank" / gerd.file_name).read_bytes()  # byte for byte
    assert gerd.url.endswith("downloadformat=csv#" + gerd.file_name)
    assert responses.calls[0].request.url.startswith("https://api.worldbank.org/v2/country/all/indicator/")


@responses.activate
def test_worldbank_live_skips_an_optional_file_the_source_lacks(data_dir, settings):
    serve_live_sources(data_dir)
    (population,) = [d for d in worldbank.collector.datasets if d.optional]
    responses.replace(responses.GET, population.url, status=404)
    payloads = fetch_live(worldbank.collector, make_session(settings.http))
    assert population.key not in {p.dataset for p in payloads}
    assert len(payloads) == len(worldbank.collector.datasets) - 1


@responses.activate
def test_country_meta_live_takes_the_sidecar(data_dir, settings):
    serve_live_sources(data_dir)
    (payload,) = fetch_live(country_meta.collector, make_session(settings.http))
    assert payload.file_name.startswith("Metadata_Country_")


@responses.activate
def test_oecd_live_asks_for_sdmx_ml(data_dir, settings):
    serve_live_sources(data_dir)
    payloads = fetch_live(oecd_msti.collector, make_session(settings.http))
    assert [p.file_name for p in payloads] == [f"{i.code}_V8.xml" for i in oecd_msti.INDICATORS]
    assert "structurespecificdata+xml" in responses.calls[0].request.headers["Accept"]


@responses.activate
def test_not_a_zip_is_a_format_error(settings):
    dataset = worldbank.collector.datasets[0]
    responses.get(dataset.url, body=b"<html>maintenance</html>")
    with pytest.raises(SourceFormatError, match="not a valid ZIP"):
        fetch_live(worldbank.collector, make_session(settings.http))


@responses.activate
def test_mirror_pull_then_collect_from_it(data_dir, settings, tmp_path):
    serve_live_sources(data_dir)
    mirror = tmp_path / "carried"
    collectors = select(["worldbank", "oecd_msti", "country_meta"])
    assert pull_mirror(collectors, mirror, make_session(settings.http)) == {}
    assert sorted(p.name for p in (mirror / "worldbank").iterdir()) == sorted(
        p.name for p in (data_dir / "worldbank").glob("API_*.csv"))
    assert len(list((mirror / "semiconductors").glob("API_TX.VAL.TECH.MF.ZS_*.csv"))) == 1
    assert len(list((mirror / "oecd_msti").glob("*_V8.xml"))) == 6
    assert len(list((mirror / "country_meta").glob("Metadata_Country_*.csv"))) == 1

    responses.reset()  # from here on, nothing may be fetched
    result = collect(settings, collectors, mirror=mirror)
    assert [r.status for r in result.runs] == ["ok", "ok", "ok"]
    assert result.published.is_file()


def test_mirror_missing_and_ambiguous_files(mirror):
    (mirror / "oecd_msti" / "G_XGDP_V8.xml").unlink()
    with pytest.raises(MirrorError, match=r"oecd_msti/G_XGDP_V8.xml: no such file"):
        read_mirror(oecd_msti.collector, mirror)
    (gerd,) = (mirror / "worldbank").glob("API_GB.XPD.RSDV.GD.ZS_*.csv")
    (mirror / "worldbank" / gerd.name.replace("_38", "_39")).write_bytes(gerd.read_bytes())
    with pytest.raises(MirrorError, match="2 files match"):
        read_mirror(worldbank.collector, mirror)
