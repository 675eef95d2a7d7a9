"""Turn one fully nested HSDS 3.0 service into the directory's table rows, without touching the database.

`service_rows(record)` walks the nested document and returns a `ServiceRows`: for each model, the rows
keyed by HSDS id, ready for bulk writes. Values are converted to the model's field types here, so a
bad value ("2024-13-01" as a date, a name longer than the column) is reported with its field path
before anything is written. HSDS parts Linkpad does not model are kept, not lost: an organisation's
in `Organization.extra`, the service's own in `Service.extra["hsds"]`, and those of nested rows in
`Service.extra["unmodelled"]` keyed by "<entity>:<id>", so an export gives back what was imported.
"""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import cache
from typing import Any

from django.db import models

from linkpad.directory.models import (
    Accessibility,
    Address,
    Attribute,
    Contact,
    CostOption,
    Language,
    Location,
    Organization,
    Phone,
    Schedule,
    Service,
    ServiceArea,
    ServiceAtLocation,
    Taxonomy,
    TaxonomyTerm,
)
from linkpad.directory.models.services import Capacity, ReferralRoute

from .areas import code_in_uri, current_area_code
from .validate import field_path

#: Linkpad's additions travel in HSDS documents under this key (as the demo directory does).
LINKPAD_KEY = "x_linkpad"
LINKPAD_FIELDS = ("first_visit", "referral_route", "capacity")

#: entity -> (model, {list key: child entity}, {single key: child entity})
ENTITIES: dict[str, tuple[type[models.Model], dict[str, str], dict[str, str]]] = {
    "service": (
        Service,
        {
            "phones": "phone",
            "schedules": "schedule",
            "service_areas": "service_area",
            "service_at_locations": "service_at_location",
            "languages": "language",
            "contacts": "contact",
            "cost_options": "cost_option",
        },
        {},
    ),
    "service_at_location": (
        ServiceAtLocation,
        {"phones": "phone", "schedules": "schedule", "contacts": "contact"},
        {"location": "location"},
    ),
    "location": (
        Location,
        {
            "addresses": "address",
            "accessibility": "accessibility",
            "phones": "phone",
            "schedules": "schedule",
            "languages": "language",
            "contacts": "contact",
        },
        {},
    ),
    "organization": (Organization, {"phones": "phone", "contacts": "contact"}, {}),
    "contact": (Contact, {"phones": "phone"}, {}),
    "phone": (Phone, {"languages": "language"}, {}),
    "schedule": (Schedule, {}, {}),
    "service_area": (ServiceArea, {}, {}),
    "cost_option": (CostOption, {}, {}),
    "language": (Language, {}, {}),
    "address": (Address, {}, {}),
    "accessibility": (Accessibility, {}, {}),
}
#: The foreign key a child row uses for its parent entity.
PARENT_FIELD = {
    "service": "service_id",
    "service_at_location": "service_at_location_id",
    "location": "location_id",
    "organization": "organization_id",
    "contact": "contact_id",
    "phone": "phone_id",
}
#: HSDS names that differ from the model's.
RENAMED = {TaxonomyTerm: {"taxonomy": "taxonomy_name", "taxonomy_id": "taxonomy_detail_id"}}
#: Optional links to rows that may live outside the record: kept if the row exists, else dropped.
OPTIONAL_LINKS = {"location": "organization_id", "organization": "parent_organization_id"}

TOO_LONG = "is {length} characters long; the most Linkpad keeps is {limit}"
NOT_A = "{value} is not {what}"
NOT_A_CHOICE = "{value} is not one of: {choices}"


class RecordError(ValueError):
    """A value in a record that cannot be stored. `field` is its path in the record."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field, self.message = field, message


@dataclass
class ServiceRows:
    """Rows for one service, keyed by model then HSDS id. `owned` rows belong to this service alone."""

    service_id: str
    organization_id: str
    rows: dict[type[models.Model], dict[str, dict]] = field(default_factory=dict)
    location_ids: set[str] = field(default_factory=set)
    #: taxonomy terms the record names by id only: they must already be in the directory
    needed_terms: set[str] = field(default_factory=set)

    def add(self, model: type[models.Model], values: dict) -> None:
        """Add a row. HSDS may nest one row in several places (a phone under both the service and its
        location): the places are merged into one row with all its parents."""
        rows = self.rows.setdefault(model, {})
        if values["id"] in rows:
            rows[values["id"]].update(values)
        else:
            rows[values["id"]] = values


# ---------------------------------------------------------------------------------------------
# Values
# ---------------------------------------------------------------------------------------------
@cache
def model_fields(model: type[models.Model]) -> dict[str, models.Field]:
    """The HSDS key -> model field for the plain columns of a model (ids, links and `extra` excluded)."""
    renamed = {v: k for k, v in RENAMED.get(model, {}).items()}
    skipped = {"id", "extra", "area_code", *LINKPAD_FIELDS}
    return {
        renamed.get(f.attname, f.attname): f
        for f in model._meta.concrete_fields
        if not f.is_relation and f.attname not in skipped
    }


@cache
def link_names(model: type[models.Model]) -> frozenset[str]:
    """The `<thing>_id` names of a model's links: in a nested record they only repeat the nesting."""
    return frozenset(f.attname for f in model._meta.concrete_fields if f.is_relation) | {"service_id"}


def convert(model_field: models.Field, value: Any, path: str) -> Any:
    """One HSDS value as the model field's Python type, or RecordError naming the field."""
    if value is None or value == "" and model_field.null:
        return (
            None
            if model_field.null
            else ("" if isinstance(model_field, models.CharField | models.TextField) else None)
        )
    try:
        return _convert(model_field, value, path)
    except (ValueError, TypeError, InvalidOperation) as error:
        if isinstance(error, RecordError):
            raise
        raise RecordError(path, NOT_A.format(value=_show(value), what=_what(model_field))) from error


def _convert(model_field: models.Field, value: Any, path: str) -> Any:
    if isinstance(model_field, models.CharField | models.TextField):
        text = value if isinstance(value, str) else str(value)
        limit = model_field.max_length
        if limit and not isinstance(model_field, models.TextField) and len(text) > limit:
            raise RecordError(path, TOO_LONG.format(length=len(text), limit=limit))
        return text
    if isinstance(model_field, models.DateTimeField):
        moment = dt.datetime.fromisoformat(str(value).replace("Z", "+00:00"))
        return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)
    if isinstance(model_field, models.DateField):
        return dt.date.fromisoformat(str(value)[:10])
    if isinstance(model_field, models.TimeField):
        return dt.time.fromisoformat(str(value).replace("Z", "")).replace(tzinfo=None)
    if isinstance(model_field, models.FloatField):
        if isinstance(value, bool):
            raise ValueError(value)
        return float(value)
    if isinstance(model_field, models.DecimalField):
        amount = Decimal(str(value))
        if abs(amount) >= 10 ** (model_field.max_digits - model_field.decimal_places):
            raise ValueError(value)
        return amount.quantize(Decimal(1).scaleb(-model_field.decimal_places))
    if isinstance(model_field, models.IntegerField):
        number = float(value)
        if isinstance(value, bool) or number != int(number) or number < 0:
            raise ValueError(value)
        return int(number)
    return value


def _show(value: Any) -> str:
    return f'"{value}"' if isinstance(value, str) else repr(value)


def _what(model_field: models.Field) -> str:
    if isinstance(model_field, models.DateTimeField):
        return "a date and time like 2024-04-19T15:16:14Z"
    if isinstance(model_field, models.DateField):
        return "a date like 2024-04-19"
    if isinstance(model_field, models.TimeField):
        return "a time like 09:30"
    if isinstance(model_field, models.IntegerField):
        return "a whole number, 0 or more"
    return "a number"


# ---------------------------------------------------------------------------------------------
# Walking the record
# ---------------------------------------------------------------------------------------------
def service_rows(record: dict, *, source: str = "") -> ServiceRows:
    """All the rows one nested service record makes. Raises RecordError for a value that cannot be stored."""
    if not isinstance(record, dict):
        raise RecordError("", "is not a service object")
    service_id = str(record.get("id") or "")
    organization = record.get("organization")
    organization_id = str((organization or {}).get("id") or record.get("organization_id") or "")
    if not service_id:
        raise RecordError("id", "is missing (it is required)")
    if not organization_id:
        raise RecordError("organization", "is missing: a service needs the organisation that provides it")
    result = ServiceRows(service_id=service_id, organization_id=organization_id)
    unmodelled: dict[str, dict] = {}
    if isinstance(organization, dict):
        _entity(result, unmodelled, "organization", organization, ["organization"], parent=None)
    service = _entity(result, unmodelled, "service", record, [], parent=None)
    service["organization_id"] = organization_id
    extra = {"hsds": unmodelled.pop(f"service:{service_id}", {})}
    extra = {key: value for key, value in extra.items() if value}
    if unmodelled:
        extra["unmodelled"] = unmodelled
    _linkpad_extras(service, extra, record.get(LINKPAD_KEY))
    if source:
        extra["source"] = source
    service["extra"] = extra
    for area in result.rows.get(ServiceArea, {}).values():
        area["area_code"] = _area_code(area)
    return result


def _entity(
    result: ServiceRows,
    unmodelled: dict,
    entity: str,
    data: dict,
    path: list,
    *,
    parent: tuple[str, str] | None,
) -> dict:
    model, lists, singles = ENTITIES[entity]
    if not isinstance(data, dict):
        raise RecordError(field_path(path), "should be an object")
    entity_id = str(data.get("id") or "")
    if not entity_id:
        raise RecordError(field_path([*path, "id"]), "is missing (it is required)")
    columns = model_fields(model)
    values: dict[str, Any] = {"id": entity_id}
    leftovers: dict[str, Any] = {}
    links = link_names(model)
    for key, value in data.items():
        if key in lists or key in singles or key in {"id", "attributes", "organization", LINKPAD_KEY}:
            continue
        if key == OPTIONAL_LINKS.get(entity):
            values[f"_ref_{key}"] = str(value or "")
            continue
        if key in links:
            continue
        model_field = columns.get(key)
        if model_field is None:
            leftovers[key] = value
            continue
        values[model_field.attname] = convert(model_field, value, field_path([*path, key]))
    if parent is not None:
        parent_entity, parent_id = parent
        values[PARENT_FIELD[parent_entity]] = parent_id
    if entity == "organization":
        values["extra"] = leftovers
    elif leftovers:
        unmodelled[f"{entity}:{entity_id}"] = leftovers
    if entity == "location":
        result.location_ids.add(entity_id)
    result.add(model, values)
    for key, child in lists.items():
        items = data.get(key) or []
        if not isinstance(items, list):
            raise RecordError(field_path([*path, key]), "should be a list")
        for index, item in enumerate(items):
            _entity(result, unmodelled, child, item, [*path, key, index], parent=(entity, entity_id))
    for key, child in singles.items():
        if isinstance(data.get(key), dict):
            child_values = _entity(result, unmodelled, child, data[key], [*path, key], parent=None)
            values[f"{child}_id"] = child_values["id"]
    if entity == "service_at_location" and "location_id" not in values:
        values["location_id"] = str(data.get("location_id") or "")
        if not values["location_id"]:
            raise RecordError(
                field_path([*path, "location"]), "is missing: say where the service is delivered"
            )
    if entity == "service_at_location" and not data.get("location"):
        values["_ref_location_id"] = values["location_id"]
    for index, attribute in enumerate(data.get("attributes") or []):
        _attribute(result, unmodelled, attribute, [*path, "attributes", index], entity, entity_id)
    return values


def _attribute(
    result: ServiceRows, unmodelled: dict, data: dict, path: list, entity: str, entity_id: str
) -> None:
    if not isinstance(data, dict) or not data.get("id"):
        raise RecordError(field_path([*path, "id"]), "is missing (it is required)")
    term = data.get("taxonomy_term")
    term_id = str((term or {}).get("id") or data.get("taxonomy_term_id") or "")
    if not term_id:
        raise RecordError(
            field_path([*path, "taxonomy_term"]), "is missing: an attribute needs its taxonomy term"
        )
    if isinstance(term, dict):
        taxonomy_term_rows(result, term, [*path, "taxonomy_term"])
    else:
        result.needed_terms.add(term_id)
    values = {
        "id": str(data["id"]),
        "link_id": entity_id,
        "link_entity": entity,
        "link_type": convert(
            Attribute._meta.get_field("link_type"), data.get("link_type"), field_path([*path, "link_type"])
        ),
        "value": "" if data.get("value") is None else str(data["value"]),
        "taxonomy_term_id": term_id,
    }
    extra = {
        key: data[key]
        for key in data.keys()
        - {"id", "link_id", "link_entity", "link_type", "value", "taxonomy_term", "taxonomy_term_id"}
    }
    if extra:
        unmodelled[f"attribute:{values['id']}"] = extra
    result.add(Attribute, values)


def taxonomy_term_rows(result: ServiceRows, term: dict, path: list) -> None:
    """Rows for a taxonomy term (and its `taxonomy_detail`, if given) into `result`."""
    values: dict[str, Any] = {"id": str(term["id"])}
    columns = model_fields(TaxonomyTerm)
    for key, value in term.items():
        model_field = columns.get(key)
        if model_field is not None:
            values[model_field.attname] = convert(model_field, value, field_path([*path, key]))
    detail = term.get("taxonomy_detail")
    if isinstance(detail, dict) and detail.get("id"):
        taxonomy = {"id": str(detail["id"])}
        for key in ("name", "description", "uri", "version"):
            if detail.get(key) is not None:
                taxonomy[key] = convert(
                    Taxonomy._meta.get_field(key), detail[key], field_path([*path, "taxonomy_detail", key])
                )
        result.add(Taxonomy, taxonomy)
    taxonomy_id = detail.get("id") if isinstance(detail, dict) else None
    values["_ref_taxonomy_detail_id"] = str(taxonomy_id or term.get("taxonomy_id") or "")
    values["_ref_parent_id"] = str(term.get("parent_id") or "")
    values.setdefault("slug", str(term.get("code") or "")[:100] if _is_slug(term.get("code")) else "")
    result.add(TaxonomyTerm, values)


def _is_slug(value: Any) -> bool:
    return isinstance(value, str) and bool(value) and all(ch.isalnum() or ch in "-_" for ch in value)


def _linkpad_extras(service: dict, extra: dict, linkpad: Any) -> None:
    if not isinstance(linkpad, dict):
        return
    choices = {"referral_route": ReferralRoute.values, "capacity": Capacity.values}
    for key in LINKPAD_FIELDS:
        value = linkpad.get(key)
        if value in (None, ""):
            continue
        if key in choices and value not in choices[key]:
            raise RecordError(
                f"{LINKPAD_KEY}.{key}",
                NOT_A_CHOICE.format(value=_show(value), choices=", ".join(choices[key])),
            )
        service[key] = str(value)
    rest = {key: value for key, value in linkpad.items() if key not in LINKPAD_FIELDS}
    if rest:
        extra[LINKPAD_KEY] = rest


def _area_code(area: dict) -> str:
    for candidate in (
        code_in_uri(area.get("uri") or ""),
        area.get("extent") if area.get("extent_type") == "gss" else None,
    ):
        if candidate:
            return current_area_code(candidate) or ""
    return current_area_code(area.get("name") or "") or ""
