"""On a tablet, a CLP sees a risk flagged from a measure on their caseload, escalates it and resolves it."""

import os
import re

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from linkpad.accounts.models import Role
from linkpad.accounts.tests.factories import PASSWORD, OrganisationFactory, user_with_role
from linkpad.casework.safeguarding import risk_flag_raise
from linkpad.casework.tests.factories import open_episode
from linkpad.referrals.tests.factories import details

from ..conftest import SCREENSHOTS
from ..steps import Journey

TABLET = {"width": 768, "height": 1024}


class SafeguardingJourney(Journey):
    def screenshot(self, name: str) -> None:
        """For looking at the tablet layout: only when LINKPAD_SCREENSHOTS names a folder."""
        if os.environ.get("LINKPAD_SCREENSHOTS"):
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            self.page.screenshot(path=str(SCREENSHOTS / name), full_page=True)

    def given_a_clp_whose_client_scored_a_risk_on_a_measure(self):
        practice = OrganisationFactory(name="Possilpark Health Centre")
        staff = user_with_role(Role.PRACTICE_STAFF, practice, full_name="Pat Reception")
        self.clp = user_with_role(Role.LINK_PRACTITIONER, practice, full_name="Casey Linkworker")
        self.device = TOTPDevice.objects.create(user=self.clp, name="Phone", confirmed=True)
        episode = open_episode(
            practice=practice,
            staff=staff,
            clp=self.clp,
            details=details(given_name="Isla", family_name="Synthetic"),
        )
        open_episode(
            practice=practice,
            staff=staff,
            clp=self.clp,
            details=details(given_name="Ewan", family_name="Other"),
        )
        risk_flag_raise(
            episode=episode,
            by=None,
            kind="to_self",
            detail="Thoughts of being better off dead on several days.",
            source="measure",
            reference="PHQ-9 item 9 answered 2",
        )

    def when_i_sign_in_on_a_tablet(self):
        self.page.set_viewport_size(TABLET)
        self.when_i_sign_in_with_my_app(self.clp, self.device, PASSWORD)
        self.then_i_see_the_heading("Hello, Casey")

    def then_my_caseload_shows_the_open_flag(self):
        self.when_i_visit("/casework/")
        self.then_i_see_the_heading("Your caseload")
        card = self.page.get_by_role("listitem").filter(has_text="Open risk flags")
        expect(card).to_contain_text("1")
        self.screenshot("caseload-tablet.png")
        self.then_the_page_is_accessible()

    def when_i_filter_to_people_with_an_open_flag(self):
        self.page.get_by_label("Has an open risk flag").check()
        self.page.get_by_role("button", name="Search").click()
        expect(self.page.get_by_text("1 person found")).to_be_visible()
        expect(self.page.get_by_role("link", name="Ewan Other")).to_have_count(0)
        self.then_the_page_is_accessible()
        self.page.get_by_role("link", name="Isla Synthetic").click()

    def then_the_episode_shows_the_risk_in_a_banner(self):
        self.then_i_see_the_heading("Isla Synthetic")
        banner = self.page.locator("#open-risks")
        expect(banner).to_contain_text("Open risk flags (1)")
        expect(banner).to_contain_text("PHQ-9 item 9 answered 2")
        self.screenshot("episode-risk-banner-tablet.png")
        self.then_the_page_is_accessible()

    def when_i_record_an_escalation_to_the_gp(self):
        self.page.get_by_text("Record an escalation").click()
        self.page.get_by_role("group", name="Who did you pass it to?").get_by_label("GP", exact=True).check()
        self.page.get_by_label("Their name or role").fill("Duty doctor")
        self.page.get_by_label("What did you share?").fill("Her PHQ-9 answers and what she told me.")
        self.page.get_by_label("About which risk flag? (optional)").select_option(index=1)
        self.page.get_by_role("button", name="Record escalation").click()
        expect(self.page.get_by_text("Escalation recorded.")).to_be_visible()
        expect(self.page.get_by_role("table", name="Escalations")).to_contain_text("Duty doctor")
        self.then_the_page_is_accessible()

    def when_i_resolve_the_flag(self):
        self.page.get_by_text("Mark as reviewed and resolved").click()
        self.page.get_by_label("What was done about it?").fill("GP saw her the same day.")
        self.page.get_by_role("button", name=re.compile(r"^Resolve\s*: Risk to self$")).click()
        expect(self.page.get_by_text("Risk flag resolved.")).to_be_visible()

    def then_it_leaves_the_banner_but_stays_in_the_history(self):
        expect(self.page.locator("#open-risks")).to_have_count(0)
        history = self.page.get_by_role("table", name="Risk flags, open and resolved")
        expect(history).to_contain_text("Resolved")
        expect(history).to_contain_text("GP saw her the same day.")
        self.then_the_page_is_accessible()


@pytest.fixture
def journey(page):
    return SafeguardingJourney(page)


def test_a_clp_escalates_and_resolves_a_risk_flagged_from_a_measure(journey):
    journey.given_a_clp_whose_client_scored_a_risk_on_a_measure()
    journey.when_i_sign_in_on_a_tablet()
    journey.then_my_caseload_shows_the_open_flag()
    journey.when_i_filter_to_people_with_an_open_flag()
    journey.then_the_episode_shows_the_risk_in_a_banner()
    journey.when_i_record_an_escalation_to_the_gp()
    journey.when_i_resolve_the_flag()
    journey.then_it_leaves_the_banner_but_stays_in_the_history()
