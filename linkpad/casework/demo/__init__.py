"""Synthetic people at every stage of the CLP journey, for the demo. Nobody here is a real person.

About 60 made-up people, mostly at the three practices the demo CLP (clp@example.org) serves, whose
referrals and episodes have been played through the real services over the last nine months: referred
by practice staff, by other professionals or by themselves; just received, triaged, withdrawn by the
practice, allocated, reached, declined, no response after three tries, and casework at every stage up
to closure for each reason, with what-matters conversations, goals, contacts (some missed), tasks due
today and overdue, links at every stage with each kind of first step and the services' answers
(through the demo community organisation's inbox and through emailed links), outcome measures at
baseline, review and closure, safeguarding flags, and the messages to the GP that closures, declines
and updates produce, most of them read by the practice.

The package, by stage: `people` (who, where, how far), `stories` (the words each stage records),
`journey` (the service calls and the back-dating), `play` (each journey's timeline), `links` and
`wellbeing` (links and the closed loop; measures and safeguarding).

Postcodes are real postcodes in each practice's own postcode sector, so SIMD deciles resolve; phone
numbers are in Ofcom's ranges reserved for drama (07700 900xxx, 0141 496 0xxx) and email addresses are
at example.com and example.org.

Loading twice changes nothing: a person whose CHI number is already there is skipped. See `journey`
for how (and why only here) the rows are back-dated.
"""

import datetime as dt
import random

from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone

from linkpad.accounts.models import Membership, Organisation, OrganisationKind, Role, User
from linkpad.casework.models import Stage
from linkpad.geography.models import Postcode
from linkpad.referrals.models import Person

from .journey import Journey
from .people import DEMO_SEED, DemoPerson, demo_people
from .play import play

__all__ = ["DEMO_SEED", "demo_people", "demo_people_load"]

CLP_EMAIL = "clp@example.org"
#: The services' emailed links are made and kept, but no email leaves the demo loader.
NO_EMAIL = "django.core.mail.backends.dummy.EmailBackend"


def _postcodes(practices: list[Organisation]) -> dict[int, list[str]]:
    """Live postcodes in each practice's own postcode sector that have a data zone (so SIMD resolves)."""
    found = {}
    for index, practice in enumerate(practices):
        sector = practice.postcode[:-2]  # "G22 5AP" -> "G22 5"
        codes = list(
            Postcode.objects.filter(postcode__range=(f"{sector}A", f"{sector}ZZ"), in_use=True)
            .filter(datazone__isnull=False)
            .order_by("postcode")
            .values_list("postcode", flat=True)
        )
        found[index] = codes or [practice.postcode]
    return found


def _practice_staff(practices: list[Organisation]) -> dict[int, User]:
    """Each demo practice's demo staff user, where it has one."""
    memberships = Membership.objects.filter(
        role=Role.PRACTICE_STAFF, user__is_demo=True, organisation__in=practices
    ).select_related("user")
    staff: dict[int, User] = {}
    for membership in memberships.order_by("user__email"):
        staff.setdefault(membership.organisation_id, membership.user)
    return staff


def _safeguarding_stories(people: list[DemoPerson]) -> tuple[str, str]:
    """The CHI numbers of the person whose measure raises a flag today and of the person whose concern
    was escalated and resolved: the first two people in follow-up, the second at the first practice."""
    following = [p for p in people if p.journey == Stage.FOLLOW_UP]
    concern = next(p for p in following if p.practice_index == 0)
    risk = next(p for p in following if p is not concern)
    return risk.chi_number, concern.chi_number


def demo_people_load(*, seed: int = DEMO_SEED, today: dt.date | None = None) -> dict[str, int]:
    """Create the demo people and their journeys, skipping anyone already there. Run after the demo
    accounts (demo_accounts_load). Returns how many were created, already there, and in all."""
    with override_settings(EMAIL_BACKEND=NO_EMAIL):  # emailed links are sent when the transaction ends
        return _load(seed=seed, today=today or timezone.localdate())


@transaction.atomic
def _load(*, seed: int, today: dt.date) -> dict[str, int]:
    clp = User.objects.get(email=CLP_EMAIL)
    practices = list(
        Organisation.objects.filter(kind=OrganisationKind.GP_PRACTICE, code__startswith="DEMO").order_by(
            "code"
        )
    )
    staff = _practice_staff(practices)
    people = demo_people(seed)
    existing = set(
        Person.objects.filter(chi_number__in=[p.chi_number for p in people]).values_list(
            "chi_number", flat=True
        )
    )
    risk, concern = _safeguarding_stories(people)
    postcodes, pick = _postcodes(practices), random.Random(f"{seed}-postcodes")
    created = 0
    for person in people:
        postcode = pick.choice(postcodes[person.practice_index])  # drawn for everyone, so picks stay put
        if person.chi_number in existing:
            continue
        practice = practices[person.practice_index]
        journey = Journey(person, today=today, clp=clp, postcode=postcode, staff=staff.get(practice.pk))
        journey.risk_today, journey.concern = person.chi_number == risk, person.chi_number == concern
        journey.refer(practice)
        play(journey)
        journey.backdate()
        created += 1
    return {"created": created, "existing": len(existing), "people": len(people)}
