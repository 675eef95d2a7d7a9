"""Rebuild Linkpad's shipped geography files from the shared open-data folder.

Usage (from the repository root)::

    python data/geography/build.py                      # reads ../shared/data
    python data/geography/build.py --source /path/to/data --out data/geography

Why a script and not a one-off copy: the source files are large and carry columns Linkpad never
reads. This keeps only what `linkpad.geography` loads, joins the three data zone tables into one,
checks the joins are complete, and writes gzip files byte-for-byte reproducibly (no timestamp in
the gzip header) so a rebuild from the same sources gives no git diff.

Every output is written to a temporary file in the output folder and then renamed over the old
one, so an interrupted build never leaves a half-written file behind.

Only the standard library is used, so it runs without the project's virtualenv.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import os
import sys
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_SOURCE = REPO_ROOT.parent / "shared" / "data"
DEFAULT_OUT = Path(__file__).resolve().parent

POSTCODE_COLUMNS = ["postcode", "latitude", "longitude", "in_use", "datazone2011", "council_area"]
DISTRICT_COLUMNS = ["outcode", "latitude", "longitude", "main_council_area"]
SECTOR_COLUMNS = ["sector", "latitude", "longitude", "main_council_area"]
GB_DISTRICT_COLUMNS = ["outcode", "latitude", "longitude", "country"]
DATAZONE_COLUMNS = [
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
]


class BuildError(Exception):
    """The sources are missing or do not join up; the message says which file and why."""


def read_rows(path: Path, columns: Sequence[str]) -> list[dict[str, str]]:
    """Read a source CSV, insisting that the columns we keep are all there."""
    if not path.is_file():
        raise BuildError(f"Source file {path} is missing.")
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = [column for column in columns if column not in (reader.fieldnames or [])]
        if missing:
            raise BuildError(f"{path} has no column(s) {', '.join(missing)}.")
        return list(reader)


def trim(rows: Iterable[dict[str, str]], columns: Sequence[str]) -> list[list[str]]:
    return [[row[column] for column in columns] for row in rows]


def write_csv(path: Path, header: Sequence[str], rows: Iterable[Sequence[str]]) -> int:
    """Write header and rows atomically; gzip (with a fixed mtime of 0) when the name ends .gz."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    data = buffer.getvalue().encode("utf-8")
    if path.suffix == ".gz":
        compressed = io.BytesIO()
        # filename="" and mtime=0 keep the gzip header free of the temp name and the build time.
        with gzip.GzipFile(filename="", mode="wb", fileobj=compressed, compresslevel=9, mtime=0) as gz:
            gz.write(data)
        data = compressed.getvalue()
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as temp:
            temp.write(data)
            temp.flush()
            os.fsync(temp.fileno())
        os.chmod(temp_name, 0o644)
        os.replace(temp_name, path)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise
    return len(data)


def located(rows: list[dict[str, str]]) -> list[dict[str, str]]:
    """Drop sector/district centres without coordinates.

    Seven sectors and one district (EH77) hold only postcodes that have no grid reference, so
    their centre is blank. A centre without a location cannot be a fallback for anything.
    """
    return [row for row in rows if row["latitude"] and row["longitude"]]


def unique_by(rows: list[dict[str, str]], key: str, path: Path) -> dict[str, dict[str, str]]:
    indexed: dict[str, dict[str, str]] = {}
    for row in rows:
        if row[key] in indexed:
            raise BuildError(f"{path}: {key} {row[key]} appears more than once.")
        indexed[row[key]] = row
    return indexed


def build_datazones(source: Path) -> list[list[str]]:
    """Join names/hierarchy, population-weighted centroids and SIMD 2020v2 on DataZone.

    The three PHS/NRS tables each have exactly the 6,976 2011 data zones; anything else means a
    source file has changed and the join would silently drop or blank rows, so it stops instead.
    """
    labels_path = source / "geography_scotland" / "dz2011_codes_and_labels_21042020.csv"
    centroids_path = source / "geography_scotland" / "datazone2011_population_weighted_centroids.csv"
    simd_path = source / "simd2020v2" / "simd2020v2_22062020.csv"
    labels = unique_by(read_rows(labels_path, DATAZONE_COLUMNS[:10]), "DataZone", labels_path)
    centroids = unique_by(
        read_rows(centroids_path, ["DataZone", "latitude", "longitude", "TotPop2011"]),
        "DataZone",
        centroids_path,
    )
    simd = unique_by(read_rows(simd_path, ["DataZone", *DATAZONE_COLUMNS[13:]]), "DataZone", simd_path)
    for other_path, other in ((centroids_path, centroids), (simd_path, simd)):
        if set(other) != set(labels):
            only_labels = sorted(set(labels) - set(other))[:5]
            only_other = sorted(set(other) - set(labels))[:5]
            raise BuildError(
                f"{other_path} and {labels_path} do not list the same data zones "
                f"(e.g. only in labels: {only_labels}, only in {other_path.name}: {only_other})."
            )
    rows = []
    for code in sorted(labels):
        merged = {**labels[code], **centroids[code], **simd[code]}
        rows.append([merged[column] for column in DATAZONE_COLUMNS])
    return rows


def build(source: Path, out: Path) -> dict[str, tuple[int, int]]:
    """Read every source, check it, then write all outputs. Returns {file name: (rows, bytes)}."""
    if not source.is_dir():
        raise BuildError(f"Source folder {source} does not exist. Pass --source.")
    scotland = source / "postcodes_scotland"
    datazones = build_datazones(source)
    datazone_codes = {row[0] for row in datazones}

    postcodes_path = scotland / "scotland_postcodes.csv"
    postcodes = read_rows(postcodes_path, POSTCODE_COLUMNS)
    unique_by(postcodes, "postcode", postcodes_path)
    unknown = sorted({row["datazone2011"] for row in postcodes} - datazone_codes - {""})
    if unknown:
        raise BuildError(f"{postcodes_path} refers to data zones not in the data zone tables: {unknown[:5]}.")

    districts_path = scotland / "scotland_postcode_districts.csv"
    sectors_path = scotland / "scotland_postcode_sectors.csv"
    gb_districts_path = source / "postcodes_gb" / "gb_postcode_districts.csv"
    outputs = {
        "datazones.csv.gz": (DATAZONE_COLUMNS, datazones),
        "scotland_postcodes.csv.gz": (POSTCODE_COLUMNS, trim(postcodes, POSTCODE_COLUMNS)),
        "scotland_postcode_districts.csv": (
            DISTRICT_COLUMNS,
            trim(located(read_rows(districts_path, DISTRICT_COLUMNS)), DISTRICT_COLUMNS),
        ),
        "scotland_postcode_sectors.csv": (
            SECTOR_COLUMNS,
            trim(located(read_rows(sectors_path, SECTOR_COLUMNS)), SECTOR_COLUMNS),
        ),
        "gb_postcode_districts.csv": (
            GB_DISTRICT_COLUMNS,
            trim(located(read_rows(gb_districts_path, GB_DISTRICT_COLUMNS)), GB_DISTRICT_COLUMNS),
        ),
    }
    return {
        name: (len(rows), write_csv(out / name, header, rows)) for name, (header, rows) in outputs.items()
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE, help=f"default: {DEFAULT_SOURCE}")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help=f"default: {DEFAULT_OUT}")
    args = parser.parse_args(argv)
    try:
        written = build(args.source.resolve(), args.out.resolve())
    except BuildError as error:
        print(f"build.py: {error}", file=sys.stderr)
        return 1
    for name, (rows, size) in written.items():
        print(f"{name:<34} {rows:>8,} rows {size / 1024:>9,.0f} KB")
    print(f"{'total':<34} {'':>13} {sum(size for _, size in written.values()) / 1024:>9,.0f} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
