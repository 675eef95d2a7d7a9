"""A member of the public finds out what Linkpad is and looks up a postcode; every page is accessible."""

import pytest
from playwright.sync_api import expect

from ..steps import Journey


@pytest.mark.parametrize(
    ("path", "heading"),
    [
        ("/", "Linkpad"),
        ("/about/data/", "About the data"),
        ("/about/accessibility/", "Accessibility statement"),
        ("/about/privacy/", "Privacy"),
        ("/account/sign-in/", "Sign in to Linkpad"),
        ("/no-such-page/", "Page not found"),
        ("/places/postcode/", "Look up a postcode"),
    ],
)
def test_public_pages_are_accessible(page, path, heading):
    journey = Journey(page)
    journey.when_i_visit(path)
    journey.then_i_see_the_heading(heading)
    journey.then_the_page_is_accessible()


def test_looking_up_a_postcode_shows_its_neighbourhood_and_deprivation(page, tmp_path):
    from tests.support.directory import load_geography_with_postcodes

    load_geography_with_postcodes(tmp_path, "G21 1TR")
    journey = Journey(page)
    journey.when_i_visit("/places/postcode/")
    page.get_by_label("Postcode").fill("g211tr")
    page.get_by_role("button", name="Look up").click()
    journey.then_i_see_the_heading("Look up a postcode")
    expect(page.get_by_role("heading", name="G21 1TR")).to_be_visible()
    expect(page.get_by_text("Glasgow City").first).to_be_visible()
    journey.then_the_page_is_accessible()
    page.get_by_label("Postcode").fill("ZZ1 1ZZ")
    page.get_by_role("button", name="Look up").click()
    expect(page.get_by_role("alert")).to_contain_text("We could not find the postcode ZZ1 1ZZ")
    journey.then_the_page_is_accessible()


def test_reporting_a_problem_with_a_listing(page):
    from linkpad.directory.tests.hsds_factories import ServiceFactory

    service = ServiceFactory(name="Maryhill Walking Group")
    journey = Journey(page)
    journey.when_i_visit(f"/directory/services/{service.pk}/")
    journey.then_i_see_the_heading("Maryhill Walking Group")
    journey.then_the_page_is_accessible()
    page.get_by_role("link", name="Report a problem with this listing").click()
    page.get_by_role("button", name="Send report").click()
    expect(page.get_by_role("alert")).to_contain_text("Select what is wrong with this listing")
    journey.then_the_page_is_accessible()
    page.get_by_label("The days or times are wrong").check()
    page.get_by_role("button", name="Send report").click()
    expect(page.get_by_text("Thank you. The directory team will check this listing.")).to_be_visible()
