"""The CLP's caseload, and starting casework from a contacted referral."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from linkpad.referrals.selectors import practices_served, referral_to_work_on

from ..forms import CaseloadFilterForm
from ..presenters import stage_tag
from ..selectors import caseload as caseload_of
from ..services import EpisodeError, episode_open


@login_required
def caseload(request):
    practices = list(practices_served(user=request.user).order_by("name"))
    if not practices:
        raise PermissionDenied("Only community links practitioners have a caseload.")
    form = CaseloadFilterForm(request.GET, practices=practices)
    filters = form.cleaned_data if form.is_valid() else {}
    found = caseload_of(
        user=request.user,
        text=filters.get("q", ""),
        stage=filters.get("stage", ""),
        practice=filters.get("practice"),
        flagged=filters.get("flagged", False),
        overdue=filters.get("overdue", False),
        due_today=filters.get("due_today", False),
    )
    context = {
        "page_title": "Your caseload",
        "caseload": found,
        "form": form,
        "filtered": any(filters.values()),
        "stage_tag": stage_tag,
    }
    return render(request, "casework/caseload.jinja", context, status=400 if form.errors else 200)


@login_required
@require_POST
def open_episode(request, referral_id: int):
    referral = referral_to_work_on(user=request.user, referral_id=referral_id)
    if referral is None:
        raise Http404("No such referral.")
    try:
        episode = episode_open(referral=referral, by=request.user)
    except EpisodeError as error:
        messages.error(request, str(error))
        return redirect("referrals:referral", referral_id=referral.pk)
    messages.success(request, "Casework started.")
    return redirect("casework:episode", episode_id=episode.pk)
