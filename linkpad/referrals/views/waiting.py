"""The CLP's waiting list and a referral's page: triage, allocation, contact attempts, declines."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from linkpad.casework.selectors import episode_of_referral

from ..forms import AllocateForm, ContactAttemptForm, DeclineForm, TriageForm
from ..models import Status
from ..presenters import status_tag, waiting_words
from ..selectors import (
    practices_served,
    practitioners_at,
    referral_for_page,
    referral_to_work_on,
    waiting_list,
)
from ..services import (
    TRANSITIONS,
    ReferralError,
    contact_attempt_record,
    referral_allocate,
    referral_decline,
    referral_triage,
)


@login_required
def waiting(request):
    if not practices_served(user=request.user).exists():
        raise PermissionDenied("Only community links practitioners have a waiting list.")
    context = {
        "page_title": "Waiting list",
        "practices": waiting_list(user=request.user),
        "waiting_words": waiting_words,
        "status_tag": status_tag,
    }
    return render(request, "referrals/waiting.jinja", context)


def _forms_for(referral, user, bound: dict) -> dict:
    """The forms a CLP can use at the referral's current status, with any that were just posted."""
    if not practices_served(user=user).filter(pk=referral.practice_id).exists():
        return {}
    allowed = TRANSITIONS[referral.current_status]
    practitioners = practitioners_at(practice=referral.practice)
    forms = {
        "triage": TriageForm() if Status.TRIAGED in allowed else None,
        "allocate": AllocateForm(practitioners=practitioners, initial={"practitioner": str(user.pk)})
        if Status.ALLOCATED in allowed
        else None,
        "contact": ContactAttemptForm() if referral.current_status == Status.ALLOCATED else None,
        "decline": DeclineForm() if Status.DECLINED in allowed else None,
    }
    return {**forms, **bound}


def _render_page(request, referral_id: int, bound: dict | None = None, status: int = 200):
    referral = referral_for_page(user=request.user, referral_id=referral_id)
    if referral is None:
        raise Http404("No such referral.")
    forms = _forms_for(referral, request.user, bound or {})
    episode = episode_of_referral(user=request.user, referral=referral)
    context = {
        "page_title": f"{referral.person} – referral",
        "referral": referral,
        "forms": forms,
        "episode": episode,
        "can_start_casework": bool(forms) and episode is None and referral.current_status == Status.CONTACTED,
        "waiting_words": waiting_words,
        "status_tag": status_tag,
    }
    return render(request, "referrals/referral.jinja", context, status=status)


@login_required
def referral_page(request, referral_id: int):
    return _render_page(request, referral_id)


def _act(request, referral_id: int, name: str, form, action, done: str):
    """Run one CLP action from its posted form, or show the page again with the form's errors."""
    referral = referral_to_work_on(user=request.user, referral_id=referral_id)
    if referral is None:
        raise Http404("No such referral.")
    if form.is_valid():
        try:
            action(referral, form.cleaned_data)
        except ReferralError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, done)
            return redirect("referrals:referral", referral_id=referral.pk)
    return _render_page(request, referral_id, bound={name: form}, status=400)


@login_required
@require_POST
def triage(request, referral_id: int):
    return _act(
        request,
        referral_id,
        "triage",
        TriageForm(request.POST),
        lambda referral, data: referral_triage(referral=referral, priority=data["priority"], by=request.user),
        "Referral triaged.",
    )


@login_required
@require_POST
def allocate(request, referral_id: int):
    referral = referral_to_work_on(user=request.user, referral_id=referral_id)
    if referral is None:
        raise Http404("No such referral.")
    practitioners = list(practitioners_at(practice=referral.practice))

    def run(referral, data):
        chosen = next(u for u in practitioners if str(u.pk) == data["practitioner"])
        referral_allocate(referral=referral, practitioner=chosen, by=request.user)

    form = AllocateForm(request.POST, practitioners=practitioners)
    return _act(request, referral_id, "allocate", form, run, "Referral allocated.")


@login_required
@require_POST
def contact(request, referral_id: int):
    def run(referral, data):
        contact_attempt_record(
            referral=referral,
            method=data["method"],
            outcome=data["outcome"],
            notes=data["notes"],
            by=request.user,
        )

    return _act(
        request, referral_id, "contact", ContactAttemptForm(request.POST), run, "Contact attempt recorded."
    )


@login_required
@require_POST
def decline(request, referral_id: int):
    return _act(
        request,
        referral_id,
        "decline",
        DeclineForm(request.POST),
        lambda referral, data: referral_decline(referral=referral, reason=data["reason"], by=request.user),
        "Referral declined.",
    )
