"""The practice reads the community links practitioner's closure message in its Linkpad inbox."""

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from linkpad.accounts.models import Role
from linkpad.accounts.tests.factories import PASSWORD, OrganisationFactory, current_code, user_with_role
from linkpad.casework.services import episode_close, what_matters_record
from linkpad.casework.tests.factories import fresh, open_episode
from linkpad.referrals.tests.factories import clp_at, details

from ..steps import Journey


class InboxJourney(Journey):
    def given_a_closed_episode_for_a_patient_the_practice_referred(self):
        practice = OrganisationFactory(name="Possilpark Health Centre")
        self.receptionist = user_with_role(Role.PRACTICE_STAFF, practice, full_name="Pat Reception")
        clp = clp_at(practice, full_name="Casey Linkworker")
        episode = open_episode(
            practice=practice,
            staff=self.receptionist,
            clp=clp,
            details=details(given_name="Isla", family_name="Synthetic"),
        )
        what_matters_record(
            episode=episode, by=clp, version=fresh(episode).version, narrative="Wants to sing again"
        )
        episode_close(
            episode=episode,
            by=clp,
            version=fresh(episode).version,
            reason="goals_met",
            summary="Joined the community choir and goes every Thursday.",
        )
        TOTPDevice.objects.create(user=self.receptionist, name="Phone", confirmed=True)

    def when_i_sign_in_as_the_receptionist(self):
        self.when_i_sign_in_with(self.receptionist.email, PASSWORD)
        device = TOTPDevice.objects.get(user=self.receptionist)
        self.page.get_by_label("Security code").fill(current_code(device))
        self.page.get_by_role("button", name="Sign in").click()
        self.then_i_see_the_heading("Hello, Pat")

    def when_i_open_the_inbox(self):
        self.page.get_by_role("link", name="Messages from your CLPs").click()
        self.then_i_see_the_heading("Messages from your community links practitioners")
        row = self.page.get_by_role("row", name="Isla Synthetic")
        expect(row).to_contain_text("Closure")
        expect(row).to_contain_text("Unread")
        self.then_the_page_is_accessible()

    def when_i_open_the_closure_message(self):
        self.page.get_by_role("link", name="Isla Synthetic").click()
        self.then_i_see_the_heading("Closure: Isla Synthetic")
        expect(
            self.page.get_by_text("Joined the community choir and goes every Thursday.").first
        ).to_be_visible()
        expect(
            self.page.get_by_text("871731000000106 Referral to social prescribing service")
        ).to_be_visible()
        self.then_the_page_is_accessible()

    def then_i_mark_it_read(self):
        self.page.get_by_role("button", name="Mark as read").click()
        expect(self.page.get_by_text("Marked as read.")).to_be_visible()
        expect(self.page.get_by_role("row", name="Isla Synthetic")).to_contain_text("Read")
        expect(self.page.get_by_role("row", name="Isla Synthetic")).not_to_contain_text("Unread")
        self.then_the_page_is_accessible()

    def then_my_referrals_show_the_status_and_the_message(self):
        self.page.get_by_role("link", name="Your referrals").click()
        self.then_i_see_the_heading("Your referrals")
        expect(self.page.get_by_role("row", name="Isla Synthetic")).to_contain_text("Contacted")
        self.then_the_page_is_accessible()
        self.page.get_by_role("link", name="Isla Synthetic").click()
        self.then_i_see_the_heading("Isla Synthetic")
        expect(self.page.get_by_role("link", name="Closure")).to_be_visible()
        self.then_the_page_is_accessible()


@pytest.fixture
def journey(page):
    return InboxJourney(page)


def test_the_practice_reads_the_closure_message_in_its_inbox(journey):
    journey.given_a_closed_episode_for_a_patient_the_practice_referred()
    journey.when_i_sign_in_as_the_receptionist()
    journey.when_i_open_the_inbox()
    journey.when_i_open_the_closure_message()
    journey.then_i_mark_it_read()
    journey.then_my_referrals_show_the_status_and_the_message()


def test_the_form_for_other_professionals_is_accessible_and_has_a_quick_exit(journey):
    OrganisationFactory(name="Possilpark Health Centre")
    journey.when_i_visit("/referrals/professional/")
    journey.then_i_see_the_heading("Refer someone to a community links practitioner")
    expect(journey.page.get_by_role("button", name="Leave this page quickly")).to_be_visible()
    journey.then_the_page_is_accessible()
    journey.page.get_by_role("button", name="Send referral").click()
    expect(journey.page.get_by_role("alert")).to_contain_text("Enter your name")
    journey.then_the_page_is_accessible()
