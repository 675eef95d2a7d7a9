"""The CLP's caseload, and starting casework from a contacted referral."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from linkpad.referrals.selectors import practices_served, referral_to_work_on

from ..presenters import stage_tag
from ..selectors import caseload as caseload_of
from ..services import EpisodeError, episode_open


@login_required
def caseload(request):
    if not practices_served(user=request.user).exists():
        raise PermissionDenied("Only community links practitioners have a caseload.")
    context = {
        "page_title": "Your caseload",
        "stages": caseload_of(user=request.user),
        "stage_tag": stage_tag,
    }
    return render(request, "casework/caseload.jinja", context)


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
