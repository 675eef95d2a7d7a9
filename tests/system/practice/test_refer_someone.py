"""A practice receptionist refers a patient; the community links practitioner picks them up."""

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from linkpad.accounts.models import Role
from linkpad.accounts.tests.factories import PASSWORD, OrganisationFactory, current_code, user_with_role

from ..steps import Journey


class ReferralJourney(Journey):
    def given_a_practice_with_staff_and_a_clp(self):
        self.practice = OrganisationFactory(name="Possilpark Health Centre")
        self.receptionist = user_with_role(Role.PRACTICE_STAFF, self.practice, full_name="Pat Reception")
        self.clp = user_with_role(Role.LINK_PRACTITIONER, self.practice, full_name="Casey Linkworker")
        for user in (self.receptionist, self.clp):
            TOTPDevice.objects.create(user=user, name="Phone", confirmed=True)

    def when_i_sign_in_with_two_factor_as(self, user):
        self.when_i_sign_in_with(user.email, PASSWORD)
        self.then_i_see_the_heading("Enter your security code")
        self.page.get_by_label("Security code").fill(current_code(TOTPDevice.objects.get(user=user)))
        self.page.get_by_role("button", name="Sign in").click()
        self.then_i_see_the_heading(f"Hello, {user.get_short_name()}")
        self.then_the_page_is_accessible()

    def when_i_refer_a_patient(self):
        self.page.get_by_role("link", name="Refer someone").first.click()
        self.then_i_see_the_heading("Refer someone")
        self.then_the_page_is_accessible()
        self.page.get_by_label("First name").fill("Isla")
        self.page.get_by_label("Last name").fill("Synthetic")
        self.page.get_by_label("Date of birth").fill("15/03/1984")
        self.page.get_by_label("Phone number").fill("07700 900111")
        self.page.get_by_label("Loneliness").check()
        self.page.get_by_label("Money").check()
        self.page.get_by_label("Anything else the CLP should know").fill(
            "Lost her job and stopped going out."
        )
        self.page.get_by_label("Soon").check()
        self.page.get_by_role("group", name="Have they agreed").get_by_label("Yes").check()
        self.page.get_by_role("button", name="Send referral").click()

    def then_i_see_the_acknowledgement(self):
        self.then_i_see_the_heading("Referral sent")
        expect(self.page.get_by_text("We have your referral for Isla Synthetic")).to_be_visible()
        self.then_the_page_is_accessible()

    def when_i_sign_out(self):
        self.page.get_by_role("link", name="Sign out").click()
        self.page.get_by_role("button", name="Sign out").click()
        self.then_i_see_the_heading("Sign in to Linkpad")

    def then_i_see_them_on_my_waiting_list(self):
        self.page.get_by_role("link", name="Waiting list").first.click()
        self.then_i_see_the_heading("Waiting list")
        row = self.page.get_by_role("row", name="Isla Synthetic")
        expect(row).to_contain_text("Less than a day")
        expect(row).to_contain_text("Soon")
        self.then_the_page_is_accessible()

    def when_i_triage_allocate_and_call_them(self):
        self.page.get_by_role("link", name="Isla Synthetic").click()
        self.then_i_see_the_heading("Isla Synthetic")
        self.then_the_page_is_accessible()
        self.page.get_by_label("High").check()
        self.page.get_by_role("button", name="Save priority").click()
        expect(self.page.get_by_text("Referral triaged.")).to_be_visible()
        self.page.get_by_role("button", name="Allocate").click()
        expect(self.page.get_by_text("Referral allocated.")).to_be_visible()
        self.then_the_page_is_accessible()
        self.page.get_by_role("group", name="How did you try?").get_by_label("Phone call").check()
        self.page.get_by_label("No answer").check()
        self.page.get_by_label("Notes (optional)").fill("Rang at 10, no voicemail.")
        self.page.get_by_role("button", name="Record contact attempt").click()

    def then_the_attempt_is_in_the_history(self):
        expect(self.page.get_by_text("Contact attempt recorded.")).to_be_visible()
        expect(self.page.get_by_role("table", name="Contact attempts")).to_contain_text(
            "No answer: Rang at 10"
        )
        expect(self.page.get_by_role("table", name="Status history")).to_contain_text("Casey Linkworker")
        self.then_the_page_is_accessible()


@pytest.fixture
def journey(page):
    return ReferralJourney(page)


def test_a_practice_refers_someone_and_the_clp_tries_to_reach_them(journey):
    journey.given_a_practice_with_staff_and_a_clp()
    journey.when_i_sign_in_with_two_factor_as(journey.receptionist)
    journey.when_i_refer_a_patient()
    journey.then_i_see_the_acknowledgement()
    journey.when_i_sign_out()
    journey.when_i_sign_in_with_two_factor_as(journey.clp)
    journey.then_i_see_them_on_my_waiting_list()
    journey.when_i_triage_allocate_and_call_them()
    journey.then_the_attempt_is_in_the_history()


def test_the_self_referral_form_is_accessible_and_has_a_quick_exit(journey):
    OrganisationFactory(name="Possilpark Health Centre")
    journey.when_i_visit("/referrals/self/")
    journey.then_i_see_the_heading("Ask for help from a community links practitioner")
    expect(journey.page.get_by_role("button", name="Leave this page quickly")).to_have_attribute(
        "href", "https://www.bbc.co.uk/weather"
    )
    journey.then_the_page_is_accessible()
    journey.page.get_by_role("button", name="Send").click()
    expect(journey.page.get_by_role("alert")).to_contain_text("There is a problem")
    journey.then_the_page_is_accessible()
