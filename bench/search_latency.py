"""Latency of search_services (text + place + filters) over 10,000 and 100,000 generated services.

    .venv/bin/python bench/search_latency.py                     # SQLite, in a temp folder
    DATABASE_URL=postgres://... .venv/bin/python bench/search_latency.py --keep-database

Generated services get real-looking text (sentences drawn from the demo directory), a location in
Glasgow, a weekly session, an age range, a capacity and categories, and a SYNTHETIC random unit
vector (embedding 100,000 documents would take an hour here and says nothing about query speed).
Rows are bulk-inserted straight into the HSDS tables and the search index, so the full-text index
(FTS5 triggers or the generated tsvector column) is built exactly as in production. Prints the
first (cold: snapshot load) query and p50/p95 of 200 warm queries. With --keep-database the
directory tables of DATABASE_URL are emptied first: never point it at a database you care about.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import statistics
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from search_demo import DEMO_FILE, setup_django  # noqa: E402

PLACES = [
    "G21 4QQ",
    "G11 5AA",
    "G22 5AA",
    "G31 2HS",
    "G42 7JQ",
    "G51 3XU",
    "G15 8LS",
    "G34 9DL",
    "G20",
    "G40",
]
TEXTS = [
    "I can't stop crying since my mum passed",
    "the electric's on the meter and there's nothing left",
    "my man's drinking again and I'm scared",
    "need to get out the house more",
    "letters from people I owe keep coming through the door",
    "lying awake every night with my mind racing",
    "no food in the cupboards till payday",
    "I look after my husband full time and I'm exhausted",
]
DAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]


def generate(n: int, seed: int = 7) -> None:
    from django.db import connection, transaction

    from linkpad.directory import models as m
    from linkpad.directory.search.documents import document_hash
    from linkpad.directory.search.encoder import MODEL_NAME
    from linkpad.directory.search.indexing import index_changed

    rng = random.Random(seed)
    demo = json.loads(DEMO_FILE.read_text())
    sentences = [s.strip() + "." for d in demo for s in d["description"].split(".") if len(s.strip()) > 20]
    names = [d["name"] for d in demo]
    terms = list(m.TaxonomyTerm.objects.values_list("pk", "slug"))
    vectors = np.random.default_rng(seed).standard_normal((n, 384)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    today = dt.date.today()
    with transaction.atomic():
        m.ServiceSearchIndex.objects.all().delete()
        m.Service.objects.all().delete()
        m.Location.objects.all().delete()
        m.Attribute.objects.filter(link_id__startswith="bench-").delete()
        org, _ = m.Organization.objects.get_or_create(id="bench-org", defaults={"name": "Bench Trust"})
        chunk = 5000
        for start in range(0, n, chunk):
            services, locations, sals, schedules, attrs, index = [], [], [], [], [], []
            for i in range(start, min(start + chunk, n)):
                sid = f"bench-{i:06d}"
                lat, lon = rng.uniform(55.80, 55.92), rng.uniform(-4.40, -4.10)
                day, opens = rng.choice(DAYS), rng.choice([9, 10, 13, 18])
                min_age = rng.choice([None, None, 16, 18, 50])
                assured = today - dt.timedelta(days=rng.randint(0, 900))
                capacity = rng.choice(["", "taking_referrals", "waiting_list", "full"])
                cats = rng.sample(terms, 2) if len(terms) >= 2 else terms
                name = f"{rng.choice(names)} {i}"
                document = "\n".join([name, *rng.sample(sentences, 4)])
                services.append(
                    m.Service(
                        id=sid,
                        organization=org,
                        name=name,
                        description=document,
                        minimum_age=min_age,
                        assured_date=assured,
                        capacity=capacity,
                    )
                )
                locations.append(m.Location(id=f"loc-{sid}", name="Venue", latitude=lat, longitude=lon))
                sals.append(m.ServiceAtLocation(id=f"sal-{sid}", service_id=sid, location_id=f"loc-{sid}"))
                schedules.append(
                    m.Schedule(
                        id=f"sch-{sid}",
                        service_at_location_id=f"sal-{sid}",
                        freq="WEEKLY",
                        byday=day,
                        opens_at=dt.time(opens),
                        closes_at=dt.time(opens + 3),
                    )
                )
                attrs += [
                    m.Attribute(id=f"attr-{sid}-{k}", link_id=sid, link_entity="service", taxonomy_term_id=pk)
                    for k, (pk, _) in enumerate(cats)
                ]
                facts = {
                    "name": name,
                    "status": "active",
                    "assured": assured.isoformat(),
                    "min_age": min_age,
                    "max_age": None,
                    "capacity": capacity,
                    "free": rng.random() < 0.8,
                    "points": [[lat, lon, f"loc-{sid}"]],
                    "areas": ["S12000049"] if i % 50 == 0 else [],
                    "sessions": [[[day], opens * 60, opens * 60 + 180]],
                    "categories": [slug or pk for pk, slug in cats],
                    "access": "",
                }
                index.append(
                    m.ServiceSearchIndex(
                        service_id=sid,
                        document=document,
                        document_hash=document_hash(document),
                        model_name=MODEL_NAME,
                        embedding=vectors[i].tobytes(),
                        facts=facts,
                        updated_at=dt.datetime.now(dt.UTC),
                    )
                )
            m.Service.objects.bulk_create(services)
            m.Location.objects.bulk_create(locations)
            m.ServiceAtLocation.objects.bulk_create(sals)
            m.Schedule.objects.bulk_create(schedules)
            m.Attribute.objects.bulk_create(attrs)
            m.ServiceSearchIndex.objects.bulk_create(index)
        index_changed()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def run(n: int, queries: int) -> None:
    from linkpad.directory.search import query as search_query
    from linkpad.directory.search.snapshot import forget_snapshot
    from linkpad.directory.selectors import search_services

    started = time.perf_counter()
    generate(n)
    print(
        f"\n{n:,} services generated and indexed (synthetic vectors) in {time.perf_counter() - started:.1f} s"
    )
    forget_snapshot()
    search_query.query_vector.cache_clear()
    rng = random.Random(1)

    def one() -> float:
        kwargs = {
            "text": rng.choice(TEXTS) + f" {rng.randint(0, 10**6)}",
            "place": rng.choice(PLACES),
            "radius_km": rng.choice([2, 3, 5]),
            "age": rng.choice([None, 30, 70]),
            "taking_referrals": rng.random() < 0.5,
            "day": rng.choice([None, None, "TU", "SA"]),
            "free": rng.random() < 0.3,
        }
        t = time.perf_counter()
        search_services(**kwargs)
        return (time.perf_counter() - t) * 1000

    cold = one()
    times = sorted(one() for _ in range(queries))
    p50, p95 = statistics.median(times), times[int(0.95 * len(times)) - 1]
    print(f"  first query (loads the snapshot): {cold:,.0f} ms")
    print(
        f"  {queries} queries, text + place + filters: p50 {p50:.1f} ms, p95 {p95:.1f} ms, max {times[-1]:.1f} ms"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10000,100000", help="Comma-separated service counts.")
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--keep-database", action="store_true", help="Use DATABASE_URL (for PostgreSQL).")
    args = parser.parse_args()
    temp = setup_django(keep_database=args.keep_database)
    from django.db import connection
    from search_demo import load_taxonomy

    print(f"Database: {connection.vendor}")
    load_taxonomy()  # idempotent: a kept database already has it
    for size in (int(value) for value in args.sizes.split(",")):
        run(size, args.queries)
    temp.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
