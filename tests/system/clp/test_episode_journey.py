"""A community links practitioner works with someone from first contact to closure."""

import datetime as dt

import pytest
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from linkpad.accounts.models import Role
from linkpad.accounts.tests.factories import PASSWORD, OrganisationFactory, user_with_role
from linkpad.casework.tests.factories import contacted_referral
from linkpad.referrals.tests.factories import details

from ..steps import Journey


class EpisodeJourney(Journey):
    def given_a_clp_who_has_reached_someone_referred(self):
        practice = OrganisationFactory(name="Possilpark Health Centre")
        staff = user_with_role(Role.PRACTICE_STAFF, practice, full_name="Pat Reception")
        self.clp = user_with_role(Role.LINK_PRACTITIONER, practice, full_name="Casey Linkworker")
        self.device = TOTPDevice.objects.create(user=self.clp, name="Phone", confirmed=True)
        self.referral = contacted_referral(
            practice=practice,
            staff=staff,
            clp=self.clp,
            details=details(given_name="Isla", family_name="Synthetic"),
        )

    def when_i_sign_in(self):
        self.when_i_sign_in_with_my_app(self.clp, self.device, PASSWORD)
        self.then_i_see_the_heading("Hello, Casey")

    def when_i_start_casework_from_the_referral(self):
        self.when_i_visit(f"/referrals/{self.referral.pk}/")
        self.then_i_see_the_heading("Isla Synthetic")
        self.then_the_page_is_accessible()
        self.page.get_by_role("button", name="Start casework").click()

    def then_i_see_the_episode_and_whats_next(self):
        expect(self.page.get_by_text("Casework started.")).to_be_visible()
        self.then_i_see_the_heading("Isla Synthetic")
        expect(self.page.get_by_text('Arrange a "what matters to you" conversation')).to_be_visible()
        self.then_the_page_is_accessible()

    def when_i_record_what_matters_and_move_on(self):
        self.page.get_by_label("What matters to them").fill("Getting back out walking with other people.")
        self.page.get_by_role("group", name="What would they like help with?").get_by_label(
            "Loneliness"
        ).check()
        self.page.get_by_label("Their strengths (optional)").fill("Knows the local parks well.")
        self.page.get_by_role("button", name="Save what matters").click()
        expect(self.page.get_by_text("What matters recorded.")).to_be_visible()
        self.page.get_by_label("What matters conversation").check()
        self.page.get_by_role("button", name="Change stage").click()
        expect(self.page.get_by_text("Stage changed.")).to_be_visible()
        self.then_the_page_is_accessible()

    def when_i_add_a_goal(self):
        self.page.get_by_role("button", name="Add goal").click()
        expect(self.page.get_by_role("alert")).to_contain_text("Write the goal you agreed")
        self.then_the_page_is_accessible()
        self.page.get_by_label("Goal", exact=True).fill("Join the Tuesday health walk")
        review = timezone.localdate() + dt.timedelta(days=28)
        self.page.get_by_label("Review date").fill(review.strftime("%d/%m/%Y"))
        self.page.get_by_role("button", name="Add goal").click()
        expect(self.page.get_by_text("Goal added.")).to_be_visible()
        expect(self.page.get_by_role("heading", name="Join the Tuesday health walk")).to_be_visible()
        self.then_the_page_is_accessible()

    def when_i_record_a_contact(self):
        self.page.get_by_label("Walk and talk").check()
        self.page.get_by_label("How long, in minutes (optional)").fill("45")
        self.page.get_by_label("Contact note (optional)").fill("Round Possilpark.")
        self.page.get_by_role("button", name="Record contact").click()
        expect(self.page.get_by_text("Contact recorded.")).to_be_visible()
        expect(self.page.get_by_role("table", name="Contacts")).to_contain_text("Round Possilpark.")
        self.then_the_page_is_accessible()

    def then_they_are_on_my_caseload(self):
        self.page.get_by_role("link", name="Back to your caseload").click()
        self.then_i_see_the_heading("Your caseload")
        expect(
            self.page.get_by_role("table", name="People at the what matters conversation stage")
        ).to_contain_text("Isla Synthetic")
        self.then_the_page_is_accessible()
        self.page.get_by_role("link", name="Isla Synthetic").click()

    def when_i_close_the_episode(self):
        self.page.get_by_label("Goals met").check()
        self.page.get_by_label("Summary of the support").fill("Walking weekly with the Tuesday group.")
        self.page.get_by_role("button", name="Close episode").click()

    def then_the_episode_is_closed(self):
        expect(self.page.get_by_text("Episode closed.")).to_be_visible()
        expect(self.page.get_by_role("table", name="Stage history")).to_contain_text("Closed")
        expect(self.page.get_by_text("Walking weekly with the Tuesday group.")).to_be_visible()
        expect(self.page.get_by_role("button", name="Record contact")).to_have_count(0)
        self.then_the_page_is_accessible()


@pytest.fixture
def journey(page):
    return EpisodeJourney(page)


def test_a_clp_works_with_someone_from_first_contact_to_closure(journey):
    journey.given_a_clp_who_has_reached_someone_referred()
    journey.when_i_sign_in()
    journey.when_i_start_casework_from_the_referral()
    journey.then_i_see_the_episode_and_whats_next()
    journey.when_i_record_what_matters_and_move_on()
    journey.when_i_add_a_goal()
    journey.when_i_record_a_contact()
    journey.then_they_are_on_my_caseload()
    journey.when_i_close_the_episode()
    journey.then_the_episode_is_closed()
