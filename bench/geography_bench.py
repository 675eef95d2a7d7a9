"""Benchmark the geography app: full load, postcode lookups, and a "within 2 km" query.

    .venv/bin/python bench/geography_bench.py                       # fresh SQLite file in a temp folder
    DATABASE_URL=postgres://... .venv/bin/python bench/geography_bench.py --keep-database

Prints plain figures, so the numbers can be pasted into a pull request or compared between runs.
With DATABASE_URL set it uses that database instead (it migrates it and reloads the geography
tables with --force, so never point it at a database you care about).
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lookups", type=int, default=5000, help="How many random postcodes to look up.")
    parser.add_argument("--km", type=float, default=2.0, help="Radius of the distance query.")
    parser.add_argument(
        "--keep-database", action="store_true", help="Use DATABASE_URL as given (required for PostgreSQL)."
    )
    args = parser.parse_args()

    temp = tempfile.TemporaryDirectory(prefix="geography-bench-")
    if not args.keep_database or "DATABASE_URL" not in os.environ:
        os.environ["DATABASE_URL"] = f"sqlite:///{temp.name}/bench.sqlite3"
    # The local settings keep the SQLite tuning used in development (WAL, synchronous=NORMAL).
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "linkpad.config.settings.local")
    sys.path.insert(0, str(REPO_ROOT))

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from linkpad.geography.distance import distance_km_expression
    from linkpad.geography.models import Postcode
    from linkpad.geography.selectors import locate, postcodes_within
    from linkpad.geography.services import default_data_dir, geography_load

    print(f"database: {connection.vendor} {connection.settings_dict['NAME']}")
    call_command("migrate", verbosity=0)

    started = time.perf_counter()
    result = geography_load(data_dir=default_data_dir(), force=True)
    load_seconds = time.perf_counter() - started
    rows = ", ".join(f"{count:,} {name}" for name, count in result.counts.items())
    print(f"full load (fresh tables):        {load_seconds:8.2f} s   ({rows})")

    started = time.perf_counter()
    again = geography_load(data_dir=default_data_dir())
    print(f"second load (skipped={not again.loaded}):    {time.perf_counter() - started:8.2f} s")
    print(
        f"peak memory (max RSS):           {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:8.0f} MB"
    )

    postcodes = list(Postcode.objects.values_list("postcode", flat=True))
    sample = random.Random(42).sample(postcodes, min(args.lookups, len(postcodes)))
    typed = [code.lower().replace(" ", "") for code in sample]  # as people type them
    started = time.perf_counter()
    for text in typed:
        locate(text)
    elapsed = time.perf_counter() - started
    print(
        f"locate() of {len(typed):,} random postcodes: {elapsed:8.2f} s   = {len(typed) / elapsed:,.0f} lookups/s"
    )

    misses = [f"{code[:-2]}ZZ" for code in sample[:1000] if f"{code[:-2]}ZZ" not in set(sample)]
    started = time.perf_counter()
    for text in misses:
        locate(text)
    elapsed = time.perf_counter() - started
    print(f"locate() falling back to sector: {elapsed:8.2f} s   = {len(misses) / elapsed:,.0f} lookups/s")

    centre = locate("G11 5AA")
    runs = 20
    started = time.perf_counter()
    for _ in range(runs):
        found = list(postcodes_within(lat=centre.latitude, lon=centre.longitude, km=args.km))
    fetched = (time.perf_counter() - started) / runs
    print(
        f"postcodes_within {args.km:g} km of G11 5AA: {fetched * 1000:8.1f} ms  "
        f"({len(found):,} postcodes fetched as objects, nearest first)"
    )
    started = time.perf_counter()
    for _ in range(runs):
        boxed_count = postcodes_within(lat=centre.latitude, lon=centre.longitude, km=args.km).count()
    boxed = (time.perf_counter() - started) / runs
    print(f"  count only, bounding box + index: {boxed * 1000:6.1f} ms  ({boxed_count:,})")

    started = time.perf_counter()
    for _ in range(runs):
        scanned = (
            Postcode.objects.annotate(
                distance_km=distance_km_expression("latitude", "longitude", centre.latitude, centre.longitude)
            )
            .filter(distance_km__lte=args.km)
            .count()
        )
    scan = (time.perf_counter() - started) / runs
    print(
        f"  count only, no bounding box:      {scan * 1000:6.1f} ms  ({scanned:,}; distance computed for every row)"
    )
    temp.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
