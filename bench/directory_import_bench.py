"""Benchmark the HSDS import: services a second for a fresh import, a changed re-import and a no-op one.

    .venv/bin/python bench/directory_import_bench.py               # N=2000, fresh SQLite file
    .venv/bin/python bench/directory_import_bench.py -n 10000
    DATABASE_URL=postgres://... .venv/bin/python bench/directory_import_bench.py --keep-database

The services are copies of the demo directory's (data/demo/community_supports.hsds.json) with new
ids, so they are the same shape and size as real demo services (about 40 rows each). Every record
is validated against the HSDS 3.0 schema, as in `linkpad import-hsds`.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import tempfile
import time
import uuid
from functools import partial
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
BENCH_NAMESPACE = uuid.UUID("0d7f4c2e-3f7a-4f36-9a55-1d3b5d1f0b11")
UUID_PATTERN = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def new_id(match: re.Match, *, index: int, shared: set[str]) -> str:
    return match[0] if match[0] in shared else str(uuid.uuid5(BENCH_NAMESPACE, f"{index}:{match[0]}"))


def generated_services(count: int) -> list[dict]:
    """`count` demo-like services: demo records with every id but the taxonomy's made new."""
    demo = json.loads((REPO_ROOT / "data/demo/community_supports.hsds.json").read_text(encoding="utf-8"))
    shared = set()
    for service in demo:
        for attribute in service.get("attributes", []):
            term = attribute.get("taxonomy_term", {})
            shared.update(filter(None, (term.get("id"), term.get("parent_id"), term.get("taxonomy_id"))))
    services = []
    for index in range(count):
        text = json.dumps(demo[index % len(demo)])
        copy = UUID_PATTERN.sub(partial(new_id, index=index, shared=shared), text)
        service = json.loads(copy)
        service["name"] = f"{service['name']} ({index})"
        services.append(service)
    return services


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", "--services", type=int, default=2000, help="How many services to import.")
    parser.add_argument(
        "--keep-database", action="store_true", help="Use DATABASE_URL as given (PostgreSQL)."
    )
    args = parser.parse_args()

    temp = tempfile.TemporaryDirectory(prefix="directory-bench-")
    if not args.keep_database or "DATABASE_URL" not in os.environ:
        os.environ["DATABASE_URL"] = f"sqlite:///{temp.name}/bench.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "linkpad.config.settings.local")
    sys.path.insert(0, str(REPO_ROOT))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from linkpad.directory.hsds.aliss_taxonomy import aliss_taxonomy_load
    from linkpad.directory.hsds.importer import hsds_import
    from linkpad.directory.models import Service

    call_command("migrate", verbosity=0)
    Service.objects.all().delete()
    aliss_taxonomy_load()
    services = generated_services(args.services)
    rows = sum(len(UUID_PATTERN.findall(json.dumps(s))) for s in services[:100]) / min(100, len(services))
    print(f"database: {connection.vendor}; {len(services):,} services, about {rows:.0f} ids each")

    def run(label: str, records: list[dict], **options) -> None:
        started = time.perf_counter()
        report = hsds_import(records=records, source="bench", **options)
        seconds = time.perf_counter() - started
        assert report.ok, [str(p) for p in report.failed[:5]]
        print(
            f"{label:<28} {seconds:6.2f} s  {len(records) / seconds:8,.0f} services/s  "
            f"({report.created:,} new, {report.updated:,} updated, {report.unchanged:,} unchanged)"
        )

    run("fresh import", services)
    run("re-import, nothing changed", services)
    for service in services:
        service["description"] += " Updated."
    run("re-import, every one changed", services)
    temp.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
