"""The second step of sign-in: set up an authenticator app, or enter a code from it."""

import qrcode
import qrcode.image.svg
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login
from django_otp import match_token, user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice

from ..forms import CODE_INVALID, CODE_THROTTLED, CodeForm
from ..services import totp_device_confirm, totp_device_start
from .sign_in import safe_next


def qr_svg(data: str) -> str:
    image = qrcode.make(data, image_factory=qrcode.image.svg.SvgPathImage, box_size=8, border=2)
    return image.to_string(encoding="unicode")


@login_required
@require_http_methods(["GET", "POST"])
def two_factor(request):
    if user_has_device(request.user, confirmed=True):
        return verify(request)
    return set_up(request)


def verify(request):
    form = CodeForm(data=request.POST or None)
    if request.method == "POST" and form.is_valid():
        throttled = any(
            not d.verify_is_allowed()[0] for d in TOTPDevice.objects.filter(user=request.user, confirmed=True)
        )
        device = None if throttled else match_token(request.user, form.cleaned_data["code"])
        if device is not None:
            otp_login(request, device)
            return redirect(safe_next(request))
        form.add_error("code", CODE_THROTTLED if throttled else CODE_INVALID)
    return render(request, "accounts/two_factor_verify.jinja", {"form": form, "next": safe_next(request, "")})


def set_up(request):
    device = totp_device_start(user=request.user)
    form = CodeForm(data=request.POST or None)
    if request.method == "POST" and form.is_valid():
        allowed, _ = device.verify_is_allowed()
        if allowed and device.verify_token(form.cleaned_data["code"]):
            request.session["backup_codes"] = totp_device_confirm(device=device)
            otp_login(request, device)
            return redirect(f"{reverse('accounts:backup-codes')}?{urlencode({'next': safe_next(request)})}")
        form.add_error("code", CODE_INVALID if allowed else CODE_THROTTLED)
    context = {
        "form": form,
        "qr": qr_svg(device.config_url),
        "secret": device_secret(device),
        "next": safe_next(request, ""),
    }
    return render(request, "accounts/two_factor_set_up.jinja", context)


def device_secret(device: TOTPDevice) -> str:
    """The key in groups of four, for people who type it in rather than scan the code."""
    from base64 import b32encode

    key = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))


@login_required
def backup_codes(request):
    codes = request.session.pop("backup_codes", None)
    if not codes:
        return redirect("accounts:account")
    return render(request, "accounts/backup_codes.jinja", {"codes": codes, "next": safe_next(request)})
