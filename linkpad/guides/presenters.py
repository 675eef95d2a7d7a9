"""How a support reads on a guide or a link plan: what, when, where, the first time, how to get in touch."""

import re
from dataclasses import dataclass, field

from linkpad.core.presenters import format_distance_km, web_address
from linkpad.directory.models import Location, Service
from linkpad.directory.presenters import schedule_text

#: A guide says what each support is, and what happens the first time, in a sentence or two each, so that
#: a dozen supports and the crisis lines fit on two sides of A4. A link plan says it all.
WHAT_IT_IS_CHARS = 180
FIRST_TIME_CHARS = 180
NO_TIMES = "Get in touch to find out when."
NO_PLACE = "By phone or online."


@dataclass(frozen=True)
class Support:
    service_id: str
    name: str
    organisation: str
    what: str
    when: list[str]
    where: str
    distance: str  # "1.2 km from Saracen Cross Medical Practice", or ""
    km: float | None  # None for phone and online supports
    first_visit: str
    phones: list[str] = field(default_factory=list)
    email: str = ""
    website: str = ""


def short_description(text: str, limit: int = WHAT_IT_IS_CHARS) -> str:
    """The first sentences of a description that fit in `limit` characters (at least the first one).

    >>> short_description("A walk. Then tea. Then cake and a long chat about everything.", 20)
    'A walk. Then tea.'
    >>> short_description("One long sentence that goes on and on", 10)
    'One long…'
    """
    sentences = re.split(r"(?<=[.!?])\s+", " ".join(text.split()))
    kept = ""
    for sentence in sentences:
        if len(kept) + len(sentence) + 1 > limit:
            break
        kept = f"{kept} {sentence}".strip()
    if kept:
        return kept
    return text[:limit].rsplit(" ", 1)[0] + "…"


def when_lines(service: Service) -> list[str]:
    """When it runs: the service's own schedules, then each venue's, each once."""
    at_venues = [s for sal in service.service_at_locations.all() for s in sal.schedules.all()]
    lines = [schedule_text(s) for s in (*service.schedules.all(), *at_venues)]
    return list(dict.fromkeys(line for line in lines if line)) or [NO_TIMES]


def where_text(service: Service, location_id: str | None) -> str:
    """The venue nearest the place (or the first), with its address; "By phone or online" with none."""
    locations: list[Location] = [sal.location for sal in service.service_at_locations.all()]
    location = next((loc for loc in locations if loc.pk == location_id), locations[0] if locations else None)
    if location is None:
        return NO_PLACE
    address = next(iter(location.addresses.all()), None)
    parts = [location.name]
    if address is not None:
        parts += [address.address_1, address.city, address.postal_code]
    return ", ".join(dict.fromkeys(part for part in parts if part)) or NO_PLACE


def distance_text(km: float | None, origin: str) -> str:
    """How far, in words, from the practice or postcode.

    >>> distance_text(1.234, "Springvale Group Practice")
    '1.2 km from Springvale Group Practice'
    >>> distance_text(None, "G21 1TR")
    ''
    """
    return f"{format_distance_km(km)} from {origin}" if km is not None else ""


def support_for(
    service: Service, *, km: float | None, location_id: str | None, origin: str, brief: bool = True
) -> Support:
    """A support as a guide (brief) or a link plan shows it. `service` comes from
    directory.listings.services_for_display, with everything shown here prefetched."""
    return Support(
        service_id=service.pk,
        name=service.name,
        organisation=service.organization.name,
        what=short_description(service.description) if brief else service.description,
        when=when_lines(service),
        where=where_text(service, location_id),
        distance=distance_text(km, origin),
        km=km,
        first_visit=short_description(service.first_visit, FIRST_TIME_CHARS)
        if brief and service.first_visit
        else service.first_visit,
        phones=[phone.number for phone in service.phones.all()],
        email=service.email,
        website=web_address(service.url),
    )
