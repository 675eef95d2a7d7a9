"""A few real rows of each shipped geography file, written to a folder in the shipped format.

Tests load these instead of the full 229,060 postcodes so that they take milliseconds. The rows
are copied unchanged from data/geography/ (so, for example, G11 5AA really is in data zone
S01010400, SIMD decile 10), and test_sample_headers_match_the_shipped_files keeps the headers
in step with the real files.
"""

import csv
import gzip
from collections.abc import Sequence
from pathlib import Path

Rows = Sequence[Sequence[str]]

DATAZONE_HEADER = [
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
POSTCODE_HEADER = ["postcode", "latitude", "longitude", "in_use", "datazone2011", "council_area"]
SECTOR_HEADER = ["sector", "latitude", "longitude", "main_council_area"]
DISTRICT_HEADER = ["outcode", "latitude", "longitude", "main_council_area"]
GB_DISTRICT_HEADER = ["outcode", "latitude", "longitude", "country"]

GLASGOW = [
    "S12000049",
    "Glasgow City",
    "S37000034",
    "Glasgow City",
    "S08000031",
    "NHS Greater Glasgow and Clyde",
]
ABERDEEN = ["S12000033", "Aberdeen City", "S37000001", "Aberdeen City", "S08000020", "NHS Grampian"]

DATAZONES: Rows = [
    ["S01006658", "Froghall, Powis and Sunnybank - 01", "S02001263", "Froghall, Powis and Sunnybank", *ABERDEEN,
     "57.15854", "-2.10430", "1031", "2192", "4", "2", "0"],
    ["S01006662", "Froghall, Powis and Sunnybank - 05", "S02001263", "Froghall, Powis and Sunnybank", *ABERDEEN,
     "57.16406", "-2.11089", "835", "2481", "4", "2", "0"],
    ["S01006681", "Woodside - 01", "S02001267", "Woodside", *ABERDEEN, "57.17328", "-2.14395", "840", "1681", "3", "2",
     "0"],
    ["S01010221", "Cowlairs and Port Dundas - 03", "S02001924", "Cowlairs and Port Dundas", *GLASGOW, "55.87928",
     "-4.24274", "546", "99", "1", "1", "1"],
    ["S01010297", "Woodside - 01", "S02001938", "Woodside", *GLASGOW, "55.87165", "-4.26265", "1066", "924", "2", "1",
     "1"],
    ["S01010311", "Keppochhill - 03", "S02001940", "Keppochhill", *GLASGOW, "55.88276", "-4.25527", "721", "167", "1",
     "1", "1"],
    ["S01010323", "Possil Park - 01", "S02001942", "Possil Park", *GLASGOW, "55.88530", "-4.25252", "603", "12", "1", "1",
     "1"],
    ["S01010324", "Possil Park - 02", "S02001942", "Possil Park", *GLASGOW, "55.89198", "-4.24699", "759", "448", "1",
     "1", "1"],
    ["S01010329", "Possil Park - 07", "S02001942", "Possil Park", *GLASGOW, "55.89088", "-4.28055", "573", "1717", "3",
     "2", "0"],
    ["S01010398", "Partickhill and Hyndland - 02", "S02001956", "Partickhill and Hyndland", *GLASGOW, "55.87703",
     "-4.31329", "1090", "6359", "10", "5", "0"],
    ["S01010400", "Partickhill and Hyndland - 04", "S02001956", "Partickhill and Hyndland", *GLASGOW, "55.87537",
     "-4.30916", "1101", "6781", "10", "5", "0"],
]  # fmt: skip

POSTCODES: Rows = [
    ["AB24 3AA", "57.16540", "-2.10579", "1", "S01006662", "S12000033"],
    ["AB24 3AF", "57.16414", "-2.10481", "0", "S01006662", "S12000033"],
    ["EH77 7AA", "", "", "1", "", ""],
    ["G11 5AA", "55.87489", "-4.30697", "1", "S01010400", "S12000049"],
    ["G11 5AB", "55.87441", "-4.30792", "1", "S01010400", "S12000049"],
    ["G11 5AS", "55.87648", "-4.31348", "1", "S01010398", "S12000049"],
    ["G11 5AT", "55.87612", "-4.31363", "1", "S01010398", "S12000049"],
    ["G22 5AA", "55.88379", "-4.25734", "1", "S01010311", "S12000049"],
    ["G22 5AD", "55.88045", "-4.25406", "1", "S01010221", "S12000049"],
    ["G22 5AE", "55.88057", "-4.24563", "0", "S01010221", "S12000049"],
    ["G5 7AD", "", "", "1", "", ""],
]

SECTORS: Rows = [
    ["AB24 3", "57.16160", "-2.10381", "S12000033"],
    ["G11 5", "55.87300", "-4.30412", "S12000049"],
    ["G11 6", "55.86987", "-4.31006", "S12000049"],
    ["G22 5", "55.88239", "-4.25495", "S12000049"],
    ["G5 0", "55.84484", "-4.24322", "S12000049"],
]

DISTRICTS: Rows = [
    ["AB24", "57.16394", "-2.10796", "S12000033"],
    ["G11", "55.87324", "-4.31295", "S12000049"],
    ["G22", "55.89079", "-4.25207", "S12000049"],
    ["G5", "55.84783", "-4.25204", "S12000049"],
    ["TD15", "55.77181", "-2.12934", "S12000026"],
]

GB_DISTRICTS: Rows = [
    ["AB24", "57.16394", "-2.10796", "S"],
    ["G11", "55.87324", "-4.31295", "S"],
    ["G22", "55.89079", "-4.25207", "S"],
    ["G5", "55.84783", "-4.25204", "S"],
    ["M1", "53.47750", "-2.23619", "E"],
    ["TD15", "55.74735", "-2.01526", "E"],
]


def write_csv(path: Path, header: Sequence[str], rows: Rows) -> Path:
    """Write a CSV like build.py does: gzip when the name ends .gz, LF line ends, minimal quoting."""
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "wt", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)
    return path


def write_geography_files(
    folder: Path,
    *,
    datazones: Rows = DATAZONES,
    postcodes: Rows = POSTCODES,
    sectors: Rows = SECTORS,
    districts: Rows = DISTRICTS,
    gb_districts: Rows = GB_DISTRICTS,
) -> Path:
    """Write the five files geography_load reads into `folder` and return it."""
    folder.mkdir(parents=True, exist_ok=True)
    write_csv(folder / "datazones.csv.gz", DATAZONE_HEADER, datazones)
    write_csv(folder / "scotland_postcodes.csv.gz", POSTCODE_HEADER, postcodes)
    write_csv(folder / "scotland_postcode_sectors.csv", SECTOR_HEADER, sectors)
    write_csv(folder / "scotland_postcode_districts.csv", DISTRICT_HEADER, districts)
    write_csv(folder / "gb_postcode_districts.csv", GB_DISTRICT_HEADER, gb_districts)
    return folder
