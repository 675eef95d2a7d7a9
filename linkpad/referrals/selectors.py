"""Reads of referrals for pages. Each one that hands personal data to a page records the view."""

from django.db.models import Case, IntegerField, OuterRef, Q, QuerySet, Subquery, Value, When

from linkpad.accounts.models import Membership, Organisation, OrganisationKind, Role, User
from linkpad.core.audit import audit_view

from .models import WAITING, Person, Referral, ReferralStatus, Urgency

URGENCY_RANK = Case(
    When(urgency=Urgency.URGENT, then=Value(0)),
    When(urgency=Urgency.SOON, then=Value(1)),
    default=Value(2),
    output_field=IntegerField(),
)


def with_current_status(referrals: QuerySet) -> QuerySet:
    latest = ReferralStatus.objects.filter(referral=OuterRef("pk")).order_by("-created_at", "-pk")
    return referrals.annotate(current_status=Subquery(latest.values("status")[:1]))


def practices_served(*, user: User) -> QuerySet[Organisation]:
    """The GP practices where the user is a community links practitioner."""
    return Organisation.objects.filter(
        kind=OrganisationKind.GP_PRACTICE,
        memberships__user=user,
        memberships__role=Role.LINK_PRACTITIONER,
    ).distinct()


def practices_referring_from(*, user: User) -> QuerySet[Organisation]:
    """The GP practices where the user is a member of staff and so may refer."""
    return Organisation.objects.filter(
        kind=OrganisationKind.GP_PRACTICE,
        is_active=True,
        memberships__user=user,
        memberships__role=Role.PRACTICE_STAFF,
    ).distinct()


def gp_practices() -> QuerySet[Organisation]:
    """Every practice a member of the public may refer themselves to."""
    return Organisation.objects.filter(kind=OrganisationKind.GP_PRACTICE, is_active=True).order_by("name")


def practitioners_at(*, practice: Organisation) -> QuerySet[User]:
    ids = Membership.objects.filter(organisation=practice, role=Role.LINK_PRACTITIONER).values("user")
    return User.objects.filter(pk__in=ids, is_active=True).order_by("full_name")


def waiting_list(*, user: User) -> list[tuple[Organisation, list[Referral]]]:
    """Each practice the user serves as a CLP, with its waiting referrals: most urgent, then oldest, first."""
    referrals = (
        with_current_status(Referral.objects.visible_to(user).workable_by(user))
        .filter(current_status__in=WAITING)
        .select_related("person", "practice", "allocated_to")
        .prefetch_related("reasons")
        .annotate(urgency_rank=URGENCY_RANK)
        .order_by("urgency_rank", "received_at", "pk")
    )
    referrals = list(referrals)
    audit_view(actor=user, objects=[r.person for r in referrals], purpose="waiting list")
    return [
        (practice, [r for r in referrals if r.practice_id == practice.pk])
        for practice in practices_served(user=user)
    ]


def referral_for_page(*, user: User, referral_id: int, purpose: str = "referral") -> Referral | None:
    """One referral the user may see, with its person, reasons and history; None when they may not."""
    referral = (
        with_current_status(Referral.objects.visible_to(user))
        .select_related("person", "practice", "referred_by", "allocated_to")
        .prefetch_related("reasons", "statuses__created_by", "contact_attempts__made_by")
        .filter(pk=referral_id)
        .first()
    )
    if referral is not None:
        audit_view(actor=user, objects=[referral, referral.person], purpose=purpose)
    return referral


def referral_to_work_on(*, user: User, referral_id: int) -> Referral | None:
    """A referral the user may act on as its practice's CLP; None for anyone else."""
    return (
        Referral.objects.visible_to(user)
        .workable_by(user)
        .select_related("practice")
        .filter(pk=referral_id)
        .first()
    )


def duplicate_for_page(*, user: User | None, person: Person) -> Person:
    """The possible duplicate shown to a referrer, which is a view of that person's details."""
    audit_view(actor=user, objects=[person], purpose="possible duplicate")
    return person


def possible_duplicate(*, practice: Organisation, details) -> Person | None:
    """The person this practice may already have: the same CHI number, or the same name and birth date."""
    same_name = Q(
        given_name__iexact=details.given_name.strip(),
        family_name__iexact=details.family_name.strip(),
        date_of_birth=details.date_of_birth,
    )
    same = same_name | Q(chi_number=details.chi_number) if details.chi_number else same_name
    return Person.objects.filter(same, practice=practice).order_by("pk").first()
