import dataclasses

import pytest

from linkpad.geography.distance import haversine_km
from linkpad.geography.models import Postcode
from linkpad.geography.places import AmbiguousNeighbourhood, NeighbourhoodNotFound, Place
from linkpad.geography.postcodes import PostcodeError, PostcodeNotFound
from linkpad.geography.selectors import (
    find_neighbourhood,
    locate,
    neighbourhoods,
    postcodes_within,
    simd_decile,
)

pytestmark = pytest.mark.django_db

GLASGOW_CITY = "S12000049"


def test_locate_exact_postcode(geography):
    place = locate(" g115aa ")
    assert place == Place(
        query="g115aa",
        name="G11 5AA",
        postcode="G11 5AA",
        latitude=55.87489,
        longitude=-4.30697,
        precision="postcode",
        datazone=place.datazone,
        in_use=True,
    )
    assert place.is_exact
    assert place.datazone.code == "S01010400"
    assert place.datazone.intzone_name == "Partickhill and Hyndland"


def test_place_is_frozen(geography):
    with pytest.raises(dataclasses.FrozenInstanceError):
        locate("G11 5AA").latitude = 0


def test_locate_terminated_postcode_still_resolves(geography):
    place = locate("G22 5AE")
    assert (place.precision, place.in_use) == ("postcode", False)


def test_locate_unknown_postcode_falls_back_to_its_sector(geography):
    place = locate("G11 5ZZ")
    assert (place.precision, place.name, place.postcode) == ("sector", "G11 5", "G11 5ZZ")
    assert (place.latitude, place.longitude) == (55.87300, -4.30412)
    assert place.datazone is None and place.in_use is None
    assert not place.is_exact


def test_locate_unknown_sector_falls_back_to_the_district(geography):
    place = locate("G11 9ZZ")
    assert (place.precision, place.name, place.postcode) == ("district", "G11", "G11 9ZZ")
    assert (place.latitude, place.longitude) == (55.87324, -4.31295)


def test_locate_postcode_without_coordinates_falls_back_but_keeps_what_is_known(geography):
    place = locate("G5 7AD")  # live, but no grid reference; no G5 7 sector centre either
    assert (place.precision, place.name, place.postcode, place.in_use) == ("district", "G5", "G5 7AD", True)


def test_locate_district_or_sector_on_its_own(geography):
    assert locate("g11").precision == "district"
    assert locate("g11").postcode is None
    assert locate("G11 6").precision == "sector"


def test_locate_english_postcode_gets_its_gb_district(geography):
    place = locate("M1 1AE")
    assert (place.precision, place.name) == ("district", "M1")


def test_locate_unknown_district_raises_with_a_plain_message(geography):
    with pytest.raises(PostcodeNotFound) as raised:
        locate("zz11zz")
    assert str(raised.value) == "We could not find the postcode ZZ1 1ZZ. Check it and try again."
    with pytest.raises(PostcodeNotFound, match="^We could not find the postcode district ZZ1. Check it"):
        locate("ZZ1")


def test_locate_postcode_with_nowhere_to_fall_back_to(geography):
    with pytest.raises(PostcodeNotFound, match="^We do not know where the postcode EH77 7AA is"):
        locate("EH77 7AA")


def test_locate_rejects_text_that_is_not_a_postcode(geography):
    with pytest.raises(PostcodeError, match="^Enter a full postcode, like G11 5AA$"):
        locate("Possil Park")


def test_simd_decile(geography):
    assert simd_decile("g11 5aa") == 10
    assert simd_decile("G22 5AD") == 1
    assert simd_decile("G11 5ZZ") is None  # not in the table: its data zone is unknown
    assert simd_decile("M1 1AE") is None
    assert simd_decile("G5 7AD") is None  # in the table but without a data zone
    with pytest.raises(PostcodeError):
        simd_decile("G11")


def test_postcodes_within_matches_a_brute_force_haversine(geography):
    centre = locate("G11 5AA")
    for km in (0.1, 0.5, 4, 500):
        found = list(postcodes_within(lat=centre.latitude, lon=centre.longitude, km=km))
        expected = sorted(
            postcode.postcode
            for postcode in Postcode.objects.filter(latitude__isnull=False)
            if haversine_km(centre.latitude, centre.longitude, postcode.latitude, postcode.longitude) <= km
        )
        assert sorted(postcode.postcode for postcode in found) == expected, km
        assert [postcode.distance_km for postcode in found] == sorted(
            postcode.distance_km for postcode in found
        )
    assert [
        postcode.postcode for postcode in postcodes_within(lat=centre.latitude, lon=centre.longitude, km=0.1)
    ][0] == "G11 5AA"


def test_neighbourhoods(geography):
    glasgow = neighbourhoods(council_code=GLASGOW_CITY)
    assert glasgow == [
        ("S02001924", "Cowlairs and Port Dundas"),
        ("S02001940", "Keppochhill"),
        ("S02001956", "Partickhill and Hyndland"),
        ("S02001942", "Possil Park"),
        ("S02001938", "Woodside"),
    ]
    everywhere = neighbourhoods()
    assert ("S02001267", "Woodside") in everywhere
    assert len(everywhere) == len(set(everywhere)) == 7


def test_find_neighbourhood_is_case_and_space_insensitive(geography):
    place = find_neighbourhood("  possil   PARK ")
    assert (place.name, place.precision, place.postcode, place.datazone) == (
        "Possil Park",
        "neighbourhood",
        None,
        None,
    )
    # Population-weighted mean of the three sample data zones' centroids.
    weights = {(55.88530, -4.25252): 603, (55.89198, -4.24699): 759, (55.89088, -4.28055): 573}
    total = sum(weights.values())
    assert place.latitude == pytest.approx(sum(lat * w for (lat, _), w in weights.items()) / total)
    assert place.longitude == pytest.approx(sum(lon * w for (_, lon), w in weights.items()) / total)


def test_find_neighbourhood_with_a_name_used_by_two_councils(geography):
    with pytest.raises(AmbiguousNeighbourhood) as raised:
        find_neighbourhood("woodside")
    assert str(raised.value) == (
        "There is more than one neighbourhood called Woodside: in Aberdeen City and Glasgow City. Choose the council."
    )
    assert raised.value.councils == [("S12000033", "Aberdeen City"), ("S12000049", "Glasgow City")]
    place = find_neighbourhood("Woodside", council_code=GLASGOW_CITY)
    assert (place.latitude, place.longitude) == pytest.approx((55.87165, -4.26265))


def test_find_neighbourhood_unknown(geography):
    with pytest.raises(NeighbourhoodNotFound, match="^We could not find a neighbourhood called Atlantis"):
        find_neighbourhood("Atlantis")
    with pytest.raises(NeighbourhoodNotFound, match="^Enter a neighbourhood"):
        find_neighbourhood("  ")
