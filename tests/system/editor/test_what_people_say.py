"""A directory editor sees which categories a person's words lift, adds a phrase they heard, and the
directory search finds the right support from those words."""

import pytest
from playwright.sync_api import expect

from linkpad.directory.phrases import phrases_load
from linkpad.directory.search.indexing import services_reindex
from linkpad.directory.tests.hsds_factories import AttributeFactory, ServiceFactory, TaxonomyTermFactory

from .editors import EditorJourney

HEARD = "my man's been at the bookies every day and the rent's gone"


class PhrasesJourney(EditorJourney):
    def given_a_directory_with_phrases(self, tmp_path):
        phrases = tmp_path / "say.toml"
        phrases.write_text(
            '[categories.gambling-addiction]\nphrases = ["I can\'t stop putting bets on my phone"]\n'
            '[categories.community-garden]\nphrases = ["I\'d love to get my hands in the soil"]\n',
            encoding="utf-8",
        )
        for slug, name, service, description in (
            (
                "gambling-addiction",
                "Gambling Addiction",
                "Northside Odds Off",
                "One to one help, in confidence.",
            ),
            ("community-garden", "Community Garden", "Northside Raised Beds", "Grow food with neighbours."),
        ):
            term = TaxonomyTermFactory(slug=slug, name=name)
            AttributeFactory(
                link_id=ServiceFactory(name=service, description=description).pk, taxonomy_term=term
            )
        phrases_load(phrases)
        services_reindex()
        self.given_an_editor()


@pytest.fixture
def journey(page):
    return PhrasesJourney(page)


def test_an_editor_adds_what_people_say_and_search_uses_it(journey, tmp_path):
    journey.given_a_directory_with_phrases(tmp_path)
    journey.when_i_sign_in()
    journey.page.get_by_role("link", name="Look after listings").click()
    journey.page.get_by_role("link", name="what people say").click()
    journey.then_i_see_the_heading("What people say")
    journey.page.get_by_label("Try some words").fill(HEARD)
    journey.page.get_by_role("button", name="Try").click()
    expect(journey.page.get_by_role("heading", name="Categories these words lift")).to_be_visible()
    first = journey.page.locator("table").first.locator("tbody tr").first
    expect(first).to_contain_text("Gambling Addiction")
    journey.then_the_page_is_accessible()
    journey.page.get_by_role("link", name="Gambling Addiction").first.click()
    journey.then_i_see_the_heading("What people say: Gambling Addiction")
    journey.page.get_by_label("Add something people say").fill(HEARD)
    journey.page.get_by_role("button", name="Add phrase").click()
    expect(journey.page.get_by_text("Search uses it from now on")).to_be_visible()
    expect(journey.page.get_by_role("cell", name=HEARD, exact=True)).to_be_visible()
    journey.then_the_page_is_accessible()
    journey.page.goto(f"/directory/?q={HEARD}")
    expect(journey.page.locator("h2 a, h3 a").first).to_have_text("Northside Odds Off")
