"""A programme manager sees how the service is doing, for one practice and one quarter, downloads a
table, and sees where support is missing."""

import csv

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from linkpad.accounts.tests.factories import PASSWORD
from linkpad.directory.hsds.importer import hsds_import
from linkpad.directory.search.indexing import services_reindex
from linkpad.reporting.periods import recent_quarters
from linkpad.reporting.synthetic import synthetic_programme
from tests.support.directory import demo_services, load_geography_with_postcodes

from ..steps import Journey

SMALL = {"1", "2", "3", "4"}


class ManagerJourney(Journey):
    def given_a_programme_with_a_year_of_casework(self, tmp_path):
        load_geography_with_postcodes(tmp_path / "geography", "G21 1TR", "G22 5AP")
        hsds_import(records=demo_services(limit=40), source="demo")
        services_reindex()
        self.programme = synthetic_programme(episodes=600, practices=3, postcodes=("G21 1TR", "G22 5AP", ""))
        self.manager = self.programme.manager
        self.manager.set_password(PASSWORD)
        self.manager.save()

    def when_i_open_the_programme_report(self):
        self.when_i_sign_in_with(self.manager.email, PASSWORD)
        self.then_i_see_the_heading("Hello, Synthetic")
        self.page.get_by_role("link", name="Programme report").click()
        self.then_i_see_the_heading("Referrals")
        expect(self.page.get_by_role("img", name="Referrals by month and source")).to_be_visible()
        self.then_the_page_is_accessible()

    def when_i_filter_to_one_practice_and_a_quarter(self):
        self.practice = self.programme.practices[0]
        _, self.quarter = recent_quarters(timezone.localdate())[1]
        self.page.get_by_label("Practice", exact=True).select_option(label=self.practice.name)
        self.page.get_by_label("Period", exact=True).select_option(label=self.quarter.label)
        self.page.get_by_role("button", name="Apply filters").click()
        expect(self.page.get_by_role("status").first).to_contain_text(
            f"Showing {self.quarter.label} for 1 practice."
        )
        expect(
            self.page.get_by_role("table", name="Referrals received by practice and source")
        ).to_be_visible()
        self.then_the_page_is_accessible()

    def then_i_download_a_table(self, tmp_path) -> list[list[str]]:
        with self.page.expect_download() as download:
            self.page.get_by_role("link", name="CSV of referrals by practice and source").click()
        path = tmp_path / "referrals-by-practice.csv"
        download.value.save_as(path)
        with path.open(newline="") as handle:
            return list(csv.reader(handle))

    def when_i_look_at_the_gaps(self):
        self.page.get_by_role("link", name="Gaps in provision").first.click()
        self.then_i_see_the_heading("Gaps in provision")
        expect(self.page.get_by_role("status").first).to_contain_text("for 1 practice")
        expect(
            self.page.get_by_role("img", name="Needs with no assured support nearby, by neighbourhood")
        ).to_be_visible()
        expect(
            self.page.get_by_role("table", name="Needs raised in what matters conversations").first
        ).to_be_visible()
        self.then_the_page_is_accessible()


@pytest.fixture
def journey(page):
    return ManagerJourney(page)


def test_a_programme_manager_filters_the_dashboard_downloads_a_table_and_sees_the_gaps(journey, tmp_path):
    journey.given_a_programme_with_a_year_of_casework(tmp_path)
    journey.when_i_open_the_programme_report()
    journey.when_i_filter_to_one_practice_and_a_quarter()
    rows = journey.then_i_download_a_table(tmp_path)
    assert rows[0] == ["Practice", "GP practice", "Self-referral", "Another professional", "Total"]
    assert [row[0] for row in rows[1:]] == [journey.practice.name, "Total"]
    assert not SMALL & {cell for row in rows[1:] for cell in row[1:]}
    journey.when_i_look_at_the_gaps()
