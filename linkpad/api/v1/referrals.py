"""Referrals: `POST /referrals` makes one exactly as the page's form does (same checks, same CHI number
validation, same duplicate detection, same service); `GET /referrals` and `GET /referrals/{id}` read them."""

import datetime as dt
from typing import Literal

import ninja
from django.http import Http404
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from linkpad.referrals.forms import NEW_PERSON, SAME_PERSON, PracticeReferralForm
from linkpad.referrals.models import ContactPreference, ReasonCode, Source, Status, Urgency
from linkpad.referrals.selectors import (
    duplicate_for_page,
    possible_duplicate,
    practices_referring_from,
    practices_served,
    referral_for_page,
)
from linkpad.referrals.services import PossibleDuplicate, referral_create

from .errors import FieldErrors, Message, refusals_as_field_errors, validated
from .paging import MAX_ID, Page, PageParams, id_in_path
from .people import PersonSummary, PracticeOut, person_summary
from .selectors import referrals_page

router = Router(tags=["referrals"])

NO_SUCH_REFERRAL = "There is no referral with the id {id} that you can see."
NOT_A_REFERRER = "Only GP practice staff and community links practitioners can refer someone."
MAY_BE_DUPLICATE = (
    "This person may already have been referred: see possible_duplicate. Send the referral again with "
    '"duplicate": "same" to refer them again, or "new" if they are someone else (a matching CHI number is '
    "always the same person)."
)


class ReferralIn(Schema):
    practice: int = Field(
        ge=1, le=MAX_ID, description="The id of the GP practice referring: one where you are staff or CLP."
    )
    given_name: str
    family_name: str
    date_of_birth: dt.date
    chi_number: str = Field("", description="10 digits, starting with the date of birth. Empty if unknown.")
    postcode: str = ""
    phone: str = ""
    email: str = ""
    preferred_contact: ContactPreference = ContactPreference.PHONE
    reasons: list[ReasonCode] = Field(min_length=1)
    free_text: str = ""
    urgency: Urgency = Urgency.ROUTINE
    consent_to_share: bool
    duplicate: Literal["same", "new"] | None = Field(
        None, description="Only after a 409: the same person as possible_duplicate, or someone new."
    )


class PossibleDuplicateOut(Schema):
    detail: str
    possible_duplicate: PersonSummary


class ReferralSummary(Schema):
    id: int
    person: PersonSummary
    practice: PracticeOut
    source: Source
    urgency: Urgency
    reasons: list[ReasonCode]
    status: Status
    priority: int | None = Field(description="Set at triage: 1 high, 2 medium, 3 low.")
    received_at: dt.datetime
    allocated_to: str | None = Field(description="The CLP working with them, once allocated.")


class StatusRow(Schema):
    status: Status
    reason: str
    by: str | None
    at: dt.datetime


class ReferralOut(ReferralSummary):
    details: str
    consent_to_share: bool
    referred_by: str | None
    history: list[StatusRow]


class ReferralsPage(Page):
    items: list[ReferralSummary]


class ReferralParams(PageParams):
    status: Status | None = Field(None, description="Only referrals with this current status.")


def _name(user) -> str | None:
    return str(user) if user else None


def referral_summary(referral) -> dict:
    return {
        "id": referral.pk,
        "person": person_summary(referral.person),
        "practice": {"id": referral.practice_id, "name": referral.practice.name},
        "source": referral.source,
        "urgency": referral.urgency,
        "reasons": [r.reason for r in referral.reasons.all()],
        "status": referral.current_status,
        "priority": referral.priority,
        "received_at": referral.received_at,
        "allocated_to": _name(referral.allocated_to),
    }


def referral_detail(referral) -> dict:
    history = [
        {"status": s.status, "reason": s.reason, "by": _name(s.created_by), "at": s.created_at}
        for s in referral.statuses.all()
    ]
    return {
        **referral_summary(referral),
        "details": referral.details,
        "consent_to_share": referral.consent_to_share,
        "referred_by": _name(referral.referred_by),
        "history": history,
    }


def _form(payload: ReferralIn, practices) -> PracticeReferralForm:
    data = payload.dict()
    data.update(
        practice=str(payload.practice),
        consent_to_share="yes" if payload.consent_to_share else "no",
        duplicate=payload.duplicate or "",
    )
    return PracticeReferralForm(data=data, practices=practices)


@router.post(
    "",
    response={201: ReferralOut, 403: Message, 409: PossibleDuplicateOut, 422: FieldErrors},
    summary="Refer someone, as practice staff or the practice's CLP",
)
def refer(request, payload: ReferralIn):
    user = request.auth
    practices = list(
        {p.pk: p for p in [*practices_referring_from(user=user), *practices_served(user=user)]}.values()
    )
    if not practices:
        raise HttpError(403, NOT_A_REFERRER)
    form = _form(payload, practices)
    data = validated(form)
    practice = next(p for p in practices if str(p.pk) == data["practice"])
    details = form.person_details()
    existing = (
        possible_duplicate(practice=practice, details=details) if data["duplicate"] == SAME_PERSON else None
    )
    try:
        with refusals_as_field_errors("chi_number"):
            referral = referral_create(
                practice=practice,
                details=details,
                reasons=data["reasons"],
                source=Source.PRACTICE,
                consent_to_share=form.consented,
                referred_by=user,
                free_text=data["free_text"],
                urgency=data["urgency"],
                existing_person=existing,
                confirmed_new_person=data["duplicate"] == NEW_PERSON,
            )
    except PossibleDuplicate as found:
        person = duplicate_for_page(user=user, person=found.person)
        return ninja.Status(409, {"detail": MAY_BE_DUPLICATE, "possible_duplicate": person_summary(person)})
    created = referral_for_page(user=user, referral_id=referral.pk, purpose="api: referral made")
    return ninja.Status(201, referral_detail(created))


@router.get("", response=ReferralsPage, summary="Referrals you can see, newest first, a page at a time")
def referrals(request, params: Query[ReferralParams]):
    count, page = referrals_page(
        user=request.auth, status=params.status, limit=params.limit, offset=params.offset
    )
    items = [referral_summary(r) for r in page]
    return {"count": count, "limit": params.limit, "offset": params.offset, "items": items}


@router.get("/{int:referral_id}", response=ReferralOut, summary="One referral, with its history")
def referral(request, referral_id: int = id_in_path("referral")):
    found = referral_for_page(user=request.auth, referral_id=referral_id, purpose="api: referral")
    if found is None:
        raise Http404(NO_SUCH_REFERRAL.format(id=referral_id))
    return referral_detail(found)
