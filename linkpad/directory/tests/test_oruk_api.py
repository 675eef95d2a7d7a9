"""The Open Referral UK API: every response checked against the ORUK schemas."""

import pytest

from linkpad.directory.hsds import validate
from linkpad.directory.hsds.aliss_taxonomy import aliss_taxonomy_load, aliss_term
from linkpad.directory.hsds.importer import hsds_import
from linkpad.directory.hsds.queries import day_code
from linkpad.directory.search.indexing import services_reindex
from linkpad.geography.models import Postcode

from .hsds_factories import hsds_service

pytestmark = pytest.mark.django_db


def get(client, path: str, schema: str | None = None, **params):
    response = client.get(f"/api/oruk{path}", params)
    assert response["Access-Control-Allow-Origin"] == "*"
    body = response.json()
    if schema is not None:
        assert response.status_code == 200, body
        assert validate.problems(body, schema) == []
        if "contents" in body:
            assert validate.page_warnings(body) == []
    return response, body


@pytest.fixture
def directory():
    """Three services: a Tuesday morning walk (18+), a Friday youth club (11-17) and a Saturday lunch far off."""
    walk = hsds_service(name="Tuesday Walking Group")
    youth = hsds_service(name="Youth Club", minimum_age=11, maximum_age=17, description="Games and pizza.")
    youth["schedules"] = [
        {
            "id": "7d7f0e8c-55d5-4a34-a0c6-1c1b7f3a0a01",
            "byday": "FR",
            "opens_at": "18:00",
            "closes_at": "20:00",
            "freq": "WEEKLY",
        }
    ]
    lunch = hsds_service(name="Saturday Lunch Club", minimum_age=60, description="A hot lunch and company.")
    lunch["schedules"][0]["byday"] = "SA"
    lunch["service_at_locations"][0]["location"].update(latitude=55.9533, longitude=-3.1883)  # Edinburgh
    lunch["last_modified"] = "2025-06-01T09:00:00Z"
    report = hsds_import(records=[walk, youth, lunch], source="test")
    assert report.ok
    services_reindex()
    Postcode.objects.create(postcode="G5 0LB", latitude=55.8440, longitude=-4.2410, in_use=True)
    return {"walk": walk, "youth": youth, "lunch": lunch}


def names(body) -> list[str]:
    return [item.get("name") or item["service"]["name"] for item in body["contents"]]


def test_the_api_says_what_it_is(client):
    _, body = get(client, "/", validate.ORUK_API_DETAILS)
    assert body["version"] == "HSDS-UK-3.0"
    assert body["openapi_url"].startswith("http://testserver/api/oruk/openapi.json")


def test_the_openapi_document_is_served_with_cors(client):
    _, body = get(client, "/openapi.json")
    assert {"/api/oruk/services", "/api/oruk/services/{id}", "/api/oruk/service_at_locations"} <= set(
        body["paths"]
    )


def test_services_come_in_an_oruk_page(client, directory):
    _, body = get(client, "/services", validate.ORUK_SERVICE_PAGE, per_page=2)
    assert (body["total_items"], body["total_pages"], body["size"], body["last_page"]) == (3, 2, 2, False)
    _, second = get(client, "/services", validate.ORUK_SERVICE_PAGE, per_page=2, page=2)
    assert second["last_page"] and len(second["contents"]) == 1


def test_search_ranks_services_by_what_the_words_mean(client, directory):
    _, body = get(client, "/services", validate.ORUK_SERVICE_PAGE, search="going for a stroll with others")
    assert names(body)[0] == "Tuesday Walking Group"
    _, body = get(client, "/services", validate.ORUK_SERVICE_PAGE, search="teenagers hanging out on a friday")
    assert names(body)[0] == "Youth Club"


def test_an_empty_page_is_still_a_valid_page(client, directory):
    _, body = get(client, "/services", validate.ORUK_SERVICE_PAGE, minimum_age=99)
    assert (body["empty"], body["total_items"], body["contents"]) == (True, 0, [])


def test_one_service_comes_fully_nested(client, directory):
    walk = directory["walk"]
    _, body = get(client, f"/services/{walk['id']}", validate.ORUK_SERVICE)
    assert body["service_at_locations"][0]["location"]["addresses"][0]["postal_code"] == "G5 0LB"
    assert validate.problems(body, validate.HSDS_SERVICE) == []


def test_an_unknown_service_is_a_json_404(client, directory):
    response, body = get(client, "/services/no-such-service")
    assert response.status_code == 404
    assert body == {"detail": "There is no service with the id no-such-service."}


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"search": "pizza games", "day": "FR"}, ["Youth Club"]),
        ({"search": "somewhere to walk", "minimum_age": 60}, ["Saturday Lunch Club"]),
        ({"search": "pizza games", "day": "MO"}, []),
        ({"minimum_age": 18}, ["Saturday Lunch Club", "Tuesday Walking Group"]),
        ({"maximum_age": 17}, ["Youth Club"]),
        ({"day": "FR"}, ["Youth Club"]),
        ({"day": "Saturday"}, ["Saturday Lunch Club"]),
        ({"start_time": "17:00"}, ["Youth Club"]),
        ({"end_time": "12:00"}, ["Saturday Lunch Club", "Tuesday Walking Group"]),
        ({"day": "TU", "end_time": "12:00", "minimum_age": 18}, ["Tuesday Walking Group"]),
        ({"day": "TU", "minimum_age": 60}, []),
        ({"modified_after": "2025-01-01T00:00:00Z"}, ["Saturday Lunch Club"]),
    ],
)
def test_filters_combine_with_and(client, directory, params, expected):
    _, body = get(client, "/services", validate.ORUK_SERVICE_PAGE, **params)
    assert names(body) == expected


def test_a_taxonomy_term_filter_finds_services_with_that_term(client, directory):
    _, terms = get(client, "/taxonomy_terms", validate.ORUK_TAXONOMY_TERM_PAGE)
    assert terms["contents"] == []
    aliss_taxonomy_load()
    record = hsds_service(
        name="Bereavement Cafe",
        attributes=[
            {
                "id": "1c6b1d56-5c0e-4d7e-9d7e-0d8f1c1f2a3b",
                "link_type": "category",
                "link_entity": "service",
                "taxonomy_term": aliss_term("bereavement", "Bereavement"),
            }
        ],
    )
    hsds_import(records=[record], source="test")
    term_id = record["attributes"][0]["taxonomy_term"]["id"]

    _, body = get(client, "/services", validate.ORUK_SERVICE_PAGE, taxonomy_term_id=term_id)

    assert names(body) == ["Bereavement Cafe"]
    get(client, f"/taxonomy_terms/{term_id}", validate.ORUK_TAXONOMY_TERM)
    _, taxonomies = get(client, "/taxonomies", validate.ORUK_TAXONOMY_PAGE)
    assert [t["name"] for t in taxonomies["contents"]] == ["ALISS categories"]
    _, page = get(client, "/taxonomy_terms", validate.ORUK_TAXONOMY_TERM_PAGE, per_page=100, page=3)
    assert page["total_items"] == 212 and page["size"] == 12


def test_a_bad_day_is_a_400_that_says_what_to_use(client, directory):
    response, body = get(client, "/services", day="Funday")
    assert response.status_code == 400
    assert "MO, TU" in body["detail"]


def test_service_at_locations_nearest_a_postcode_within_a_distance(client, directory):
    _, body = get(
        client,
        "/service_at_locations",
        validate.ORUK_SERVICE_AT_LOCATION_PAGE,
        postcode="g5 0lb",
        proximity=2000,
    )
    assert sorted(names(body)) == ["Tuesday Walking Group", "Youth Club"]
    _, everywhere = get(
        client, "/service_at_locations", validate.ORUK_SERVICE_AT_LOCATION_PAGE, postcode="G5 0LB"
    )
    assert names(everywhere)[-1] == "Saturday Lunch Club"


def test_an_unknown_postcode_is_a_400(client, directory):
    response, body = get(client, "/service_at_locations", postcode="ZZ1 1ZZ")
    assert response.status_code == 400


def test_day_names_and_codes():
    assert [day_code(d) for d in ("SU", "sunday", "Thu")] == ["SU", "SU", "TH"]


def test_each_address_is_rate_limited_with_a_plain_answer(client, settings):
    from django.core.cache import cache

    cache.clear()
    settings.LINKPAD_OPEN_API_RATE = "3/min"
    answers = [client.get("/api/oruk/", REMOTE_ADDR="192.0.2.10") for _ in range(4)]
    assert [a.status_code for a in answers] == [200, 200, 200, 429]
    refused = answers[-1]
    assert 1 <= int(refused["Retry-After"]) <= 60
    assert "Too many requests from this address" in refused.json()["detail"]
    assert refused["Access-Control-Allow-Origin"] == "*"
    assert client.get("/api/oruk/", REMOTE_ADDR="192.0.2.11").status_code == 200  # another address
    settings.LINKPAD_OPEN_API_RATE = ""
    assert client.get("/api/oruk/", REMOTE_ADDR="192.0.2.10").status_code == 200  # limit off
