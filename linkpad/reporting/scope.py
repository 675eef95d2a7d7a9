"""Which GP practices a programme manager reports on, and what they may filter by.

Managers see aggregates only, never a person's record. Their reach comes from their memberships with
the programme manager role:
- at a **programme** (health board or HSCP): every GP practice whose `programme` is that programme;
- at a **GP practice**: that practice;
- at any other organisation (a CLP employer): every practice of the programme that organisation belongs
  to. Linkpad does not yet record which practices an employer's CLPs serve under contract, so the
  employer's programme area is the simplest honest stand-in.

A CLP team is a CLP employer; filtering by team keeps the practices where its CLPs work.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet

from linkpad.accounts.models import Membership, Organisation, OrganisationKind, Role

NOT_A_MANAGER = "Programme reports are for programme managers."


def _manager_memberships(user) -> QuerySet[Membership]:
    if not getattr(user, "is_authenticated", False):
        return Membership.objects.none()
    return Membership.objects.filter(user=user, role=Role.PROGRAMME_MANAGER)


def is_programme_manager(user) -> bool:
    return _manager_memberships(user).exists()


def programmes_of(user) -> QuerySet[Organisation]:
    """The programmes a manager's memberships reach (directly, or through a member organisation)."""
    memberships = _manager_memberships(user)
    direct = memberships.filter(organisation__kind=OrganisationKind.PROGRAMME).values("organisation")
    through = memberships.exclude(
        organisation__kind__in=[OrganisationKind.PROGRAMME, OrganisationKind.GP_PRACTICE]
    ).values("organisation__programme")
    return Organisation.objects.filter(Q(pk__in=direct) | Q(pk__in=through), kind=OrganisationKind.PROGRAMME)


def manager_practices(user) -> QuerySet[Organisation]:
    """The GP practices a manager reports on, by name. Raises PermissionDenied for anyone else."""
    memberships = _manager_memberships(user)
    if not memberships.exists():
        raise PermissionDenied(NOT_A_MANAGER)
    own = memberships.filter(organisation__kind=OrganisationKind.GP_PRACTICE).values("organisation")
    return Organisation.objects.filter(
        Q(pk__in=own) | Q(programme__in=programmes_of(user)), kind=OrganisationKind.GP_PRACTICE
    ).order_by("name")


def manager_teams(user) -> QuerySet[Organisation]:
    """The CLP employers (teams) in the manager's programmes, or the ones they belong to."""
    own = _manager_memberships(user).filter(organisation__kind=OrganisationKind.CLP_EMPLOYER)
    return Organisation.objects.filter(
        Q(pk__in=own.values("organisation")) | Q(programme__in=programmes_of(user)),
        kind=OrganisationKind.CLP_EMPLOYER,
    ).order_by("name")


def team_practices(team: Organisation) -> QuerySet[Organisation]:
    """The practices where the team's CLPs work."""
    clps = Membership.objects.filter(organisation=team).values("user")
    served = Membership.objects.filter(
        user__in=clps, role=Role.LINK_PRACTITIONER, organisation__kind=OrganisationKind.GP_PRACTICE
    ).values("organisation")
    return Organisation.objects.filter(pk__in=served)
