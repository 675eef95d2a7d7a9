from django.contrib import messages
from django.contrib.auth import login, logout
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods

from ..forms import SignInForm
from ..selectors import two_factor_outstanding


def safe_next(request, default: str = "core:home") -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


@require_http_methods(["GET", "POST"])
def sign_in(request):
    form = SignInForm(request, data=request.POST or None)
    if request.method == "POST" and form.is_valid():
        login(request, form.user, backend="django.contrib.auth.backends.ModelBackend")
        if two_factor_outstanding(user=form.user):
            response = redirect("accounts:two-factor")
            response["Location"] += f"?next={safe_next(request, '/')}"
            return response
        return redirect(safe_next(request))
    return render(request, "accounts/sign_in.jinja", {"form": form, "next": safe_next(request, "")})


@require_http_methods(["GET", "POST"])
def sign_out(request):
    if request.method == "GET":
        return render(request, "accounts/sign_out.jinja")
    logout(request)
    messages.success(request, "You have signed out.")
    return redirect("accounts:sign-in")


def locked_out(request, credentials, *args, **kwargs):
    """django-axes calls this instead of signing in once an email and address are locked out."""
    return render(request, "accounts/locked_out.jinja", status=429)
