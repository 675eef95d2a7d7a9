"""Error pages in the same layout as everything else, with plain words."""

from django.shortcuts import render

ERRORS = {
    400: ("Sorry, there is a problem with that request", "Go back and try again."),
    403: (
        "You do not have permission to see this page",
        "If you think you should, ask your Linkpad administrator.",
    ),
    404: (
        "Page not found",
        "If you typed the web address, check it is correct. If you pasted it, check you copied all of it.",
    ),
    500: (
        "Sorry, there is a problem with Linkpad",
        "Try again later. Nothing you entered before this page has been lost.",
    ),
}


def _error(request, status: int):
    title, advice = ERRORS[status]
    return render(request, "core/error.jinja", {"page_title": title, "advice": advice}, status=status)


def bad_request(request, exception=None):
    return _error(request, 400)


def permission_denied(request, exception=None):
    return _error(request, 403)


def page_not_found(request, exception=None):
    return _error(request, 404)


def server_error(request):
    return _error(request, 500)


def csrf_failure(request, reason=""):
    return render(
        request,
        "core/error.jinja",
        {
            "page_title": "Your form has expired",
            "advice": "For your security, forms stop working after a while. Go back, reload the page and try again.",
        },
        status=403,
    )
