"""Synthetic people and referrals for tests. Nobody here is real."""

import datetime as dt

import factory
from faker import Faker

from linkpad.accounts.models import Organisation, Role, User
from linkpad.accounts.tests.factories import MembershipFactory, OrganisationFactory, user_with_role

from ..chi import check_digit
from ..models import Person, Source
from ..services import PersonDetails, referral_create

_FAKE = Faker("en_GB")


def _plain(name: str) -> str:
    """Names without apostrophes, so pages can be searched for them without thinking about HTML escaping."""
    return name.replace("'", "")


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    given_name = factory.LazyFunction(lambda: _plain(_FAKE.first_name()))
    family_name = factory.LazyFunction(lambda: _plain(_FAKE.last_name()))
    date_of_birth = factory.Faker("date_of_birth", minimum_age=18, maximum_age=90)
    phone = "07700 900123"  # Ofcom's range for drama: never a real number
    practice = factory.SubFactory(OrganisationFactory)


def chi_for(born: dt.date, serial: int = 12, sex_digit: int = 3) -> str:
    """A CHI number with a correct check digit for this date of birth."""
    for bump in range(0, 100):
        first_nine = f"{born:%d%m%y}{(serial + bump) % 100:02d}{sex_digit}"
        check = check_digit(first_nine)
        if check is not None:
            return f"{first_nine}{check}"
    raise AssertionError("unreachable: some serial always gives a check digit")


def details(**overrides) -> PersonDetails:
    fields = {
        "given_name": "Morag",
        "family_name": "Testperson",
        "date_of_birth": dt.date(1961, 4, 12),
        "postcode": "",
        "phone": "07700 900456",
    }
    return PersonDetails(**{**fields, **overrides})


def practice_with_staff() -> tuple[Organisation, User]:
    practice = OrganisationFactory()
    return practice, user_with_role(Role.PRACTICE_STAFF, organisation=practice)


def clp_at(*practices: Organisation, **fields) -> User:
    clp = user_with_role(Role.LINK_PRACTITIONER, organisation=practices[0], **fields)
    for practice in practices[1:]:
        MembershipFactory(user=clp, organisation=practice, role=Role.LINK_PRACTITIONER)
    return clp


def make_referral(*, practice: Organisation, by: User | None = None, **overrides):
    """A practice referral with sensible defaults, through the real service."""
    fields = {
        "details": details(given_name=_plain(_FAKE.first_name()), family_name=_plain(_FAKE.last_name())),
        "reasons": ["loneliness"],
        "source": Source.PRACTICE if by else Source.SELF,
        "consent_to_share": True,
        "referred_by": by,
    }
    return referral_create(practice=practice, **{**fields, **overrides})
