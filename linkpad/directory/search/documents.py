"""What search knows about one service: the text to embed and full-text index, and the facts to filter on.

Both are built from the HSDS rows in one place, so the index, the filters and the benchmark agree.
The facts are plain JSON (stored on `ServiceSearchIndex.facts`) so that a query filters arrays in
memory instead of joining eight tables.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence

from ..models import Attribute, CostOption, Schedule, Service, TaxonomyTerm
from .encoder import MODEL_NAME, MODEL_VERSION

DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
_BYDAY = re.compile(r"^[+-]?\d*(MO|TU|WE|TH|FR|SA|SU)$")


def services_for_index(service_ids: Sequence[str]) -> list[Service]:
    """The services with every related row the document and facts need, in a fixed number of queries."""
    services = list(
        Service.objects.filter(pk__in=service_ids).prefetch_related(
            "service_areas",
            "cost_options",
            "schedules",
            "service_at_locations__schedules",
            "service_at_locations__location__accessibility",
        )
    )
    terms = categories_by_service([service.pk for service in services])
    for service in services:
        service.index_categories = terms.get(service.pk, [])
    return services


def categories_by_service(
    service_ids: Iterable[str], *, with_parents: bool = True
) -> dict[str, list[TaxonomyTerm]]:
    """Each service's taxonomy terms (through HSDS attributes), most specific first as linked; with
    their parent and grandparent read in the same query unless with_parents=False."""
    found: dict[str, list[TaxonomyTerm]] = defaultdict(list)
    related = "taxonomy_term__parent__parent" if with_parents else "taxonomy_term"
    rows = (
        Attribute.objects.filter(link_entity="service", link_id__in=list(service_ids))
        .select_related(related)
        .order_by("link_id", "id")
    )
    for attribute in rows:
        found[attribute.link_id].append(attribute.taxonomy_term)
    return found


def _ancestry(term: TaxonomyTerm) -> list[TaxonomyTerm]:
    chain, seen = [], set()
    while term is not None and term.pk not in seen:
        chain.append(term)
        seen.add(term.pk)
        term = term.parent
    return chain


def document_text(service: Service) -> str:
    """Name and categories first (the text is cut at 256 tokens), then what it is and who it is for."""
    names: list[str] = []
    for term in service.index_categories:
        for ancestor in _ancestry(term):
            if ancestor.name not in names:
                names.append(ancestor.name)
    parts = [
        service.name,
        service.alternate_name,
        ", ".join(names),
        service.description,
        service.first_visit,
        service.eligibility_description,
    ]
    return "\n".join(part.strip() for part in parts if part and part.strip())


def document_hash(document: str) -> str:
    return hashlib.sha256(f"{MODEL_NAME}:{MODEL_VERSION}\n{document}".encode()).hexdigest()


def schedule_days(schedule: Schedule) -> list[str]:
    """The weekdays a schedule runs on. "2MO" (second Monday) counts as Monday; DAILY as every day."""
    days = []
    for part in (schedule.byday or "").upper().replace(" ", "").split(","):
        match = _BYDAY.match(part)
        if match and match.group(1) not in days:
            days.append(match.group(1))
    if not days and schedule.freq.upper() == "DAILY":
        return list(DAYS)
    if not days and schedule.freq.upper() == "WEEKLY" and schedule.dtstart:
        return [DAYS[schedule.dtstart.weekday()]]
    return days


def service_schedules(service: Service) -> list[Schedule]:
    schedules = list(service.schedules.all())
    for service_at_location in service.service_at_locations.all():
        schedules.extend(service_at_location.schedules.all())
    return schedules


def is_free(cost_options: Sequence[CostOption], fees_description: str) -> bool:
    """Free when nothing says it costs: no cost options, one with no or zero amount, or "free" in the fees."""
    if "free" in (fees_description or "").lower():
        return True
    return not cost_options or any(option.amount is None or option.amount == 0 for option in cost_options)


def _minutes(value) -> int | None:
    return None if value is None else value.hour * 60 + value.minute


def service_facts(service: Service) -> dict:
    points, access = [], []
    for service_at_location in service.service_at_locations.all():
        location = service_at_location.location
        if location.latitude is not None and location.longitude is not None:
            points.append([location.latitude, location.longitude, location.pk])
        access.extend(f"{row.description} {row.details}".strip() for row in location.accessibility.all())
    return {
        "name": service.name,
        "status": service.status,
        "assured": service.assured_date.isoformat() if service.assured_date else None,
        "min_age": service.minimum_age,
        "max_age": service.maximum_age,
        "capacity": service.capacity,
        "free": is_free(list(service.cost_options.all()), service.fees_description),
        "points": points,
        "areas": sorted({area.area_code for area in service.service_areas.all() if area.area_code}),
        "sessions": [
            [schedule_days(schedule), _minutes(schedule.opens_at), _minutes(schedule.closes_at)]
            for schedule in service_schedules(service)
        ],
        "categories": sorted({term.slug or term.pk for term in service.index_categories}),
        "access": " | ".join(text for text in access if text).lower(),
    }
