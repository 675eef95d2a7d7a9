"""Reads of the reference geography: where is this postcode, how deprived is it, what is near.

Views and other apps should go through these functions rather than the models, so that the
fallback rules (postcode, then sector, then district) live in one place.
"""

from django.db.models import QuerySet

from .distance import bounding_box, distance_km_expression
from .models import DataZone, Postcode, PostcodeDistrict, PostcodeSector
from .places import AmbiguousNeighbourhood, NeighbourhoodNotFound, Place
from .postcodes import PostcodeNotFound, normalise_postcode, parse_postcode

NOT_FOUND = "We could not find the postcode {postcode}. Check it and try again."
NO_LOCATION = "We do not know where the postcode {postcode} is. Try a postcode nearby."
DISTRICT_NOT_FOUND = "We could not find the postcode district {outcode}. Check it and try again."


def locate(postcode_text: str) -> Place:
    """Find the point for a postcode, falling back to its sector, then its district.

    A full postcode in the Scottish table gives its own centroid, data zone and live flag. One
    that is not there (a new, English or mistyped postcode), or one of the 24 without
    coordinates, gives its sector's centre if the sector is known, else its district's. A sector
    ("G11 5") or district ("G11") on its own gives that area's centre. Only when not even the
    district exists is it an error: that is almost always a typing mistake. (The other case
    is EH77 7AA, a real postcode in a district with no located postcodes at all.)

    Raises PostcodeError if the text is not postcode-shaped, PostcodeNotFound if the district
    is unknown.
    """
    query = str(postcode_text).strip()
    parts = parse_postcode(query)
    datazone, in_use = None, None
    if parts.postcode:
        row = Postcode.objects.select_related("datazone").filter(postcode=parts.postcode).first()
        if row is not None:
            if row.latitude is not None and row.longitude is not None:
                return Place(
                    query=query,
                    name=row.postcode,
                    postcode=row.postcode,
                    latitude=row.latitude,
                    longitude=row.longitude,
                    precision="postcode",
                    datazone=row.datazone,
                    in_use=row.in_use,
                )
            datazone, in_use = row.datazone, row.in_use
    if parts.sector:
        sector = PostcodeSector.objects.filter(sector=parts.sector).first()
        if sector is not None:
            return Place(
                query=query,
                name=sector.sector,
                postcode=parts.postcode,
                latitude=sector.latitude,
                longitude=sector.longitude,
                precision="sector",
                datazone=datazone,
                in_use=in_use,
            )
    district = PostcodeDistrict.objects.filter(outcode=parts.outcode).first()
    if district is not None:
        return Place(
            query=query,
            name=district.outcode,
            postcode=parts.postcode,
            latitude=district.latitude,
            longitude=district.longitude,
            precision="district",
            datazone=datazone,
            in_use=in_use,
        )
    if in_use is not None:
        raise PostcodeNotFound(NO_LOCATION.format(postcode=parts.postcode))
    if parts.sector:
        raise PostcodeNotFound(NOT_FOUND.format(postcode=parts.postcode or parts.sector))
    raise PostcodeNotFound(DISTRICT_NOT_FOUND.format(outcode=parts.outcode))


def simd_decile(postcode_text: str) -> int | None:
    """The SIMD 2020v2 national decile (1 = most deprived) of a full Scottish postcode.

    None when it cannot be known: the postcode is not in the Scottish table (for example an
    English postcode) or has no data zone. A district or sector spans many data zones, so a
    full postcode is required; anything else raises PostcodeError.
    """
    postcode = normalise_postcode(postcode_text)
    return (
        Postcode.objects.filter(postcode=postcode, datazone__isnull=False)
        .values_list("datazone__simd_decile", flat=True)
        .first()
    )


def postcodes_within(*, lat: float, lon: float, km: float) -> QuerySet[Postcode]:
    """Postcodes whose centroid is within `km` of a point, nearest first, with `distance_km`.

    The bounding box is filtered first so the database can use the latitude/longitude index;
    the exact distance is only computed for the rows inside the box. The same pattern works for
    any model with latitude and longitude columns (services, GP practices).
    """
    min_lat, max_lat, min_lon, max_lon = bounding_box(lat, lon, km)
    return (
        Postcode.objects.filter(latitude__range=(min_lat, max_lat), longitude__range=(min_lon, max_lon))
        .annotate(distance_km=distance_km_expression("latitude", "longitude", lat, lon))
        .filter(distance_km__lte=km)
        .order_by("distance_km", "postcode")
    )


def neighbourhoods(*, council_code: str | None = None) -> list[tuple[str, str]]:
    """(intermediate zone code, name) pairs, by name: the neighbourhoods to offer in a picker."""
    zones = DataZone.objects.all()
    if council_code:
        zones = zones.filter(council_code=council_code)
    return list(
        zones.values_list("intzone_code", "intzone_name").distinct().order_by("intzone_name", "intzone_code")
    )


def find_neighbourhood(name: str, *, council_code: str | None = None) -> Place:
    """The population-weighted centre of a neighbourhood (intermediate zone) found by name.

    Case and extra spaces are ignored ("possil  park" finds Possil Park). Eleven names are used
    in more than one council (Woodside, Hillhead, City Centre West, ...): give `council_code` to
    choose, otherwise AmbiguousNeighbourhood lists the councils. The centre is the mean of the
    data zones' population-weighted centroids weighted by their population, so it sits where
    people live rather than in the middle of a park.
    """
    query = " ".join(str(name).split())
    if not query:
        raise NeighbourhoodNotFound("Enter a neighbourhood, like Possil Park")
    zones = DataZone.objects.filter(intzone_name__iexact=query)
    if council_code:
        zones = zones.filter(council_code=council_code)
    rows = list(
        zones.values_list(
            "intzone_code",
            "intzone_name",
            "council_code",
            "council_name",
            "latitude",
            "longitude",
            "population",
        ).order_by("code")
    )
    if not rows:
        raise NeighbourhoodNotFound(f"We could not find a neighbourhood called {query}. Check the spelling.")
    if len({row[0] for row in rows}) > 1:
        councils = sorted({(row[2], row[3]) for row in rows}, key=lambda council: council[1])
        names = " and ".join(council_name for _, council_name in councils)
        raise AmbiguousNeighbourhood(
            f"There is more than one neighbourhood called {rows[0][1]}: in {names}. Choose the council.",
            councils=councils,
        )
    total = sum(row[6] for row in rows)
    weights = [row[6] for row in rows] if total else [1] * len(rows)
    total = total or len(rows)
    latitude = sum(weight * row[4] for weight, row in zip(weights, rows, strict=True)) / total
    longitude = sum(weight * row[5] for weight, row in zip(weights, rows, strict=True)) / total
    return Place(
        query=str(name).strip(),
        name=rows[0][1],
        postcode=None,
        latitude=latitude,
        longitude=longitude,
        precision="neighbourhood",
    )
