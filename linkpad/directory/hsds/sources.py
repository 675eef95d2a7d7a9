"""Read what `linkpad import-hsds SOURCE` is given, as fully nested HSDS 3.0 services.

SOURCE may be:

- an HSDS JSON file: one service, a list of services, an ORUK Page (`{"contents": [...]}`), or a
  taxonomy file (`{"taxonomies": [...], "taxonomy_terms": [...]}`);
- an HSDS tabular data package: a folder of CSV files or its `datapackage.json` (the nested services
  are assembled from the tables by their `<table>_id` columns);
- an ORUK / HSDS API base URL: the service list is paged through, then each service is fetched whole
  from `{base}/services/{id}`.
"""

import csv
import json
import urllib.error
import urllib.parse
import urllib.request
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings

TIMEOUT_SECONDS = 30
PER_PAGE = 100
USER_AGENT = "Linkpad directory import (+https://example.org/linkpad)"

NOT_FOUND = "There is no file or folder called {source}."
NOT_JSON = "{source} is not JSON: {error}"
NOT_HSDS = "{source} holds neither HSDS services nor taxonomies."
NO_SERVICES_TABLE = "The data package in {source} has no services table (services.csv)."
CANNOT_FETCH = "Could not fetch {url}: {error}"


class SourceError(ValueError):
    """A source that cannot be read; the message says what to check."""


@dataclass
class Source:
    """Services (a list, or an iterator for an API), plus any taxonomies and terms that came with them."""

    name: str
    services: list[dict] | Iterator[dict] = field(default_factory=list)
    taxonomies: list[dict] = field(default_factory=list)
    taxonomy_terms: list[dict] = field(default_factory=list)
    total: int | None = None


def read_source(source: str) -> Source:
    """Read SOURCE (file, data package or API URL) into a Source."""
    if urllib.parse.urlsplit(source).scheme in {"http", "https"}:
        return api_source(source)
    path = Path(source)
    if path.is_dir() or path.name == "datapackage.json" or path.suffix.lower() == ".csv":
        return datapackage_source(path if path.is_dir() else path.parent)
    if not path.exists():
        raise SourceError(NOT_FOUND.format(source=source))
    return json_source(path)


# ---------------------------------------------------------------------------------------------
# JSON files
# ---------------------------------------------------------------------------------------------
def json_source(path: Path) -> Source:
    try:
        document = json.loads(path.read_text(encoding="utf-8-sig"))
    except json.JSONDecodeError as error:
        raise SourceError(NOT_JSON.format(source=path, error=error)) from error
    return json_document(document, name=str(path))


def json_document(document, *, name: str) -> Source:
    """A parsed HSDS JSON document as a Source.

    >>> json_document({"contents": [{"id": "1", "name": "A"}], "total_items": 1}, name="x").services
    [{'id': '1', 'name': 'A'}]
    >>> json_document({"taxonomies": [], "taxonomy_terms": [{"id": "t"}]}, name="x").taxonomy_terms
    [{'id': 't'}]
    """
    if isinstance(document, list):
        return Source(name=name, services=document, total=len(document))
    if isinstance(document, dict) and isinstance(document.get("contents"), list):
        return Source(name=name, services=document["contents"], total=len(document["contents"]))
    if isinstance(document, dict) and ("taxonomies" in document or "taxonomy_terms" in document):
        return Source(
            name=name,
            services=document.get("services") or [],
            taxonomies=document.get("taxonomies") or [],
            taxonomy_terms=document.get("taxonomy_terms") or [],
        )
    if isinstance(document, dict) and "id" in document and "name" in document:
        return Source(name=name, services=[document], total=1)
    raise SourceError(NOT_HSDS.format(source=name))


# ---------------------------------------------------------------------------------------------
# Tabular data packages
# ---------------------------------------------------------------------------------------------
#: entity -> (nested key, child table, the child's column naming this entity)
CHILDREN: dict[str, list[tuple[str, str, str]]] = {
    "service": [
        ("phones", "phone", "service_id"),
        ("schedules", "schedule", "service_id"),
        ("service_areas", "service_area", "service_id"),
        ("service_at_locations", "service_at_location", "service_id"),
        ("languages", "language", "service_id"),
        ("funding", "funding", "service_id"),
        ("cost_options", "cost_option", "service_id"),
        ("required_documents", "required_document", "service_id"),
        ("contacts", "contact", "service_id"),
    ],
    "organization": [
        ("phones", "phone", "organization_id"),
        ("contacts", "contact", "organization_id"),
        ("funding", "funding", "organization_id"),
        ("organization_identifiers", "organization_identifier", "organization_id"),
        ("programs", "program", "organization_id"),
    ],
    "service_at_location": [
        ("phones", "phone", "service_at_location_id"),
        ("schedules", "schedule", "service_at_location_id"),
        ("contacts", "contact", "service_at_location_id"),
    ],
    "location": [
        ("addresses", "address", "location_id"),
        ("accessibility", "accessibility", "location_id"),
        ("phones", "phone", "location_id"),
        ("schedules", "schedule", "location_id"),
        ("languages", "language", "location_id"),
        ("contacts", "contact", "location_id"),
    ],
    "contact": [("phones", "phone", "contact_id")],
    "phone": [("languages", "language", "phone_id")],
}
TYPES = {"number": float, "integer": int}


def _package_resources(folder: Path) -> list[dict]:
    """The package's table list: its own datapackage.json, else the standard HSDS 3.0 one."""
    own = folder / "datapackage.json"
    for candidate in (own, Path(settings.LINKPAD_DATA_DIR) / "hsds" / "hsds-3.0" / "datapackage.json"):
        try:
            return json.loads(candidate.read_text(encoding="utf-8"))["resources"]
        except (OSError, ValueError, KeyError):
            continue  # a package whose datapackage.json is missing or a git symlink stub
    return []


def _typed(value: str, kind: str):
    if value == "":
        return None
    if kind == "integer" or kind == "number":
        number = float(value)
        return int(number) if kind == "integer" or number.is_integer() else number
    if kind == "boolean":
        return value.strip().lower() in {"true", "1", "yes"}
    return value


def read_tables(folder: Path) -> dict[str, list[dict]]:
    """Each CSV table of the package as rows with typed values (empty cells left out)."""
    tables: dict[str, list[dict]] = {}
    for resource in _package_resources(folder):
        path = folder / resource["path"]
        if not path.exists():
            continue
        kinds = {
            column["name"]: column.get("type", "string")
            for column in resource.get("schema", {}).get("fields", [])
        }
        with path.open(newline="", encoding="utf-8-sig") as handle:
            rows = []
            for row in csv.DictReader(handle):
                typed = {
                    key: _typed(value or "", kinds.get(key, "string")) for key, value in row.items() if key
                }
                rows.append({key: value for key, value in typed.items() if value is not None})
            tables[resource["name"]] = rows
    return tables


def datapackage_source(folder: Path) -> Source:
    if not folder.is_dir():
        raise SourceError(NOT_FOUND.format(source=folder))
    tables = read_tables(folder)
    if "service" not in tables:
        raise SourceError(NO_SERVICES_TABLE.format(source=folder))
    services = assemble_services(tables)
    return Source(
        name=str(folder),
        services=services,
        taxonomies=tables.get("taxonomy", []),
        taxonomy_terms=tables.get("taxonomy_term", []),
        total=len(services),
    )


def assemble_services(tables: dict[str, list[dict]]) -> list[dict]:
    """Fully nested services from the tables of an HSDS tabular package."""
    index: dict[tuple[str, str, str], list[dict]] = defaultdict(list)
    for children in CHILDREN.values():
        for _key, table, column in children:
            for row in tables.get(table, []):
                if row.get(column):
                    index[(table, column, str(row[column]))].append(row)
    by_id = {table: {str(row["id"]): row for row in rows if "id" in row} for table, rows in tables.items()}
    attributes: dict[str, list[dict]] = defaultdict(list)
    for row in tables.get("attribute", []):
        attributes[str(row.get("link_id"))].append(row)
    terms, taxonomies = by_id.get("taxonomy_term", {}), by_id.get("taxonomy", {})

    def nest(entity: str, row: dict) -> dict:
        document = dict(row)
        for key, table, column in CHILDREN.get(entity, []):
            document[key] = [nest(table, child) for child in index.get((table, column, str(row["id"])), [])]
        if entity == "service_at_location" and str(row.get("location_id")) in by_id.get("location", {}):
            document["location"] = nest("location", by_id["location"][str(row["location_id"])])
        document["attributes"] = [
            _attribute(item, terms, taxonomies) for item in attributes.get(str(row["id"]), [])
        ]
        return document

    services = []
    for row in tables["service"]:
        service = nest("service", row)
        organization = by_id.get("organization", {}).get(str(row.get("organization_id")))
        if organization:
            service["organization"] = nest("organization", organization)
        program = by_id.get("program", {}).get(str(row.get("program_id")))
        if program:
            service["program"] = program
        services.append(service)
    return services


def _attribute(row: dict, terms: dict, taxonomies: dict) -> dict:
    document = dict(row)
    term = terms.get(str(row.get("taxonomy_term_id")))
    if term:
        document["taxonomy_term"] = dict(term)
        taxonomy = taxonomies.get(str(term.get("taxonomy_id")))
        if taxonomy:
            document["taxonomy_term"]["taxonomy_detail"] = taxonomy
    return document


# ---------------------------------------------------------------------------------------------
# ORUK / HSDS APIs
# ---------------------------------------------------------------------------------------------
def fetch_json(url: str):
    headers = {"Accept": "application/json", "User-Agent": USER_AGENT}
    request = urllib.request.Request(url, headers=headers)  # noqa: S310 - callers pass http(s) URLs only
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:  # noqa: S310 - http(s) only
            return json.loads(response.read().decode("utf-8"))
    except (urllib.error.URLError, TimeoutError, ValueError) as error:
        raise SourceError(CANNOT_FETCH.format(url=url, error=error)) from error


def api_source(base: str) -> Source:
    """Page through `{base}/services`, then fetch each service whole. The first page is read now, so
    a wrong URL fails at once; the rest is read as the import goes."""
    base = base.rstrip("/")
    first = fetch_json(_page_url(base, 1))
    if not isinstance(first, dict) or not isinstance(first.get("contents"), list):
        raise SourceError(NOT_HSDS.format(source=base))
    return Source(name=base, services=_api_services(base, first), total=first.get("total_items"))


def _page_url(base: str, page: int) -> str:
    return f"{base}/services?{urllib.parse.urlencode({'page': page, 'per_page': PER_PAGE})}"


def _api_services(base: str, page: dict) -> Iterator[dict]:
    number = 1
    while True:
        for item in page.get("contents") or []:
            yield fetch_json(f"{base}/services/{urllib.parse.quote(str(item['id']), safe='')}")
        total_pages = page.get("total_pages") or 0
        if page.get("last_page") or not page.get("contents") or number >= total_pages:
            return
        number += 1
        page = fetch_json(_page_url(base, number))
