"""Where a search is centred: a postcode, a postcode district or sector, or a Glasgow neighbourhood."""

from __future__ import annotations

from linkpad.geography.models import DataZone, Postcode, PostcodeDistrict, PostcodeSector
from linkpad.geography.places import AmbiguousNeighbourhood, NeighbourhoodNotFound, Place
from linkpad.geography.postcodes import PostcodeError, parse_postcode
from linkpad.geography.selectors import find_neighbourhood, locate

GLASGOW_CITY = "S12000049"
SCOTLAND = "S92000003"
ENTER_A_PLACE = "Enter a postcode (like G21 4QQ or G21) or a Glasgow neighbourhood (like Possil Park)."


class UnknownPlace(ValueError):
    """A place that search cannot find. The message is plain English, fit to show the person searching."""


def find_place(text: str) -> Place:
    """A full postcode, a district or sector ("G21", "G21 4"), or a neighbourhood name, as a Place."""
    query = " ".join(str(text).split())
    if not query:
        raise UnknownPlace(ENTER_A_PLACE)
    try:
        parse_postcode(query)
    except PostcodeError:
        return _neighbourhood(query)
    try:
        return locate(query)
    except PostcodeError as error:
        raise UnknownPlace(str(error)) from error


def _neighbourhood(name: str) -> Place:
    try:
        return find_neighbourhood(name)
    except AmbiguousNeighbourhood as error:
        if GLASGOW_CITY in {code for code, _ in error.councils}:
            return find_neighbourhood(name, council_code=GLASGOW_CITY)
        raise UnknownPlace(str(error)) from error
    except NeighbourhoodNotFound as error:
        raise UnknownPlace(
            f"We could not find {name}. Enter a postcode, like G21 4QQ, or a Glasgow neighbourhood."
        ) from error


def area_codes(place: Place) -> set[str]:
    """The GSS codes of the areas a place is in, for matching services by service area.

    Council, HSCP and health board always (when the place is in Scotland), plus Scotland itself; the
    neighbourhood (intermediate zone) and data zone too when the place is precise enough to know them.
    """
    codes: set[str] = set()
    zone = place.datazone
    if zone is not None:
        codes = {zone.code, zone.intzone_code, zone.council_code, zone.hscp_code, zone.health_board_code}
    elif place.precision == "neighbourhood":
        # A name in several councils was resolved to Glasgow's (see find_place), so prefer Glasgow here too.
        rows = DataZone.objects.filter(intzone_name__iexact=place.name).values_list(
            "intzone_code", "council_code", "hscp_code", "health_board_code"
        )
        rows = sorted(set(rows), key=lambda row: row[1] != GLASGOW_CITY)
        codes = set(rows[0]) if rows else set()
    else:
        council = _council_code(place)
        above = DataZone.objects.filter(council_code=council).values_list("hscp_code", "health_board_code")
        codes = {council, *(above.first() or ())} if council else set()
    codes.discard("")
    return codes | {SCOTLAND} if codes else codes


def _council_code(place: Place) -> str:
    if place.precision == "postcode" and place.postcode:
        return (
            Postcode.objects.filter(postcode=place.postcode).values_list("council_code", flat=True).first()
            or ""
        )
    if place.precision == "sector":
        return (
            PostcodeSector.objects.filter(sector=place.name).values_list("council_code", flat=True).first()
            or ""
        )
    if place.precision == "district":
        return (
            PostcodeDistrict.objects.filter(outcode=place.name).values_list("council_code", flat=True).first()
            or ""
        )
    return ""
