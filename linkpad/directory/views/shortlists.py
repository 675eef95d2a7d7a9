"""The shortlist: supports someone picks out to print, email or share. Kept in the session, shared by link."""

from datetime import date

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from linkpad.accounts.views.sign_in import safe_next

from ..forms import EmailShortlistForm
from ..listings import shortlist_by_token, shortlist_services
from ..models import Service
from ..services import ListingError, shortlist_add, shortlist_email, shortlist_remove

SESSION_KEY = "shortlist_token"
EMAILS_SENT_KEY = "shortlist_emails_sent"
EMAILS_PER_SESSION = 5
EMAIL_LIMIT = "You have sent the shortlist 5 times already. Share the link instead."


def current_shortlist(request):
    return shortlist_by_token(token=request.session.get(SESSION_KEY))


def current_shortlist_ids(request) -> set[str]:
    shortlist = current_shortlist(request)
    return set(shortlist.items.values_list("service_id", flat=True)) if shortlist else set()


def _back(request):
    return redirect(safe_next(request, "directory:shortlist"))


@require_POST
def add(request):
    service = get_object_or_404(Service, pk=request.POST.get("service_id", ""))
    try:
        shortlist = shortlist_add(shortlist=current_shortlist(request), service=service)
    except ListingError as error:
        messages.error(request, str(error))
    else:
        request.session[SESSION_KEY] = shortlist.token
        messages.success(request, f"{service.name} is on your shortlist.")
    return _back(request)


@require_POST
def remove(request):
    shortlist = current_shortlist(request)
    if shortlist:
        shortlist_remove(shortlist=shortlist, service_id=request.POST.get("service_id", ""))
    return _back(request)


@require_http_methods(["GET", "POST"])
def mine(request):
    shortlist = current_shortlist(request)
    form = EmailShortlistForm(data=request.POST or None)
    if request.method == "POST" and shortlist and form.is_valid() and _may_send_email(request, form):
        link = request.build_absolute_uri(f"/directory/shortlist/{shortlist.token}/")
        shortlist_email(
            shortlist=shortlist,
            services=shortlist_services(shortlist=shortlist),
            to=form.cleaned_data["email"],
            link=link,
        )
        messages.success(request, "We have sent the shortlist.")
        return redirect("directory:shortlist")
    context = {
        "page_title": "Your shortlist",
        "shortlist": shortlist,
        "services": shortlist_services(shortlist=shortlist),
        "form": form,
        "share_link": request.build_absolute_uri(f"/directory/shortlist/{shortlist.token}/")
        if shortlist
        else "",
    }
    return render(request, "directory/shortlist.jinja", context)


def _may_send_email(request, form) -> bool:
    """A visitor can send a handful of shortlists, so the form cannot be used to send spam."""
    sent = request.session.get(EMAILS_SENT_KEY, 0)
    if sent >= EMAILS_PER_SESSION:
        form.add_error("email", EMAIL_LIMIT)
        return False
    request.session[EMAILS_SENT_KEY] = sent + 1
    return True


def shared(request, token: str):
    shortlist = shortlist_by_token(token=token)
    if shortlist is None:
        raise Http404("No such shortlist.")
    services = shortlist_services(shortlist=shortlist)
    context = {"page_title": "Shortlist", "services": services, "today": date.today()}
    return render(request, "directory/shortlist_shared.jinja", context)
