"""Keeping listings right: who may edit what, claims, proposed changes, reviews and problem reports.

Directory editors change listings directly and moderate everything else. Staff of a community
organisation that has claimed a listing propose changes, which wait for an editor, and can confirm
their listings are still right. Every change is recorded (django-auditlog) and reaches search.
"""

from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from linkpad.accounts.models import Membership, Organisation, Role

from .models import (
    ListingChange,
    ListingClaim,
    ListingProblem,
    Organization,
    ReviewState,
    Service,
    ServiceAtLocation,
)
from .opening_times import Session
from .phones import PLACE_PHONES, PhoneRow, is_phones_key, phone_changes, phones_apply
from .search.indexing import services_reindex
from .venues import PLACE_CHANGES, PLACE_GONE, Place, place_changes, place_changes_apply

#: What editors and listing owners may change from the web pages.
EDITABLE_FIELDS = [
    "name",
    "description",
    "first_visit",
    "eligibility_description",
    "minimum_age",
    "maximum_age",
    "fees_description",
    "referral_route",
    "capacity",
    "status",
    "email",
    "url",
    "alert",
]
ALREADY_CLAIMED = "{organisation} already looks after these listings."
CLAIM_PENDING = "A claim for these listings is already waiting for review."
NOT_ALLOWED = "You cannot change this listing."
REVIEW_SOON_DAYS = 30


def is_directory_editor(user) -> bool:
    return user.is_authenticated and (
        user.is_superuser or Membership.objects.filter(user=user, role=Role.DIRECTORY_EDITOR).exists()
    )


def community_organisations_of(user) -> QuerySet[Organisation]:
    if not user.is_authenticated:
        return Organisation.objects.none()
    return Organisation.objects.filter(
        memberships__user=user, memberships__role=Role.COMMUNITY_STAFF
    ).distinct()


def owns_listing(user, service: Service) -> bool:
    claimant = service.organization.claimed_by_id
    return claimant is not None and community_organisations_of(user).filter(pk=claimant).exists()


def listings_of(user) -> QuerySet[Service]:
    """The services a community organisation user looks after (everything, for an editor)."""
    services = Service.objects.select_related("organization")
    if is_directory_editor(user):
        return services
    return services.filter(organization__claimed_by__in=community_organisations_of(user))


def due_for_review(services: QuerySet[Service], *, months: int, today=None) -> QuerySet[Service]:
    """Listings not checked within the freshness window, or due within a month, oldest first."""
    today = today or timezone.localdate()
    due = today - timedelta(days=round(months * 30.44)) + timedelta(days=REVIEW_SOON_DAYS)
    return services.filter(Q(assured_date__isnull=True) | Q(assured_date__lte=due)).order_by(
        "assured_date", "name"
    )


def _reindex_after_commit(service_id: str) -> None:
    transaction.on_commit(lambda: services_reindex(service_ids=[service_id]))


def _apply(service: Service, changes: dict) -> Service:
    for name, value in changes.items():
        if name in PLACE_CHANGES or is_phones_key(name):
            continue
        if name not in EDITABLE_FIELDS:
            raise ValidationError({name: "This detail cannot be changed here."})
        setattr(service, name, value)
    place_changes_apply(service=service, changes=changes)
    for name, entry in changes.items():
        if is_phones_key(name):
            phones_apply(owner=_phones_owner(service, name), entry=entry)
    service.last_modified = timezone.now()
    service.full_clean()
    service.save()
    _reindex_after_commit(service.pk)
    return service


def _phones_owner(service: Service, key: str) -> Service | ServiceAtLocation:
    """The service, or the place of it, whose numbers a change under `key` is about."""
    if not key.startswith(PLACE_PHONES):
        return service
    at = service.service_at_locations.select_related("location").filter(pk=key[len(PLACE_PHONES) :]).first()
    if at is None:
        raise ValidationError(PLACE_GONE)
    return at


@transaction.atomic
def listing_edit(*, service: Service, changes: dict, user, checked: bool = False) -> Service | ListingChange:
    """An editor's edit is saved at once; a listing owner's waits for an editor as a ListingChange."""
    changes = {name: value for name, value in changes.items() if getattr(service, name) != value}
    if is_directory_editor(user):
        if checked:
            service.assured_date = timezone.localdate()
            service.assurer_email = user.email
        return _apply(service, changes)
    if not owns_listing(user, service):
        raise PermissionDenied(NOT_ALLOWED)
    change = ListingChange(service=service, changes=_serialisable(changes), proposed_by=user)
    change.full_clean()
    change.save()
    return change


@transaction.atomic
def listing_place_edit(
    *, service: Service, place: Place, sessions: list[Session], address: dict | None, user
) -> Service | ListingChange | None:
    """Change when and where a listing runs at one place; None when nothing changed.

    An editor's change is saved at once and kept, already approved, as a ListingChange so the
    history says it in words; a listing owner's waits for an editor like any other change.
    """
    editor = is_directory_editor(user)
    if not (editor or owns_listing(user, service)):
        raise PermissionDenied(NOT_ALLOWED)
    changes = place_changes(place=place, sessions=sessions, address=address)
    if not changes:
        return None
    change = ListingChange(service=service, changes=changes, proposed_by=user)
    if editor:
        _apply(service, changes)
        change.state, change.reviewed_by, change.reviewed_at = ReviewState.APPROVED, user, timezone.now()
    change.full_clean()
    change.save()
    return service if editor else change


@transaction.atomic
def listing_phones_edit(
    *, service: Service, rows: list[PhoneRow], user, place: ServiceAtLocation | None = None
) -> Service | ListingChange | None:
    """Change a listing's own phone numbers, or those at one `place` it runs, to `rows`.

    None when nothing changed. Moderated like opening times: an editor's change is saved at once
    and kept, already approved, as a ListingChange for the history; a listing owner's waits for an
    editor.
    """
    editor = is_directory_editor(user)
    if not (editor or owns_listing(user, service)):
        raise PermissionDenied(NOT_ALLOWED)
    if place is not None and place.service_id != service.pk:
        raise ValidationError(PLACE_GONE)
    changes = phone_changes(owner=place or service, rows=rows)
    if not changes:
        return None
    change = ListingChange(service=service, changes=changes, proposed_by=user)
    if editor:
        _apply(service, changes)
        change.state, change.reviewed_by, change.reviewed_at = ReviewState.APPROVED, user, timezone.now()
    change.full_clean()
    change.save()
    return service if editor else change


def _serialisable(changes: dict) -> dict:
    return {
        name: value if value is None or isinstance(value, int | str) else str(value)
        for name, value in changes.items()
    }


@transaction.atomic
def listing_change_decide(*, change: ListingChange, reviewer, approve: bool, note: str = "") -> ListingChange:
    if not is_directory_editor(reviewer):
        raise PermissionDenied(NOT_ALLOWED)
    if approve:
        _apply(change.service, change.changes)
    change.state = ReviewState.APPROVED if approve else ReviewState.REJECTED
    change.reviewed_by, change.reviewed_at, change.review_note = reviewer, timezone.now(), note
    change.save()
    return change


@transaction.atomic
def listing_checked(*, service: Service, user) -> Service:
    """Someone who looks after the listing confirms it is still right."""
    if not (is_directory_editor(user) or owns_listing(user, service)):
        raise PermissionDenied(NOT_ALLOWED)
    service.assured_date = timezone.localdate()
    service.assurer_email = user.email
    service.save(update_fields=["assured_date", "assurer_email"])
    _reindex_after_commit(service.pk)
    return service


@transaction.atomic
def listing_claim(
    *, organization: Organization, claimant: Organisation, user, note: str = ""
) -> ListingClaim:
    if organization.claimed_by_id:
        raise ValidationError(ALREADY_CLAIMED.format(organisation=organization.claimed_by))
    if organization.claims.filter(state=ReviewState.PENDING).exists():
        raise ValidationError(CLAIM_PENDING)
    if not community_organisations_of(user).filter(pk=claimant.pk).exists():
        raise PermissionDenied(NOT_ALLOWED)
    return ListingClaim.objects.create(
        organization=organization, claimant=claimant, requested_by=user, note=note
    )


@transaction.atomic
def listing_claim_decide(*, claim: ListingClaim, reviewer, approve: bool) -> ListingClaim:
    if not is_directory_editor(reviewer):
        raise PermissionDenied(NOT_ALLOWED)
    claim.state = ReviewState.APPROVED if approve else ReviewState.REJECTED
    claim.reviewed_by, claim.reviewed_at = reviewer, timezone.now()
    claim.save()
    if approve:
        claim.organization.claimed_by = claim.claimant
        claim.organization.save(update_fields=["claimed_by"])
    return claim


@transaction.atomic
def problem_resolve(*, problem: ListingProblem, reviewer, resolution: str) -> ListingProblem:
    if not is_directory_editor(reviewer):
        raise PermissionDenied(NOT_ALLOWED)
    problem.resolved_at, problem.resolved_by, problem.resolution = timezone.now(), reviewer, resolution
    problem.save()
    return problem


def review_reminders_send(*, months: int, today=None) -> int:
    """Email each community organisation's staff the listings they look after that are due to be checked.

    Returns the number of emails sent. Run it daily or weekly (`linkpad review-reminders`).
    """
    from django.core.mail import send_mail
    from django.template.loader import render_to_string

    sent = 0
    due = due_for_review(
        Service.objects.filter(organization__claimed_by__isnull=False), months=months, today=today
    )
    by_owner: dict[int, list[Service]] = {}
    for service in due.select_related("organization__claimed_by"):
        by_owner.setdefault(service.organization.claimed_by_id, []).append(service)
    for owner_id, services in by_owner.items():
        staff = Membership.objects.filter(
            organisation_id=owner_id, role=Role.COMMUNITY_STAFF, user__is_active=True
        )
        recipients = sorted(staff.values_list("user__email", flat=True))
        if recipients:
            body = render_to_string("directory/email/review_reminder.txt", {"services": services})
            send_mail("Please check your listings in Linkpad", body, None, recipients)
            sent += 1
    return sent
