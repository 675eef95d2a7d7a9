"""A CLP records wellbeing measures with someone and sees the change; a PHQ-9 item 9 answer raises a flag."""

import datetime as dt
import os

import pytest
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from linkpad.accounts.models import Role
from linkpad.accounts.tests.factories import PASSWORD, OrganisationFactory, user_with_role
from linkpad.casework.tests.factories import open_episode
from linkpad.outcomes.tests.factories import record
from linkpad.referrals.tests.factories import details

from ..conftest import SCREENSHOTS
from ..steps import Journey


class MeasuresJourney(Journey):
    def given_an_episode_with_a_baseline_swemwbs(self):
        practice = OrganisationFactory(name="Possilpark Health Centre")
        staff = user_with_role(Role.PRACTICE_STAFF, practice, full_name="Pat Reception")
        self.clp = user_with_role(Role.LINK_PRACTITIONER, practice, full_name="Casey Linkworker")
        self.device = TOTPDevice.objects.create(user=self.clp, name="Phone", confirmed=True)
        self.episode = open_episode(
            practice=practice,
            staff=staff,
            clp=self.clp,
            details=details(given_name="Isla", family_name="Synthetic"),
        )
        record(
            self.episode, "swemwbs", [3, 3, 3, 3, 3, 3, 4], on=timezone.localdate() - dt.timedelta(days=56)
        )

    def when_i_sign_in_and_open_the_episode(self):
        self.when_i_sign_in_with_my_app(self.clp, self.device, PASSWORD)
        self.when_i_visit(f"/casework/{self.episode.pk}/")
        self.then_i_see_the_heading("Isla Synthetic")

    def when_i_choose_swemwbs_at_review(self):
        self.page.get_by_role("link", name="Record a measure").click()
        self.then_i_see_the_heading("Record a measure")
        self.then_the_page_is_accessible()
        self.page.get_by_label("SWEMWBS: Short Warwick-Edinburgh Mental Wellbeing Scale").check()
        self.page.get_by_label("Review").check()
        self.page.get_by_role("button", name="Continue").click()
        self.then_i_see_the_heading("Short Warwick-Edinburgh Mental Wellbeing Scale")

    def when_i_miss_a_question_i_am_told_which(self):
        for number, answer in enumerate(["Often"] * 5 + ["Some of the time"], start=1):
            self.page.get_by_role("group", name=f"{number}. ").get_by_label(answer).check()
        self.page.get_by_role("button", name="Save SWEMWBS").click()
        expect(self.page.get_by_role("alert")).to_contain_text("Answer question 7")
        self.then_the_page_is_accessible()

    def when_i_answer_it(self):
        self.page.get_by_role("group", name="7. ").get_by_label("Some of the time").check()
        self.page.get_by_role("button", name="Save SWEMWBS").click()
        expect(self.page.get_by_text("SWEMWBS recorded.")).to_be_visible()

    def then_i_see_the_chart_table_and_meaningful_improvement(self):
        expect(self.page.get_by_role("img", name="SWEMWBS over time")).to_be_visible()
        expect(self.page.get_by_role("table", name="SWEMWBS results")).to_contain_text("Review")
        expect(
            self.page.get_by_text("SWEMWBS went from 19.98 to 23.21 (up 3.23): meaningful improvement")
        ).to_be_visible()
        self.then_the_page_is_accessible()
        if os.environ.get("LINKPAD_SCREENSHOTS"):
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            self.page.locator(".nhsuk-card", has_text="SWEMWBS results").screenshot(
                path=SCREENSHOTS / "measures.png"
            )

    def when_i_record_a_phq9_with_item_9_answered(self):
        self.page.get_by_role("link", name="Record a measure").click()
        self.page.get_by_label("Patient Health Questionnaire (PHQ-9)").check()
        self.page.get_by_label("Review").check()
        self.page.get_by_role("button", name="Continue").click()
        for number in range(1, 9):
            self.page.get_by_role("group", name=f"{number}. ").get_by_label("Not at all").check()
        self.page.get_by_role("group", name="9. ").get_by_label("Several days").check()
        self.then_the_page_is_accessible()
        self.page.get_by_role("button", name="Save PHQ-9").click()

    def then_a_safety_flag_is_raised(self):
        expect(self.page.get_by_text("a risk-to-self flag was raised")).to_be_visible()
        expect(self.page.get_by_role("table", name="PHQ-9 results")).to_contain_text(
            "Safety flag: item 9 answered 1"
        )
        self.then_the_page_is_accessible()


@pytest.fixture
def journey(page):
    return MeasuresJourney(page)


def test_a_clp_records_measures_and_sees_the_change(journey):
    journey.given_an_episode_with_a_baseline_swemwbs()
    journey.when_i_sign_in_and_open_the_episode()
    journey.when_i_choose_swemwbs_at_review()
    journey.when_i_miss_a_question_i_am_told_which()
    journey.when_i_answer_it()
    journey.then_i_see_the_chart_table_and_meaningful_improvement()
    journey.when_i_record_a_phq9_with_item_9_answered()
    journey.then_a_safety_flag_is_raised()
