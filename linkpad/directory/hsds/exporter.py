"""The directory as fully nested HSDS 3.0 / Open Referral UK services: what the API and `export-hsds` give.

`services_for_export()` fetches services with everything they hold in a fixed number of queries
(one per kind of row, however many services), and `service_to_hsds()` turns one into the nested
document. What the import kept but Linkpad does not model (see `rows.py`) is put back, so an export
of imported data gives back the same document, apart from the order of lists and the `<parent>_id`
back-references that nesting implies, which the export always fills in.
"""

import datetime as dt
from collections import defaultdict
from decimal import Decimal
from typing import Any

from django.db.models import Prefetch, Q, QuerySet

from linkpad.directory.models import Attribute, Location, Service, Taxonomy, TaxonomyTerm

from .rows import ENTITIES, LINKPAD_FIELDS, LINKPAD_KEY, PARENT_FIELD, RENAMED, model_fields

#: Keys a schema requires; they are given even when empty (other empty values are left out).
REQUIRED = {
    "service": {"id", "name", "status"},
    "organization": {"id", "name", "description"},
    "location": {"id", "location_type"},
    "address": {"id", "address_1", "city", "state_province", "postal_code", "country", "address_type"},
    "phone": {"id", "number"},
    "taxonomy_term": {"id", "name", "description"},
    "taxonomy": {"id", "name", "description"},
}

PREFETCH = [
    "organization__phones__languages",
    "organization__contacts__phones__languages",
    "phones__languages",
    "schedules",
    "service_areas",
    "cost_options",
    "languages",
    "contacts__phones__languages",
    "service_at_locations__phones__languages",
    "service_at_locations__schedules",
    "service_at_locations__contacts__phones__languages",
    Prefetch("service_at_locations__location", queryset=Location.objects.all()),
    "service_at_locations__location__addresses",
    "service_at_locations__location__accessibility",
    "service_at_locations__location__phones__languages",
    "service_at_locations__location__schedules",
    "service_at_locations__location__languages",
    "service_at_locations__location__contacts__phones__languages",
]


def services_for_export(queryset: QuerySet[Service] | None = None) -> list[Service]:
    """Services (all, or those in `queryset`) with every nested row fetched, ready for service_to_hsds."""
    services = list(
        (queryset if queryset is not None else Service.objects.all())
        .select_related("organization")
        .prefetch_related(*PREFETCH)
    )
    attach_attributes(services)
    return services


def attach_attributes(services: list[Service]) -> None:
    """Fetch the attributes of the services and all they hold in one query; kept on each service."""
    ids = [service.id for service in services]
    if not ids:
        return
    by_link: dict[str, list[Attribute]] = defaultdict(list)
    query = Q(link_entity="service", link_id__in=ids) if len(ids) <= 900 else Q(link_entity="service")
    attributes = Attribute.objects.filter(query | ~Q(link_entity="service")).select_related(
        "taxonomy_term__taxonomy_detail"
    )
    for attribute in attributes.order_by("id"):
        by_link[attribute.link_id].append(attribute)
    for service in services:
        service.hsds_attributes = by_link


def service_to_hsds(service: Service) -> dict:
    """One service as a fully nested HSDS 3.0 / ORUK document (prefetch with services_for_export)."""
    if not hasattr(service, "hsds_attributes"):
        attach_attributes([service])
    extra = service.extra or {}
    unmodelled = extra.get("unmodelled", {})
    document = _entity(service, "service", None, unmodelled, service.hsds_attributes)
    document["organization_id"] = service.organization_id
    organization = service.organization
    document["organization"] = _entity(
        organization, "organization", None, unmodelled, service.hsds_attributes
    )
    for key, value in (organization.extra or {}).items():
        document["organization"].setdefault(key, value)
    for key, value in extra.get("hsds", {}).items():
        document.setdefault(key, value)
    linkpad = {key: getattr(service, key) for key in LINKPAD_FIELDS if getattr(service, key)}
    linkpad.update(extra.get(LINKPAD_KEY, {}))
    if linkpad:
        document[LINKPAD_KEY] = linkpad
    return document


def _entity(row, entity: str, parent: tuple[str, str] | None, unmodelled: dict, attributes: dict) -> dict:
    model, lists, singles = ENTITIES[entity]
    document = _fields(row, entity)
    if parent is not None:
        document[PARENT_FIELD[parent[0]]] = parent[1]
    if entity == "location" and row.organization_id:
        document["organization_id"] = row.organization_id
    if entity == "organization" and row.parent_organization_id:
        document["parent_organization_id"] = row.parent_organization_id
    for key, child in singles.items():
        related = getattr(row, key)
        document[f"{child}_id"] = related.id
        document[key] = _entity(related, child, None, unmodelled, attributes)
    for key, child in lists.items():
        children = sorted(getattr(row, key).all(), key=lambda item: item.id)
        document[key] = [_entity(item, child, (entity, row.id), unmodelled, attributes) for item in children]
    document["attributes"] = [
        _attribute(item, unmodelled) for item in attributes.get(row.id, []) if item.link_entity == entity
    ]
    for key, value in unmodelled.get(f"{entity}:{row.id}", {}).items():
        document.setdefault(key, value)
    return document


def _attribute(attribute: Attribute, unmodelled: dict) -> dict:
    document = {
        "id": attribute.id,
        "link_id": attribute.link_id,
        "link_entity": attribute.link_entity,
        "taxonomy_term_id": attribute.taxonomy_term_id,
        "taxonomy_term": taxonomy_term_to_hsds(attribute.taxonomy_term),
    }
    for key in ("link_type", "value"):
        if getattr(attribute, key):
            document[key] = getattr(attribute, key)
    for key, value in unmodelled.get(f"attribute:{attribute.id}", {}).items():
        document.setdefault(key, value)
    return document


def taxonomy_term_to_hsds(term: TaxonomyTerm, *, with_detail: bool = True) -> dict:
    """A taxonomy term as HSDS / ORUK gives it, with its taxonomy nested when there is one."""
    renamed = RENAMED[TaxonomyTerm]
    document = {"id": term.id}
    for key, model_field in model_fields(TaxonomyTerm).items():
        value = getattr(term, model_field.attname)
        if key == "slug":
            continue
        if value or key in REQUIRED["taxonomy_term"]:
            document[key] = value
    for hsds_name, attname in (("parent_id", "parent_id"), ("taxonomy_id", renamed["taxonomy_id"])):
        if getattr(term, attname):
            document[hsds_name] = getattr(term, attname)
    if with_detail and term.taxonomy_detail_id:
        document["taxonomy_detail"] = taxonomy_to_hsds(term.taxonomy_detail)
    return document


def taxonomy_to_hsds(taxonomy: Taxonomy) -> dict:
    document = {"id": taxonomy.id, "name": taxonomy.name, "description": taxonomy.description}
    for key in ("uri", "version"):
        if getattr(taxonomy, key):
            document[key] = getattr(taxonomy, key)
    return document


def _value(value: Any) -> Any:
    """A model value as JSON.

    >>> _value(dt.time(9, 30)), _value(Decimal("10.00")), _value(Decimal("2.50"))
    ('09:30:00', 10, 2.5)
    >>> _value(dt.datetime(2024, 4, 19, 15, 16, 14, 695000, tzinfo=dt.UTC))
    '2024-04-19T15:16:14.695Z'
    """
    if isinstance(value, dt.datetime):
        value = value.astimezone(dt.UTC)
        text = value.strftime("%Y-%m-%dT%H:%M:%S")
        return text + (f".{value.microsecond // 1000:03d}" if value.microsecond else "") + "Z"
    if isinstance(value, dt.time):
        return value.strftime("%H:%M:%S")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def service_list_item(service: Service) -> dict:
    """A service as ORUK lists it: its own fields and its organisation, nothing else nested."""
    document = _fields(service, "service")
    document["organization_id"] = service.organization_id
    document["organization"] = _fields(service.organization, "organization")
    return document


def service_at_location_list_item(service_at_location) -> dict:
    """A service at a location as ORUK lists it: the location and the service, one level deep."""
    document = {
        "id": service_at_location.id,
        "service_id": service_at_location.service_id,
        "location_id": service_at_location.location_id,
    }
    if service_at_location.description:
        document["description"] = service_at_location.description
    document["location"] = _fields(service_at_location.location, "location")
    document["service"] = service_list_item(service_at_location.service)
    return document


def _fields(row, entity: str) -> dict:
    model = ENTITIES[entity][0]
    document = {"id": row.id}
    required = REQUIRED.get(entity, set())
    for key, model_field in model_fields(model).items():
        value = _value(getattr(row, model_field.attname))
        if value is not None and value != "" or key in required:
            document[key] = "" if value is None else value
    return document
