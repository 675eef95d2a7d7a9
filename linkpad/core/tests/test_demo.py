"""`linkpad demo` builds a usable demo and can be run again without changing anything."""

from io import StringIO

import pytest
from django.core.management import call_command

from linkpad.accounts.demo import DEMO_PASSWORD, DEMO_USERS
from linkpad.accounts.models import Membership, Organisation, OrganisationKind, Role, User
from linkpad.geography.models import Postcode

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


def run_demo() -> str:
    out = StringIO()
    call_command("demo", "--no-progress", stdout=out, stderr=StringIO())
    return out.getvalue()


def snapshot() -> tuple[int, int, int, int]:
    return (
        User.objects.count(),
        Organisation.objects.count(),
        Membership.objects.count(),
        Postcode.objects.count(),
    )


def test_the_demo_loads_everything_once_and_again_changes_nothing():
    out = run_demo()
    first = snapshot()
    assert first[3] > 200_000  # the whole of Scotland's postcodes
    for user in DEMO_USERS:
        assert user.email in out
    assert run_demo() and snapshot() == first


def test_every_role_has_a_demo_user_who_can_sign_in():
    run_demo()
    roles = set(Membership.objects.filter(user__is_demo=True).values_list("role", flat=True))
    assert roles == set(Role.values)
    for user in User.objects.filter(is_demo=True):
        assert user.check_password(DEMO_PASSWORD)


def test_the_practitioner_serves_demo_practices_with_real_glasgow_postcodes():
    run_demo()
    clp = User.objects.get(email="clp@example.org")
    practices = Organisation.objects.filter(
        memberships__user=clp, kind=OrganisationKind.GP_PRACTICE, memberships__role=Role.LINK_PRACTITIONER
    )
    assert practices.count() >= 2
    for practice in practices:
        assert Postcode.objects.filter(
            postcode=practice.postcode, datazone__council_code="S12000049"
        ).exists()
