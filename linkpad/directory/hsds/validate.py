"""Check documents against the official HSDS 3.0 and Open Referral UK schemas, offline.

The schemas ship in `data/hsds/` (see its SOURCES.md). They refer to each other by relative file
names ("attribute.json") and the OpenAPI documents by absolute GitHub URLs; both resolve here to the
local files through a `referencing` registry, so nothing is ever fetched from the network.

Problems come back in plain English, naming the record and the field, e.g.
``service "Community Counselling" (ac148810-…): url: "example/counselling" is not a web address``.
"""

import json
import re
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from uuid import UUID

from django.conf import settings
from jsonschema import Draft202012Validator, FormatChecker
from jsonschema.exceptions import ValidationError
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

HSDS_BASE = "https://raw.githubusercontent.com/openreferral/specification/3.0/schema/"
ORUK_BASE = "https://raw.githubusercontent.com/openreferral/uk-profile/main/schema/"

#: Schemas by the name Linkpad uses for them.
HSDS_SERVICE = HSDS_BASE + "service.json"
HSDS_TAXONOMY = HSDS_BASE + "taxonomy.json"
HSDS_TAXONOMY_TERM = HSDS_BASE + "taxonomy_term.json"
ORUK_SERVICE = ORUK_BASE + "compiled/service.json"
ORUK_SERVICE_LIST_ITEM = ORUK_BASE + "compiled/service_list.json"
ORUK_SERVICE_AT_LOCATION = ORUK_BASE + "compiled/service_at_location.json"
ORUK_SERVICE_AT_LOCATION_LIST_ITEM = ORUK_BASE + "compiled/service_at_location_list.json"
ORUK_ORGANIZATION = ORUK_BASE + "compiled/organization.json"
ORUK_TAXONOMY = ORUK_BASE + "taxonomy.json"
ORUK_TAXONOMY_TERM = ORUK_BASE + "taxonomy_term.json"
ORUK_OPENAPI = ORUK_BASE + "openapi.json"


def oruk_response(path: str) -> str:
    """The schema the ORUK OpenAPI document gives for a successful GET of `path`.

    >>> oruk_response("/services")
    'https://raw.githubusercontent.com/openreferral/uk-profile/main/schema/openapi.json#/paths/~1services/get/responses/200/content/application~1json/schema'
    """
    pointer = path.replace("~", "~0").replace("/", "~1")
    return f"{ORUK_OPENAPI}#/paths/{pointer}/get/responses/200/content/application~1json/schema"


ORUK_API_DETAILS = oruk_response("/")
ORUK_SERVICE_PAGE = oruk_response("/services")
ORUK_SERVICE_AT_LOCATION_PAGE = oruk_response("/service_at_locations")
ORUK_TAXONOMY_PAGE = oruk_response("/taxonomies")
ORUK_TAXONOMY_TERM_PAGE = oruk_response("/taxonomy_terms")

LABELS = {"service": "service", "taxonomy": "taxonomy", "taxonomy_term": "taxonomy term"}


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one record: which record, which field, and what, in plain words."""

    record_id: str
    record_name: str
    field: str
    message: str
    kind: str = "service"

    def __str__(self) -> str:
        name = f'"{self.record_name}" ' if self.record_name else ""
        record = f"{LABELS.get(self.kind, self.kind)} {name}({self.record_id or 'no id'})"
        return f"{record}: {self.field or 'the record'}: {self.message}"


# ---------------------------------------------------------------------------------------------
# Formats. jsonschema checks email and uuid itself; uri and date-time need optional packages,
# so Linkpad checks them here with the standard library.
# ---------------------------------------------------------------------------------------------
FORMATS = FormatChecker(["email"])
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*$")


@FORMATS.checks("uri", raises=ValueError)
def is_uri(value: object) -> bool:
    """An absolute URI: a scheme, then something after it.

    >>> is_uri("https://example.org/x"), is_uri("mailto:a@b.org"), is_uri("example/counselling")
    (True, True, False)
    """
    if not isinstance(value, str):
        return True
    parts = urlsplit(value)
    return bool(parts.scheme and _SCHEME.match(parts.scheme) and (parts.netloc or parts.path))


@FORMATS.checks("date-time", raises=ValueError)
@FORMATS.checks("datetime", raises=ValueError)
def is_date_time(value: object) -> bool:
    """An ISO 8601 date and time (raises ValueError for text that is not one at all).

    >>> is_date_time("2023-03-15T10:30:45.123Z"), is_date_time("2023-03-15")
    (True, False)
    """
    if not isinstance(value, str):
        return True
    datetime.fromisoformat(value.replace("Z", "+00:00").replace("z", "+00:00"))
    return "T" in value.upper() or " " in value


@FORMATS.checks("date", raises=ValueError)
def is_date(value: object) -> bool:
    """An ISO 8601 calendar date (raises ValueError for text that is not a date at all).

    >>> is_date("2024-04-03")
    True
    """
    return not isinstance(value, str) or bool(date.fromisoformat(value)) and len(value) == 10


def _is_uuid(value: str) -> bool:
    try:
        UUID(value)
    except ValueError:
        return False
    return True


#: Ids must be UUIDs to conform to ORUK; imports only warn about them (see `warnings`).
STRICT_FORMATS = FormatChecker(["email"])
STRICT_FORMATS.checkers.update(FORMATS.checkers)
STRICT_FORMATS.checks("uuid", raises=ValueError)(lambda value: not isinstance(value, str) or _is_uuid(value))


# ---------------------------------------------------------------------------------------------
# The local registry
# ---------------------------------------------------------------------------------------------
def schema_dir() -> Path:
    return Path(settings.LINKPAD_DATA_DIR) / "hsds"


@cache
def registry() -> Registry:
    """Every shipped schema, under the absolute URL the OpenAPI documents use for it."""
    resources = []
    for folder, base in (("hsds-3.0/schema", HSDS_BASE), ("oruk-3.0/schema", ORUK_BASE)):
        root = schema_dir() / folder
        for path in sorted(root.rglob("*.json")):
            contents = json.loads(path.read_text(encoding="utf-8"))
            resource = Resource.from_contents(contents, default_specification=DRAFT202012)
            resources.append((base + path.relative_to(root).as_posix(), resource))
    return Registry().with_resources(resources).crawl()


@cache
def validator(schema: str, *, strict_ids: bool = True) -> Draft202012Validator:
    """A validator for one schema named by URL (see the constants above), built once.

    With `strict_ids` every `format: uuid` is enforced, as ORUK requires; without, ids only need to
    be text (imports accept other ids and warn).
    """
    checker = STRICT_FORMATS if strict_ids else FORMATS
    return Draft202012Validator({"$ref": schema}, registry=registry(), format_checker=checker)


# ---------------------------------------------------------------------------------------------
# A fast first pass. jsonschema takes about 1 ms for a nested service, which alone would hold an
# import under 1,000 services a second. The HSDS and ORUK schemas use only a handful of keywords,
# so they are compiled here into plain Python checks; a record that passes them is valid (the checks
# are exactly those keywords' rules), and only one that fails is run through jsonschema, for the
# official error messages. A schema using any other keyword is not compiled and always goes to
# jsonschema.
# ---------------------------------------------------------------------------------------------
ANNOTATIONS = {
    "name",
    "title",
    "description",
    "constraints",
    "example",
    "examples",
    "core",
    "datapackage_metadata",
    "path",
    "tabular_required",
    "default",
    "$schema",
    "$id",
    "definitions",
    "$defs",
    "$comment",
    "datapackage_type",
}
PYTHON_TYPES = {
    "string": lambda v: isinstance(v, str),
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "boolean": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
    "number": lambda v: isinstance(v, int | float) and not isinstance(v, bool),
    "integer": lambda v: (
        isinstance(v, int) and not isinstance(v, bool) or isinstance(v, float) and v.is_integer()
    ),
}


class NotCompilable(Exception):
    pass


def _all_of(checks: list):
    """One function that passes when every check passes, with no wrapper for zero or one check."""
    if not checks:
        return lambda value: True
    if len(checks) == 1:
        return checks[0]
    if len(checks) == 2:
        first, second = checks
        return lambda value: first(value) and second(value)
    return lambda value: all(check(value) for check in checks)


def _compile(schema: Any, resolver, checker: FormatChecker, memo: dict):
    if schema is True or schema == {}:
        return lambda value: True
    if not isinstance(schema, dict):
        raise NotCompilable(schema)
    key = id(schema)
    if key in memo:
        cell = memo[key]
        return cell[0] if cell[0] is not None else (lambda value: cell[0](value))  # recursive schema
    cell = memo[key] = [None]
    checks = []
    for keyword, rule in schema.items():
        if keyword in ANNOTATIONS:
            continue
        if keyword == "$ref":
            resolved = resolver.lookup(rule)
            checks.append(_compile(resolved.contents, resolved.resolver, checker, memo))
        elif keyword == "allOf":
            checks.extend(_compile(part, resolver, checker, memo) for part in rule)
        elif keyword == "type":
            tests = [PYTHON_TYPES[name] for name in ([rule] if isinstance(rule, str) else rule)]
            checks.append(
                tests[0] if len(tests) == 1 else lambda value, tests=tests: any(t(value) for t in tests)
            )
        elif keyword == "required":
            names = list(rule)
            checks.append(
                lambda value, names=names: not isinstance(value, dict) or all(n in value for n in names)
            )
        elif keyword == "enum":
            options = list(rule)
            checks.append(
                lambda value, options=options: any(value == o and type(value) is type(o) for o in options)
            )
        elif keyword == "format":
            checks.append(lambda value, fmt=rule: checker.conforms(value, fmt))
        elif keyword == "properties":
            compiled = {name: _compile(part, resolver, checker, memo) for name, part in rule.items()}
            # walk the fields the value has, not every field the schema could have
            checks.append(
                lambda value, compiled=compiled: (
                    not isinstance(value, dict)
                    or all(compiled[name](field) for name, field in value.items() if name in compiled)
                )
            )
        elif keyword == "items" and isinstance(rule, dict):
            item = _compile(rule, resolver, checker, memo)
            checks.append(lambda value, item=item: not isinstance(value, list) or all(map(item, value)))
        else:
            raise NotCompilable(keyword)
    cell[0] = _all_of(checks)
    return cell[0]


@cache
def quick_check(schema: str, *, strict_ids: bool = True):
    """A fast yes/no check exactly equal to validating against `schema`, or None if it cannot be built."""
    resolver = registry().resolver()
    resolved = resolver.lookup(schema)
    try:
        return _compile(resolved.contents, resolved.resolver, STRICT_FORMATS if strict_ids else FORMATS, {})
    except (NotCompilable, KeyError):
        return None


# ---------------------------------------------------------------------------------------------
# Plain-English problems
# ---------------------------------------------------------------------------------------------
TYPE_WORDS = {
    "string": "text",
    "number": "a number",
    "integer": "a whole number",
    "array": "a list",
    "object": "an object",
    "boolean": "true or false",
    "null": "empty",
}
FORMAT_WORDS = {
    "email": "an email address",
    "uri": "a web address (it must start with http:// or https://)",
    "uuid": "a UUID",
    "date-time": "a date and time like 2024-04-19T15:16:14Z",
    "datetime": "a date and time like 2024-04-19T15:16:14Z",
    "date": "a date like 2024-04-19",
}


def field_path(parts) -> str:
    """A field path as people read it.

    >>> field_path(["service_at_locations", 0, "location", "addresses", 1, "postal_code"])
    'service_at_locations[0].location.addresses[1].postal_code'
    """
    text = ""
    for part in parts:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def describe(error: ValidationError) -> tuple[str, str]:
    """(field, message) for one schema error, in words a directory editor understands."""
    path = list(error.absolute_path)
    kind, value = error.validator, error.validator_value
    if kind == "required":
        missing = next((name for name in value if name not in error.instance), value[0])
        return field_path([*path, missing]), "is missing (it is required)"
    shown = json.dumps(error.instance, ensure_ascii=False)
    if len(shown) > 60:
        shown = shown[:57] + "..."
    if kind == "format":
        return field_path(path), f"{shown} is not {FORMAT_WORDS.get(value, value)}"
    if kind == "type":
        wanted = " or ".join(
            TYPE_WORDS.get(name, name) for name in ([value] if isinstance(value, str) else value)
        )
        return field_path(path), f"should be {wanted}, not {shown}"
    if kind == "enum":
        return field_path(path), f"{shown} is not one of: {', '.join(map(str, value))}"
    if kind in {"minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"}:
        return field_path(path), f"{shown} is out of range ({kind} {value})"
    return field_path(path), error.message


def problems(document: Any, schema: str, *, kind: str = "service", strict_ids: bool = True) -> list[Problem]:
    """Every way `document` breaks `schema`, as Problems naming the record and field (none if valid)."""
    quick = quick_check(schema, strict_ids=strict_ids)
    if quick is not None and quick(document):
        return []
    record = document if isinstance(document, dict) else {}
    record_id, record_name = str(record.get("id") or ""), str(record.get("name") or "")
    found_errors = validator(schema, strict_ids=strict_ids).iter_errors(document)
    errors = sorted(found_errors, key=lambda e: list(map(str, e.absolute_path)))
    found = []
    for error in errors:
        field, message = describe(error)
        found.append(Problem(record_id, record_name, field, message, kind))
    return found


def service_problems(record: dict, *, profile: str = "hsds") -> list[Problem]:
    """Problems with one fully nested service against HSDS 3.0 (`profile="hsds"`) or ORUK ("oruk")."""
    return problems(record, HSDS_SERVICE if profile == "hsds" else ORUK_SERVICE)


def _is_id_key(key: str) -> bool:
    return key == "id" or key.endswith("_id") and key != "tax_id"


def warnings(record: dict) -> list[Problem]:
    """Things that are allowed but will trouble other ORUK tools: ids that are not UUIDs.

    >>> [str(w) for w in warnings({"id": "svc-1", "name": "Drop-in"})]
    ['service "Drop-in" (svc-1): id: "svc-1" is not a UUID; ORUK tools expect one']
    """
    found = []

    def visit(value: Any, path: list) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                if _is_id_key(key) and isinstance(item, str) and not _is_uuid(item):
                    found.append(
                        Problem(
                            str(record.get("id") or ""),
                            str(record.get("name") or ""),
                            field_path([*path, key]),
                            f'"{item}" is not a UUID; ORUK tools expect one',
                        )
                    )
                else:
                    visit(item, [*path, key])
        elif isinstance(value, list):
            for index, item in enumerate(value):
                visit(item, [*path, index])

    visit(record, [])
    return found


PAGE_SIZE_WRONG = "size is {size} but the page holds {count} items"
PAGE_LAST_WRONG = "last_page is {last} on page {page} of {pages}"
PAGE_FIRST_WRONG = "first_page is {first} on page {page}"
PAGE_EMPTY_WRONG = "empty is {empty} with {count} items on the page"


def page_warnings(page: dict) -> list[str]:
    """Ways an ORUK Page envelope contradicts itself (the schema cannot see these).

    >>> page_warnings({"total_items": 1, "total_pages": 2, "page_number": 1, "size": 1,
    ...                "first_page": True, "last_page": True, "empty": False, "contents": [{}]})
    ['last_page is True on page 1 of 2']
    """
    found = []
    contents = page.get("contents") or []
    number, pages = page.get("page_number"), page.get("total_pages")
    if page.get("size") != len(contents):
        found.append(PAGE_SIZE_WRONG.format(size=page.get("size"), count=len(contents)))
    if isinstance(number, int) and isinstance(pages, int) and page.get("last_page") != (number >= pages):
        found.append(PAGE_LAST_WRONG.format(last=page.get("last_page"), page=number, pages=pages))
    if isinstance(number, int) and page.get("first_page") != (number == 1):
        found.append(PAGE_FIRST_WRONG.format(first=page.get("first_page"), page=number))
    if page.get("empty") != (not contents):
        found.append(PAGE_EMPTY_WRONG.format(empty=page.get("empty"), count=len(contents)))
    return found
