"""ALISS API (v3/v4) service records as HSDS 3.0 services.

ALISS gives a service its organisation, categories (by slug), locations (with coordinates) and
the areas it is delivered across (by old-series GSS code). Categories become attributes linking
to the ALISS taxonomy terms (see `aliss_taxonomy`); service areas get their current codes. Rows
ALISS has no id for (the phone, the address) get ids made from the service's, so a re-import
finds the same rows.
"""

import uuid
from functools import cache

from .aliss_taxonomy import aliss_term, aliss_term_id, aliss_terms
from .areas import area_name, current_area_code

#: uuid5(NAMESPACE_URL, "https://www.aliss.org/")
ALISS_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://www.aliss.org/")
STATISTICS_URI = "http://statistics.gov.scot/id/statistical-geography/"


def aliss_records(document) -> list[dict]:
    """The service records in an ALISS document: a list, `{"services": [...]}` or an API page `{"data": [...]}`.

    >>> len(aliss_records({"services": [{"id": "a"}], "_licence": "CC BY 4.0"}))
    1
    """
    if isinstance(document, list):
        return document
    for key in ("services", "data", "results"):
        if isinstance(document, dict) and isinstance(document.get(key), list):
            return document[key]
    return [document] if isinstance(document, dict) and "id" in document else []


def made_id(*parts: str) -> str:
    """A stable id for a row ALISS gives no id of its own.

    >>> made_id("svc", "phone") == made_id("svc", "phone") != made_id("svc", "address")
    True
    """
    return str(uuid.uuid5(ALISS_NAMESPACE, ":".join(parts)))


def aliss_to_hsds(record: dict) -> dict:
    """One ALISS service as a fully nested HSDS 3.0 service."""
    service_id = str(record["id"])
    organisation = record.get("organisation") or {}
    service = {
        "id": service_id,
        "name": record.get("name") or "",
        "description": record.get("description") or "",
        "status": "active",
        "organization_id": str(organisation.get("id") or made_id(service_id, "organisation")),
        "organization": _organization(organisation, service_id),
        "phones": _phones(record, service_id),
        "service_at_locations": [
            _service_at_location(location, service_id) for location in record.get("locations") or []
        ],
        "service_areas": [_service_area(area, service_id) for area in record.get("service_areas") or []],
        "attributes": [_category(category, service_id) for category in record.get("categories") or []],
    }
    for key in ("url", "email"):
        if record.get(key):
            service[key] = record[key]
    if record.get("last_updated"):
        service["last_modified"] = record["last_updated"]
    links = {key: record[key] for key in ("aliss_url", "permalink", "slug") if record.get(key)}
    if links:
        service["x_aliss"] = links
    return service


def _organization(organisation: dict, service_id: str) -> dict:
    document = {
        "id": str(organisation.get("id") or made_id(service_id, "organisation")),
        "name": organisation.get("name") or "Unknown organisation",
        "description": organisation.get("description") or "",
    }
    if organisation.get("permalink") or organisation.get("aliss_url"):
        document["uri"] = organisation.get("permalink") or organisation.get("aliss_url")
    return document


def _phones(record: dict, service_id: str) -> list[dict]:
    number = str(record.get("phone") or "").strip()
    return [{"id": made_id(service_id, "phone"), "number": number, "type": "voice"}] if number else []


def _service_at_location(location: dict, service_id: str) -> dict:
    location_id = str(location["id"])
    address = {
        "id": made_id(location_id, "address"),
        "address_1": location.get("street_address") or location.get("name") or "",
        "city": location.get("locality") or "",
        "region": location.get("region") or "",
        "state_province": location.get("state") or "Scotland",
        "postal_code": location.get("postal_code") or "",
        "country": location.get("country") or "GB",
        "address_type": "physical",
    }
    place = {
        "id": location_id,
        "location_type": "physical",
        "name": location.get("name") or location.get("formatted_address") or "",
        "addresses": [address],
    }
    if location.get("description"):
        place["description"] = location["description"]
    for key in ("latitude", "longitude"):
        if location.get(key) is not None:
            place[key] = float(location[key])
    return {"id": made_id(service_id, location_id), "location": place}


def _service_area(area: dict, service_id: str) -> dict:
    code = current_area_code(str(area.get("code") or ""), kind=None) or ""
    document = {
        "id": made_id(service_id, "area", str(area.get("code") or area.get("name"))),
        "name": area_name(code) or area.get("name") or "",
        "description": f"{area.get('type') or 'Area'}: {area.get('name')} (ALISS code {area.get('code')})",
    }
    if code:
        document["uri"] = STATISTICS_URI + code
    return document


@cache
def _tree() -> dict[str, dict]:
    return {term["code"]: term for term in aliss_terms()}


def _category(category: dict, service_id: str) -> dict:
    slug = category["slug"]
    term = _tree().get(slug) or aliss_term(slug, category.get("name") or slug)
    return {
        "id": made_id(service_id, "category", slug),
        "link_type": "category",
        "link_entity": "service",
        "taxonomy_term_id": aliss_term_id(slug),
        "taxonomy_term": dict(term),
    }
