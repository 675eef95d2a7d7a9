"""The whole journey, across roles: a GP practice refers someone; the CLP triages, calls, hears what
matters, agrees a goal and links them to a local support with an accompanied first step; the support,
not on Linkpad, confirms through its emailed link that they came; the CLP closes the episode; and the
practice reads the closure message in its inbox. Every page on the way is checked with axe.

It reuses the steps of the journeys each role already has, adding only the joins between them."""

import re

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from linkpad.accounts.tests.factories import PASSWORD
from linkpad.referrals.models import GpMessage, Referral

from .clp.test_episode_journey import EpisodeJourney
from .community.test_closed_loop import SHED, ClosedLoopJourney
from .practice.test_gp_message_inbox import InboxJourney
from .practice.test_refer_someone import ReferralJourney


class WholeJourney(ReferralJourney, EpisodeJourney, ClosedLoopJourney, InboxJourney):
    """Isla Synthetic, referred by Pat at the practice, supported by Casey the CLP."""

    def when_i_call_again_and_reach_them(self):
        self.page.get_by_role("group", name="How did you try?").get_by_label("Phone call").check()
        self.page.get_by_label("Spoke to them").check()
        self.page.get_by_label("Notes (optional)").fill("Happy to meet at the practice on Tuesday.")
        self.page.get_by_role("button", name="Record contact attempt").click()
        expect(self.page.get_by_text("Contact attempt recorded.")).to_be_visible()
        self.then_the_page_is_accessible()
        self.referral = Referral.objects.get()

    def when_i_find_support_near_them_and_suggest_the_shed(self):
        self.page.get_by_role("link", name="Find support for Isla").click()
        self.then_i_see_the_heading("Find support")
        self.page.get_by_label("What are they looking for?").fill(
            "lonely and cut off, would like some company"
        )
        self.page.get_by_label("Near (postcode or place)").fill("G21 1TR")
        self.page.get_by_role("button", name="Search").click()
        shed = self.page.locator(".linkpad-result").filter(has_text=SHED)
        self.then_the_page_is_accessible()
        shed.get_by_role("button", name=re.compile("Add as a suggestion")).click()
        expect(self.page.get_by_text("Added as a suggestion.")).to_be_visible()
        self.then_the_page_is_accessible()

    def then_i_see_they_came(self):
        self.page.reload()
        card = self.page.locator(".nhsuk-card").filter(has_text=SHED)
        expect(card.get_by_role("table")).to_contain_text("The service, by email link")
        expect(card.get_by_role("table")).to_contain_text("Attended")
        expect(self.page.get_by_text(f"{SHED} confirmed that Isla came")).to_be_visible()
        self.then_the_page_is_accessible()

    def then_the_gp_message_is_produced(self):
        message = GpMessage.objects.get()
        assert (message.kind, message.snomed_code, message.read_at) == ("closure", "871731000000106", None)
        assert SHED in str(message.content) and "Join the Tuesday health walk" in str(message.content)

    def when_i_sign_in_again_as_the_receptionist(self):
        """Within the same 30 seconds, so with the next code the app shows: a code works only once."""
        device = TOTPDevice.objects.get(user=self.receptionist)
        self.when_i_sign_in_with(self.receptionist.email, PASSWORD)
        next_code = totp(device.bin_key, step=device.step, t0=device.t0 - device.step, digits=device.digits)
        self.page.get_by_label("Security code").fill(f"{next_code:06d}")
        self.page.get_by_role("button", name="Sign in").click()
        self.then_i_see_the_heading("Hello, Pat")

    def when_i_open_the_closure_message_about_isla(self):
        self.page.get_by_role("link", name="Isla Synthetic").click()
        self.then_i_see_the_heading("Closure: Isla Synthetic")
        expect(self.page.get_by_text("Walking weekly with the Tuesday group.").first).to_be_visible()
        expect(self.page.get_by_text(SHED).first).to_be_visible()
        expect(
            self.page.get_by_text("871731000000106 Referral to social prescribing service")
        ).to_be_visible()
        self.then_the_page_is_accessible()


@pytest.fixture
def journey(page):
    return WholeJourney(page)


def test_from_the_gps_referral_to_the_message_back_to_the_gp(journey, browser, tmp_path):
    journey.given_a_local_support_not_on_linkpad(tmp_path)
    journey.given_a_practice_with_staff_and_a_clp()

    journey.when_i_sign_in_with_two_factor_as(journey.receptionist)
    journey.when_i_refer_a_patient()
    journey.then_i_see_the_acknowledgement()
    journey.when_i_sign_out()

    journey.when_i_sign_in_with_two_factor_as(journey.clp)
    journey.then_i_see_them_on_my_waiting_list()
    journey.when_i_triage_allocate_and_call_them()
    journey.then_the_attempt_is_in_the_history()
    journey.when_i_call_again_and_reach_them()
    journey.when_i_start_casework_from_the_referral()
    journey.then_i_see_the_episode_and_whats_next()
    journey.when_i_record_what_matters_and_move_on()
    journey.when_i_add_a_goal()
    journey.when_i_find_support_near_them_and_suggest_the_shed()
    journey.when_i_plan_an_accompanied_first_step()
    journey.when_i_move_the_link_to("Agreed")
    journey.when_i_move_the_link_to("Referred")
    journey.then_the_referral_was_emailed()

    journey.when_the_shed_confirms_attendance_through_its_emailed_link(browser)

    journey.then_i_see_they_came()
    journey.when_i_close_the_episode()
    journey.then_the_episode_is_closed()
    journey.then_the_gp_message_is_produced()
    journey.when_i_sign_out()

    journey.when_i_sign_in_again_as_the_receptionist()
    journey.when_i_open_the_inbox()
    journey.when_i_open_the_closure_message_about_isla()
    journey.then_i_mark_it_read()
