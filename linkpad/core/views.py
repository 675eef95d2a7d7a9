from django.shortcuts import render

from linkpad.accounts.selectors import memberships_of, user_roles
from linkpad.geography.sources import ATTRIBUTION

from .home import ACCOUNT, PUBLIC_ACTIONS, homes_for


def home(request):
    if not request.user.is_authenticated:
        return render(request, "core/home_public.jinja", {"actions": PUBLIC_ACTIONS})
    context = {
        "page_title": "Home",
        "homes": homes_for(user_roles(user=request.user)),
        "memberships": memberships_of(user=request.user),
        "account_action": ACCOUNT,
    }
    return render(request, "core/home.jinja", context)


def about_data(request):
    return render(request, "core/about_data.jinja", {"page_title": "About the data", "sources": ATTRIBUTION})


def accessibility(request):
    return render(request, "core/accessibility.jinja", {"page_title": "Accessibility statement"})


def privacy(request):
    return render(request, "core/privacy.jinja", {"page_title": "Privacy"})


def health(request):
    """For load balancers and uptime checks: answers only when the database does."""
    from django.db import connection
    from django.http import JsonResponse

    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})
