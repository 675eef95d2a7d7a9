"""The Open Referral UK query parameters as directory querysets, and the ORUK Page envelope.

The ORUK API (`linkpad/api/oruk.py`) parses a request, calls these, and renders the result. Every
filter narrows the result (AND). `search` is lexical for now (every word in the name or the
description); it is the one place to switch to `directory.selectors.search_services`.
"""

import datetime as dt
import math
from dataclasses import dataclass

from django.db.models import Case, Q, QuerySet, Value, When

from linkpad.directory.models import Attribute, Schedule, Service, ServiceAtLocation
from linkpad.directory.selectors import search_services
from linkpad.geography.distance import bounding_box, distance_km_expression

#: How many of the best matches for `search` the API pages through.
SEARCH_LIMIT = 500

DAYS = {
    "MO": "monday",
    "TU": "tuesday",
    "WE": "wednesday",
    "TH": "thursday",
    "FR": "friday",
    "SA": "saturday",
    "SU": "sunday",
}
NOT_A_DAY = "{value} is not a day: use MO, TU, WE, TH, FR, SA, SU or the day's name"
DEFAULT_PER_PAGE = 50
MAX_PER_PAGE = 500


class QueryError(ValueError):
    """A query parameter that cannot be used; the message says which and why."""


def day_code(text: str) -> str:
    """The iCalendar code (as in HSDS `byday`) for a day given as a code or a name.

    >>> day_code("mo"), day_code("Tuesday"), day_code(" WED ")
    ('MO', 'TU', 'WE')
    """
    value = str(text).strip().lower()
    for code, name in DAYS.items():
        if value == code.lower() or (len(value) >= 2 and name.startswith(value)):
            return code
    raise QueryError(NOT_A_DAY.format(value=f'"{text}"'))


@dataclass(frozen=True)
class ServiceQuery:
    """The ORUK filters for services, each None when not given."""

    search: str | None = None
    taxonomy_term_id: str | None = None
    taxonomy_id: str | None = None
    minimum_age: float | None = None
    maximum_age: float | None = None
    day: str | None = None
    start_time: dt.time | None = None
    end_time: dt.time | None = None
    modified_after: dt.datetime | None = None


def services_matching(query: ServiceQuery) -> QuerySet[Service]:
    """Services meeting every filter in `query`, by name.

    Ages and times follow the ORUK parameter definitions literally: `minimum_age` keeps services whose
    minimum age is at least the value, `maximum_age` those whose maximum age is at most the value,
    `start_time` those with a session opening at or after it, `end_time` closing at or before it;
    `day` and the times must hold for the same session.
    """
    services = Service.objects.all()
    ranked: list[str] = []
    if (query.search or "").strip():
        # The one search (semantic + lexical) decides what matches the words, and in what order.
        found = search_services(text=query.search, limit=SEARCH_LIMIT)
        ranked = [result.service.pk for result in found.results]
        services = services.filter(id__in=ranked)
    if query.taxonomy_term_id:
        services = services.filter(id__in=_linked_to(Q(taxonomy_term_id=query.taxonomy_term_id)))
    if query.taxonomy_id:
        services = services.filter(id__in=_linked_to(Q(taxonomy_term__taxonomy_detail_id=query.taxonomy_id)))
    if query.minimum_age is not None:
        services = services.filter(minimum_age__gte=query.minimum_age)
    if query.maximum_age is not None:
        services = services.filter(maximum_age__lte=query.maximum_age)
    if query.modified_after is not None:
        services = services.filter(last_modified__gte=query.modified_after)
    sessions = _sessions(query)
    if sessions is not None:
        services = services.filter(
            Q(id__in=sessions.values("service_id"))
            | Q(
                id__in=sessions.filter(service_at_location__isnull=False).values(
                    "service_at_location__service_id"
                )
            )
        )
    if ranked:
        rank = Case(*(When(id=pk, then=Value(position)) for position, pk in enumerate(ranked)))
        return services.order_by(rank, "id")
    return services.order_by("name", "id")


def _linked_to(term_filter: Q) -> QuerySet:
    return Attribute.objects.filter(term_filter, link_entity="service").values("link_id")


def _sessions(query: ServiceQuery) -> QuerySet[Schedule] | None:
    if not (query.day or query.start_time or query.end_time):
        return None
    sessions = Schedule.objects.all()
    if query.day:
        sessions = sessions.filter(byday__icontains=day_code(query.day))
    if query.start_time:
        sessions = sessions.filter(opens_at__gte=query.start_time)
    if query.end_time:
        sessions = sessions.filter(closes_at__lte=query.end_time)
    return sessions


def service_at_locations_near(
    services: QuerySet[Service], *, latitude: float | None, longitude: float | None, metres: float | None
) -> QuerySet[ServiceAtLocation]:
    """Where the services are delivered, nearest the point first (within `metres` if given).

    Without a point, by id. Each row gets `distance_km` (None without a point or coordinates).
    """
    rows = ServiceAtLocation.objects.filter(service__in=services).select_related(
        "location", "service__organization"
    )
    if latitude is None or longitude is None:
        return rows.order_by("id")
    if metres is not None:
        min_lat, max_lat, min_lon, max_lon = bounding_box(latitude, longitude, metres / 1000)
        rows = rows.filter(
            location__latitude__range=(min_lat, max_lat), location__longitude__range=(min_lon, max_lon)
        )
    rows = rows.annotate(
        distance_km=distance_km_expression("location__latitude", "location__longitude", latitude, longitude)
    )
    if metres is not None:
        rows = rows.filter(distance_km__lte=metres / 1000)
    return rows.order_by("distance_km", "id")


@dataclass(frozen=True)
class Page:
    """One page of results and the ORUK envelope that describes it."""

    items: list
    total_items: int
    page_number: int
    per_page: int

    @property
    def total_pages(self) -> int:
        return math.ceil(self.total_items / self.per_page)

    def envelope(self, contents: list) -> dict:
        """The ORUK Page object.

        >>> Page(items=[1, 2], total_items=5, page_number=1, per_page=2).envelope([1, 2])["last_page"]
        False
        """
        return {
            "total_items": self.total_items,
            "total_pages": self.total_pages,
            "page_number": self.page_number,
            "size": len(contents),
            "first_page": self.page_number == 1,
            "last_page": self.page_number >= self.total_pages,
            "empty": not contents,
            "contents": contents,
        }


def paginate(queryset: QuerySet, *, page: int | None, per_page: int | None) -> Page:
    """A page of a queryset: page numbers start at 1; per_page is 1 to 500 (default 50)."""
    size = min(max(per_page or DEFAULT_PER_PAGE, 1), MAX_PER_PAGE)
    number = max(page or 1, 1)
    total = queryset.count()
    items = list(queryset[(number - 1) * size : number * size])
    return Page(items=items, total_items=total, page_number=number, per_page=size)
