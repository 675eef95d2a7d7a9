"""Whatever a client sends, the API answers in its own words: 401, 404 or 422, never 500."""

import json

import pytest
from django.core.exceptions import ValidationError
from django.test import RequestFactory

from linkpad.casework.services import EPISODE_CLOSED, EpisodeError, StaleEpisode
from linkpad.casework.tests.factories import fresh

from ..v1 import api as api_v1
from ..v1.errors import STALE_VERSION

pytestmark = pytest.mark.django_db

TOO_BIG = 10**30  # no database can hold this id


@pytest.mark.parametrize("path", ["/people/{n}", "/referrals/{n}", "/episodes/{n}", "/links/{n}"])
def test_ids_no_database_could_hold_answer_422(world, api, path):
    response = api(world["north"]["clp"]).get(path.format(n=TOO_BIG))
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"][-1].endswith("_id")


@pytest.mark.parametrize("params", [{"offset": TOO_BIG}, {"practice": TOO_BIG}])
def test_huge_numbers_in_a_list_answer_422(world, api, params):
    assert api(world["north"]["clp"]).get("/people", **params).status_code == 422


def test_a_huge_version_or_a_body_that_is_not_an_object_answers_422(world, api):
    north = world["north"]
    episode = north["episode"]
    before = fresh(episode).version
    client = api(north["clp"])
    huge = client.post(f"/episodes/{episode.pk}/stage", {"version": TOO_BIG, "stage": "what_matters"})
    assert huge.status_code == 422 and huge.json()["detail"][0]["loc"] == ["body", "payload", "version"]
    listed = client.client.post(f"/api/v1/episodes/{episode.pk}/stage", "[]", content_type="application/json")
    assert listed.status_code == 422
    nul = client.post(
        f"/episodes/{episode.pk}/goals", {"version": 1, "text": "a\x00b", "review_on": "2099-01-01"}
    )
    assert nul.status_code == 422
    assert fresh(episode).version == before


@pytest.mark.parametrize("path", ["/people", "/referrals", "/episodes", "/links/1"])
def test_every_endpoint_needs_a_token(client, path):
    assert client.get(f"/api/v1{path}").status_code == 401


@pytest.mark.parametrize(
    ("error", "status", "detail"),
    [
        (
            ValidationError({"text": ["Too long"], "__all__": ["Not like that"]}),
            422,
            [
                {"loc": ["body", "payload", "text"], "msg": "Too long", "type": "value_error"},
                {"loc": ["body", "payload"], "msg": "Not like that", "type": "value_error"},
            ],
        ),
        (
            ValidationError("Not like that"),
            422,
            [{"loc": ["body", "payload"], "msg": "Not like that", "type": "value_error"}],
        ),
        (
            EpisodeError(EPISODE_CLOSED),
            422,
            [{"loc": ["body", "payload"], "msg": EPISODE_CLOSED, "type": "value_error"}],
        ),
        (StaleEpisode(), 409, STALE_VERSION),
    ],
)
def test_refusals_from_models_and_services_are_mapped_to_their_answers(error, status, detail):
    response = api_v1.on_exception(RequestFactory().get("/api/v1/episodes/1"), error)
    assert response.status_code == status
    assert json.loads(response.content) == {"detail": detail}
