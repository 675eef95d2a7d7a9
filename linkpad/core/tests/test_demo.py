"""`linkpad demo` builds a usable demo and can be run again without changing anything."""

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from linkpad.accounts.demo import DEMO_PASSWORD, DEMO_USERS
from linkpad.accounts.models import Membership, Organisation, OrganisationKind, Role, User
from linkpad.casework.demo import demo_people
from linkpad.casework.link_services import current_link_stage
from linkpad.casework.models import (
    Closure,
    ClosureReason,
    Contact,
    Episode,
    EpisodeStatus,
    Escalation,
    FirstStep,
    Link,
    LinkStage,
    LinkStatus,
    RiskFlag,
    Stage,
    Task,
)
from linkpad.casework.services import current_stage
from linkpad.directory.models import CategoryPhrase, Organization, Service, ServiceSearchIndex
from linkpad.directory.phrases import shipped_phrases
from linkpad.directory.selectors import search_services
from linkpad.geography.models import Postcode
from linkpad.outcomes.models import Administration, Timepoint
from linkpad.outcomes.selectors import changes
from linkpad.referrals.chi import chi_matches_birth_date, chi_sex, is_valid_chi
from linkpad.referrals.models import (
    GpMessage,
    GpMessageKind,
    Person,
    Referral,
    ReferralStatus,
    Source,
    Status,
)
from linkpad.referrals.services import current_status

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
        Person.objects.count(),
        Referral.objects.count(),
        ReferralStatus.objects.count(),
        Episode.objects.count(),
        EpisodeStatus.objects.count(),
        Contact.objects.count(),
        Task.objects.count(),
        Link.objects.count(),
        LinkStatus.objects.count(),
        Administration.objects.count(),
        RiskFlag.objects.count(),
        GpMessage.objects.count(),
        CategoryPhrase.objects.count(),
    )


def test_the_demo_loads_everything_once_and_again_changes_nothing():
    out = run_demo()
    first = snapshot()
    assert first[3] > 200_000  # the whole of Scotland's postcodes
    assert first[4] == first[5] > 300  # every demo support, each indexed for search
    shipped = shipped_phrases()
    phrases = sum(len(texts) for texts in shipped.values())
    assert f"What people say: {phrases:,} phrases for {len(shipped):,} categories." in out
    for user in DEMO_USERS:
        assert user.email in out

    made_up = len(demo_people())
    assert f"{made_up} added" in out
    assert f"0 added, {made_up} already there" in run_demo() and snapshot() == first

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

    # Made-up people at every stage of the CLP journey, over the last nine months.
    people = Person.objects.filter(chi_number__in=[p.chi_number for p in demo_people()])
    assert people.count() == Person.objects.count() == first[6] >= 50
    statuses = {current_status(referral) for referral in Referral.objects.all()}
    assert statuses == set(Status.values)
    assert set(Referral.objects.values_list("source", flat=True)) == set(Source.values)
    stages = {current_stage(episode) for episode in Episode.objects.all()}
    assert stages == set(Stage.values) - {Stage.REFERRED}  # an episode opens at "contacted"
    assert set(Closure.objects.values_list("reason", flat=True)) == set(ClosureReason.values)
    assert Contact.objects.filter(did_not_attend=True).exists()
    open_tasks = Task.objects.filter(done=False)
    today = timezone.localdate()
    assert open_tasks.filter(due_on=today).exists() and open_tasks.filter(due_on__lt=today).exists()
    assert Referral.objects.order_by("received_at").first().received_at < timezone.now() - dt.timedelta(180)
    for person in people:
        assert is_valid_chi(person.chi_number) and person.sex == chi_sex(person.chi_number)
        assert chi_matches_birth_date(person.chi_number, person.date_of_birth)
        assert person.simd_decile is not None
    clp_practices = set(practices.values_list("pk", flat=True))
    seen = set(Person.objects.visible_to(clp).values_list("pk", flat=True))
    assert seen and seen != set(people.values_list("pk", flat=True))
    for person in people:
        assert (person.pk in seen) == (person.practice_id in clp_practices)

    # Links at every stage, each kind of first step, answered through the inbox and by emailed link.
    assert {current_link_stage(link) for link in Link.objects.all()} == set(LinkStage.values)
    assert set(Link.objects.exclude(first_step="").values_list("first_step", flat=True)) == set(
        FirstStep.values
    )
    answers = LinkStatus.objects.filter(
        stage__in=[LinkStage.FIRST_STEP, LinkStage.ATTENDED, LinkStage.DECLINED]
    )
    assert answers.filter(by_email_link=True).exists() and answers.filter(organisation=community).exists()
    assert Link.objects.exclude(emailed_to="").exists()

    # Wellbeing measured at baseline, review and closure: most improve, some do not change.
    assert set(Administration.objects.values_list("measure", flat=True)) == {
        "swemwbs",
        "ons4",
        "phq9",
        "gad7",
    }
    assert set(Administration.objects.values_list("timepoint", flat=True)) == set(Timepoint.values)
    verdicts = [
        found["swemwbs"].verdict
        for episode in Episode.objects.all()
        if (found := changes(episode.administrations.all())).get("swemwbs")
    ]
    assert (
        verdicts.count("meaningful improvement")
        > len(verdicts) / 2
        > verdicts.count("no meaningful change")
        > 0
    )

    # Safeguarding: one flag raised today by a PHQ-9 answer and open; one escalated and resolved.
    automatic = RiskFlag.objects.get(source="measure")
    assert automatic.is_open and automatic.raised_at.date() == today
    resolved = RiskFlag.objects.get(source="clp")
    assert not resolved.is_open and Escalation.objects.get().flag == resolved

    # Messages to the GP from closures, declines, no response and updates; most read at two practices.
    kinds = {GpMessageKind.DECLINED, GpMessageKind.NOT_CONTACTED, GpMessageKind.UPDATE, GpMessageKind.CLOSURE}
    assert set(GpMessage.objects.values_list("kind", flat=True)) == kinds
    readers = set(GpMessage.objects.filter(read_by__isnull=False).values_list("read_by__email", flat=True))
    assert readers == {"practice@example.org", "practice2@example.org"}
    assert GpMessage.objects.filter(kind=GpMessageKind.CLOSURE).count() == Closure.objects.count()
    assert GpMessage.objects.order_by("created_at").first().created_at < timezone.now() - dt.timedelta(90)
