"""How long the programme dashboards take over 100,000 episodes, on SQLite and on PostgreSQL.

    .venv/bin/python bench/reporting_bench.py [--episodes 100000] [--repeat 3]
    DATABASE_URL=postgres://... .venv/bin/python bench/reporting_bench.py   # SQLite, then PostgreSQL

Generates a synthetic programme (20 practices; people, referrals, reasons, contact attempts, episodes,
what matters conversations with needs, contacts, links with answers, closures and SWEMWBS baselines and
closures) with bulk_create, then times each dashboard page's selectors (every table counted in the
database and suppressed) for the whole programme over the last 12 months, and for one practice and one
quarter. Prints the median of --repeat runs per page. The target is under a second a page.

On PostgreSQL everything runs inside a transaction that is rolled back, so the database is left as it
was. The gaps page is left out: it calls the directory search, which has its own benchmark.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from functools import partial
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]


class Rollback(Exception):
    pass


def median_seconds(action, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def build_all(tables, scope) -> None:
    for build in tables:
        build(scope)


def run(options) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "linkpad.config.settings.local")
    sys.path.insert(0, str(REPO_ROOT))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.utils import timezone

    from linkpad.reporting.periods import last_twelve_months, recent_quarters
    from linkpad.reporting.selectors import SECTIONS, Scope
    from linkpad.reporting.synthetic import synthetic_programme

    call_command("migrate", verbosity=0)
    vendor = connection.vendor
    try:
        with transaction.atomic():
            started = time.perf_counter()
            programme = synthetic_programme(
                episodes=options.episodes, practices=20, seed=int(time.time()) % 100000
            )
            print(
                f"[{vendor}] generated {options.episodes:,} episodes in {time.perf_counter() - started:.0f} s"
            )
            if vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("ANALYZE")
            today = timezone.localdate()
            everything = Scope(tuple(p.pk for p in programme.practices), last_twelve_months(today))
            one = Scope((programme.practices[0].pk,), recent_quarters(today)[1][1])
            for label, scope in (("all 20 practices, 12 months", everything), ("1 practice, 1 quarter", one)):
                for slug, section in SECTIONS.items():
                    seconds = median_seconds(partial(build_all, section.tables, scope), options.repeat)
                    flag = "" if seconds < 1 else "  (over the 1 s target)"
                    print(f"[{vendor}] {label:28} {slug:10} {seconds * 1000:7.0f} ms{flag}")
            raise Rollback
    except Rollback:
        pass


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--episodes", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.child:
        run(options)
        return
    given = os.environ.get("DATABASE_URL", "")
    arguments = [
        sys.executable,
        __file__,
        "--child",
        "--episodes",
        str(options.episodes),
        "--repeat",
        str(options.repeat),
    ]
    with tempfile.TemporaryDirectory(prefix="reporting-bench-") as temp:
        subprocess.run(
            arguments, check=True, env={**os.environ, "DATABASE_URL": f"sqlite:///{temp}/bench.sqlite3"}
        )
    if given.startswith(("postgres://", "postgresql://")):
        subprocess.run(arguments, check=True, env={**os.environ, "DATABASE_URL": given})
    else:
        print("Set DATABASE_URL to a PostgreSQL database to time PostgreSQL too.")


if __name__ == "__main__":
    main()
