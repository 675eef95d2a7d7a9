"""Links through the API, for the CLPs of the episode's practice: read one with its history, move it on
with the episode's version. Everyone else, community organisations included, gets 404."""

import pytest
from auditlog.models import LogEntry
from django.core import mail

from linkpad.casework.link_services import REASON_NEEDED, current_link_stage
from linkpad.casework.tests.factories import fresh, link_to, service_for_links

from ..v1.errors import STALE_VERSION
from .conftest import outsiders

pytestmark = pytest.mark.django_db


def test_a_clp_reads_a_link_with_its_history_and_the_read_is_audited(world, api):
    north = world["north"]
    link = north["link"]
    response = api(north["clp"]).get(f"/links/{link.pk}")
    assert response.status_code == 200
    body = response.json()
    assert (body["id"], body["episode"], body["stage"]) == (link.pk, north["episode"].pk, "referred")
    assert body["episode_version"] == fresh(north["episode"]).version
    assert body["service"]["name"] == link.service.name and body["first_step"] == "accompanied"
    assert [row["stage"] for row in body["history"]] == ["suggested", "agreed", "referred"]
    assert body["history"][0]["by"] == str(north["clp"])
    assert LogEntry.objects.get_for_object(link).filter(actor=north["clp"]).exists()


@pytest.mark.parametrize("who", ["other_clp", "other_staff", "community_staff", "manager"])
def test_everyone_else_gets_404_reading_or_moving_a_link(world, api, who):
    user = outsiders(world, "north")[who]
    link, episode = world["north"]["link"], world["north"]["episode"]
    version = fresh(episode).version
    client = api(user)
    assert client.get(f"/links/{link.pk}").status_code == 404
    moved = client.post(f"/links/{link.pk}/status", {"version": version, "stage": "attended"})
    assert moved.status_code == 404
    assert current_link_stage(link) == "referred" and fresh(episode).version == version
    assert not LogEntry.objects.get_for_object(link).filter(actor=user).exists()


def test_moving_a_link_on_and_referring_one_emails_the_service(world, api):
    north = world["north"]
    client = api(north["clp"])
    version = fresh(north["episode"]).version
    attended = client.post(f"/links/{north['link'].pk}/status", {"version": version, "stage": "attended"})
    assert attended.status_code == 200, attended.json()
    assert attended.json()["stage"] == "attended" and attended.json()["episode_version"] == version + 1
    unclaimed = link_to(
        service_for_links(email="walks@example.org"), episode=north["episode"], stage="agreed"
    )
    version = fresh(north["episode"]).version
    referred = client.post(f"/links/{unclaimed.pk}/status", {"version": version, "stage": "referred"})
    assert referred.status_code == 200, referred.json()
    assert referred.json()["emailed_to"] == "walks@example.org"


def test_the_answer_link_in_the_email_points_at_this_site(world, api, django_capture_on_commit_callbacks):
    north = world["north"]
    unclaimed = link_to(
        service_for_links(email="walks@example.org"), episode=north["episode"], stage="agreed"
    )
    version = fresh(north["episode"]).version
    with django_capture_on_commit_callbacks(execute=True):
        api(north["clp"]).post(f"/links/{unclaimed.pk}/status", {"version": version, "stage": "referred"})
    assert mail.outbox[0].to == ["walks@example.org"]
    assert "http://testserver/casework/answer/" in mail.outbox[0].body


def test_a_stale_version_answers_409(world, api):
    north = world["north"]
    stale = fresh(north["episode"]).version - 1
    response = api(north["clp"]).post(
        f"/links/{north['link'].pk}/status", {"version": stale, "stage": "attended"}
    )
    assert response.status_code == 409 and response.json() == {"detail": STALE_VERSION}
    assert current_link_stage(north["link"]) == "referred"


@pytest.mark.parametrize(
    ("body", "field", "message"),
    [
        ({"stage": "suggested"}, "stage", "This link is referred, so it cannot move to suggested."),
        ({"stage": "declined"}, "stage", REASON_NEEDED),
        ({"stage": "teleported"}, "stage", None),
        (
            {"stage": "attended", "note": "x" * 1001},
            "note",
            "Ensure this value has at most 1000 characters (it has 1001).",
        ),
        ({}, "stage", None),
    ],
)
def test_bad_moves_answer_422_naming_the_field(world, api, body, field, message):
    north = world["north"]
    version = fresh(north["episode"]).version
    response = api(north["clp"]).post(f"/links/{north['link'].pk}/status", {"version": version, **body})
    assert response.status_code == 422
    found = {e["loc"][-1]: e["msg"] for e in response.json()["detail"]}
    assert field in found
    if message:
        assert found[field] == message
    assert fresh(north["episode"]).version == version
