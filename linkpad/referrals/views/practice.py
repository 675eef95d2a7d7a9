"""What practice staff see: the messages back to the practice, and the referrals it made (minimum data)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from ..forms import WithdrawForm
from ..gp_message_selectors import practice_inbox, practice_referral_for_page, practice_referrals
from ..models import WAITING
from ..presenters import status_tag, waiting_words
from ..selectors import practices_referring_from
from ..services import ReferralError, referral_withdraw

NOT_PRACTICE_STAFF = "Only GP practice staff have a practice inbox."


def _require_practice_staff(user) -> None:
    if not practices_referring_from(user=user).exists():
        raise PermissionDenied(NOT_PRACTICE_STAFF)


@login_required
def inbox(request):
    _require_practice_staff(request.user)
    found = practice_inbox(user=request.user)
    context = {
        "page_title": "Messages from your community links practitioners",
        "messages_to_practice": found,
        "unread": sum(1 for m in found if m.read_at is None),
    }
    return render(request, "referrals/inbox.jinja", context)


@login_required
def your_referrals(request):
    _require_practice_staff(request.user)
    context = {
        "page_title": "Your referrals",
        "referrals": practice_referrals(user=request.user),
        "waiting_words": waiting_words,
        "status_tag": status_tag,
        "waiting": WAITING,
    }
    return render(request, "referrals/your_referrals.jinja", context)


def _render_referral(request, referral_id: int, form=None, status: int = 200):
    referral = practice_referral_for_page(user=request.user, referral_id=referral_id)
    if referral is None:
        raise Http404("No such referral.")
    can_withdraw = referral.current_status in WAITING
    context = {
        "page_title": f"{referral.person} – your referral",
        "referral": referral,
        "withdraw_form": form or (WithdrawForm() if can_withdraw else None),
        "waiting_words": waiting_words,
        "status_tag": status_tag,
    }
    return render(request, "referrals/practice_referral.jinja", context, status=status)


@login_required
def practice_referral(request, referral_id: int):
    return _render_referral(request, referral_id)


@login_required
@require_POST
def withdraw(request, referral_id: int):
    referral = practice_referral_for_page(user=request.user, referral_id=referral_id)
    if referral is None:
        raise Http404("No such referral.")
    form = WithdrawForm(request.POST)
    if form.is_valid():
        try:
            referral_withdraw(referral=referral, reason=form.cleaned_data["reason"], by=request.user)
        except ReferralError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Referral withdrawn.")
            return redirect("referrals:yours-referral", referral_id=referral.pk)
    return _render_referral(request, referral_id, form=form, status=400)
