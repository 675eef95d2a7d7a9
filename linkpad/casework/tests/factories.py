"""Synthetic episodes for tests, made through the real services. Nobody here is real."""

from linkpad.accounts.models import Organisation, User
from linkpad.referrals.models import Referral
from linkpad.referrals.services import contact_attempt_record, referral_allocate, referral_triage
from linkpad.referrals.tests.factories import clp_at, make_referral, practice_with_staff

from ..models import Episode
from ..services import episode_open


def contacted_referral(*, practice: Organisation, staff: User, clp: User, **overrides) -> Referral:
    """A practice referral that the CLP has triaged, taken on and reached by phone."""
    referral = make_referral(practice=practice, by=staff, **overrides)
    referral_triage(referral=referral, priority=2, by=clp)
    referral_allocate(referral=referral, practitioner=clp, by=clp)
    contact_attempt_record(referral=referral, method="phone", outcome="reached", by=clp)
    return referral


def practice_with_clp() -> tuple[Organisation, User, User]:
    """A practice, one of its staff, and its CLP."""
    practice, staff = practice_with_staff()
    return practice, staff, clp_at(practice)


def open_episode(*, practice: Organisation, staff: User, clp: User, **overrides) -> Episode:
    referral = contacted_referral(practice=practice, staff=staff, clp=clp, **overrides)
    return episode_open(referral=referral, by=clp)


def fresh(episode: Episode) -> Episode:
    """The episode as it is now in the database, with its current version."""
    return Episode.objects.get(pk=episode.pk)
