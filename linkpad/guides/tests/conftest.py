# ruff: noqa: F811
"""A small directory around north Glasgow (from the search tests) and a GP practice in the middle of it."""

import pytest

from linkpad.accounts.models import OrganisationKind
from linkpad.accounts.tests.factories import OrganisationFactory
from linkpad.directory.models import Phone
from linkpad.directory.tests.test_search_factories import directory, sample_geography  # noqa: F401


@pytest.fixture
def practice(db):
    return OrganisationFactory(
        name="Keppochhill Test Practice", kind=OrganisationKind.GP_PRACTICE, code="TEST01", postcode="G22 5AA"
    )


@pytest.fixture
def guide_directory(directory):
    """The search tests' directory, with a phone number and a first visit for the money advice service."""
    money = directory["money"]
    Phone.objects.create(id="phone-money", service=money, number="0141 496 0101")
    money.first_visit = "Come to the drop-in and bring any letters you have. An adviser sees you in turn."
    money.save()
    return directory
