"""A limit on how often one address may post a public form (self-referral, professional referral).

The counting is django-ninja's (the same throttle guards the open directory API): a sliding window per
client address in Django's cache, with LINKPAD_NUM_PROXIES deciding which address is the client's. The
cache is per process unless CACHES names a shared one, so with several workers the limit is per worker.
"""

from functools import wraps

from django.conf import settings
from django.shortcuts import render
from ninja.throttling import AnonRateThrottle

TOO_MANY = "Too many forms sent"
TOO_MANY_ADVICE = (
    "This computer has sent this form many times in the last hour. If you need help now, phone your GP "
    "practice, or NHS 24 on 111. Otherwise, try again in {minutes} minutes."
)


class PublicFormThrottle(AnonRateThrottle):
    def get_cache_key(self, request):
        return f"throttle_public_form_{self.get_ident(request)}"


def limit_public_posts(view):
    """Refuse a POST to `view` past LINKPAD_PUBLIC_FORM_RATE per address (429 with a plain page)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        rate = settings.LINKPAD_PUBLIC_FORM_RATE
        if request.method == "POST" and rate:
            throttle = PublicFormThrottle(rate)
            if not throttle.allow_request(request):
                wait = max(60, int(throttle.wait() or 60))
                context = {"page_title": TOO_MANY, "advice": TOO_MANY_ADVICE.format(minutes=-(-wait // 60))}
                response = render(request, "core/error.jinja", context, status=429)
                response["Retry-After"] = str(wait)
                return response
        return view(request, *args, **kwargs)

    return wrapper
