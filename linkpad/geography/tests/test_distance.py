from math import asin, atan2, cos, degrees, radians, sin

import pytest

from linkpad.geography.distance import bounding_box, distance_km_expression, haversine_km
from linkpad.geography.models import Postcode, PostcodeDistrict

G11_5AA = (55.87489, -4.30697)


def test_haversine_known_distances():
    assert haversine_km(*G11_5AA, *G11_5AA) == 0
    # One degree of latitude is 111.195 km on the mean-radius sphere.
    assert haversine_km(55.0, -4.0, 56.0, -4.0) == pytest.approx(111.19508, abs=1e-5)
    assert haversine_km(55.0, -4.0, 56.0, -3.0) == pytest.approx(haversine_km(56.0, -3.0, 55.0, -4.0))


@pytest.mark.parametrize("km", [0.1, 2, 25, 300])
def test_bounding_box_holds_every_point_at_that_distance(km):
    min_lat, max_lat, min_lon, max_lon = bounding_box(*G11_5AA, km)
    for bearing in range(0, 360, 5):
        # Walk `km` along each bearing on the sphere and check the end is inside the box.
        lat1, lon1, angle, theta = radians(G11_5AA[0]), radians(G11_5AA[1]), km / 6371.0088, radians(bearing)
        lat2 = asin(sin(lat1) * cos(angle) + cos(lat1) * sin(angle) * cos(theta))
        lon2 = lon1 + atan2(sin(theta) * sin(angle) * cos(lat1), cos(angle) - sin(lat1) * sin(lat2))
        assert haversine_km(*G11_5AA, degrees(lat2), degrees(lon2)) == pytest.approx(km)
        assert min_lat - 1e-9 <= degrees(lat2) <= max_lat + 1e-9
        assert min_lon - 1e-9 <= degrees(lon2) <= max_lon + 1e-9


def test_bounding_box_rejects_a_negative_distance():
    with pytest.raises(ValueError, match="negative"):
        bounding_box(*G11_5AA, -1)


@pytest.mark.django_db
def test_distance_expression_agrees_with_haversine(geography):
    """Points from 60 m (same street) to 298 km (Manchester) apart, on whichever database is in use."""
    rows = list(
        Postcode.objects.filter(latitude__isnull=False)
        .exclude(postcode="G11 5AA")
        .annotate(km=distance_km_expression("latitude", "longitude", *G11_5AA))
        .values_list("postcode", "latitude", "longitude", "km")
    )
    rows += list(
        PostcodeDistrict.objects.annotate(
            km=distance_km_expression("latitude", "longitude", *G11_5AA)
        ).values_list("outcode", "latitude", "longitude", "km")
    )
    assert len(rows) > 10
    for name, latitude, longitude, km in rows:
        assert km == pytest.approx(haversine_km(*G11_5AA, latitude, longitude), abs=1e-6), name
    assert min(km for *_, km in rows) < 0.2
    assert max(km for *_, km in rows) > 290


@pytest.mark.django_db
def test_distance_expression_is_zero_at_the_point_itself_not_an_error(geography):
    # cos(angle) can round to just over 1 here; the clamp keeps ACOS in its domain.
    km = (
        Postcode.objects.filter(postcode="G11 5AA")
        .annotate(km=distance_km_expression("latitude", "longitude", *G11_5AA))
        .values_list("km", flat=True)
        .get()
    )
    assert km == pytest.approx(0, abs=1e-3)


@pytest.mark.django_db
def test_distance_expression_is_null_where_a_coordinate_is_missing(geography):
    """On PostgreSQL LEAST/GREATEST ignore NULL, so without care this would come out as 0 km."""
    distances = dict(
        Postcode.objects.annotate(km=distance_km_expression("latitude", "longitude", *G11_5AA)).values_list(
            "postcode", "km"
        )
    )
    assert distances["G5 7AD"] is None
    assert distances["EH77 7AA"] is None
    assert distances["G11 5AB"] is not None
