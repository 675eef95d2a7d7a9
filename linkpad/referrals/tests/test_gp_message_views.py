"""The message to the GP on the pages: the CLP previews and sends; the practice reads, prints, downloads and
exports; nobody else sees any (404), and every read is audited."""

import io
import json

import pytest
from pypdf import PdfReader

from linkpad.accounts.models import OrganisationKind, Role
from linkpad.accounts.tests.factories import OrganisationFactory, user_with_role
from linkpad.casework.services import episode_close, what_matters_record
from linkpad.casework.tests.factories import fresh, open_episode, practice_with_clp
from linkpad.core.audit import views_of
from linkpad.referrals.models import GpMessage, GpMessageKind

from .factories import clp_at, make_referral, practice_with_staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def closed():
    """A practice, its staff and CLP, and an episode closed with a summary (which sent the message)."""
    practice, staff, clp = practice_with_clp()
    episode = open_episode(practice=practice, staff=staff, clp=clp)
    what_matters_record(
        episode=episode,
        by=clp,
        version=fresh(episode).version,
        narrative="Wants to sing again",
        needs=["loneliness"],
    )
    episode_close(
        episode=episode,
        by=clp,
        version=fresh(episode).version,
        reason="goals_met",
        summary="Joined the community choir and goes every Thursday.",
    )
    return episode, GpMessage.objects.get()


def message_url(message, part: str = "") -> str:
    return f"/referrals/messages/{message.pk}/{part}"


def test_the_practice_sees_the_closure_message_in_its_inbox_unread_first(closed, verified_client):
    episode, closure = closed
    older = GpMessage.objects.create(
        referral=episode.referral,
        kind=GpMessageKind.RECEIVED,
        snomed_code="871731000000106",
        snomed_display="Referral to social prescribing service",
        content={"person": {"name": "Someone Read"}},
        summary="Received",
        read_at=closure.created_at,
        read_by=episode.referral.referred_by,
    )
    client = verified_client(episode.referral.referred_by)
    page = client.get("/referrals/inbox/").content.decode()
    assert "Closure" in page and str(episode.person) in page
    assert page.index(message_url(closure)) < page.index(message_url(older))
    assert views_of(closure).get().additional_data == {"purpose": "GP inbox"}


def test_the_practice_opens_reads_and_marks_the_message_read(closed, verified_client):
    episode, message = closed
    staff = episode.referral.referred_by
    client = verified_client(staff)
    page = client.get(message_url(message))
    body = page.content.decode()
    assert page.status_code == 200
    assert "Joined the community choir" in body and "Wants to sing again" in body
    assert "871731000000106" in body and "Mark as read" in body
    assert "Casework: Closed" in body
    assert views_of(message).first().actor == staff
    response = client.post(message_url(message, "read/"))
    assert response.status_code == 302 and response["Location"] == "/referrals/inbox/"
    message.refresh_from_db()
    assert message.read_by == staff and message.read_at is not None
    assert "Mark as read" not in client.get(message_url(message)).content.decode()


def test_the_pdf_reads_back_with_the_summary_and_code(closed, verified_client):
    episode, message = closed
    response = verified_client(episode.referral.referred_by).get(message_url(message, "pdf/"))
    assert response["Content-Type"] == "application/pdf"
    assert f'filename="gp-message-{message.pk}.pdf"' in response["Content-Disposition"]
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert str(episode.person) in text
    assert "Joined the community choir" in text and "871731000000106" in text
    assert views_of(message).first().additional_data == {"purpose": "GP message PDF"}


def test_the_json_export_is_ready_for_a_gp_system(closed, verified_client):
    episode, message = closed
    response = verified_client(episode.referral.referred_by).get(message_url(message, "json/"))
    data = json.loads(response.content)
    assert data["coding"][0] == {
        "system": "http://snomed.info/sct",
        "code": "871731000000106",
        "display": "Referral to social prescribing service",
    }
    assert data["closure"]["summary"] == "Joined the community choir and goes every Thursday."
    assert data["person"]["date_of_birth"] == episode.person.date_of_birth.isoformat()
    assert views_of(message).first().additional_data == {"purpose": "GP message export"}


def test_the_printable_page_shows_the_message(closed, verified_client):
    episode, message = closed
    body = verified_client(episode.clp).get(message_url(message, "print/")).content.decode()
    assert "Joined the community choir" in body and "print.css" in body


@pytest.mark.parametrize("part", ["", "print/", "pdf/", "json/"])
@pytest.mark.parametrize("who", ["other practice staff", "other clp", "manager", "community staff"])
def test_nobody_else_sees_a_message(closed, verified_client, manager_user, who, part):
    _, message = closed
    other_practice = OrganisationFactory()
    user = {
        "other practice staff": lambda: practice_with_staff()[1],
        "other clp": lambda: clp_at(other_practice),
        "manager": lambda: manager_user,
        "community staff": lambda: user_with_role(
            Role.COMMUNITY_STAFF, OrganisationFactory(kind=OrganisationKind.COMMUNITY_ORGANISATION, code="")
        ),
    }[who]()
    assert verified_client(user).get(message_url(message, part)).status_code == 404
    assert not views_of(message).exists()


def test_the_inbox_is_for_practice_staff(closed, verified_client, manager_user):
    episode, message = closed
    assert verified_client(manager_user).get("/referrals/inbox/").status_code == 403
    other_staff = practice_with_staff()[1]
    page = verified_client(other_staff).get("/referrals/inbox/").content.decode()
    assert "No messages yet" in page and str(episode.person) not in page


def test_the_clp_previews_and_sends_an_update_from_the_episode(verified_client):
    practice, staff, clp = practice_with_clp()
    episode = open_episode(practice=practice, staff=staff, clp=clp)
    what_matters_record(episode=episode, by=clp, version=fresh(episode).version, narrative="Wants a job")
    client = verified_client(clp)
    assert (
        f"/referrals/episodes/{episode.pk}/gp-message/"
        in client.get(f"/casework/{episode.pk}/").content.decode()
    )
    url = f"/referrals/episodes/{episode.pk}/gp-message/"
    preview = client.get(url)
    assert preview.status_code == 200
    assert "Linking update" in preview.content.decode() and "Wants a job" in preview.content.decode()
    assert not GpMessage.objects.exists()
    response = client.post(url, {"kind": "update"})
    message = GpMessage.objects.get()
    assert response["Location"] == message_url(message)
    assert message.kind == "update" and message.created_by == clp


def test_a_closure_message_before_closing_is_refused_in_words(verified_client):
    practice, staff, clp = practice_with_clp()
    episode = open_episode(practice=practice, staff=staff, clp=clp)
    response = verified_client(clp).post(f"/referrals/episodes/{episode.pk}/gp-message/", {"kind": "closure"})
    assert response.status_code == 400
    assert "Close the episode before sending the closure message." in response.content.decode()
    assert not GpMessage.objects.exists()


def test_practice_staff_cannot_write_messages_from_an_episode(closed, verified_client):
    episode, _ = closed
    url = f"/referrals/episodes/{episode.pk}/gp-message/"
    assert verified_client(episode.referral.referred_by).get(url).status_code == 404


def test_your_referrals_lists_the_practice_referrals_with_status_and_wait(verified_client):
    practice, staff = practice_with_staff()
    mine = make_referral(practice=practice, by=staff)
    self_referral = make_referral(practice=practice)
    elsewhere = make_referral(practice=practice_with_staff()[0], by=user_with_role(Role.PRACTICE_STAFF))
    client = verified_client(staff)
    page = client.get("/referrals/yours/").content.decode()
    assert str(mine.person) in page and "Received" in page and "Less than a day" in page
    assert str(self_referral.person) not in page and str(elsewhere.person) not in page
    assert views_of(mine.person).get().additional_data == {"purpose": "your referrals"}
    assert client.get(f"/referrals/yours/{elsewhere.pk}/").status_code == 404
    assert client.get(f"/referrals/yours/{self_referral.pk}/").status_code == 404


def test_the_practice_referral_view_shows_status_and_messages_but_no_casework(closed, verified_client):
    episode, message = closed
    client = verified_client(episode.referral.referred_by)
    page = client.get(f"/referrals/yours/{episode.referral_id}/").content.decode()
    assert "Contacted" in page and message_url(message) in page
    assert "Wants to sing again" not in page and episode.person.phone not in page
    assert "Withdraw referral" not in page
    assert views_of(episode.referral).get().additional_data == {"purpose": "practice referral"}


def test_practice_staff_withdraw_a_waiting_referral(verified_client):
    practice, staff = practice_with_staff()
    referral = make_referral(practice=practice, by=staff)
    client = verified_client(staff)
    url = f"/referrals/yours/{referral.pk}/withdraw/"
    missing = client.post(url, {"reason": ""})
    assert (
        missing.status_code == 400 and "Say why you are withdrawing the referral" in missing.content.decode()
    )
    assert client.post(url, {"reason": "Moved away"}).status_code == 302
    page = client.get(f"/referrals/yours/{referral.pk}/").content.decode()
    assert "Withdrawn" in page and "Withdraw referral" not in page
    other = practice_with_staff()[1]
    assert verified_client(other).post(url, {"reason": "Mine now"}).status_code == 404
