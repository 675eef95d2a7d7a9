"""Great-circle distances, in Python and as a database expression, plus an index-friendly box.

Distances on the sphere are plenty for "services within 2 km": the Earth's flattening changes
a Glasgow-to-Edinburgh distance by well under 0.5%, and postcode centroids are themselves only
approximate places.

The database version is built from Django's portable math functions so it gives the same answer
on SQLite (where Django supplies the functions) and PostgreSQL, with no GIS extension. It uses
the spherical law of cosines because that needs only ACOS, COS, SIN and RADIANS, all of which
both backends have; for points more than a few metres apart it agrees with the haversine formula
to well under a millimetre.
"""

from math import asin, cos, degrees, radians, sin, sqrt

from django.db.models import Case, F, FloatField, Value, When
from django.db.models.expressions import Combinable
from django.db.models.functions import ACos, Cos, Greatest, Least, Radians, Sin
from django.db.models.lookups import IsNull

#: Mean Earth radius (IUGG), kilometres.
EARTH_RADIUS_KM = 6371.0088


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres between two WGS84 points given in decimal degrees.

    Glasgow Central to Edinburgh Waverley is about 67 km as the crow flies:

    >>> round(haversine_km(55.8591, -4.2581, 55.9520, -3.1890), 1)
    67.4
    >>> haversine_km(55.87489, -4.30697, 55.87489, -4.30697)
    0.0
    """
    phi1, phi2 = radians(lat1), radians(lat2)
    half_dphi = (phi2 - phi1) / 2
    half_dlambda = radians(lon2 - lon1) / 2
    h = sin(half_dphi) ** 2 + cos(phi1) * cos(phi2) * sin(half_dlambda) ** 2
    return 2 * EARTH_RADIUS_KM * asin(min(1.0, sqrt(h)))


def bounding_box(lat: float, lon: float, km: float) -> tuple[float, float, float, float]:
    """(min_lat, max_lat, min_lon, max_lon) of a box holding every point within `km` of a point.

    Filtering on this box first lets the database use the latitude/longitude index, so the
    exact distance is only computed for the few rows inside it. The longitude half-width is
    the exact one for a sphere (asin(sin d / cos lat)), not d / cos lat, which is slightly too
    small and would drop points at the box's edge. Near a pole or the 180° meridian the box
    falls back to all longitudes rather than wrapping.

    >>> [round(value, 5) for value in bounding_box(55.87489, -4.30697, 2)]
    [55.8569, 55.89288, -4.33903, -4.27491]
    >>> bounding_box(89.99, 0.0, 5)[2:]
    (-180.0, 180.0)
    """
    if km < 0:
        raise ValueError("The distance must not be negative.")
    angle = km / EARTH_RADIUS_KM
    min_lat, max_lat = lat - degrees(angle), lat + degrees(angle)
    if min_lat <= -90 or max_lat >= 90 or sin(angle) >= cos(radians(lat)):
        return max(min_lat, -90.0), min(max_lat, 90.0), -180.0, 180.0
    half_width = degrees(asin(sin(angle) / cos(radians(lat))))
    min_lon, max_lon = lon - half_width, lon + half_width
    if min_lon < -180 or max_lon > 180:
        return min_lat, max_lat, -180.0, 180.0
    return min_lat, max_lat, min_lon, max_lon


def distance_km_expression(
    lat_field: str | Combinable, lon_field: str | Combinable, lat: float, lon: float
) -> Case:
    """A database expression for the distance in km from each row's point to (lat, lon).

    Use it to annotate, filter or order a queryset:
    ``Postcode.objects.annotate(km=distance_km_expression("latitude", "longitude", 55.87, -4.31))``.

    The cosine of the angle is clamped to [-1, 1] because rounding can push it just past 1 for
    nearly identical points, and ACOS(1.0000000000000002) is an error, not 0. Rows with a NULL
    coordinate get a NULL distance on both backends: PostgreSQL's LEAST/GREATEST skip NULLs
    (SQLite's do not), so without the explicit CASE those rows would come out at 0 km there.
    The point's own sine and cosine are computed here in Python, so the database only
    evaluates the trigonometry that depends on the row.
    """
    lat_expr = F(lat_field) if isinstance(lat_field, str) else lat_field
    lon_expr = F(lon_field) if isinstance(lon_field, str) else lon_field
    phi = Radians(lat_expr)
    cos_angle = Value(sin(radians(lat))) * Sin(phi) + Value(cos(radians(lat))) * Cos(phi) * Cos(
        Radians(lon_expr) - Value(radians(lon))
    )
    clamped = Greatest(Least(cos_angle, Value(1.0)), Value(-1.0))
    return Case(
        When(IsNull(lat_expr, True), then=Value(None)),
        When(IsNull(lon_expr, True), then=Value(None)),
        default=ACos(clamped) * Value(EARTH_RADIUS_KM),
        output_field=FloatField(),
    )
