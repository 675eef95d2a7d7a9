"""An administrator looks at their team and a colleague's details; each view is audited."""

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from linkpad.accounts.models import Role
from linkpad.accounts.tests.factories import (
    PASSWORD,
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
    user_with_role,
)
from linkpad.core.audit import views_of

from ..steps import Journey


class AdminJourney(Journey):
    def given_i_administer_a_practice_with_a_colleague(self):
        practice = OrganisationFactory(name="Saracen Cross Medical Practice")
        self.admin = user_with_role(Role.ADMIN, practice, full_name="Ada Admin")
        self.device = TOTPDevice.objects.create(user=self.admin, name="Phone", confirmed=True)
        self.colleague = UserFactory(full_name="Colm Colleague")
        MembershipFactory(user=self.colleague, organisation=practice, role=Role.PRACTICE_STAFF)

    def when_i_sign_in(self):
        self.when_i_sign_in_with_my_app(self.admin, self.device, PASSWORD)
        self.then_i_see_the_heading("Hello, Ada")
        self.then_the_page_is_accessible()


@pytest.fixture
def journey(page):
    return AdminJourney(page)


def test_an_administrator_views_their_team_and_account(journey):
    journey.given_i_administer_a_practice_with_a_colleague()
    journey.when_i_sign_in()
    journey.page.get_by_role("link", name="Your team").click()
    journey.then_i_see_the_heading("Your team")
    journey.then_the_page_is_accessible()
    journey.page.get_by_role("link", name="Colm Colleague").click()
    journey.then_i_see_the_heading("Colm Colleague")
    expect(journey.page.get_by_text(journey.colleague.email)).to_be_visible()
    journey.then_the_page_is_accessible()
    assert views_of(journey.colleague).filter(actor=journey.admin).count() == 2  # the list, then the details
    journey.page.get_by_role("link", name="Ada Admin").click()
    journey.then_i_see_the_heading("Your account")
    expect(journey.page.get_by_text("Saracen Cross Medical Practice")).to_be_visible()
    journey.then_the_page_is_accessible()
