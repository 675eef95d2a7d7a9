"""Episodes through the API: read with history, goals, contacts and links; move the stage, add a goal,
record a contact, each with the episode's `version` (a stale one answers 409 and changes nothing)."""

import datetime as dt

import pytest
from auditlog.models import LogEntry
from django.utils import timezone

from linkpad.casework import forms
from linkpad.casework.models import Contact, Goal
from linkpad.casework.services import EPISODE_CLOSED, REVIEW_DATE_PAST, current_stage, episode_close
from linkpad.casework.tests.factories import fresh

from ..v1.errors import STALE_VERSION
from .conftest import outsiders

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
NEXT_MONTH = TODAY + dt.timedelta(days=30)


def errors(response) -> dict[str, str]:
    return {e["loc"][-1]: e["msg"] for e in response.json()["detail"]}


def test_a_clp_reads_an_episode_with_everything_in_it_and_the_read_is_audited(world, api):
    north = world["north"]
    episode = north["episode"]
    response = api(north["clp"]).get(f"/episodes/{episode.pk}")
    assert response.status_code == 200
    body = response.json()
    assert (body["id"], body["stage"], body["version"]) == (episode.pk, "contacted", fresh(episode).version)
    assert body["person"]["id"] == north["person"].pk and body["referral"] == north["referral"].pk
    assert [row["stage"] for row in body["history"]] == ["referred", "contacted"]
    assert body["history"][1]["by"] == str(north["clp"])
    assert body["links"] == [
        {
            "id": north["link"].pk,
            "service": north["link"].service.name,
            "stage": "referred",
            "first_step": "accompanied",
        }
    ]
    assert (body["goals"], body["contacts"]) == ([], [])
    assert LogEntry.objects.get_for_object(episode).filter(actor=north["clp"]).exists()
    assert LogEntry.objects.get_for_object(north["person"]).filter(actor=north["clp"]).exists()


def test_listing_episodes_by_stage_is_scoped_and_audited(world, api):
    north = world["north"]
    client = api(north["clp"])
    body = client.get("/episodes").json()
    assert (body["count"], [e["id"] for e in body["items"]]) == (1, [north["episode"].pk])
    assert client.get("/episodes", stage="plan").json()["count"] == 0
    assert client.get("/episodes", stage="contacted").json()["count"] == 1
    assert client.get("/episodes", stage="somewhere").status_code == 422
    assert LogEntry.objects.get_for_object(north["episode"]).filter(actor=north["clp"]).exists()


@pytest.mark.parametrize("who", ["other_clp", "other_staff", "community_staff", "manager"])
def test_everyone_but_the_practices_clps_gets_404_and_an_empty_list(world, api, who):
    user = outsiders(world, "north")[who]
    episode = world["north"]["episode"]
    version = fresh(episode).version
    client = api(user)
    assert episode.pk not in [e["id"] for e in client.get("/episodes").json()["items"]]
    assert client.get(f"/episodes/{episode.pk}").status_code == 404
    writes = {
        "stage": {"version": version, "stage": "what_matters"},
        "goals": {"version": version, "text": "Walk to the shops", "review_on": NEXT_MONTH.isoformat()},
        "contacts": {"version": version, "happened_on": TODAY.isoformat(), "mode": "phone"},
    }
    for action, body in writes.items():
        assert client.post(f"/episodes/{episode.pk}/{action}", body).status_code == 404, action
    assert fresh(episode).version == version
    assert not LogEntry.objects.get_for_object(episode).filter(actor=user).exists()


def test_the_practices_own_staff_cannot_see_its_casework(world, api):
    north = world["north"]
    assert api(north["staff"]).get(f"/episodes/{north['episode'].pk}").status_code == 404


def test_moving_the_stage_adding_a_goal_and_recording_a_contact(world, api):
    north = world["north"]
    episode = north["episode"]
    client = api(north["clp"])
    version = fresh(episode).version
    moved = client.post(
        f"/episodes/{episode.pk}/stage", {"version": version, "stage": "what_matters", "note": "Met"}
    )
    assert moved.status_code == 200, moved.json()
    assert moved.json()["stage"] == "what_matters" and moved.json()["version"] == version + 1
    assert current_stage(fresh(episode)) == "what_matters"
    goal = client.post(
        f"/episodes/{episode.pk}/goals",
        {"version": version + 1, "text": "Join a walking group", "review_on": NEXT_MONTH.isoformat()},
    )
    assert goal.status_code == 201, goal.json()
    assert [g["text"] for g in goal.json()["goals"]] == ["Join a walking group"]
    assert Goal.objects.get().created_by == north["clp"]
    contact = client.post(
        f"/episodes/{episode.pk}/contacts",
        {
            "version": version + 2,
            "happened_on": TODAY.isoformat(),
            "mode": "walk_and_talk",
            "duration_minutes": 45,
        },
    )
    assert contact.status_code == 201, contact.json()
    assert contact.json()["contacts"][0]["mode"] == "walk_and_talk"
    assert (Contact.objects.get().duration_minutes, fresh(episode).version) == (45, version + 3)


def test_a_stale_version_answers_409_and_changes_nothing(world, api):
    north = world["north"]
    episode = north["episode"]
    client = api(north["clp"])
    stale = fresh(episode).version
    assert (
        client.post(f"/episodes/{episode.pk}/stage", {"version": stale, "stage": "what_matters"}).status_code
        == 200
    )
    for action, body in {
        "stage": {"stage": "plan"},
        "goals": {"text": "Cook twice a week", "review_on": NEXT_MONTH.isoformat()},
        "contacts": {"happened_on": TODAY.isoformat(), "mode": "phone"},
    }.items():
        response = client.post(f"/episodes/{episode.pk}/{action}", {"version": stale, **body})
        assert response.status_code == 409, action
        assert response.json() == {"detail": STALE_VERSION}
    assert current_stage(fresh(episode)) == "what_matters"
    assert fresh(episode).version == stale + 1
    assert not Goal.objects.exists() and not Contact.objects.exists()


@pytest.mark.parametrize(
    ("action", "body", "field", "message"),
    [
        ("stage", {"stage": "plan"}, "stage", "This episode is at contacted, so it cannot move to plan."),
        ("stage", {"stage": "closed"}, "stage", forms.STAGE_MISSING),
        ("stage", {"stage": "somewhere"}, "stage", None),
        ("stage", {"stage": "plan", "version": "latest"}, "version", None),
        ("stage", {"stage": "plan", "version": None}, "version", None),
        ("goals", {"text": "", "review_on": NEXT_MONTH.isoformat()}, "text", forms.GOAL_MISSING),
        ("goals", {"text": "Walk", "review_on": "2020-01-01"}, "review_on", REVIEW_DATE_PAST),
        ("goals", {"text": "Walk", "review_on": "soon"}, "review_on", None),
        (
            "contacts",
            {"happened_on": "2999-01-01", "mode": "phone"},
            "happened_on",
            forms.CONTACT_DATE_FUTURE,
        ),
        (
            "contacts",
            {"happened_on": TODAY.isoformat(), "mode": "phone", "duration_minutes": 0},
            "duration_minutes",
            forms.DURATION_INVALID,
        ),
        ("contacts", {"happened_on": TODAY.isoformat(), "mode": "carrier pigeon"}, "mode", None),
    ],
)
def test_bad_input_answers_422_naming_the_field(world, api, action, body, field, message):
    north = world["north"]
    episode = north["episode"]
    version = fresh(episode).version
    payload = {"version": version, **body}
    if payload["version"] is None:
        del payload["version"]
    response = api(north["clp"]).post(f"/episodes/{episode.pk}/{action}", payload)
    assert response.status_code == 422, response.content
    found = errors(response)
    assert field in found
    if message:
        assert found[field] == message
    assert fresh(episode).version == version


def test_the_openapi_document_lists_every_endpoint_with_its_schemas(client):
    document = client.get("/api/v1/openapi.json").json()
    paths = document["paths"]
    expected = {
        "/api/v1/people": ["get"],
        "/api/v1/people/{person_id}": ["get"],
        "/api/v1/referrals": ["get", "post"],
        "/api/v1/referrals/{referral_id}": ["get"],
        "/api/v1/episodes": ["get"],
        "/api/v1/episodes/{episode_id}": ["get"],
        "/api/v1/episodes/{episode_id}/stage": ["post"],
        "/api/v1/episodes/{episode_id}/goals": ["post"],
        "/api/v1/episodes/{episode_id}/contacts": ["post"],
        "/api/v1/links/{link_id}": ["get"],
        "/api/v1/links/{link_id}/status": ["post"],
    }
    for path, methods in expected.items():
        assert sorted(paths.get(path, {})) == methods, path
        for method in methods:
            operation = paths[path][method]
            assert operation["summary"] and operation["security"] == [{"BearerToken": []}]
            assert "$ref" in str(
                operation["responses"]["200" if method == "get" else next(iter(operation["responses"]))]
            )
    schemas = document["components"]["schemas"]
    assert {
        "ReferralIn",
        "ReferralOut",
        "EpisodeOut",
        "StageIn",
        "GoalIn",
        "ContactIn",
        "LinkOut",
        "LinkMoveIn",
        "FieldErrors",
    } <= set(schemas)
    assert "version" in schemas["StageIn"]["required"]


def test_a_closed_episode_takes_no_more_changes(world, api):
    north = world["north"]
    episode = north["episode"]
    episode_close(
        episode=episode, by=north["clp"], version=fresh(episode).version, reason="other", summary="Done"
    )
    body = {"version": fresh(episode).version, "text": "Walk", "review_on": NEXT_MONTH.isoformat()}
    response = api(north["clp"]).post(f"/episodes/{episode.pk}/goals", body)
    assert response.status_code == 422
    assert [e["msg"] for e in response.json()["detail"]] == [EPISODE_CLOSED]
