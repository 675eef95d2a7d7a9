from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST
from django_otp import user_has_device

from ..models import ApiToken
from ..selectors import memberships_of, user_needs_two_factor
from ..services import api_token_revoke, backup_codes_issue


@login_required
def account(request):
    context = {
        "page_title": "Your account",
        "memberships": memberships_of(user=request.user),
        "has_two_factor": user_has_device(request.user, confirmed=True),
        "needs_two_factor": user_needs_two_factor(user=request.user),
        "tokens": ApiToken.objects.filter(user=request.user, revoked_at__isnull=True),
    }
    return render(request, "accounts/account.jinja", context)


@login_required
@require_POST
def new_backup_codes(request):
    if not request.user.is_verified():
        messages.error(request, "Sign in with a security code before getting new backup codes.")
        return redirect("accounts:account")
    request.session["backup_codes"] = backup_codes_issue(user=request.user)
    return redirect("accounts:backup-codes")


@login_required
@require_POST
def revoke_token(request, prefix: str):
    token = get_object_or_404(ApiToken, user=request.user, prefix=prefix, revoked_at__isnull=True)
    api_token_revoke(token=token)
    messages.success(request, f"The API token starting lp_{prefix} no longer works.")
    return redirect("accounts:account")
