"""The Django admin site, behind the same sign-in and second factor as the rest of Linkpad."""

from django.conf import settings
from django_otp.admin import OTPAdminSite


class LinkpadAdminSite(OTPAdminSite):
    site_header = "Linkpad administration"
    site_title = "Linkpad administration"

    def login(self, request, extra_context=None):
        from django.contrib.auth.views import redirect_to_login

        return redirect_to_login(request.get_full_path(), settings.LOGIN_URL)
