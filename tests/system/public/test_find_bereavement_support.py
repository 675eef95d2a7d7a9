"""Someone in Springburn has lost their mum. A GP finds a bereavement support near them, shortlists it and prints it."""

import subprocess

import pytest
from playwright.sync_api import expect

from linkpad.directory.hsds.importer import hsds_import
from linkpad.directory.search.indexing import services_reindex
from tests.support.directory import demo_services, load_geography_with_postcodes

from ..steps import Journey

NEARBY = {
    "Springburn Bereavement Café",
    "Calton Bereavement Café",
    "Gorbals Bereavement Café",
    "Springburn Men's Shed",
    "Northside Money Advice",
    "Possilpark Community Pantry",
    "Govan Health Walk",
}


class DirectoryJourney(Journey):
    def given_the_directory_has_local_supports(self, tmp_path):
        load_geography_with_postcodes(tmp_path / "geography", "G21 1TR")
        hsds_import(records=demo_services(names=NEARBY) + demo_services(limit=20), source="demo")
        services_reindex()

    def when_i_search_for(self, words: str, where: str):
        self.when_i_visit("/directory/")
        self.then_the_page_is_accessible()
        self.page.get_by_label("What's going on?").fill(words)
        self.page.get_by_label("Where?").fill(where)
        self.page.get_by_role("button", name="Search").click()

    def then_the_first_result_is(self, name: str):
        first = self.page.locator(".linkpad-result").first
        expect(first.get_by_role("heading")).to_have_text(name)
        expect(first.locator(".linkpad-why")).to_contain_text("km")

    def when_i_add_the_first_result_to_my_shortlist(self):
        self.page.locator(".linkpad-result").first.get_by_role("button", name="Add to shortlist").click()

    def when_i_print_my_shortlist(self, tmp_path) -> str:
        self.page.get_by_role("link", name="Your shortlist (1)").click()
        self.then_i_see_the_heading("Your shortlist")
        self.then_the_page_is_accessible()
        self.page.get_by_role("link", name="Open a printable version").click()
        self.then_i_see_the_heading("Local supports")
        self.then_the_page_is_accessible()
        pdf = tmp_path / "shortlist.pdf"
        self.page.emulate_media(media="print")
        self.page.pdf(path=str(pdf), format="A4")
        return subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout


@pytest.fixture
def journey(page):
    return DirectoryJourney(page)


def test_a_gp_finds_bereavement_support_near_a_postcode_shortlists_and_prints_it(journey, tmp_path):
    journey.given_the_directory_has_local_supports(tmp_path)
    journey.when_i_search_for("I can't stop crying since my mum passed", "G21 1TR")
    journey.then_the_first_result_is("Springburn Bereavement Café")
    journey.then_the_page_is_accessible()
    journey.when_i_add_the_first_result_to_my_shortlist()
    expect(journey.page.get_by_text("Springburn Bereavement Café is on your shortlist.")).to_be_visible()
    printed = journey.when_i_print_my_shortlist(tmp_path)
    assert "Springburn Bereavement Café" in printed
    assert "Check before you go" in printed
    assert "Sign in" not in printed  # the page furniture is not printed


def test_an_unknown_place_is_explained_next_to_the_box(journey, tmp_path):
    journey.given_the_directory_has_local_supports(tmp_path)
    journey.when_i_search_for("lonely", "Atlantis")
    expect(journey.page.get_by_role("alert")).to_contain_text("There is a problem")
    journey.then_the_page_is_accessible()


def test_where_map_tiles_can_be_reached_the_results_are_also_on_a_map(
    journey, tmp_path, settings, live_server
):
    settings.LINKPAD_MAP_TILES_URL = live_server.url + "/static/vendor/leaflet/images/layers.png?{z}/{x}/{y}"
    journey.given_the_directory_has_local_supports(tmp_path)
    journey.when_i_search_for("somewhere to talk about losing my dad", "G21 1TR")
    expect(journey.page.locator("#results-map.leaflet-container")).to_be_visible()
    expect(journey.page.locator(".leaflet-marker-icon").first).to_be_visible()
    journey.then_the_first_result_is("Springburn Bereavement Café")
    journey.then_the_page_is_accessible()
