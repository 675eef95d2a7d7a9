"""Writes about referrals: intake with duplicate detection, and the waiting-list state machine.

Every change of status adds an immutable ReferralStatus row written by the user who made it; the
current status is the latest row (see `current_status`).
"""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction

from linkpad.accounts.models import Membership, Organisation, OrganisationKind, Role, User
from linkpad.geography.postcodes import PostcodeError, normalise_postcode
from linkpad.geography.selectors import simd_decile

from .chi import chi_sex
from .gp_messages import gp_message_send
from .models import (
    WAITING,
    ContactAttempt,
    ContactOutcome,
    GpMessageKind,
    Person,
    Referral,
    ReferralReason,
    ReferralStatus,
    Source,
    Status,
)
from .selectors import possible_duplicate

TRANSITIONS: dict[str, frozenset[str]] = {
    Status.RECEIVED: frozenset({Status.TRIAGED, Status.DECLINED, Status.WITHDRAWN}),
    Status.TRIAGED: frozenset({Status.ALLOCATED, Status.DECLINED, Status.WITHDRAWN}),
    Status.ALLOCATED: frozenset(
        {Status.ALLOCATED, Status.CONTACTED, Status.DECLINED, Status.NO_RESPONSE, Status.WITHDRAWN}
    ),
    Status.CONTACTED: frozenset({Status.DECLINED, Status.WITHDRAWN}),
    Status.DECLINED: frozenset(),
    Status.NO_RESPONSE: frozenset(),
    Status.WITHDRAWN: frozenset(),
}

INVALID_TRANSITION = "This referral is {current}, so it cannot be marked as {new}."
NOT_A_PRACTICE = "Referrals can only be made to a GP practice."
NOT_THEIR_CLP = "{user} is not a community links practitioner at {practice}."
NOT_ALLOCATED = "Allocate this referral to a practitioner before recording contact attempts."
CHI_AT_ANOTHER_PRACTICE = (
    "Someone registered at another practice has this CHI number. Check the number, or leave it out and "
    "the CLP will check."
)
DECLINE_REASON_NEEDED = "Say why the referral was declined"
WITHDRAW_REASON_NEEDED = "Say why the referral is being withdrawn"
NOT_THEIR_REFERRAL = "Only staff of the practice that made this referral can withdraw it."
NOT_WAITING = "This referral is {current}, so it can no longer be withdrawn. Contact the CLP instead."
NO_RESPONSE_REASON = (
    "No response after {attempts} attempts to make contact. Send a letter and a note to the GP."
)


class ReferralError(ValueError):
    """Something that cannot be done to a referral, in words the user can act on."""


class PossibleDuplicate(Exception):
    """The practice may already have this person. The referrer chooses: use them, or a new person."""

    def __init__(self, person: Person):
        super().__init__("This person may already have been referred.")
        self.person = person


@dataclass(frozen=True)
class PersonDetails:
    given_name: str
    family_name: str
    date_of_birth: dt.date
    chi_number: str = ""
    postcode: str = ""
    phone: str = ""
    email: str = ""
    preferred_contact: str = "phone"


@dataclass(frozen=True)
class ReferrerDetails:
    """A professional outside the practice who refers someone (a health visitor, a housing officer)."""

    name: str
    role: str
    organisation: str
    phone: str = ""
    email: str = ""


def no_response_attempts() -> int:
    """How many failed contact attempts before a referral is closed as "no response"."""
    return settings.LINKPAD_NO_RESPONSE_ATTEMPTS


def current_status(referral: Referral) -> str:
    latest = referral.statuses.order_by("-created_at", "-pk").first()
    return latest.status if latest else Status.RECEIVED


def _move(*, referral: Referral, status: str, by: User | None, reason: str = "") -> ReferralStatus:
    current = current_status(referral)
    if status not in TRANSITIONS[current]:
        raise ReferralError(
            INVALID_TRANSITION.format(current=Status(current).label.lower(), new=Status(status).label.lower())
        )
    row = ReferralStatus(referral=referral, status=status, created_by=by, reason=reason)
    row.full_clean()
    row.save()
    return row


def _simd_decile_of(postcode: str) -> int | None:
    try:
        return simd_decile(postcode) if postcode else None
    except PostcodeError:
        return None


def person_create(*, practice: Organisation, details: PersonDetails) -> Person:
    if details.chi_number and Person.objects.filter(chi_number=details.chi_number).exists():
        raise ReferralError(CHI_AT_ANOTHER_PRACTICE)
    postcode = normalise_postcode(details.postcode) if details.postcode else ""
    person = Person(
        practice=practice,
        given_name=details.given_name.strip(),
        family_name=details.family_name.strip(),
        date_of_birth=details.date_of_birth,
        chi_number=details.chi_number,
        sex=chi_sex(details.chi_number) if details.chi_number else "",
        postcode=postcode,
        simd_decile=_simd_decile_of(postcode),
        phone=details.phone,
        email=details.email,
        preferred_contact=details.preferred_contact,
    )
    person.full_clean()
    person.save()
    return person


@transaction.atomic
def referral_create(
    *,
    practice: Organisation,
    details: PersonDetails,
    reasons: Iterable[str],
    source: str,
    consent_to_share: bool,
    referred_by: User | None = None,
    free_text: str = "",
    urgency: str = "routine",
    existing_person: Person | None = None,
    confirmed_new_person: bool = False,
    referrer: ReferrerDetails | None = None,
) -> Referral:
    """Record a referral and its first status, "received".

    Raises PossibleDuplicate when the practice may already have the person, unless the referrer
    has chosen `existing_person` or confirmed that this is someone new.
    """
    if practice.kind != OrganisationKind.GP_PRACTICE:
        raise ReferralError(NOT_A_PRACTICE)
    person = existing_person
    if person is None:
        duplicate = possible_duplicate(practice=practice, details=details)
        if duplicate is not None:
            same_chi = bool(details.chi_number) and duplicate.chi_number == details.chi_number
            if same_chi or not confirmed_new_person:
                raise PossibleDuplicate(duplicate)
        person = person_create(practice=practice, details=details)
    elif person.practice_id != practice.pk:
        raise ReferralError(NOT_A_PRACTICE)
    referral = Referral(
        person=person,
        practice=practice,
        source=source,
        referred_by=referred_by if source != Source.SELF else None,
        details=free_text,
        urgency=urgency,
        consent_to_share=consent_to_share,
    )
    if referrer is not None:
        referral.referrer_name, referral.referrer_role = referrer.name.strip(), referrer.role.strip()
        referral.referrer_organisation = referrer.organisation.strip()
        referral.referrer_phone, referral.referrer_email = referrer.phone.strip(), referrer.email
    referral.full_clean()
    referral.save()
    for reason in sorted(set(reasons)):
        row = ReferralReason(referral=referral, reason=reason)
        row.full_clean()
        row.save()
    row = ReferralStatus(referral=referral, status=Status.RECEIVED, created_by=referral.referred_by)
    row.full_clean()
    row.save()
    return referral


def _is_clp_at(user: User, practice: Organisation) -> bool:
    return Membership.objects.filter(user=user, organisation=practice, role=Role.LINK_PRACTITIONER).exists()


def _require_clp(user: User, referral: Referral) -> None:
    if not _is_clp_at(user, referral.practice):
        raise ReferralError(NOT_THEIR_CLP.format(user=user, practice=referral.practice))


@transaction.atomic
def referral_triage(*, referral: Referral, priority: int, by: User) -> Referral:
    _require_clp(by, referral)
    _move(referral=referral, status=Status.TRIAGED, by=by)
    referral.priority = priority
    referral.full_clean()
    referral.save(update_fields=["priority"])
    return referral


@transaction.atomic
def referral_allocate(*, referral: Referral, practitioner: User, by: User) -> Referral:
    _require_clp(by, referral)
    _require_clp(practitioner, referral)
    _move(referral=referral, status=Status.ALLOCATED, by=by, reason=f"Allocated to {practitioner}")
    referral.allocated_to = practitioner
    referral.save(update_fields=["allocated_to"])
    return referral


@transaction.atomic
def referral_decline(*, referral: Referral, reason: str, by: User) -> Referral:
    _require_clp(by, referral)
    if not reason.strip():
        raise ReferralError(DECLINE_REASON_NEEDED)
    _move(referral=referral, status=Status.DECLINED, by=by, reason=reason.strip())
    gp_message_send(referral=referral, kind=GpMessageKind.DECLINED, by=by)
    return referral


@transaction.atomic
def referral_withdraw(*, referral: Referral, reason: str, by: User) -> Referral:
    """The practice that referred someone takes the referral back while it is still waiting."""
    is_staff = Membership.objects.filter(
        user=by, organisation=referral.practice, role=Role.PRACTICE_STAFF
    ).exists()
    if not is_staff or referral.source != Source.PRACTICE:
        raise ReferralError(NOT_THEIR_REFERRAL)
    current = current_status(referral)
    if current not in WAITING:
        raise ReferralError(NOT_WAITING.format(current=Status(current).label.lower()))
    if not reason.strip():
        raise ReferralError(WITHDRAW_REASON_NEEDED)
    _move(referral=referral, status=Status.WITHDRAWN, by=by, reason=reason.strip())
    return referral


@transaction.atomic
def contact_attempt_record(
    *,
    referral: Referral,
    method: str,
    outcome: str,
    by: User,
    notes: str = "",
    attempted_at: dt.datetime | None = None,
) -> ContactAttempt:
    """Record a try at reaching the person. Reaching them moves the referral to "contacted"; the
    configured number of failed tries moves it to "no response", with the letter and GP note to send.
    """
    _require_clp(by, referral)
    if current_status(referral) != Status.ALLOCATED:
        raise ReferralError(NOT_ALLOCATED)
    attempt = ContactAttempt(referral=referral, method=method, outcome=outcome, notes=notes, made_by=by)
    if attempted_at is not None:
        attempt.attempted_at = attempted_at
    attempt.full_clean()
    attempt.save()
    if attempt.reached:
        _move(referral=referral, status=Status.CONTACTED, by=by)
        return attempt
    failed = referral.contact_attempts.exclude(outcome=ContactOutcome.REACHED).count()
    if failed >= no_response_attempts():
        _move(
            referral=referral,
            status=Status.NO_RESPONSE,
            by=by,
            reason=NO_RESPONSE_REASON.format(attempts=failed),
        )
        gp_message_send(referral=referral, kind=GpMessageKind.NOT_CONTACTED, by=by)
    return attempt
