"""A person's link plan: their goals, the supports agreed and each first step, for their CLP to print or send."""

import datetime as dt
import io
from io import StringIO

import pytest
from django.core import mail
from pypdf import PdfReader

from linkpad.accounts.models import Role
from linkpad.accounts.tests.factories import user_with_role
from linkpad.casework.link_services import link_move
from linkpad.casework.services import goal_add
from linkpad.casework.tests.factories import fresh, link_to, open_episode, service_for_links
from linkpad.core import sms
from linkpad.core.audit import views_of
from linkpad.directory.tests.hsds_factories import ScheduleFactory
from linkpad.guides.selectors import link_plan_for
from linkpad.referrals.tests.factories import clp_at, details, practice_with_staff

GOAL = "Get out of the house twice a week"


@pytest.fixture
def episode(db):
    practice, staff = practice_with_staff()
    clp = clp_at(practice, full_name="Casey Linkworker", email="casey@practice.example.org")
    episode = open_episode(
        practice=practice,
        staff=staff,
        clp=clp,
        details=details(given_name="Isla", family_name="Synthetic", email="isla@example.org"),
    )
    goal_add(episode=episode, by=clp, version=fresh(episode).version, text=GOAL, review_on=dt.date.today())
    walk = service_for_links(name="Tuesday Walking Group", first_visit="Meet at the park gates at 10am.")
    ScheduleFactory(service=walk, byday="TU", opens_at=dt.time(10), closes_at=dt.time(11, 30))
    link_to(walk, episode=episode, stage="agreed")
    link_to(service_for_links(name="Only Suggested Choir"), episode=episode, stage="suggested")
    declined = link_to(service_for_links(name="Declined Art Class"), episode=episode, stage="agreed")
    link_move(link=declined, stage="declined", by=clp, version=fresh(episode).version, reason="Too far")
    return fresh(episode)


def test_the_plan_has_goals_agreed_supports_and_first_steps(episode):
    plan = link_plan_for(user=episode.clp, episode_id=episode.pk)
    assert plan.goals == [GOAL]
    assert [step.support.name for step in plan.steps] == ["Tuesday Walking Group"]
    step = plan.steps[0]
    assert step.how == "Accompanied by the CLP"
    assert step.who_goes == "Casey meets her at the door"
    assert step.on == dt.date.today()
    assert step.support.when == ["Tuesdays, 10am to 11:30am"]
    assert step.support.first_visit == "Meet at the park gates at 10am."
    assert (plan.clp, plan.clp_email) == ("Casey Linkworker", "casey@practice.example.org")


def test_the_clp_sees_the_plan_page_and_it_is_audited(episode, verified_client):
    page = verified_client(episode.clp).get(f"/guides/link-plan/{episode.pk}/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "Your plan, Isla Synthetic" in text
    assert GOAL in text and "Tuesday Walking Group" in text and "Casey meets her at the door" in text
    assert "Only Suggested Choir" not in text and "Declined Art Class" not in text
    assert "casey@practice.example.org" in text
    assert views_of(episode).filter(additional_data={"purpose": "link plan"}).exists()


def test_the_episode_page_links_to_the_plan(episode, verified_client):
    page = verified_client(episode.clp).get(f"/casework/{episode.pk}/").content.decode()
    assert f'href="/guides/link-plan/{episode.pk}/"' in page


@pytest.mark.parametrize("who", ["other_clp", "practice_staff"])
def test_nobody_but_the_practice_clp_sees_the_plan(episode, verified_client, who):
    user = (
        clp_at(practice_with_staff()[0])
        if who == "other_clp"
        else user_with_role(Role.PRACTICE_STAFF, episode.practice)
    )
    client = verified_client(user)
    for path in ("", "plan.pdf"):
        assert client.get(f"/guides/link-plan/{episode.pk}/{path}").status_code == 404
    assert client.post(f"/guides/link-plan/{episode.pk}/send/", {"how": "email"}).status_code == 404
    assert mail.outbox == []


def test_the_plan_as_a_pdf(episode, verified_client):
    response = verified_client(episode.clp).get(f"/guides/link-plan/{episode.pk}/plan.pdf")
    assert response["Content-Type"] == "application/pdf"
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    assert "Your plan, Isla Synthetic" in text and GOAL in text and "Tuesday Walking Group" in text
    assert views_of(episode).filter(additional_data={"purpose": "link plan PDF"}).exists()


def test_the_plan_is_emailed_with_the_pdf(episode, verified_client):
    response = verified_client(episode.clp).post(f"/guides/link-plan/{episode.pk}/send/", {"how": "email"})
    assert response.status_code == 302
    [message] = mail.outbox
    assert message.to == ["isla@example.org"]
    assert message.reply_to == ["casey@practice.example.org"]
    assert "Tuesday Walking Group" in message.body and GOAL in message.body
    [(filename, content, kind)] = message.attachments
    assert (filename, kind) == ("your-plan.pdf", "application/pdf")
    assert "Tuesday Walking Group" in PdfReader(io.BytesIO(content)).pages[0].extract_text()
    assert views_of(episode).filter(additional_data={"purpose": "link plan sent by email"}).exists()


def test_the_plan_is_texted_through_the_sms_backend(episode, verified_client, settings):
    settings.LINKPAD_SMS_BACKEND = "linkpad.core.sms.LocmemSmsBackend"
    sms.outbox.clear()
    response = verified_client(episode.clp).post(f"/guides/link-plan/{episode.pk}/send/", {"how": "text"})
    assert response.status_code == 302
    [message] = sms.outbox
    assert message.to == "+447700900456"
    assert message.body.startswith("Hi Isla, your plan from Casey Linkworker:")
    assert "1. Tuesday Walking Group" in message.body
    assert views_of(episode).filter(additional_data={"purpose": "link plan sent by text"}).exists()


def test_a_missing_number_is_a_plain_error(episode, verified_client, settings):
    settings.LINKPAD_SMS_BACKEND = "linkpad.core.sms.LocmemSmsBackend"
    sms.outbox.clear()
    episode.person.phone = "0141 496 0000"  # a landline
    episode.person.save()
    response = verified_client(episode.clp).post(f"/guides/link-plan/{episode.pk}/send/", {"how": "text"})
    assert response.status_code == 400
    assert "Enter a UK mobile number" in response.content.decode()
    assert sms.outbox == []


def test_the_console_backend_prints_the_message():
    stream = StringIO()
    sms.ConsoleSmsBackend(stream=stream).send_messages([sms.TextMessage(to="+447700900123", body="Hello")])
    assert "Text message to +447700900123\nHello" in stream.getvalue()


def test_with_no_email_address_nothing_is_sent(episode, verified_client):
    episode.person.email = ""
    episode.person.save()
    response = verified_client(episode.clp).post(f"/guides/link-plan/{episode.pk}/send/", {"how": "email"})
    assert response.status_code == 400
    assert "There is no email address for Isla. Add one to their details first." in response.content.decode()
    assert mail.outbox == []
