#!/usr/bin/env python3
"""Check the demo directory against the official HSDS 3.0 and Open Referral UK 3.0 JSON Schemas.

A maintainer's tool, not part of the product: it needs `jsonschema` and `referencing`, which Linkpad
does not depend on. Run it from a throwaway virtual environment:

    python3 -m venv /tmp/jsvenv && /tmp/jsvenv/bin/pip install "jsonschema[format-nongpl]" referencing
    /tmp/jsvenv/bin/python data/demo/validate_community_supports.py

Each schema file is registered under its own file name, so the relative "$ref"s ("phone.json")
resolve offline. Formats (uuid, email, uri, date-time) are enforced. Three passes over the services:
HSDS as published (extra keys allowed, as the HSDS conformance rules say), HSDS "strict" (the
upstream CI's additionalProperties:false everywhere, with our x_linkpad extension removed), and the
ORUK profile. Exit status 1 if anything fails.
"""

from __future__ import annotations

import argparse
import copy
import json
import sys
from collections import Counter
from pathlib import Path

try:
    from jsonschema import Draft202012Validator, FormatChecker
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT202012
except ImportError:  # pragma: no cover - depends on the environment
    sys.exit(__doc__)

HERE = Path(__file__).resolve().parent
DEFAULT_REFERENCE = HERE.parents[2] / "shared" / "reference" / "hsds"


def strictify(node: object) -> object:
    if isinstance(node, dict):
        if isinstance(node.get("properties"), dict) and "additionalProperties" not in node:
            node["additionalProperties"] = False
        for value in node.values():
            strictify(value)
    elif isinstance(node, list):
        for value in node:
            strictify(value)
    return node


def make_validator(folder: Path, name: str, strict: bool = False) -> Draft202012Validator:
    schemas = {p.name: json.loads(p.read_text()) for p in folder.glob("*.json") if p.name != "openapi.json"}
    if strict:
        schemas = {k: strictify(copy.deepcopy(v)) for k, v in schemas.items()}
    registry = Registry().with_resources(
        (k, Resource.from_contents(v, default_specification=DRAFT202012)) for k, v in schemas.items()
    )
    return Draft202012Validator(schemas[name], registry=registry, format_checker=FormatChecker())


def report(label: str, validator: Draft202012Validator, items: list[dict]) -> int:
    errors: Counter[str] = Counter()
    bad = 0
    for item in items:
        found = [e.message[:120] for e in validator.iter_errors(item)]
        bad += bool(found)
        errors.update(found)
    print(f"{label}: {len(items) - bad}/{len(items)} valid")
    for message, count in errors.most_common(5):
        print(f"    {count} x {message}")
    return bad


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--reference", type=Path, default=DEFAULT_REFERENCE, help="shared/reference/hsds folder"
    )
    parser.add_argument("--data", type=Path, default=HERE, help="folder with the demo JSON files")
    args = parser.parse_args()
    hsds, oruk = args.reference / "hsds-3.0" / "schema", args.reference / "oruk-3.0" / "schema"
    services = json.loads((args.data / "community_supports.hsds.json").read_text())
    plain = [{k: v for k, v in s.items() if k != "x_linkpad"} for s in services]
    taxonomy = json.loads((args.data / "community_supports_taxonomy.hsds.json").read_text())
    checked = sorted(
        f for f in FormatChecker().checkers if f in {"uuid", "email", "uri", "date", "date-time"}
    )
    print(
        "formats enforced: "
        + ", ".join(checked)
        + " (install jsonschema[format-nongpl] for uri and date-time)"
    )
    failures = report("HSDS 3.0 service (as published)", make_validator(hsds, "service.json"), services)
    failures += report(
        "HSDS 3.0 service (strict, x_linkpad removed)",
        make_validator(hsds, "service.json", strict=True),
        plain,
    )
    failures += report("ORUK 3.0 service", make_validator(oruk, "service.json"), services)
    failures += report(
        "HSDS 3.0 taxonomy (strict)",
        make_validator(hsds, "taxonomy.json", strict=True),
        taxonomy["taxonomies"],
    )
    failures += report(
        "HSDS 3.0 taxonomy_term (strict)",
        make_validator(hsds, "taxonomy_term.json", strict=True),
        taxonomy["taxonomy_terms"],
    )
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
