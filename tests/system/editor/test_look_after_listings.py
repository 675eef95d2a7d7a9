"""A directory editor works through a reported problem, checks a stale listing, sets its opening times
and reads its history."""

from datetime import date, timedelta

import pytest
from playwright.sync_api import expect

from linkpad.directory.models import ListingProblem
from linkpad.directory.tests.hsds_factories import ServiceFactory

from .editors import EditorJourney


class ListingsJourney(EditorJourney):
    def given_a_stale_listing_with_a_problem_report(self):
        self.service = ServiceFactory(
            name="Ruchazie Lunch Club", assured_date=date.today() - timedelta(days=500)
        )
        ListingProblem.objects.create(service=self.service, kind="times_wrong", message="It is Fridays now.")
        self.given_an_editor()


@pytest.fixture
def journey(page):
    return ListingsJourney(page)


def test_an_editor_fixes_a_listing_from_the_queue(journey):
    journey.given_a_stale_listing_with_a_problem_report()
    journey.when_i_sign_in()
    journey.page.get_by_role("link", name="Look after listings").click()
    journey.then_i_see_the_heading("Look after listings")
    expect(journey.page.get_by_text("It is Fridays now.")).to_be_visible()
    journey.then_the_page_is_accessible()
    journey.page.get_by_role("link", name="Check and edit Ruchazie Lunch Club").click()
    journey.then_i_see_the_heading("Edit Ruchazie Lunch Club")
    journey.then_the_page_is_accessible()
    journey.page.get_by_label("Places").select_option("waiting_list")
    journey.page.get_by_label("I have checked everything on this listing is right").check()
    journey.page.get_by_role("button", name="Save changes").click()
    journey.then_i_see_the_heading("Ruchazie Lunch Club")
    expect(journey.page.get_by_text("The listing is updated.")).to_be_visible()
    expect(journey.page.get_by_text("Check before you go")).to_have_count(0)
    journey.then_the_page_is_accessible()
    journey.page.get_by_role("link", name="Change opening times and places").click()
    journey.page.get_by_role("link", name="Change opening times of The service itself").click()
    journey.then_i_see_the_heading("When and where: The service itself")
    journey.page.get_by_label("How often").select_option("weekly")
    journey.page.get_by_label("Friday").check()
    journey.page.get_by_label("Starts").fill("12:00")
    journey.page.get_by_label("Finishes").fill("14:00")
    journey.then_the_page_is_accessible()
    journey.page.get_by_role("button", name="Save changes").click()
    expect(journey.page.get_by_text("The opening times and place are updated.")).to_be_visible()
    journey.page.get_by_role("link", name="Back to the listing").click()
    expect(journey.page.get_by_text("Fridays, midday to 2pm")).to_be_visible()
    journey.page.get_by_role("link", name="See its change history").click()
    journey.then_i_see_the_heading("History of Ruchazie Lunch Club")
    expect(journey.page.get_by_role("cell", name="Ruth Lennox").first).to_be_visible()
    expect(journey.page.get_by_text("No opening times → Fridays, midday to 2pm")).to_be_visible()
    journey.then_the_page_is_accessible()
