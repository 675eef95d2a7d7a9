import gzip
import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from linkpad.geography.models import DataZone, Postcode, PostcodeDistrict, PostcodeSector
from linkpad.geography.progress import TextProgress
from linkpad.geography.services import GeographyDataError, default_data_dir, geography_load

from .sample_files import (
    DATAZONE_HEADER,
    DATAZONES,
    DISTRICT_HEADER,
    GB_DISTRICT_HEADER,
    GB_DISTRICTS,
    POSTCODE_HEADER,
    POSTCODES,
    SECTOR_HEADER,
    write_csv,
    write_geography_files,
)

pytestmark = pytest.mark.django_db
MODELS = (DataZone, Postcode, PostcodeSector, PostcodeDistrict)
SAMPLE_COUNTS = {"data zones": 11, "postcode sectors": 5, "postcode districts": 6, "postcodes": 11}


def table_counts() -> dict[str, int]:
    return {model._meta.verbose_name_plural: model.objects.count() for model in MODELS}


def assert_tables_empty():
    assert table_counts() == dict.fromkeys(SAMPLE_COUNTS, 0)


def test_sample_headers_match_the_shipped_files():
    """The sample rows must stay in the shipped format, or these tests would prove nothing."""
    expected = {
        "datazones.csv.gz": DATAZONE_HEADER,
        "scotland_postcodes.csv.gz": POSTCODE_HEADER,
        "scotland_postcode_sectors.csv": SECTOR_HEADER,
        "scotland_postcode_districts.csv": DISTRICT_HEADER,
        "gb_postcode_districts.csv": GB_DISTRICT_HEADER,
    }
    for name, header in expected.items():
        path = Path(__file__).resolve().parents[3] / "data" / "geography" / name
        opener = gzip.open if path.suffix == ".gz" else open
        with opener(path, "rt", encoding="utf-8") as handle:
            assert handle.readline().rstrip("\n").split(",") == header, name


def test_load_counts_and_values(geography):
    assert geography.loaded
    assert geography.counts == SAMPLE_COUNTS == table_counts()
    zone = DataZone.objects.get(code="S01006658")
    assert zone.name == "Froghall, Powis and Sunnybank - 01"  # a quoted name with commas
    assert (zone.simd_rank, zone.simd_decile, zone.simd_quintile, zone.simd_most_deprived_15pc) == (
        2192,
        4,
        2,
        False,
    )
    assert (zone.council_name, zone.hscp_code, zone.health_board_name) == (
        "Aberdeen City",
        "S37000001",
        "NHS Grampian",
    )
    assert DataZone.objects.get(code="S01010323").simd_most_deprived_15pc is True
    postcode = Postcode.objects.get(postcode="G11 5AA")
    assert (postcode.latitude, postcode.longitude, postcode.in_use) == (55.87489, -4.30697, True)
    assert (postcode.datazone_id, postcode.council_code) == ("S01010400", "S12000049")
    no_location = Postcode.objects.get(postcode="G5 7AD")
    assert (no_location.latitude, no_location.datazone, no_location.council_code) == (None, None, "")


def test_districts_merge_scotland_with_the_rest_of_gb(geography):
    districts = {district.outcode: district for district in PostcodeDistrict.objects.all()}
    assert (districts["G11"].country, districts["G11"].council_code) == ("S", "S12000049")
    assert (districts["M1"].country, districts["M1"].council_code) == ("E", "")
    # TD15 (Berwick) is mostly English: the GB centre is used, not the few Scottish postcodes' centre.
    assert (districts["TD15"].country, districts["TD15"].latitude, districts["TD15"].council_code) == (
        "E",
        55.74735,
        "",
    )


def test_reload_is_idempotent(geography, geography_dir):
    again = geography_load(data_dir=geography_dir)
    assert not again.loaded
    assert again.counts == table_counts() == SAMPLE_COUNTS
    forced = geography_load(data_dir=geography_dir, force=True)
    assert forced.loaded
    assert table_counts() == SAMPLE_COUNTS  # replaced, not duplicated


def test_changed_files_are_reloaded_without_force(geography, tmp_path):
    folder = write_geography_files(tmp_path / "smaller", postcodes=POSTCODES[:-1])
    result = geography_load(data_dir=folder)
    assert result.loaded
    assert Postcode.objects.count() == len(POSTCODES) - 1
    assert not Postcode.objects.filter(postcode=POSTCODES[-1][0]).exists()


@pytest.mark.parametrize(
    ("files", "message"),
    [
        (
            {"postcodes": [*POSTCODES, ["G11 5ZX", "north", "-4.3", "1", "S01010400", "S12000049"]]},
            r"^scotland_postcodes\.csv\.gz, line 13: latitude 'north' is not a number\.$",
        ),
        (
            {"postcodes": [*POSTCODES[:3], ["g11 5zx", "55.8", "-4.3", "1", "S01010400", "S12000049"]]},
            r"^scotland_postcodes\.csv\.gz, line 5: postcode 'g11 5zx' is not a full postcode in the form G11 5AA\.$",
        ),
        (
            {"postcodes": [["G11 5ZX", "55.8", "-4.3", "1", "S01099999", "S12000049"]]},
            r"^scotland_postcodes\.csv\.gz, line 2: data zone S01099999 is not in datazones\.csv\.gz\.$",
        ),
        (
            {"postcodes": [*POSTCODES[:2], POSTCODES[0]]},
            r"^scotland_postcodes\.csv\.gz, line 4: AB24 3AA appears more than once\.$",
        ),
        (
            {"postcodes": [["G11 5ZX", "55.8", "-4.3", "yes", "S01010400", "S12000049"]]},
            r"line 2: in_use 'yes' should be 0 or 1\.$",
        ),
        (
            {"postcodes": [["G11 5ZX", "55.8", "", "1", "S01010400", "S12000049"]]},
            r"line 2: latitude and longitude must both be given or both be blank\.$",
        ),
        (
            {"postcodes": [["G11 5ZX", "55.8", "-4.3", "1", "S01010400"]]},
            r"^scotland_postcodes\.csv\.gz, line 2: it has 5 values where the header has 6\.$",
        ),
        (
            {"datazones": [[*DATAZONES[0][:14], "11", *DATAZONES[0][15:]]]},
            r"^datazones\.csv\.gz, line 2: SIMD2020V2CountryDecile '11' is not a whole number from 1 to 10\.$",
        ),
        (
            {"gb_districts": [*GB_DISTRICTS, ["CF10", "51.48", "-3.17", "Wales"]]},
            r"^gb_postcode_districts\.csv, line 8: country 'Wales' should be E, S or W\.$",
        ),
        (
            {"sectors": [["G11", "55.87", "-4.30", "S12000049"]]},
            r"^scotland_postcode_sectors\.csv, line 2: sector 'G11' is not a postcode sector like G11 5\.$",
        ),
    ],
)
def test_malformed_row_names_file_and_line_and_loads_nothing(tmp_path, files, message):
    folder = write_geography_files(tmp_path / "bad", **files)
    with pytest.raises(GeographyDataError, match=message):
        geography_load(data_dir=folder)
    assert_tables_empty()


def test_missing_column_is_reported_from_the_header(tmp_path):
    folder = write_geography_files(tmp_path / "bad")
    write_csv(folder / "scotland_postcodes.csv.gz", POSTCODE_HEADER[:3], [row[:3] for row in POSTCODES])
    with pytest.raises(
        GeographyDataError, match=r"^scotland_postcodes\.csv\.gz, line 1: the header has no in_use, "
    ):
        geography_load(data_dir=folder)
    assert_tables_empty()


def test_corrupt_gzip_is_reported(tmp_path):
    folder = write_geography_files(tmp_path / "bad")
    (folder / "datazones.csv.gz").write_bytes(b"this is not gzip")
    with pytest.raises(GeographyDataError, match=r"^datazones\.csv\.gz cannot be read"):
        geography_load(data_dir=folder)


def test_missing_folder_or_file(tmp_path):
    with pytest.raises(GeographyDataError, match=r"geography data folder .*nowhere does not exist"):
        geography_load(data_dir=tmp_path / "nowhere")
    folder = write_geography_files(tmp_path / "partial")
    (folder / "gb_postcode_districts.csv").unlink()
    with pytest.raises(GeographyDataError, match=r"is missing gb_postcode_districts\.csv\. Rebuild it"):
        geography_load(data_dir=folder)


def test_a_failure_while_saving_leaves_the_previous_data_untouched(geography, geography_dir, monkeypatch):
    """Data zones are saved before postcodes; a failure on the postcodes must undo them too."""
    before = table_counts()
    DataZone.objects.filter(code="S01010400").update(name="marker from the previous load")

    def broken_bulk_create(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(Postcode.objects, "bulk_create", broken_bulk_create)
    with pytest.raises(RuntimeError, match="disk full"):
        geography_load(data_dir=geography_dir, force=True)
    assert table_counts() == before
    assert DataZone.objects.get(code="S01010400").name == "marker from the previous load"


def test_a_failure_on_a_first_load_leaves_the_tables_empty(geography_dir, monkeypatch):
    monkeypatch.setattr(Postcode.objects, "bulk_create", lambda *args, **kwargs: 1 / 0)
    with pytest.raises(ZeroDivisionError):
        geography_load(data_dir=geography_dir)
    assert_tables_empty()


def test_progress_is_reported_for_every_stage(geography_dir):
    calls = []
    geography_load(data_dir=geography_dir, progress=lambda *call: calls.append(call))
    assert ("Saving postcodes", 11, 11) in calls
    assert ("Reading scotland_postcodes.csv.gz", 11, 11) in calls
    assert {stage for stage, *_ in calls} >= {"Removing the old rows", "Saving data zones"}


def test_text_progress_in_a_log_writes_one_line_per_stage():
    stream = io.StringIO()
    progress = TextProgress(stream, interactive=False)
    for done in range(0, 101, 10):
        progress("Saving postcodes", done, 100)
    progress("Reading", 0, 0)
    progress.finish()
    lines = stream.getvalue().splitlines()
    assert [line.split(":")[0] for line in lines] == ["Saving postcodes", "Reading"]


def test_text_progress_on_a_terminal_draws_a_bar():
    stream = io.StringIO()
    progress = TextProgress(stream, interactive=True)
    progress("Saving postcodes", 50, 100)
    progress("Saving postcodes", 100, 100)
    assert "[##############################] 100% 100/100" in stream.getvalue()
    assert stream.getvalue().endswith(" s\n")


def test_command_loads_then_skips(geography_dir):
    out, err = io.StringIO(), io.StringIO()
    call_command("load_geography", data_dir=geography_dir, stdout=out, stderr=err)
    assert out.getvalue().startswith(
        "Loaded 11 data zones, 5 postcode sectors, 6 postcode districts, 11 postcodes"
    )
    assert "Saving postcodes: done in" in err.getvalue()
    out = io.StringIO()
    call_command("load_geography", data_dir=geography_dir, stdout=out, stderr=io.StringIO())
    assert "already loaded" in out.getvalue()
    assert "--force" in out.getvalue()
    out = io.StringIO()
    call_command("load_geography", data_dir=geography_dir, force=True, no_progress=True, stdout=out)
    assert out.getvalue().startswith("Loaded ")


def test_command_reports_bad_data_as_a_command_error(tmp_path):
    folder = write_geography_files(tmp_path / "bad", postcodes=[["G11 5ZX", "55.8", "-4.3", "maybe", "", ""]])
    with pytest.raises(CommandError, match=r"scotland_postcodes\.csv\.gz, line 2: in_use 'maybe'"):
        call_command("load_geography", data_dir=folder, stderr=io.StringIO(), stdout=io.StringIO())
    with pytest.raises(CommandError, match="does not exist"):
        call_command("load_geography", data_dir=tmp_path / "nowhere", verbosity=0)


def test_default_data_dir_is_the_shipped_folder(settings, tmp_path):
    assert (default_data_dir() / "scotland_postcodes.csv.gz").is_file()
    settings.LINKPAD_DATA_DIR = tmp_path
    assert default_data_dir() == tmp_path / "geography"


def test_a_file_that_is_not_utf8_is_reported(tmp_path):
    folder = write_geography_files(tmp_path / "bad")
    (folder / "scotland_postcode_sectors.csv").write_bytes(
        b"sector,latitude,longitude,main_council_area\n\xff\xfe,1,2,\n"
    )
    with pytest.raises(GeographyDataError, match=r"^scotland_postcode_sectors\.csv cannot be read .*utf-8"):
        geography_load(data_dir=folder)
