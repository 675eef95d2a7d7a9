"""Synthetic episodes for tests, made through the real services. Nobody here is real."""

from django.utils import timezone

from linkpad.accounts.models import Organisation, OrganisationKind, Role, User
from linkpad.accounts.tests.factories import OrganisationFactory, user_with_role
from linkpad.directory.tests.hsds_factories import OrganizationFactory, ServiceFactory
from linkpad.referrals.models import Referral
from linkpad.referrals.services import contact_attempt_record, referral_allocate, referral_triage
from linkpad.referrals.tests.factories import clp_at, make_referral, practice_with_staff

from ..link_services import link_move, link_plan_first_step, link_suggest
from ..models import Episode, Link
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


def community_organisation_with_staff(name: str = "Springburn Community Trust") -> tuple[Organisation, User]:
    """A community organisation on Linkpad, and one of its staff."""
    organisation = OrganisationFactory(name=name, kind=OrganisationKind.COMMUNITY_ORGANISATION, code="")
    return organisation, user_with_role(Role.COMMUNITY_STAFF, organisation=organisation)


def service_for_links(
    *, claimed_by: Organisation | None = None, email: str = "hello@walks.example.org", **fields
):
    """A directory service a person can be linked to: claimed by a Linkpad organisation, or not."""
    organization = OrganizationFactory(claimed_by=claimed_by)
    return ServiceFactory(organization=organization, email=email, **fields)


def link_to(service, *, episode: Episode, stage: str = "suggested", first_step: str = "accompanied") -> Link:
    """A link from the episode to the service, moved on by its CLP through the services up to `stage`."""
    clp = episode.clp
    link = link_suggest(episode=episode, service=service, by=clp, version=fresh(episode).version)
    link_plan_first_step(
        link=link,
        by=clp,
        version=fresh(episode).version,
        first_step=first_step,
        first_step_on=timezone.localdate(),
        note="Casey meets her at the door",
    )
    for step in ("agreed", "referred")[: ("suggested", "agreed", "referred").index(stage)]:
        link_move(link=link, stage=step, by=clp, version=fresh(episode).version, site_url="http://testserver")
    return Link.objects.get(pk=link.pk)
