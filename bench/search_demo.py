"""Shared by the search benchmarks: a throwaway database with the geography and the demo directory.

Not a benchmark itself (it prints nothing when imported). The demo directory is imported with the
project's HSDS importer when it exists (linkpad.directory.hsds.importer.hsds_import); until then a
minimal loader here reads the same HSDS 3.0 JSON, so the benchmarks do not depend on the importer.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
import tempfile
from decimal import Decimal
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
DEMO_FILE = REPO_ROOT / "data" / "demo" / "community_supports.hsds.json"
TAXONOMY_FILE = REPO_ROOT / "data" / "demo" / "community_supports_taxonomy.hsds.json"


def setup_django(*, keep_database: bool = False) -> tempfile.TemporaryDirectory:
    """Point Django at a fresh SQLite file (or DATABASE_URL with keep_database), migrate, load geography."""
    temp = tempfile.TemporaryDirectory(prefix="search-bench-")
    if not keep_database or "DATABASE_URL" not in os.environ:
        os.environ["DATABASE_URL"] = f"sqlite:///{temp.name}/bench.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "linkpad.config.settings.local")
    sys.path.insert(0, str(REPO_ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from linkpad.geography.models import Postcode

    if not Postcode.objects.exists():
        from linkpad.geography.services import default_data_dir, geography_load

        geography_load(data_dir=default_data_dir())
    return temp


def load_demo_directory() -> str:
    """Import the demo directory; returns which loader was used."""
    try:
        from linkpad.directory.hsds.importer import hsds_import
    except ImportError:
        hsds_import = None
    if hsds_import is not None:
        from django.db import transaction

        try:
            with transaction.atomic():
                _load_taxonomy(json.loads(TAXONOMY_FILE.read_text()))
                report = hsds_import(records=json.loads(DEMO_FILE.read_text()), source=str(DEMO_FILE))
            return f"hsds_import ({report})"[:200]
        except Exception as error:  # the importer is young; the benchmark should still run
            print(f"hsds_import failed ({error!r}); using the minimal loader", file=sys.stderr)
    _minimal_load(json.loads(DEMO_FILE.read_text()), json.loads(TAXONOMY_FILE.read_text()))
    return "bench/search_demo.py minimal loader"


def _load_taxonomy(data: dict) -> None:
    from linkpad.directory.models import Taxonomy, TaxonomyTerm

    for row in data.get("taxonomies", []):
        Taxonomy.objects.update_or_create(pk=row["id"], defaults={"name": row["name"]})
    terms = data.get("taxonomy_terms", [])
    for row in terms:
        TaxonomyTerm.objects.update_or_create(
            pk=row["id"],
            defaults={
                "name": row["name"],
                "code": row.get("code", ""),
                "slug": row.get("code", "")[:100],
                "description": row.get("description", ""),
                "taxonomy_name": row.get("taxonomy", ""),
            },
        )
    for row in terms:
        if row.get("parent_id"):
            TaxonomyTerm.objects.filter(pk=row["id"]).update(parent_id=row["parent_id"])


def _date(value):
    return dt.date.fromisoformat(value) if value else None


def _time(value):
    return dt.time.fromisoformat(value) if value else None


def _minimal_load(services: list[dict], taxonomy: dict) -> None:
    from django.db import transaction

    from linkpad.directory import models as m
    from linkpad.directory.hsds.areas import code_in_uri, current_area_code

    with transaction.atomic():
        _load_taxonomy(taxonomy)
        orgs, rows = {}, {name: [] for name in ("svc", "area", "cost", "loc", "sal", "sched", "acc", "attr")}
        locations = {}
        for s in services:
            o = s["organization"]
            orgs[o["id"]] = m.Organization(id=o["id"], name=o["name"], description=o.get("description", ""))
            extra = s.get("x_linkpad", {})
            rows["svc"].append(
                m.Service(
                    id=s["id"],
                    organization_id=o["id"],
                    name=s["name"],
                    description=s.get("description", ""),
                    status=s.get("status", "active"),
                    fees_description=s.get("fees_description", ""),
                    eligibility_description=s.get("eligibility_description", ""),
                    minimum_age=s.get("minimum_age"),
                    maximum_age=s.get("maximum_age"),
                    assured_date=_date(s.get("assured_date")),
                    first_visit=extra.get("first_visit", ""),
                    referral_route=extra.get("referral_route", ""),
                    capacity=extra.get("capacity", ""),
                )
            )
            for a in s.get("service_areas", []):
                code = code_in_uri(a.get("uri", "")) or current_area_code(a.get("name", "")) or ""
                code = current_area_code(code) or code
                rows["area"].append(
                    m.ServiceArea(id=a["id"], service_id=s["id"], name=a.get("name", ""), area_code=code[:9])
                )
            for c in s.get("cost_options", []):
                amount = c.get("amount")
                rows["cost"].append(
                    m.CostOption(
                        id=c["id"],
                        service_id=s["id"],
                        option=c.get("option", ""),
                        amount=None if amount is None else Decimal(str(amount)),
                        amount_description=c.get("amount_description", ""),
                    )
                )
            for sched in s.get("schedules", []):
                rows["sched"].append(_schedule(m, sched, service_id=s["id"]))
            for sal in s.get("service_at_locations", []):
                loc = sal["location"]
                if loc["id"] not in locations:
                    locations[loc["id"]] = m.Location(
                        id=loc["id"],
                        name=loc.get("name", ""),
                        location_type=loc.get("location_type", "physical"),
                        latitude=loc.get("latitude"),
                        longitude=loc.get("longitude"),
                    )
                    for acc in loc.get("accessibility", []):
                        rows["acc"].append(
                            m.Accessibility(
                                id=acc["id"],
                                location_id=loc["id"],
                                description=acc.get("description", ""),
                                details=acc.get("details", ""),
                            )
                        )
                rows["sal"].append(
                    m.ServiceAtLocation(id=sal["id"], service_id=s["id"], location_id=loc["id"])
                )
                for sched in sal.get("schedules", []):
                    rows["sched"].append(_schedule(m, sched, service_at_location_id=sal["id"]))
            for attr in s.get("attributes", []):
                rows["attr"].append(
                    m.Attribute(
                        id=attr["id"],
                        link_id=s["id"],
                        link_entity="service",
                        link_type=attr.get("link_type", ""),
                        taxonomy_term_id=attr["taxonomy_term_id"],
                    )
                )
        m.Organization.objects.bulk_create(orgs.values())
        m.Service.objects.bulk_create(rows["svc"])
        m.Location.objects.bulk_create(locations.values())
        for key, model in (
            ("area", m.ServiceArea),
            ("cost", m.CostOption),
            ("acc", m.Accessibility),
            ("sal", m.ServiceAtLocation),
            ("sched", m.Schedule),
            ("attr", m.Attribute),
        ):
            model.objects.bulk_create(rows[key])


def _schedule(m, sched: dict, **owner):
    return m.Schedule(
        id=sched["id"],
        freq=sched.get("freq", ""),
        byday=sched.get("byday", ""),
        opens_at=_time(sched.get("opens_at")),
        closes_at=_time(sched.get("closes_at")),
        description=sched.get("description", ""),
        **owner,
    )
