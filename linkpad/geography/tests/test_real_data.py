"""The proof that the shipped files load: every row, into whichever database the suite uses."""

import csv
import gzip

import pytest

from linkpad.geography.distance import haversine_km
from linkpad.geography.models import DataZone, Postcode, PostcodeDistrict, PostcodeSector
from linkpad.geography.postcodes import PostcodeNotFound
from linkpad.geography.selectors import find_neighbourhood, locate, postcodes_within, simd_decile
from linkpad.geography.services import DATAZONES_FILE, POSTCODES_FILE, default_data_dir, geography_load


def shipped_rows(name: str) -> list[dict[str, str]]:
    with gzip.open(default_data_dir() / name, "rt", encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.mark.slow
@pytest.mark.django_db
def test_the_shipped_files_load_in_full():
    result = geography_load(data_dir=default_data_dir())

    assert result.loaded
    assert result.counts == {
        "data zones": 6976,
        "postcode sectors": 1272,
        "postcode districts": 2885,
        "postcodes": 229060,
    }
    assert (DataZone.objects.count(), Postcode.objects.count()) == (6976, 229060)
    assert (PostcodeSector.objects.count(), PostcodeDistrict.objects.count()) == (1272, 2885)
    assert Postcode.objects.filter(in_use=True).count() == 161349
    assert Postcode.objects.filter(latitude__isnull=True).count() == 24

    # G11 5AA is in data zone S01010400 (Partickhill and Hyndland - 04), SIMD 2020v2 decile 10,
    # read here straight from the shipped CSVs as well as checked against the literal.
    datazone_code = next(row for row in shipped_rows(POSTCODES_FILE) if row["postcode"] == "G11 5AA")[
        "datazone2011"
    ]
    decile = next(row for row in shipped_rows(DATAZONES_FILE) if row["DataZone"] == datazone_code)
    assert (datazone_code, decile["SIMD2020V2CountryDecile"]) == ("S01010400", "10")
    assert simd_decile("g11 5aa") == 10
    assert locate("G11 5AA").datazone.name == "Partickhill and Hyndland - 04"

    assert locate("G5 7AD").precision == "district"  # live, but no coordinates anywhere
    assert locate("M1 1AE").precision == "district"  # Manchester, from the GB districts
    with pytest.raises(PostcodeNotFound, match="ZZ1 1ZZ"):
        locate("ZZ1 1ZZ")
    assert haversine_km(*_point(find_neighbourhood("Possil Park")), 55.889, -4.257) < 1.5
    assert find_neighbourhood("drumchapel north").name == "Drumchapel North"

    centre = locate("G11 5AA")
    near = postcodes_within(lat=centre.latitude, lon=centre.longitude, km=2)
    by_python = sum(
        1
        for latitude, longitude in Postcode.objects.filter(latitude__isnull=False).values_list(
            "latitude", "longitude"
        )
        if haversine_km(centre.latitude, centre.longitude, latitude, longitude) <= 2
    )
    assert near.count() == by_python > 1000

    assert not geography_load(data_dir=default_data_dir()).loaded  # second run: nothing to do
    assert Postcode.objects.count() == 229060


def _point(place):
    return place.latitude, place.longitude
