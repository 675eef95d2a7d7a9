# ruff: noqa: F811  (pytest fixtures imported from the directory tests are then used as arguments)
"""Linking pages: finding support from the episode, moving links on, the inbox and the emailed link's page."""

import re

import pytest
from django.core import mail

from linkpad.directory.tests.test_search_factories import directory, sample_geography  # noqa: F401
from linkpad.referrals.tests.factories import details

from ..link_services import LINK_EXPIRED, LINK_USED, answer_token, current_link_stage
from ..models import Link, Task
from ..services import STALE
from .factories import (
    community_organisation_with_staff,
    fresh,
    link_to,
    open_episode,
    practice_with_clp,
    service_for_links,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def episode():
    practice, staff, clp = practice_with_clp()
    return open_episode(practice=practice, staff=staff, clp=clp)


@pytest.fixture
def client(episode, verified_client):
    return verified_client(episode.clp)


def post_link(client, link, action, **fields):
    prefix = f"link-{link.pk}-{'step' if action == 'first-step' else 'move'}"
    data = {f"{prefix}-{name}": value for name, value in fields.items()}
    data.setdefault(f"{prefix}-version", fresh(link.episode).version)
    return client.post(f"/casework/{link.episode_id}/links/{link.pk}/{action}/", data)


class TestFindingSupport:
    @pytest.fixture
    def episode(self, directory):
        practice, staff, clp = practice_with_clp()
        return open_episode(
            practice=practice,
            staff=staff,
            clp=clp,
            reasons=["bereavement"],
            details=details(postcode="G22 5AA"),
        )

    def test_the_search_is_prefilled_from_their_needs_and_postcode(self, client, episode):
        text = client.get(f"/casework/{episode.pk}/find-support/").content.decode()
        assert 'value="bereavement"' in text and 'value="G22 5AA"' in text

    def test_results_show_why_and_can_be_added_as_a_suggestion(self, client, episode, directory):
        response = client.get(
            f"/casework/{episode.pk}/find-support/", {"q": "bereavement", "where": "G22 5AA"}
        )
        text = response.content.decode()
        assert "Springburn Grief Cafe" in text and "linkpad-why" in text and "Add as a suggestion" in text
        grief = directory["grief"]
        response = client.post(
            f"/casework/{episode.pk}/links/",
            {"link-service": grief.pk, "link-version": fresh(episode).version},
        )
        assert response.status_code == 302
        link = Link.objects.get(episode=episode)
        assert link.service == grief and current_link_stage(link) == "suggested"
        assert "Springburn Grief Cafe" in client.get(f"/casework/{episode.pk}/").content.decode()

    def test_an_unknown_place_is_a_plain_error(self, client, episode):
        response = client.get(f"/casework/{episode.pk}/find-support/", {"q": "grief", "where": "Narnia"})
        assert response.status_code == 400 and "nhsuk-error-message" in response.content.decode()


class TestMovingLinksOn:
    def test_plan_the_first_step_then_refer(self, client, episode, django_capture_on_commit_callbacks):
        link = link_to(service_for_links(), episode=episode)
        response = post_link(
            client, link, "first-step", first_step="warm_handover", first_step_on="03/03/2030", note="Her son"
        )
        assert response.status_code == 302
        link.refresh_from_db()
        assert (link.first_step, link.first_step_note) == ("warm_handover", "Her son")
        assert post_link(client, link, "status", stage="agreed").status_code == 302
        with django_capture_on_commit_callbacks(execute=True):
            assert post_link(client, link, "status", stage="referred").status_code == 302
        assert current_link_stage(link) == "referred" and len(mail.outbox) == 1
        text = client.get(f"/casework/{episode.pk}/").content.decode()
        assert "by email to hello@walks.example.org" in text

    def test_an_invalid_move_shows_the_plain_message(self, client, episode):
        link = link_to(service_for_links(), episode=episode)
        response = post_link(client, link, "status", stage="ongoing")
        assert response.status_code == 400
        assert "This link is suggested, so it cannot move to ongoing." in response.content.decode()

    def test_a_stale_form_is_refused_with_409(self, client, episode):
        link = link_to(service_for_links(), episode=episode)
        response = post_link(client, link, "status", stage="agreed", version=fresh(episode).version - 1)
        assert response.status_code == 409 and STALE in response.content.decode()
        assert current_link_stage(link) == "suggested"

    def test_no_stage_chosen(self, client, episode):
        link = link_to(service_for_links(), episode=episode)
        response = post_link(client, link, "status")
        assert response.status_code == 400 and "Choose what has happened" in response.content.decode()


class TestTheInbox:
    def test_staff_see_the_referral_with_minimum_data_and_answer(self, episode, verified_client):
        organisation, staff = community_organisation_with_staff()
        link = link_to(service_for_links(claimed_by=organisation), episode=episode, stage="referred")
        client = verified_client(staff)
        text = client.get("/casework/inbox/").content.decode()
        person = episode.person
        assert person.given_name in text and episode.clp.full_name in text and episode.practice.name in text
        assert "Accompanied by the CLP" in text and "Casey meets her at the door" in text
        for private in (
            person.family_name,
            person.date_of_birth.strftime("%d/%m/%Y"),
            "Date of birth",
            person.phone,
        ):
            assert private not in text
        response = client.post(f"/casework/inbox/{link.pk}/", {f"answer-{link.pk}-answer": "attended"})
        assert response.status_code == 302
        assert current_link_stage(link) == "attended"
        assert Task.objects.filter(episode=episode).exists()

    def test_declining_without_a_reason_is_an_error(self, episode, verified_client):
        organisation, staff = community_organisation_with_staff()
        link = link_to(service_for_links(claimed_by=organisation), episode=episode, stage="referred")
        response = verified_client(staff).post(
            f"/casework/inbox/{link.pk}/", {f"answer-{link.pk}-answer": "decline"}
        )
        assert (
            response.status_code == 400
            and "Say why you cannot take this referral" in response.content.decode()
        )
        assert current_link_stage(link) == "referred"

    def test_people_who_are_not_community_staff_have_no_inbox(self, client):
        assert client.get("/casework/inbox/").status_code == 403


class TestTheEmailedLink:
    def test_it_opens_without_an_account_and_takes_one_final_answer(self, episode, client):
        link = link_to(service_for_links(), episode=episode, stage="referred")
        url = f"/casework/answer/{answer_token(link)}/"
        anonymous = client.__class__()
        text = anonymous.get(url).content.decode()
        assert episode.person.given_name in text and episode.person.family_name not in text
        response = anonymous.post(url, {"answer-answer": "decline", "answer-reason": "We are full"})
        assert response.status_code == 302
        response = anonymous.get(url)
        assert response.status_code == 404 and LINK_USED in response.content.decode()
        episode_page = client.get(f"/casework/{episode.pk}/").content.decode()
        assert "The service, by email link" in episode_page and "We are full" in episode_page

    def test_an_expired_link_says_so(self, episode, client, settings, monkeypatch):
        from django.core import signing

        link = link_to(service_for_links(), episode=episode, stage="referred")
        token = answer_token(link)
        now = signing.time.time()
        monkeypatch.setattr(
            signing.time, "time", lambda: now + (settings.LINKPAD_CLOSED_LOOP_DAYS + 1) * 86400
        )
        response = client.__class__().get(f"/casework/answer/{token}/")
        assert response.status_code == 410 and LINK_EXPIRED in response.content.decode()

    def test_a_made_up_token_is_not_found(self):
        from django.test import Client

        assert Client().get("/casework/answer/1.abc:xyz:def/").status_code == 404
        assert re.search("does not work", Client().get("/casework/answer/x/").content.decode())
