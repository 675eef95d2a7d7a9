"""A programme manager opens the Glasgow 2024 example, runs it, reads the results and downloads the PDF."""

import os

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from linkpad.accounts.models import OrganisationKind, Role
from linkpad.accounts.tests.factories import PASSWORD, OrganisationFactory, user_with_role

from ..conftest import SCREENSHOTS
from ..steps import Journey


class ImpactJourney(Journey):
    def given_a_programme_manager(self):
        programme = OrganisationFactory(name="Glasgow Links Programme", kind=OrganisationKind.PROGRAMME)
        self.manager = user_with_role(Role.PROGRAMME_MANAGER, programme, full_name="Fiona Grant")

    def when_i_open_the_impact_pages_from_home(self):
        self.when_i_sign_in_with(self.manager.email, PASSWORD)
        self.when_i_visit("/")
        self.page.get_by_role("link", name="Impact of changing posts").click()
        self.then_i_see_the_heading("Impact of changing posts")
        self.then_the_page_is_accessible()

    def when_i_start_from_the_glasgow_example(self):
        self.page.get_by_role("button", name="Start from the Glasgow 2024 example").click()
        self.then_i_see_the_heading("Glasgow CLP posts 2024")
        expect(self.page.get_by_text("Made “Glasgow CLP posts 2024")).to_be_visible()
        self.then_the_page_is_accessible()

    def when_i_set_a_small_iteration_count_and_save(self):
        self.page.get_by_label("Iterations").fill("200")
        self.page.get_by_role("button", name="Save changes").click()
        expect(self.page.get_by_text("Scenario saved.")).to_be_visible()
        expect(self.page.get_by_text("200 iterations, seed 2024")).to_be_visible()

    def when_i_run_it(self):
        self.page.get_by_role("button", name="Run this scenario").click()
        self.then_i_see_the_heading("Results")

    def then_i_see_the_results_with_charts_and_tables(self):
        expect(
            self.page.get_by_role("heading", name="Cut to 42 posts, spread across all practices", exact=True)
        ).to_be_visible()
        expect(self.page.get_by_role("img", name="Cost-effectiveness acceptability curves")).to_be_visible()
        expect(self.page.get_by_role("table", name="Acceptability in numbers")).to_contain_text("£20,000")
        self.then_the_page_is_accessible()
        if os.environ.get("LINKPAD_SCREENSHOTS"):
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            self.page.screenshot(path=SCREENSHOTS / "impact-results.png", full_page=True)

    def when_i_download_the_pdf(self, tmp_path):
        with self.page.expect_download() as download:
            self.page.get_by_role("link", name="PDF").click()
        path = tmp_path / "report.pdf"
        download.value.save_as(path)
        self.pdf_text = "".join(page.extract_text() for page in PdfReader(path).pages)

    def then_the_report_has_the_impact_assessment(self):
        assert "Glasgow CLP posts 2024" in self.pdf_text
        assert "Impact assessment draft (EQIA, Fairer Scotland Duty, HIIA)" in self.pdf_text
        assert "from 200 draws" in " ".join(self.pdf_text.split())


@pytest.fixture
def journey(page, settings):
    settings.LINKPAD_IMPACT_RUN_INLINE = (
        True  # the run finishes within the request, so the test is deterministic
    )
    return ImpactJourney(page)


def test_a_manager_runs_the_glasgow_example_and_downloads_the_report(journey, tmp_path):
    journey.given_a_programme_manager()
    journey.when_i_open_the_impact_pages_from_home()
    journey.when_i_start_from_the_glasgow_example()
    journey.when_i_set_a_small_iteration_count_and_save()
    journey.when_i_run_it()
    journey.then_i_see_the_results_with_charts_and_tables()
    journey.when_i_download_the_pdf(tmp_path)
    journey.then_the_report_has_the_impact_assessment()
