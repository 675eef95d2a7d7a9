"""`linkpad demo` builds a usable demo and can be run again without changing anything."""

from io import StringIO

import pytest
from django.core.management import call_command

from linkpad.accounts.demo import DEMO_PASSWORD, DEMO_USERS
from linkpad.accounts.models import Membership, Organisation, OrganisationKind, Role, User
from linkpad.directory.models import Organization, Service, ServiceSearchIndex
from linkpad.directory.selectors import search_services
from linkpad.geography.models import Postcode

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


def run_demo() -> str:
    out = StringIO()
    call_command("demo", "--no-progress", stdout=out, stderr=StringIO())
    return out.getvalue()


def snapshot() -> tuple[int, ...]:
    return (
        User.objects.count(),
        Organisation.objects.count(),
        Membership.objects.count(),
        Postcode.objects.count(),
        Service.objects.count(),
        ServiceSearchIndex.objects.count(),
    )


def test_the_demo_loads_everything_once_and_again_changes_nothing():
    out = run_demo()
    first = snapshot()
    assert first[3] > 200_000  # the whole of Scotland's postcodes
    assert first[4] == first[5] > 300  # every demo support, each indexed for search
    for user in DEMO_USERS:
        assert user.email in out

    assert run_demo() and snapshot() == first

    roles = set(Membership.objects.filter(user__is_demo=True).values_list("role", flat=True))
    assert roles == set(Role.values)
    assert all(user.check_password(DEMO_PASSWORD) for user in User.objects.filter(is_demo=True))

    clp = User.objects.get(email="clp@example.org")
    practices = Organisation.objects.filter(
        memberships__user=clp, kind=OrganisationKind.GP_PRACTICE, memberships__role=Role.LINK_PRACTITIONER
    )
    assert practices.count() >= 2
    for practice in practices:
        assert Postcode.objects.filter(
            postcode=practice.postcode, datazone__council_code="S12000049"
        ).exists()

    community = Organisation.objects.get(kind=OrganisationKind.COMMUNITY_ORGANISATION)
    assert Organization.objects.filter(claimed_by=community).exists()
    found = search_services(text="my mum died and I can't stop crying", place=practices[0].postcode)
    assert "Bereavement" in found.results[0].service.name
