"""A receptionist prints the "at a glance" guide for their practice from the home page, and a community links
practitioner prints and emails a person's link plan from their episode."""

import datetime as dt
import io

import pytest
from django.core import mail
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect
from pypdf import PdfReader

from linkpad.accounts.models import OrganisationKind, Role
from linkpad.accounts.tests.factories import PASSWORD, OrganisationFactory, user_with_role
from linkpad.casework.services import goal_add
from linkpad.casework.tests.factories import fresh, link_to, open_episode
from linkpad.directory.hsds.importer import hsds_import
from linkpad.directory.models import Service
from linkpad.directory.search.indexing import services_reindex
from linkpad.referrals.tests.factories import clp_at, details
from tests.support.directory import demo_services, load_geography_with_postcodes

from ..steps import Journey

NEARBY = {
    "Springburn Bereavement Café",
    "Springburn Men's Shed",
    "Northside Money Advice: debt and benefits drop-ins",
    "Possilpark Community Pantry",
    "Petershill Health Walk",
    "Talk It Out Youth Drop-in, Possilpark",
}
HEADING = "Low mood and depression: support near Springvale Group Practice, G21 1TR"


class PrintGuideJourney(Journey):
    def given_a_practice_with_local_supports(self, tmp_path):
        load_geography_with_postcodes(tmp_path / "geography", "G21 1TR")
        hsds_import(records=demo_services(names=NEARBY) + demo_services(limit=30), source="demo")
        Service.objects.update(assured_date=dt.date.today())  # all checked recently
        services_reindex()
        self.practice = OrganisationFactory(
            name="Springvale Group Practice",
            kind=OrganisationKind.GP_PRACTICE,
            code="DEMO02",
            postcode="G21 1TR",
        )

    def given_i_am_the_receptionist(self):
        self.user = user_with_role(Role.PRACTICE_STAFF, self.practice, full_name="Pat Reception")
        self.device = TOTPDevice.objects.create(user=self.user, name="Phone", confirmed=True)

    def when_i_sign_in(self, first_name: str):
        self.when_i_sign_in_with_my_app(self.user, self.device, PASSWORD)
        self.then_i_see_the_heading(f"Hello, {first_name}")

    def when_i_print_the_guide_from_my_home_page(self, tmp_path) -> str:
        self.then_the_page_is_accessible()
        self.page.get_by_role("link", name="Print the at a glance guide").click()
        self.page.wait_for_url("**/guides/guide.pdf?practice=DEMO02&concern=low-mood")
        # The browser shows the PDF in its viewer, ready to print; fetch the same bytes to read them.
        shown = self.page.context.request.get(self.page.url)
        assert shown.headers["content-type"] == "application/pdf"
        path = tmp_path / "guide.pdf"
        path.write_bytes(shown.body())
        reader = PdfReader(path)
        assert len(reader.pages) <= 2
        return " ".join(" ".join(page.extract_text() for page in reader.pages).split())

    def then_the_guide_lists_local_supports_and_the_crisis_lines(self, text: str):
        assert HEADING in text
        assert "If money is worrying you" in text and "from Springvale Group Practice" in text
        assert "116 123" in text and "0800 83 85 87" in text and "85258" in text
        assert "/guides/?practice=DEMO02&concern=low-mood" in text.replace(" ", "")

    def when_someone_scans_the_qr_code(self):
        self.when_i_visit("/guides/?practice=DEMO02&concern=low-mood")
        self.then_i_see_the_heading(HEADING)
        expect(
            self.page.get_by_role("heading", name="If you need someone to talk to right now")
        ).to_be_visible()
        expect(self.page.get_by_text("Samaritans: Phone 116 123.")).to_be_visible()
        expect(self.page.locator(".guide-support").first).to_contain_text("from Springvale Group Practice")
        expect(self.page.get_by_role("img", name="QR code for this guide on the web")).to_be_visible()
        self.then_the_page_is_accessible()

    def then_they_can_ask_for_large_print(self):
        self.page.get_by_label("Large print").check()
        self.page.get_by_role("button", name="Make the guide").click()
        self.then_i_see_the_heading(HEADING)
        expect(self.page.locator(".guide-large-print")).to_be_visible()
        self.then_the_page_is_accessible()

    def given_a_clp_with_someone_who_agreed_a_support(self):
        self.user = clp_at(self.practice, full_name="Casey Linkworker")
        self.device = TOTPDevice.objects.create(user=self.user, name="Phone", confirmed=True)
        staff = user_with_role(Role.PRACTICE_STAFF, self.practice)
        person = details(given_name="Isla", family_name="Synthetic", email="isla@example.org")
        self.episode = open_episode(practice=self.practice, staff=staff, clp=self.user, details=person)
        goal_add(
            episode=self.episode,
            by=self.user,
            version=fresh(self.episode).version,
            text="Sleep better and get out more",
            review_on=dt.date.today(),
        )
        link_to(Service.objects.get(name="Springburn Men's Shed"), episode=self.episode, stage="agreed")

    def when_i_open_the_link_plan_from_the_episode(self):
        self.when_i_visit(f"/casework/{self.episode.pk}/")
        self.page.get_by_role("link", name="Isla's link plan").click()
        self.then_i_see_the_heading("Your plan, Isla Synthetic")
        expect(self.page.get_by_text("Sleep better and get out more")).to_be_visible()
        expect(self.page.get_by_role("heading", name="Springburn Men's Shed")).to_be_visible()
        self.then_the_page_is_accessible()

    def then_i_email_it_to_them(self):
        self.page.get_by_label("Email").check()
        self.page.get_by_role("button", name="Send the plan").click()
        expect(self.page.get_by_text("The plan was sent to isla@example.org.")).to_be_visible()
        self.then_the_page_is_accessible()
        [message] = mail.outbox
        assert "Springburn Men's Shed" in message.body
        assert (
            "Springburn Men's Shed"
            in PdfReader(io.BytesIO(message.attachments[0][1])).pages[0].extract_text()
        )


@pytest.fixture
def journey(page):
    return PrintGuideJourney(page)


def test_a_receptionist_prints_the_guide_for_their_practice(journey, tmp_path):
    journey.given_a_practice_with_local_supports(tmp_path)
    journey.given_i_am_the_receptionist()
    journey.when_i_sign_in("Pat")
    printed = journey.when_i_print_the_guide_from_my_home_page(tmp_path)
    journey.then_the_guide_lists_local_supports_and_the_crisis_lines(printed)
    journey.when_someone_scans_the_qr_code()
    journey.then_they_can_ask_for_large_print()


def test_a_clp_prints_and_emails_a_link_plan(journey, tmp_path):
    journey.given_a_practice_with_local_supports(tmp_path)
    journey.given_a_clp_with_someone_who_agreed_a_support()
    journey.when_i_sign_in("Casey")
    journey.when_i_open_the_link_plan_from_the_episode()
    journey.then_i_email_it_to_them()
