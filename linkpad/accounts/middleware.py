"""Keeps a signed-in user who still owes a second factor on the two-factor pages."""

from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

from .selectors import two_factor_outstanding

#: Paths a half-signed-in user may still reach.
OPEN_PREFIXES = ("/account/two-factor/", "/account/sign-out/", "/static/", "/assets/", "/api/")


class TwoFactorRequiredMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if two_factor_outstanding(user=request.user) and not request.path.startswith(OPEN_PREFIXES):
            query = urlencode({"next": request.get_full_path()})
            return redirect(f"{reverse('accounts:two-factor')}?{query}")
        return self.get_response(request)
