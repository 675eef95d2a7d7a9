"""Loading the shipped reference geography (data/geography/) into the database.

The load is all-or-nothing. Every file is read and checked first, so a malformed file is
reported (with its name and line) before the database is touched; the delete and the inserts
then run in one transaction, so a failure part-way through leaves the previous data exactly as
it was. Re-running it is cheap: if the tables already hold the same number of rows as the files,
nothing is written unless `force` is given.

Postcode rows are held as plain tuples until their batch is saved: 229,060 model instances at
once would take several hundred megabytes, tuples take a few tens.
"""

from __future__ import annotations

import csv
import gzip
import math
import time
import zlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection, models, transaction

from .models import DataZone, Postcode, PostcodeDistrict, PostcodeSector
from .postcodes import PostcodeError, PostcodeParts, parse_postcode

BATCH_SIZE = 5000

DATAZONES_FILE = "datazones.csv.gz"
POSTCODES_FILE = "scotland_postcodes.csv.gz"
SECTORS_FILE = "scotland_postcode_sectors.csv"
DISTRICTS_FILE = "scotland_postcode_districts.csv"
GB_DISTRICTS_FILE = "gb_postcode_districts.csv"
DATA_FILES = (DATAZONES_FILE, POSTCODES_FILE, SECTORS_FILE, DISTRICTS_FILE, GB_DISTRICTS_FILE)

#: Called as progress(stage, done, total) while loading; total is 0 when it is not known.
ProgressCallback = Callable[[str, int, int], None]


class GeographyDataError(Exception):
    """The data folder, a file or a row cannot be loaded. The message names the file and line."""


@dataclass(frozen=True)
class LoadResult:
    """What geography_load did: row counts by table, whether it wrote anything, and how long it took."""

    counts: dict[str, int]
    loaded: bool
    seconds: float


def default_data_dir() -> Path:
    """data/geography/ in the repository, or under LINKPAD_DATA_DIR when that is set."""
    return Path(settings.LINKPAD_DATA_DIR) / "geography"


def geography_load(
    *, data_dir: Path | str, force: bool = False, progress: ProgressCallback | None = None
) -> LoadResult:
    """Load data zones, postcodes, sectors and districts from `data_dir`, replacing what is there.

    Skips the writing (loaded=False) when every table already has as many rows as its file,
    unless `force`. Raises GeographyDataError for a missing folder or file or a bad row.
    """
    started = time.perf_counter()
    report = progress or _no_progress
    folder = _checked_folder(Path(data_dir))

    datazones = list(_read(folder / DATAZONES_FILE, _parse_datazone, report))
    datazone_codes = {datazone.code for datazone in datazones}
    sectors = list(_read(folder / SECTORS_FILE, _parse_sector, report))
    districts = _merge_districts(
        scottish=list(_read(folder / DISTRICTS_FILE, _parse_scottish_district, report)),
        gb=list(_read(folder / GB_DISTRICTS_FILE, _parse_gb_district, report)),
    )
    postcodes = list(_read(folder / POSTCODES_FILE, _postcode_parser(datazone_codes), report))

    tables: list[tuple[type[models.Model], Sequence[Any], Callable[[Any], models.Model]]] = [
        (DataZone, datazones, _same),
        (PostcodeSector, sectors, _same),
        (PostcodeDistrict, districts, _same),
        (Postcode, postcodes, _postcode_from_row),
    ]
    counts = {model._meta.verbose_name_plural: len(rows) for model, rows, _ in tables}
    if not force and all(model.objects.count() == len(rows) for model, rows, _ in tables):
        return LoadResult(counts=counts, loaded=False, seconds=time.perf_counter() - started)

    with transaction.atomic():
        report("Removing the old rows", 0, 0)
        # Postcodes first: they refer to data zones, which are protected while referred to.
        for model, _, _ in reversed(tables):
            model.objects.all().delete()
        for model, rows, build in tables:
            stage = f"Saving {model._meta.verbose_name_plural}"
            report(stage, 0, len(rows))
            for start in range(0, len(rows), BATCH_SIZE):
                batch = [build(row) for row in rows[start : start + BATCH_SIZE]]
                model.objects.bulk_create(batch, batch_size=BATCH_SIZE)
                report(stage, start + len(batch), len(rows))
        _analyse(model for model, _, _ in tables)
    return LoadResult(counts=counts, loaded=True, seconds=time.perf_counter() - started)


def _no_progress(stage: str, done: int, total: int) -> None:
    return None


def _same(instance: models.Model) -> models.Model:
    return instance


def _analyse(models_loaded: Iterator[type[models.Model]]) -> None:
    """Refresh the query planner's statistics, so the new latitude/longitude index gets used.

    PostgreSQL's autovacuum would get there eventually and SQLite has no statistics at all
    until asked; ANALYZE on one table is the same statement on both.
    """
    with connection.cursor() as cursor:
        for model in models_loaded:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")


def _checked_folder(folder: Path) -> Path:
    if not folder.is_dir():
        raise GeographyDataError(
            f"The geography data folder {folder} does not exist. Pass the folder that holds "
            f"{DATAZONES_FILE} and the other files, or rebuild it with data/geography/build.py."
        )
    missing = [name for name in DATA_FILES if not (folder / name).is_file()]
    if missing:
        raise GeographyDataError(
            f"The geography data folder {folder} is missing {', '.join(missing)}. "
            "Rebuild it with data/geography/build.py."
        )
    return folder


Row = dict[str, str]
RowParser = Callable[[Row], Any]


def _read(path: Path, parse: RowParser, report: ProgressCallback) -> Iterator[Any]:
    """Yield parse(row) for each row, turning any problem into an error naming file and line."""
    columns: Sequence[str] = getattr(parse, "columns", ())
    stage = f"Reading {path.name}"
    report(stage, 0, 0)
    opener = gzip.open if path.suffix == ".gz" else open
    line = 0
    try:
        with opener(path, "rt", encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            header = reader.fieldnames or []
            missing = [column for column in columns if column not in header]
            if missing:
                raise GeographyDataError(
                    f"{path.name}, line 1: the header has no {', '.join(missing)} column. "
                    f"Expected: {', '.join(columns)}."
                )
            seen: set[str] = set()
            count = 0
            for row in reader:
                line = reader.line_num
                if None in row or None in row.values():
                    raise ValueError(f"it has {_width(row)} values where the header has {len(header)}")
                parsed = parse(row)
                key = str(getattr(parsed, "pk", None) or parsed[0])
                if key in seen:
                    raise ValueError(f"{key} appears more than once")
                seen.add(key)
                count += 1
                yield parsed
            report(stage, count, count)
    except GeographyDataError:
        raise
    except (OSError, EOFError, zlib.error, UnicodeDecodeError, csv.Error) as error:
        # Before ValueError: UnicodeDecodeError is one, but it means the file, not a row, is bad.
        raise GeographyDataError(f"{path.name} cannot be read (line {line}): {error}.") from error
    except (ValueError, KeyError) as error:  # PostcodeError is a ValueError too
        raise GeographyDataError(f"{path.name}, line {line}: {error}.") from error


def _width(row: dict[str | None, Any]) -> int:
    extra = row.get(None) or []
    return sum(1 for key, value in row.items() if key is not None and value is not None) + len(extra)


def _columns(*names: str) -> Callable[[RowParser], RowParser]:
    """Declare the columns a row parser reads, so a file without them fails on its header."""

    def decorate(parse: RowParser) -> RowParser:
        parse.columns = names  # type: ignore[attr-defined]
        return parse

    return decorate


def _number(row: Row, column: str, low: float, high: float, *, blank: bool = False) -> float | None:
    text = row[column].strip()
    if not text and blank:
        return None
    try:
        value = float(text)
    except ValueError:
        raise ValueError(f"{column} {text!r} is not a number") from None
    if not (math.isfinite(value) and low <= value <= high):
        raise ValueError(f"{column} {text!r} is not between {low:g} and {high:g}")
    return value


def _whole(row: Row, column: str, low: int, high: int) -> int:
    text = row[column].strip()
    if not text.isdigit() or not low <= int(text) <= high:
        raise ValueError(f"{column} {text!r} is not a whole number from {low} to {high}")
    return int(text)


def _flag(row: Row, column: str) -> bool:
    text = row[column].strip()
    if text not in {"0", "1"}:
        raise ValueError(f"{column} {text!r} should be 0 or 1")
    return text == "1"


def _code(row: Row, column: str, prefix: str, *, blank: bool = False) -> str:
    """A 9-character GSS code such as S01010400; only the prefix and length are checked."""
    text = row[column].strip()
    if not text and blank:
        return ""
    if len(text) != 9 or not text.startswith(prefix):
        raise ValueError(f"{column} {text!r} is not a 9-character code starting {prefix}")
    return text


def _text(row: Row, column: str) -> str:
    text = row[column].strip()
    if not text:
        raise ValueError(f"{column} is blank")
    return text


def _latitude(row: Row, *, blank: bool = False) -> float | None:
    return _number(row, "latitude", -90, 90, blank=blank)


def _longitude(row: Row, *, blank: bool = False) -> float | None:
    return _number(row, "longitude", -180, 180, blank=blank)


@_columns(
    "DataZone",
    "DataZoneName",
    "IntZone",
    "IntZoneName",
    "CA",
    "CAName",
    "HSCP",
    "HSCPName",
    "HB",
    "HBName",
    "latitude",
    "longitude",
    "TotPop2011",
    "SIMD2020V2Rank",
    "SIMD2020V2CountryDecile",
    "SIMD2020V2CountryQuintile",
    "SIMD2020V2Most15pc",
)
def _parse_datazone(row: Row) -> DataZone:
    return DataZone(
        code=_code(row, "DataZone", "S01"),
        name=_text(row, "DataZoneName"),
        intzone_code=_code(row, "IntZone", "S02"),
        intzone_name=_text(row, "IntZoneName"),
        council_code=_code(row, "CA", "S12"),
        council_name=_text(row, "CAName"),
        hscp_code=_code(row, "HSCP", "S37"),
        hscp_name=_text(row, "HSCPName"),
        health_board_code=_code(row, "HB", "S08"),
        health_board_name=_text(row, "HBName"),
        latitude=_latitude(row),
        longitude=_longitude(row),
        population=_whole(row, "TotPop2011", 0, 1_000_000),
        simd_rank=_whole(row, "SIMD2020V2Rank", 1, 1_000_000),
        simd_decile=_whole(row, "SIMD2020V2CountryDecile", 1, 10),
        simd_quintile=_whole(row, "SIMD2020V2CountryQuintile", 1, 5),
        simd_most_deprived_15pc=_flag(row, "SIMD2020V2Most15pc"),
    )


@_columns("sector", "latitude", "longitude", "main_council_area")
def _parse_sector(row: Row) -> PostcodeSector:
    sector = row["sector"].strip()
    if _parts(sector).sector != sector or _parts(sector).postcode:
        raise ValueError(f"sector {sector!r} is not a postcode sector like G11 5")
    return PostcodeSector(
        sector=sector,
        latitude=_latitude(row),
        longitude=_longitude(row),
        council_code=_code(row, "main_council_area", "S12", blank=True),
    )


def _parts(text: str) -> PostcodeParts:
    try:
        return parse_postcode(text)
    except PostcodeError:
        return PostcodeParts(outcode="", sector=None, postcode=None)


def _outcode(row: Row) -> str:
    outcode = row["outcode"].strip()
    if _parts(outcode).outcode != outcode or _parts(outcode).sector:
        raise ValueError(f"outcode {outcode!r} is not a postcode district like G11")
    return outcode


@_columns("outcode", "latitude", "longitude", "main_council_area")
def _parse_scottish_district(row: Row) -> PostcodeDistrict:
    return PostcodeDistrict(
        outcode=_outcode(row),
        latitude=_latitude(row),
        longitude=_longitude(row),
        council_code=_code(row, "main_council_area", "S12", blank=True),
        country="S",
    )


@_columns("outcode", "latitude", "longitude", "country")
def _parse_gb_district(row: Row) -> PostcodeDistrict:
    country = row["country"].strip()
    if country not in {"E", "S", "W"}:
        raise ValueError(f"country {country!r} should be E, S or W")
    return PostcodeDistrict(
        outcode=_outcode(row),
        latitude=_latitude(row),
        longitude=_longitude(row),
        council_code="",
        country=country,
    )


def _merge_districts(
    *, scottish: list[PostcodeDistrict], gb: list[PostcodeDistrict]
) -> list[PostcodeDistrict]:
    """Scottish districts (with their council, and old terminated ones like AB1), plus the rest of GB.

    Two districts straddle the border with most postcodes in England (TD15 Berwick, CA6). The
    Scottish file's centre for them is the mean of their few Scottish postcodes only, so for those
    the GB centre and country are used and the council is left blank.
    """
    merged = {district.outcode: district for district in scottish}
    for district in gb:
        if district.outcode not in merged or district.country != "S":
            merged[district.outcode] = district
    return sorted(merged.values(), key=lambda district: district.outcode)


PostcodeRow = tuple[str, float | None, float | None, bool, str | None, str]


def _postcode_parser(datazone_codes: set[str]) -> RowParser:
    # Reusing one string object per data zone and council code (instead of a fresh copy on
    # every row) saves about 25 MB while the postcodes wait to be saved.
    shared = {code: code for code in datazone_codes}
    councils: dict[str, str] = {}

    @_columns("postcode", "latitude", "longitude", "in_use", "datazone2011", "council_area")
    def parse(row: Row) -> PostcodeRow:
        postcode = row["postcode"]
        if _parts(postcode).postcode != postcode:
            raise ValueError(f"postcode {postcode!r} is not a full postcode in the form G11 5AA")
        latitude, longitude = _latitude(row, blank=True), _longitude(row, blank=True)
        if (latitude is None) != (longitude is None):
            raise ValueError("latitude and longitude must both be given or both be blank")
        datazone = _code(row, "datazone2011", "S01", blank=True) or None
        if datazone is not None and datazone not in shared:
            raise ValueError(f"data zone {datazone} is not in {DATAZONES_FILE}")
        council = _code(row, "council_area", "S12", blank=True)
        return (
            postcode,
            latitude,
            longitude,
            _flag(row, "in_use"),
            shared.get(datazone),
            councils.setdefault(council, council),
        )

    return parse


def _postcode_from_row(row: PostcodeRow) -> Postcode:
    postcode, latitude, longitude, in_use, datazone, council = row
    return Postcode(
        postcode=postcode,
        latitude=latitude,
        longitude=longitude,
        in_use=in_use,
        datazone_id=datazone,
        council_code=council,
    )
