"""`visible_to`: CLPs see their practices' people; practice staff what their practice referred; others none."""

import pytest
from django.contrib.auth.models import AnonymousUser

from linkpad.accounts.models import Role
from linkpad.accounts.tests.factories import user_with_role
from linkpad.referrals.models import ContactAttempt, Person, Referral, ReferralReason, ReferralStatus
from linkpad.referrals.services import contact_attempt_record, referral_allocate, referral_triage

from .factories import clp_at, make_referral, practice_with_staff

pytestmark = pytest.mark.django_db

MODELS = (Person, Referral, ReferralReason, ReferralStatus, ContactAttempt)


@pytest.fixture
def world():
    """Two practices, each with a practice referral (contacted once) and a self-referral."""
    result = {}
    for name in ("north", "south"):
        practice, staff = practice_with_staff()
        clp = clp_at(practice)
        referral = make_referral(practice=practice, by=staff)
        referral_triage(referral=referral, priority=1, by=clp)
        referral_allocate(referral=referral, practitioner=clp, by=clp)
        contact_attempt_record(referral=referral, method="phone", outcome="no_answer", by=clp)
        result[name] = {
            "practice": practice,
            "staff": staff,
            "clp": clp,
            "referral": referral,
            "self": make_referral(practice=practice),
        }
    return result


def expected(model, *referrals) -> set[int]:
    """The referrals with rows of this model (self-referrals have no contact attempts yet)."""
    return {r.pk for r in referrals if model is not ContactAttempt or r.contact_attempts.exists()}


def referrals_seen(user, model) -> set[int]:
    rows = model.objects.visible_to(user)
    if model is Person:
        return set(Referral.objects.filter(person__in=rows).values_list("pk", flat=True))
    if model is Referral:
        return set(rows.values_list("pk", flat=True))
    return set(rows.values_list("referral", flat=True))


@pytest.mark.parametrize("model", MODELS)
def test_a_clp_sees_everything_at_their_practices_only(world, model):
    north = world["north"]
    assert referrals_seen(north["clp"], model) == expected(model, north["referral"], north["self"])
    assert expected(model, north["referral"])  # the world has a row of each model to hide


@pytest.mark.parametrize("model", MODELS)
def test_practice_staff_see_only_what_their_practice_referred(world, model):
    north = world["north"]
    assert referrals_seen(north["staff"], model) == {north["referral"].pk}


@pytest.mark.parametrize("model", MODELS)
@pytest.mark.parametrize(
    "role", [Role.PROGRAMME_MANAGER, Role.COMMUNITY_STAFF, Role.DIRECTORY_EDITOR, Role.ADMIN]
)
def test_everyone_else_sees_nothing(world, model, role):
    assert referrals_seen(user_with_role(role, organisation=world["north"]["practice"]), model) == set()


@pytest.mark.parametrize("model", MODELS)
def test_signed_out_visitors_see_nothing(world, model):
    assert referrals_seen(AnonymousUser(), model) == set()


def test_visible_people_are_not_repeated(world):
    north = world["north"]
    make_referral(practice=north["practice"], by=north["staff"], existing_person=north["referral"].person)
    people = list(Person.objects.visible_to(north["clp"]))
    assert len(people) == len(set(people)) == 2
