"""A community links practitioner signs in with two-factor authentication and signs out."""

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from linkpad.accounts.models import Role
from linkpad.accounts.tests.factories import PASSWORD, current_code, user_with_role

from ..steps import Journey


class CLPJourney(Journey):
    def given_i_am_a_practitioner(self, with_app: bool):
        self.user = user_with_role(Role.LINK_PRACTITIONER, full_name="Casey Linkworker")
        if with_app:
            self.device = TOTPDevice.objects.create(user=self.user, name="Phone", confirmed=True)

    def when_i_enter_the_code_from_my_app(self, button: str):
        device = TOTPDevice.objects.filter(user=self.user).latest("id")
        self.page.get_by_label("Security code").fill(current_code(device))
        self.page.get_by_role("button", name=button).click()

    def then_i_am_on_my_home_page(self):
        self.then_i_see_the_heading("Hello, Casey")
        expect(self.page.get_by_role("heading", level=2, name="Your caseload")).to_be_visible()

    def when_i_sign_out(self):
        self.page.get_by_role("link", name="Sign out").click()
        self.then_i_see_the_heading("Sign out of Linkpad")
        self.then_the_page_is_accessible()
        self.page.get_by_role("button", name="Sign out").click()

    def then_i_am_signed_out(self):
        self.then_i_see_the_heading("Sign in to Linkpad")
        expect(self.page.get_by_text("You have signed out.")).to_be_visible()
        self.when_i_visit("/account/")
        self.then_i_see_the_heading("Sign in to Linkpad")


@pytest.fixture
def journey(page):
    return CLPJourney(page)


def test_a_practitioner_signs_in_with_their_authenticator_app_and_signs_out(journey):
    journey.given_i_am_a_practitioner(with_app=True)
    journey.when_i_sign_in_with(journey.user.email, PASSWORD)
    journey.then_i_see_the_heading("Enter your security code")
    journey.then_the_page_is_accessible()
    journey.when_i_enter_the_code_from_my_app("Sign in")
    journey.then_i_am_on_my_home_page()
    journey.then_the_page_is_accessible()
    journey.when_i_sign_out()
    journey.then_i_am_signed_out()
    journey.then_the_page_is_accessible()


def test_a_new_practitioner_sets_up_two_factor_on_first_sign_in(journey):
    journey.given_i_am_a_practitioner(with_app=False)
    journey.when_i_sign_in_with(journey.user.email, PASSWORD)
    journey.then_i_see_the_heading("Set up two-factor sign-in")
    journey.then_the_page_is_accessible()
    journey.page.get_by_text("I cannot scan the QR code").click()
    expect(journey.page.locator("#secret-key")).to_be_visible()
    journey.when_i_enter_the_code_from_my_app("Confirm and continue")
    journey.then_i_see_the_heading("Your backup codes")
    journey.then_the_page_is_accessible()
    journey.page.get_by_role("button", name="I have kept my backup codes").click()
    journey.then_i_am_on_my_home_page()


def test_a_wrong_password_shows_an_error_summary_that_is_accessible(journey):
    journey.given_i_am_a_practitioner(with_app=True)
    journey.when_i_sign_in_with(journey.user.email, "not-my-password")
    expect(journey.page.get_by_role("alert")).to_contain_text("There is a problem")
    journey.then_the_page_is_accessible()
