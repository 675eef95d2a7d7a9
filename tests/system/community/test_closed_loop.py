"""A CLP links someone to a local support with an accompanied first step; the support, not on Linkpad,
confirms through its emailed link that they came; the CLP sees it."""

import datetime as dt
import re

import pytest
from django.core import mail
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from linkpad.accounts.models import Role
from linkpad.accounts.tests.factories import PASSWORD, OrganisationFactory, user_with_role
from linkpad.casework.services import episode_open
from linkpad.casework.tests.factories import contacted_referral
from linkpad.directory.hsds.importer import hsds_import
from linkpad.directory.models import Service
from linkpad.directory.search.indexing import services_reindex
from linkpad.referrals.tests.factories import details
from tests.support.directory import demo_services, load_geography_with_postcodes

from ..steps import Journey

SHED = "Springburn Men's Shed"
NEARBY = {SHED, "Springburn Bereavement Café", "Northside Money Advice", "Possilpark Community Pantry"}


class ClosedLoopJourney(Journey):
    def given_a_local_support_not_on_linkpad(self, tmp_path):
        load_geography_with_postcodes(tmp_path / "geography", "G21 1TR")
        hsds_import(records=demo_services(names=NEARBY), source="demo")
        services_reindex()
        shed = Service.objects.select_related("organization").get(name=SHED)
        Service.objects.filter(pk=shed.pk).update(email="shed@example.org")
        assert shed.organization.claimed_by_id is None

    def given_a_clp_working_with_someone_lonely(self):
        practice = OrganisationFactory(name="Springburn Health Centre")
        staff = user_with_role(Role.PRACTICE_STAFF, practice, full_name="Pat Reception")
        self.clp = user_with_role(Role.LINK_PRACTITIONER, practice, full_name="Casey Linkworker")
        self.device = TOTPDevice.objects.create(user=self.clp, name="Phone", confirmed=True)
        referral = contacted_referral(
            practice=practice,
            staff=staff,
            clp=self.clp,
            reasons=["loneliness"],
            details=details(given_name="Iain", family_name="Synthetic", postcode="G21 1TR"),
        )
        self.episode = episode_open(referral=referral, by=self.clp)

    def when_i_sign_in_and_open_the_episode(self):
        self.when_i_sign_in_with_my_app(self.clp, self.device, PASSWORD)
        self.then_i_see_the_heading("Hello, Casey")
        self.when_i_visit(f"/casework/{self.episode.pk}/")
        self.then_i_see_the_heading("Iain Synthetic")
        self.then_the_page_is_accessible()

    def when_i_find_support_and_suggest_the_shed(self):
        self.page.get_by_role("link", name="Find support for Iain").click()
        self.then_i_see_the_heading("Find support")
        expect(self.page.get_by_label("What are they looking for?")).to_have_value("loneliness")
        expect(self.page.get_by_label("Near (postcode or place)")).to_have_value("G21 1TR")
        self.page.get_by_label("What are they looking for?").fill(
            "lonely and cut off, would like some company"
        )
        self.page.get_by_role("button", name="Search").click()
        shed = self.page.locator(".linkpad-result").filter(has_text=SHED)
        expect(shed.locator(".linkpad-why")).not_to_be_empty()
        self.then_the_page_is_accessible()
        shed.get_by_role("button", name=re.compile("Add as a suggestion")).click()
        expect(self.page.get_by_text("Added as a suggestion.")).to_be_visible()
        self.then_the_page_is_accessible()

    def when_i_plan_an_accompanied_first_step(self):
        self.page.get_by_text("Plan the first step").click()
        self.page.get_by_label("Accompanied by the CLP").check()
        self.first_step_on = timezone.localdate() + dt.timedelta(days=7)
        self.page.get_by_label("Date of the first step (optional)").fill(
            self.first_step_on.strftime("%d/%m/%Y")
        )
        self.page.get_by_label("Who goes with them (optional)").fill("Casey meets Iain at the door")
        self.page.get_by_role("button", name=re.compile(f"Save first step.*{SHED}")).click()
        expect(self.page.get_by_text("First step saved.")).to_be_visible()
        self.then_the_page_is_accessible()

    def when_i_move_the_link_to(self, stage: str):
        self.page.get_by_role("group", name="What has happened?").get_by_label(stage, exact=True).check()
        self.page.get_by_role("button", name=re.compile(f"Update link.*{SHED}")).click()
        expect(self.page.get_by_text("Link updated.")).to_be_visible()

    def then_the_referral_was_emailed(self):
        expect(self.page.get_by_text("by email to shed@example.org")).to_be_visible()
        self.then_the_page_is_accessible()
        assert [m.to for m in mail.outbox] == [["shed@example.org"]]
        self.emailed_link = re.search(r"https?://\S+/casework/answer/\S+/", mail.outbox[0].body).group(0)

    def when_the_shed_confirms_attendance_through_its_emailed_link(self, browser):
        context = browser.new_context()  # no account, no session: only the link
        page = context.new_page()
        page.set_default_timeout(10_000)
        page.policy_violations = []
        page.on(
            "console",
            lambda m: (
                page.policy_violations.append(m.text)
                if "Content Security Policy" in m.text and "font" not in m.text
                else None
            ),
        )
        shed = Journey(page)
        page.goto(self.emailed_link)
        shed.then_i_see_the_heading(f"A referral to {SHED}")
        expect(page.get_by_text("Accompanied by the CLP")).to_be_visible()
        expect(page.get_by_text("Synthetic")).to_have_count(0)  # first name only
        shed.then_the_page_is_accessible()
        page.get_by_label("They came").check()
        page.get_by_role("button", name="Send answer").click()
        expect(page.get_by_text("Thank you: you confirmed that they came.")).to_be_visible()
        expect(page.get_by_role("button", name="Send answer")).to_have_count(0)
        shed.then_the_page_is_accessible()
        context.close()

    def then_i_see_they_attended_and_a_reminder(self):
        self.page.reload()
        card = self.page.locator(".nhsuk-card").filter(has_text=SHED)
        expect(card.get_by_role("table")).to_contain_text("The service, by email link")
        expect(card.get_by_role("table")).to_contain_text("Attended")
        expect(self.page.get_by_text(f"{SHED} confirmed that Iain came")).to_be_visible()
        self.then_the_page_is_accessible()


@pytest.fixture
def journey(page):
    return ClosedLoopJourney(page)


def test_a_support_confirms_attendance_through_its_emailed_link(journey, browser, live_server, tmp_path):
    journey.given_a_local_support_not_on_linkpad(tmp_path)
    journey.given_a_clp_working_with_someone_lonely()
    journey.when_i_sign_in_and_open_the_episode()
    journey.when_i_find_support_and_suggest_the_shed()
    journey.when_i_plan_an_accompanied_first_step()
    journey.when_i_move_the_link_to("Agreed")
    journey.when_i_move_the_link_to("Referred")
    journey.then_the_referral_was_emailed()
    journey.when_the_shed_confirms_attendance_through_its_emailed_link(browser)
    journey.then_i_see_they_attended_and_a_reminder()
