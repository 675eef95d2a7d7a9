"""Referral intake: practice staff refer someone; members of the public refer themselves."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from linkpad.core.throttle import limit_public_posts

from ..forms import DUPLICATE_CHOICE_MISSING, NEW_PERSON, SAME_PERSON, PracticeReferralForm, SelfReferralForm
from ..models import Source, Urgency
from ..selectors import (
    duplicate_for_page,
    gp_practices,
    possible_duplicate,
    practices_referring_from,
    referral_for_page,
)
from ..services import PossibleDuplicate, ReferralError, referral_create

#: Where "Leave this page quickly" goes: an everyday site that gives nothing away.
QUICK_EXIT_URL = "https://www.bbc.co.uk/weather"


def _create_from(form, *, practice, user, source: str, urgency: str):
    details = form.person_details()
    decision = form.cleaned_data.get("duplicate", "")
    existing = possible_duplicate(practice=practice, details=details) if decision == SAME_PERSON else None
    return referral_create(
        practice=practice,
        details=details,
        reasons=form.cleaned_data["reasons"],
        source=source,
        consent_to_share=form.consented,
        referred_by=user,
        free_text=form.cleaned_data["free_text"],
        urgency=urgency,
        existing_person=existing,
        confirmed_new_person=decision == NEW_PERSON or source == Source.SELF,
    )


@login_required
@require_http_methods(["GET", "POST"])
def refer(request):
    practices = list(practices_referring_from(user=request.user))
    if not practices:
        raise PermissionDenied("Only GP practice staff can refer someone here.")
    form = PracticeReferralForm(data=request.POST or None, practices=practices)
    duplicate = None
    if request.method == "POST" and form.is_valid():
        practice = next(p for p in practices if str(p.pk) == form.cleaned_data["practice"])
        try:
            referral = _create_from(
                form,
                practice=practice,
                user=request.user,
                source=Source.PRACTICE,
                urgency=form.cleaned_data["urgency"],
            )
            return redirect("referrals:sent", referral_id=referral.pk)
        except PossibleDuplicate as found:
            duplicate = duplicate_for_page(user=request.user, person=found.person)
            if request.POST.get("duplicate_shown") and not form.cleaned_data["duplicate"]:
                form.add_error("duplicate", DUPLICATE_CHOICE_MISSING)
        except ReferralError as error:
            form.add_error("chi_number", str(error))
    context = {"page_title": "Refer someone", "form": form, "duplicate": duplicate, "practices": practices}
    return render(request, "referrals/refer.jinja", context)


@login_required
def sent(request, referral_id: int):
    referral = referral_for_page(user=request.user, referral_id=referral_id, purpose="acknowledgement")
    if referral is None:
        raise Http404("No such referral.")
    return render(request, "referrals/sent.jinja", {"page_title": "Referral sent", "referral": referral})


@require_http_methods(["GET", "POST"])
@limit_public_posts
def self_refer(request):
    form = SelfReferralForm(data=request.POST or None, practices=gp_practices())
    if request.method == "POST" and request.POST.get("website"):
        return redirect("referrals:self-sent")  # a bot filled in the hidden field: say thanks, keep nothing
    if request.method == "POST" and form.is_valid():
        practice = gp_practices().get(pk=form.cleaned_data["practice"])
        _create_from(form, practice=practice, user=None, source=Source.SELF, urgency=Urgency.ROUTINE)
        return redirect("referrals:self-sent")
    context = {"page_title": "Ask for help from a community links practitioner", "form": form}
    return render(request, "referrals/self_refer.jinja", {**context, "quick_exit_url": QUICK_EXIT_URL})


def self_sent(request):
    return render(
        request,
        "referrals/self_sent.jinja",
        {"page_title": "We have your request", "quick_exit_url": QUICK_EXIT_URL},
    )
