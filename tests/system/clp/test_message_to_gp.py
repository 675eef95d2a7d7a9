"""The CLP previews the message to the GP from the episode page and sends it to the practice."""

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from linkpad.accounts.tests.factories import PASSWORD, current_code
from linkpad.casework.services import what_matters_record
from linkpad.casework.tests.factories import fresh, open_episode
from linkpad.referrals.models import GpMessage
from linkpad.referrals.tests.factories import clp_at, details, practice_with_staff

from ..steps import Journey


@pytest.fixture
def journey(page):
    return Journey(page)


def test_the_clp_previews_and_sends_an_update_to_the_gp(journey):
    practice, staff = practice_with_staff()
    practice.name = "Possilpark Health Centre"
    practice.save()
    clp = clp_at(practice, full_name="Casey Linkworker")
    episode = open_episode(
        practice=practice, staff=staff, clp=clp, details=details(given_name="Isla", family_name="Synthetic")
    )
    what_matters_record(
        episode=episode, by=clp, version=fresh(episode).version, narrative="Wants to sing again"
    )
    device = TOTPDevice.objects.create(user=clp, name="Phone", confirmed=True)
    journey.when_i_sign_in_with(clp.email, PASSWORD)
    journey.page.get_by_label("Security code").fill(current_code(device))
    journey.page.get_by_role("button", name="Sign in").click()
    journey.when_i_visit(f"/casework/{episode.pk}/")
    journey.page.get_by_role("link", name="Message to GP").click()
    journey.then_i_see_the_heading("Message to GP about Isla Synthetic")
    expect(journey.page.get_by_text("Wants to sing again")).to_be_visible()
    journey.then_the_page_is_accessible()
    journey.page.get_by_role("button", name="Send to the practice").click()
    journey.then_i_see_the_heading("Linking update: Isla Synthetic")
    expect(journey.page.get_by_text("Message sent to the practice.")).to_be_visible()
    journey.then_the_page_is_accessible()
    assert GpMessage.objects.get().kind == "update"
