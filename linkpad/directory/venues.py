"""When and where a listing runs: its places, their opening times and addresses, as edits and changes.

A place is either the service itself (for schedules attached to the service) or one of its
service-at-locations. A proposed or applied change is kept in `ListingChange.changes` as:

    {"opening_times": {"place": key, "place_name": ..., "sessions": [...], "before": [...], "after": [...]},
     "address": {"place": key, "place_name": ..., "name": ..., "address_1": ..., "city": ...,
                 "postal_code": ..., "latitude": ..., "longitude": ..., "before": ..., "after": ...}}

where `sessions` are `opening_times.session_to_json` rows and `before`/`after` are the words
people read in the moderation queue and the history.
"""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction

from .models import Address, Schedule, Service, ServiceAtLocation
from .models.locations import AddressType
from .opening_times import (
    Session,
    schedule_fields,
    session_from_json,
    session_from_schedule,
    session_text,
    session_to_json,
)
from .phones import is_phones_key, phones_line
from .presenters import schedule_text
from .search.indexing import services_reindex

SERVICE_PLACE = "service"
PLACE_CHANGES = ("opening_times", "address")
PLACE_GONE = "This place is no longer part of the listing."
NO_TIMES = "No opening times"


@dataclass
class Place:
    key: str
    name: str
    service_at_location: ServiceAtLocation | None = None
    sessions: list[Session] = field(default_factory=list)
    fixed: list[str] = field(default_factory=list)  # schedules the rows cannot say, kept as they are
    address: Address | None = None
    shared_with: int = 0  # other listings at the same location

    @property
    def address_text(self) -> str:
        return address_text(self.address) if self.address else ""


def address_text(address) -> str:
    parts = (address.address_1, address.city, address.postal_code)
    return ", ".join(part for part in parts if part)


def _place(key: str, name: str, schedules, **extra) -> Place:
    place = Place(key=key, name=name, **extra)
    for schedule in schedules:
        session = session_from_schedule(schedule)
        if session is None:
            place.fixed.append(schedule_text(schedule) or "A schedule with no description")
        else:
            place.sessions.append(session)
    return place


def places_of(service: Service) -> list[Place]:
    """The places of a listing: the service itself (when it has times or no venue), then each venue."""
    at_locations = list(
        service.service_at_locations.select_related("location")
        .prefetch_related("schedules", "location__addresses")
        .order_by("location__name", "id")
    )
    own = list(service.schedules.order_by("id"))
    places = []
    if own or not at_locations:
        places.append(_place(SERVICE_PLACE, "The service itself", own))
    for at in at_locations:
        location = at.location
        places.append(
            _place(
                at.pk,
                location.name or "A place with no name",
                sorted(at.schedules.all(), key=lambda schedule: schedule.pk),
                service_at_location=at,
                address=min(location.addresses.all(), key=lambda row: row.pk, default=None),
                shared_with=ServiceAtLocation.objects.filter(location=location)
                .exclude(service=service)
                .count(),
            )
        )
    return places


def place_changes(*, place: Place, sessions: list[Session], address: dict | None) -> dict:
    """What would change at a place, in the form a ListingChange keeps; empty when nothing would."""
    changes = {}
    if len(sessions) != len(place.sessions) or not all(
        new.same_times_as(old) for new, old in zip(sessions, place.sessions, strict=False)
    ):
        changes["opening_times"] = {
            "place": place.key,
            "place_name": place.name,
            "sessions": [session_to_json(session) for session in sessions],
            "before": [session_text(session) for session in place.sessions],
            "after": [session_text(session) for session in sessions],
        }
    if address is not None and place.service_at_location is not None:
        before = {
            "name": place.service_at_location.location.name,
            "address_1": place.address.address_1 if place.address else "",
            "city": place.address.city if place.address else "",
            "postal_code": place.address.postal_code if place.address else "",
        }
        after = {name: address[name] for name in before}
        if after != before:
            changes["address"] = {
                "place": place.key,
                "place_name": place.name,
                **address,
                "before": _place_line(before),
                "after": _place_line(after),
            }
    return changes


def _place_line(values: dict) -> str:
    parts = (values["name"], values["address_1"], values["city"], values["postal_code"])
    return ", ".join(part for part in parts if part)


def place_changes_apply(*, service: Service, changes: dict) -> None:
    """Apply the opening-times and address parts of a change. Call inside the caller's transaction."""
    if "opening_times" in changes:
        _apply_times(service, changes["opening_times"])
    if "address" in changes:
        _apply_address(service, changes["address"])


def _owner(service: Service, key: str) -> dict:
    if key == SERVICE_PLACE:
        return {"service": service}
    at = service.service_at_locations.select_related("location").filter(pk=key).first()
    if at is None:
        raise ValidationError(PLACE_GONE)
    return {"service_at_location": at}


def _apply_times(service: Service, entry: dict) -> None:
    owner = _owner(service, entry["place"])
    editable = {
        schedule.pk: schedule
        for schedule in Schedule.objects.filter(**owner)
        if session_from_schedule(schedule) is not None
    }
    kept = set()
    for data in entry["sessions"]:
        session = session_from_json(data)
        schedule = editable.get(session.id) or Schedule(**owner)
        for name, value in schedule_fields(session).items():
            setattr(schedule, name, value)
        schedule.full_clean()
        schedule.save()
        kept.add(schedule.pk)
    for pk, schedule in editable.items():
        if pk not in kept:
            schedule.delete()


def _apply_address(service: Service, entry: dict) -> None:
    location = _owner(service, entry["place"])["service_at_location"].location
    location.name = entry["name"]
    if entry.get("latitude") is not None:
        location.latitude, location.longitude = entry["latitude"], entry["longitude"]
    location.full_clean()
    location.save()
    address = min(location.addresses.all(), key=lambda row: row.pk, default=None) or Address(
        location=location, country="GB", address_type=AddressType.PHYSICAL
    )
    address.address_1, address.city, address.postal_code = (
        entry["address_1"],
        entry["city"],
        entry["postal_code"],
    )
    address.full_clean()
    address.save()
    # Other listings at the same venue moved with it: their distances must follow.
    others = list(
        ServiceAtLocation.objects.filter(location=location)
        .exclude(service=service)
        .values_list("service_id", flat=True)
    )
    if others:
        transaction.on_commit(lambda: services_reindex(service_ids=others))


def change_lines(changes: dict) -> list[tuple[str, str]]:
    """A proposed change as label and words, for the moderation queue and the history.

    >>> change_lines({"capacity": "full", "alert": None})
    [('Capacity', 'full'), ('Alert', '(empty)')]
    >>> change_lines({"opening_times": {"place_name": "Possil Hall", "before": ["Tuesdays, 10am to midday"],
    ...     "after": ["Wednesdays, 10am to midday"]}})
    [('Opening times (Possil Hall)', 'Tuesdays, 10am to midday → Wednesdays, 10am to midday')]
    >>> change_lines({"address": {"place_name": "Hall", "before": "Hall, 1 Main St", "after": "Hall, 2 Main St"}})
    [('Address (Hall)', 'Hall, 1 Main St → Hall, 2 Main St')]
    """
    lines = []
    for name, value in changes.items():
        if name == "opening_times":
            before = "; ".join(value["before"]) or NO_TIMES
            after = "; ".join(value["after"]) or NO_TIMES
            lines.append((f"Opening times ({value['place_name']})", f"{before} → {after}"))
        elif name == "address":
            lines.append((f"Address ({value['place_name']})", f"{value['before']} → {value['after']}"))
        elif is_phones_key(name):
            lines.append(phones_line(value))
        else:
            label = name.replace("_", " ").capitalize()
            lines.append((label, "(empty)" if value is None else str(value)))
    return lines
