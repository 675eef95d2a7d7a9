"""Importing HSDS: round trip, idempotence, a bad record left out whole, and every kind of source."""

import copy
import json
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext

from linkpad.directory import models
from linkpad.directory.demo import demo_directory_load, demo_files
from linkpad.directory.hsds.aliss import aliss_records, aliss_to_hsds
from linkpad.directory.hsds.aliss_taxonomy import ALISS_TAXONOMY_ID, aliss_taxonomy_load, aliss_term_id
from linkpad.directory.hsds.exporter import service_to_hsds, services_for_export
from linkpad.directory.hsds.importer import hsds_import, hsds_taxonomy_import
from linkpad.directory.hsds.rows import TOO_LONG
from linkpad.directory.hsds.sources import read_source
from linkpad.directory.hsds.validate import HSDS_SERVICE, ORUK_SERVICE, problems

from .hsds_factories import TaxonomyTermFactory, hsds_service

HSDS_DIR = Path(settings.LINKPAD_DATA_DIR) / "hsds"
ALL_MODELS = [getattr(models, name) for name in models.__all__ if hasattr(getattr(models, name), "objects")]
#: Back-references a nested document implies; the export always fills them in.
BACK_REFERENCES = {
    "service_id",
    "location_id",
    "organization_id",
    "service_at_location_id",
    "contact_id",
    "phone_id",
    "link_id",
    "link_entity",
    "taxonomy_term_id",
    "taxonomy_id",
}


def example(*parts: str):
    return json.loads(HSDS_DIR.joinpath(*parts).read_text(encoding="utf-8"))


def comparable(value):
    """A document with lists in a fixed order, empty values and implied back-references left out."""
    if isinstance(value, dict):
        return {
            k: comparable(v) for k, v in value.items() if v not in (None, "", []) and k not in BACK_REFERENCES
        }
    if isinstance(value, list):
        return sorted((comparable(item) for item in value), key=lambda item: json.dumps(item, sort_keys=True))
    return value


def snapshot() -> dict:
    return {model.__name__: sorted(model.objects.values_list(), key=str) for model in ALL_MODELS}


@pytest.mark.django_db
def test_the_official_full_example_comes_back_out_as_it_went_in():
    TaxonomyTermFactory(id="0bc248fa-dc27-4650-9ba4-8f1a24ef16a2", name="Parent term")
    source = example("hsds-3.0", "examples", "service_full.json")

    report = hsds_import(records=[copy.deepcopy(source)], source="example")
    exported = service_to_hsds(services_for_export()[0])

    assert report.created == 1 and report.ok
    assert comparable(exported) == comparable(source)
    assert problems(exported, HSDS_SERVICE) == []
    assert problems(exported, ORUK_SERVICE) == []


@pytest.mark.django_db
def test_importing_the_same_services_again_changes_nothing_and_says_so():
    records = [hsds_service(), hsds_service(), example("hsds-3.0", "examples", "service_full.json")]
    hsds_import(records=copy.deepcopy(records), source="feed")
    before = snapshot()

    report = hsds_import(records=copy.deepcopy(records), source="feed")

    assert (report.created, report.updated, report.unchanged) == (0, 0, 3)
    assert snapshot() == before


@pytest.mark.django_db
def test_a_changed_service_is_rewritten_and_its_dropped_parts_are_gone():
    record = hsds_service()
    hsds_import(records=[copy.deepcopy(record)], source="feed")
    record["name"] = "Thursday Walking Group"
    record["schedules"] = []

    report = hsds_import(records=[record], source="feed")

    service = models.Service.objects.get(id=record["id"])
    assert report.updated == 1
    assert service.name == "Thursday Walking Group"
    assert not service.schedules.exists()


@pytest.mark.django_db
def test_a_record_breaking_the_schema_is_named_with_its_field_and_the_rest_import():
    good, bad = hsds_service(), hsds_service(name="Cooking Club")
    bad["service_at_locations"][0]["location"]["location_type"] = "boat"

    report = hsds_import(records=[good, bad], source="feed")

    assert report.created == 1
    assert [(p.record_id, p.record_name, p.field) for p in report.failed] == [
        (bad["id"], "Cooking Club", "service_at_locations[0].location.location_type")
    ]
    assert not models.Organization.objects.filter(id=bad["organization"]["id"]).exists()


@pytest.mark.django_db
def test_a_value_that_cannot_be_stored_leaves_the_old_service_untouched():
    record = hsds_service()
    hsds_import(records=[copy.deepcopy(record)], source="feed")
    record["name"] = "Renamed"
    record["schedules"][0]["valid_from"] = "2024-13-01"

    report = hsds_import(records=[record], source="feed")

    assert report.failed[0].field == "schedules[0].valid_from"
    assert report.failed[0].message == '"2024-13-01" is not a date like 2024-04-19'
    assert models.Service.objects.get(id=record["id"]).name == "Tuesday Walking Group"


@pytest.mark.django_db
def test_too_long_a_value_is_reported_by_field():
    record = hsds_service()
    record["phones"][0]["number"] = "0" * 60

    report = hsds_import(records=[record], source="feed")

    assert report.failed[0].field == "phones[0].number"
    assert report.failed[0].message == TOO_LONG.format(length=60, limit=50)


@pytest.mark.django_db
def test_a_service_the_database_refuses_is_rolled_back_whole_and_the_others_import():
    first, refused, last = hsds_service(), hsds_service(minimum_age=65, maximum_age=18), hsds_service()

    report = hsds_import(records=[first, refused, last], source="feed")

    assert report.created == 2
    assert [p.record_id for p in report.failed] == [refused["id"]]
    assert "database refused" in report.failed[0].message
    assert not models.Service.objects.filter(id=refused["id"]).exists()
    assert not models.Organization.objects.filter(id=refused["organization"]["id"]).exists()
    assert not models.Location.objects.filter(
        id=refused["service_at_locations"][0]["location"]["id"]
    ).exists()


@pytest.mark.django_db
def test_linkpad_extras_and_current_area_codes_are_stored():
    record = hsds_service(service_areas=[{"id": "a", "name": "Glasgow", "uri": "http://x/S12000046"}])

    hsds_import(records=[record], source="feed")

    service = models.Service.objects.get(id=record["id"])
    assert (service.referral_route, service.capacity) == ("drop_in", "taking_referrals")
    assert service.service_areas.get().area_code == "S12000049"


@pytest.mark.django_db
def test_a_dry_run_saves_nothing():
    report = hsds_import(records=[hsds_service()], source="feed", dry_run=True)

    assert report.created == 1
    assert not models.Service.objects.exists()


@pytest.mark.django_db
def test_a_service_naming_an_unknown_organisation_is_refused():
    record = hsds_service()
    del record["organization"]
    record["organization_id"] = "7d0e6a57-4bd5-4c8a-b2a6-0d4e43e0b7a0"

    report = hsds_import(records=[record], source="feed")

    assert report.failed[0].field == "organization_id"


@pytest.mark.django_db
@pytest.mark.parametrize("profile", ["hsds-3.0", "oruk-3.0"])
def test_the_official_tabular_examples_import(profile):
    source = read_source(str(HSDS_DIR / profile / "examples" / "csv"))
    hsds_taxonomy_import(taxonomies=source.taxonomies, terms=source.taxonomy_terms)

    report = hsds_import(records=source.services, source=source.name)

    service = models.Service.objects.get()
    assert report.created == 1 and report.ok
    assert service.name == "Community Counselling"
    assert service.service_at_locations.get().location.addresses.exists()
    assert problems(service_to_hsds(services_for_export()[0]), ORUK_SERVICE) == []


@pytest.fixture
def oruk_server(tmp_path):
    """A local ORUK API serving two services over two pages, from files."""
    records = [hsds_service(), hsds_service(name="Men's Shed")]
    (tmp_path / "services").mkdir()
    for number, record in enumerate(records, start=1):
        (tmp_path / "services" / record["id"]).write_text(json.dumps(record))
        page = {
            "total_items": 2,
            "total_pages": 2,
            "page_number": number,
            "size": 1,
            "first_page": number == 1,
            "last_page": number == 2,
            "empty": False,
            "contents": [{"id": record["id"], "name": record["name"]}],
        }
        (tmp_path / f"page{number}.json").write_text(json.dumps(page))

    class Handler(SimpleHTTPRequestHandler):
        def translate_path(self, path):
            if path.startswith("/services?"):
                return str(tmp_path / f"page{path.split('page=')[1].split('&')[0]}.json")
            return super().translate_path(path)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(Handler, directory=str(tmp_path)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}", records
    server.shutdown()


@pytest.mark.django_db
def test_an_api_is_paged_through_and_each_service_fetched_whole(oruk_server):
    base, records = oruk_server

    source = read_source(base + "/")
    report = hsds_import(records=source.services, source=source.name)

    assert report.created == 2
    assert set(models.Service.objects.values_list("id", flat=True)) == {r["id"] for r in records}
    assert models.Phone.objects.filter(service__isnull=False).count() == 2


@pytest.mark.django_db
def test_the_aliss_sample_imports_with_categories_and_current_area_codes():
    aliss_taxonomy_load()
    document = json.loads(
        (Path(settings.LINKPAD_DATA_DIR) / "aliss" / "aliss_sample_services.json").read_text()
    )
    records = [aliss_to_hsds(record) for record in aliss_records(document)]

    report = hsds_import(records=records, source="ALISS")

    assert report.created == 12 and report.ok
    counselling = models.Service.objects.get(id__startswith="fed34ae8")
    terms = models.TaxonomyTerm.objects.filter(
        attributes__link_id=counselling.id, attributes__link_entity="service"
    )
    assert {term.slug for term in terms} >= {"counselling"}
    assert all(term.taxonomy_detail_id == ALISS_TAXONOMY_ID for term in terms)
    codes = set(models.ServiceArea.objects.values_list("area_code", flat=True))
    assert "S12000049" in codes and "S12000046" not in codes
    assert "S92000003" in codes


@pytest.mark.django_db
def test_the_aliss_taxonomy_loads_once_with_the_demo_ids():
    first = aliss_taxonomy_load()
    second = aliss_taxonomy_load()

    assert first.created == 213
    assert (second.created, second.updated, second.unchanged) == (0, 0, 213)
    bereavement = models.TaxonomyTerm.objects.get(id=aliss_term_id("bereavement"))
    assert bereavement.slug == "bereavement"
    assert bereavement.parent.slug == "end-life-care"


@pytest.mark.django_db
def test_exporting_many_services_takes_the_same_few_queries_as_exporting_a_few():
    hsds_import(records=[hsds_service() for _ in range(3)], source="feed")
    with CaptureQueriesContext(connection) as few:
        [service_to_hsds(s) for s in services_for_export()]
    hsds_import(records=[hsds_service() for _ in range(30)], source="feed")
    with CaptureQueriesContext(connection) as many:
        documents = [service_to_hsds(s) for s in services_for_export()]

    assert len(documents) == 33
    assert len(many.captured_queries) == len(few.captured_queries) <= 30


@pytest.mark.django_db
@pytest.mark.skipif(not demo_files()[1].exists(), reason="the demo directory has not been generated")
def test_the_demo_directory_loads_and_loads_again_without_change():
    first = demo_directory_load()
    second = demo_directory_load()

    assert first.ok and first.created > 250
    assert second.unchanged == first.created
    assert models.Service.objects.count() == first.created
