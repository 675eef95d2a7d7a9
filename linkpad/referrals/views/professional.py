"""Referral intake from professionals outside the practice: public, like the self-referral, with a quick exit."""

from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from linkpad.core.throttle import limit_public_posts

from ..models import Source, Urgency
from ..professional_forms import ProfessionalReferralForm
from ..selectors import gp_practices
from ..services import referral_create
from .intake import QUICK_EXIT_URL


@require_http_methods(["GET", "POST"])
@limit_public_posts
def professional_refer(request):
    form = ProfessionalReferralForm(data=request.POST or None, practices=gp_practices())
    if request.method == "POST" and request.POST.get("website"):
        return redirect("referrals:professional-sent")  # a bot filled in the hidden field: keep nothing
    if request.method == "POST" and form.is_valid():
        # Nobody is signed in, so possible duplicates are left for the CLP to check, as for self-referrals.
        referral_create(
            practice=gp_practices().get(pk=form.cleaned_data["practice"]),
            details=form.person_details(),
            reasons=form.cleaned_data["reasons"],
            source=Source.PROFESSIONAL,
            consent_to_share=form.consented,
            free_text=form.cleaned_data["free_text"],
            urgency=Urgency.ROUTINE,
            confirmed_new_person=True,
            referrer=form.referrer(),
        )
        return redirect("referrals:professional-sent")
    context = {"page_title": "Refer someone to a community links practitioner", "form": form}
    return render(
        request, "referrals/professional_refer.jinja", {**context, "quick_exit_url": QUICK_EXIT_URL}
    )


def professional_sent(request):
    return render(
        request,
        "referrals/professional_sent.jinja",
        {"page_title": "Referral sent", "quick_exit_url": QUICK_EXIT_URL},
    )
