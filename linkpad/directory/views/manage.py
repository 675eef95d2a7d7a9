"""Looking after listings: the moderation queue, edits, claims, reviews and change history."""

from dataclasses import asdict

from auditlog.models import LogEntry
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from linkpad.accounts.views.sign_in import safe_next
from linkpad.core.audit import audit_view

from ..forms import DecisionForm, ListingForm, PhoneFormSet, PlaceForm, SessionFormSet
from ..models import ListingChange, ListingClaim, ListingProblem, Organization, ReviewState, Service
from ..opening_times import session_text
from ..phones import phone_text, phones_of, place_name
from ..stewardship import (
    community_organisations_of,
    due_for_review,
    is_directory_editor,
    listing_change_decide,
    listing_checked,
    listing_claim,
    listing_claim_decide,
    listing_edit,
    listing_phones_edit,
    listing_place_edit,
    listings_of,
    owns_listing,
    problem_resolve,
)
from ..venues import change_lines, places_of

#: The fields that make a row of opening times or of phone numbers worth showing again.
SESSION_FIELDS = ("how_often", "days", "opens", "closes")
PHONE_FIELDS = ("number", "extension", "description")


def _may_manage(user) -> bool:
    return is_directory_editor(user) or community_organisations_of(user).exists()


@login_required
def dashboard(request):
    if not _may_manage(request.user):
        raise PermissionDenied
    editor = is_directory_editor(request.user)
    listings = listings_of(request.user)
    problems = list(
        ListingProblem.objects.filter(resolved_at__isnull=True, service__in=listings).select_related(
            "service"
        )
    )
    if editor:
        audit_view(
            actor=request.user, objects=[p for p in problems if p.reporter_email], purpose="problem reports"
        )
    context = {
        "page_title": "Look after listings",
        "editor": editor,
        "due": due_for_review(listings, months=settings.LINKPAD_DIRECTORY_STALE_MONTHS)[:50],
        "claims": ListingClaim.objects.filter(state=ReviewState.PENDING).select_related(
            "organization", "claimant"
        )
        if editor
        else ListingClaim.objects.filter(claimant__in=community_organisations_of(request.user)),
        "changes": ListingChange.objects.filter(
            state=ReviewState.PENDING, service__in=listings
        ).select_related("service", "proposed_by"),
        "problems": problems,
        "yours": None if editor else listings.order_by("name"),
        "change_lines": change_lines,
    }
    return render(request, "directory/manage/dashboard.jinja", context)


@login_required
@require_http_methods(["GET", "POST"])
def edit(request, service_id: str):
    service = get_object_or_404(Service.objects.select_related("organization"), pk=service_id)
    editor = is_directory_editor(request.user)
    if not (editor or owns_listing(request.user, service)):
        raise PermissionDenied
    form = ListingForm(data=request.POST or None, instance=service)
    if request.method == "POST" and form.is_valid():
        changes = {name: form.cleaned_data[name] for name in form.Meta.fields}
        service.refresh_from_db()
        try:
            result = listing_edit(
                service=service, changes=changes, user=request.user, checked=form.cleaned_data["checked"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            waiting = isinstance(result, ListingChange)
            messages.success(
                request,
                "Your changes are waiting for a directory editor." if waiting else "The listing is updated.",
            )
            return redirect("directory:service", service_id=service.pk)
    places = places_of(service)
    context = {
        "page_title": f"Edit {service.name}",
        "form": form,
        "service": service,
        "editor": editor,
        "places": places,
        "session_text": session_text,
        "phones": phones_of(service),
        "place_phones": {
            place.key: phones_of(place.service_at_location) for place in places if place.service_at_location
        },
        "phone_text": phone_text,
    }
    return render(request, "directory/manage/edit.jinja", context)


@login_required
@require_http_methods(["GET", "POST"])
def place(request, service_id: str, place_key: str):
    """Opening times of one place of a listing, and its name and address when it is a venue."""
    service = get_object_or_404(Service.objects.select_related("organization"), pk=service_id)
    editor = is_directory_editor(request.user)
    if not (editor or owns_listing(request.user, service)):
        raise PermissionDenied
    place = next((place for place in places_of(service) if place.key == place_key), None)
    if place is None:
        raise Http404("No such place.")
    initial = [
        asdict(session)
        | {"days": list(session.days), "opens": f"{session.opens:%H:%M}", "closes": f"{session.closes:%H:%M}"}
        for session in place.sessions
    ]
    data = request.POST if request.method == "POST" else None
    sessions = SessionFormSet(data=data, initial=initial, prefix="sessions")
    venue = None
    if place.service_at_location:
        address = place.address
        venue = PlaceForm(
            data=data,
            current_postcode=address.postal_code if address else "",
            initial={
                "name": place.service_at_location.location.name,
                "address_1": address.address_1 if address else "",
                "city": address.city if address else "",
                "postal_code": address.postal_code if address else "",
            },
        )
    errors = []
    if data is not None and "add" in data:
        sessions = SessionFormSet(initial=_rows_as_typed(sessions, SESSION_FIELDS), prefix="sessions")
    elif data is not None:
        valid = sessions.is_valid() & (venue is None or venue.is_valid())
        if valid:
            try:
                result = listing_place_edit(
                    service=service,
                    place=place,
                    sessions=[form.session() for form in sessions.forms if _kept(form, sessions)],
                    address=venue.address() if venue else None,
                    user=request.user,
                )
            except ValidationError as error:
                errors = [{"text": message} for message in error.messages]
            else:
                messages.success(request, _place_message(result))
                return redirect("directory:edit", service_id=service.pk)
        errors = errors or _error_list(sessions, venue)
    context = {
        "page_title": f"When and where: {service.name}",
        "service": service,
        "place": place,
        "sessions": sessions,
        "venue": venue,
        "editor": editor,
        "errors": errors,
    }
    return render(request, "directory/manage/place.jinja", context)


def _place_message(result) -> str:
    if result is None:
        return "Nothing was changed."
    if isinstance(result, ListingChange):
        return "Your changes are waiting for a directory editor."
    return "The opening times and place are updated."


def _kept(form, formset) -> bool:
    """A row to save: not removed, and not the blank row left empty."""
    blank = form not in formset.initial_forms and not form.has_changed()
    return not (blank or form["DELETE"].value())


def _rows_as_typed(formset, meaningful: tuple[str, ...]) -> list[dict]:
    """The rows as typed so far, without removed rows or rows with none of the `meaningful` fields
    filled in, to show again with a blank row added."""
    rows = []
    for form in formset.forms:
        values = {name: form[name].value() for name in form.fields if name != "DELETE"}
        if form["DELETE"].value() or not any(values[name] for name in meaningful):
            continue
        rows.append(values)
    return rows


def _error_list(sessions, venue) -> list[dict]:
    """Every error on the page for the error summary, each linking to its field."""
    errors = []
    for form in [venue] if venue is not None else []:
        errors += [{"text": e, "href": f"#{form[n].auto_id}"} for n, es in form.errors.items() for e in es]
    return errors + _row_errors(sessions, "Session")


@login_required
@require_http_methods(["GET", "POST"])
def phones(request, service_id: str):
    """The listing's own phone numbers, as rows to change, add or remove."""
    return _phones_page(request, _listing_to_manage(request, service_id))


@login_required
@require_http_methods(["GET", "POST"])
def place_phones(request, service_id: str, place_key: str):
    """The phone numbers at one place where the listing runs, like the venue's reception."""
    service = _listing_to_manage(request, service_id)
    place = service.service_at_locations.select_related("location").filter(pk=place_key).first()
    if place is None:
        raise Http404("No such place.")
    return _phones_page(request, service, place)


def _phones_page(request, service: Service, place=None):
    """The numbers of the listing itself, or of one `place` (a service-at-location) of it."""
    editor = is_directory_editor(request.user)
    initial = [asdict(row) for row in phones_of(place or service)]
    listed = {"listed": tuple(row["number"] for row in initial)}
    data = request.POST if request.method == "POST" else None
    rows = PhoneFormSet(data=data, initial=initial, prefix="phones", form_kwargs=listed)
    errors = []
    if data is not None and "add" in data:
        rows = PhoneFormSet(initial=_rows_as_typed(rows, PHONE_FIELDS), prefix="phones", form_kwargs=listed)
    elif data is not None:
        if rows.is_valid():
            try:
                result = listing_phones_edit(
                    service=service,
                    rows=[form.phone() for form in rows.forms if _kept(form, rows)],
                    user=request.user,
                    place=place,
                )
            except ValidationError as error:
                errors = [{"text": message} for message in error.messages]
            else:
                messages.success(request, _phones_message(result))
                return redirect("directory:edit", service_id=service.pk)
        errors = errors or _row_errors(rows, "Number")
    at = place_name(place) if place else ""
    context = {
        "page_title": f"Phone numbers at {at}: {service.name}" if at else f"Phone numbers: {service.name}",
        "service": service,
        "place_name": at,
        "rows": rows,
        "editor": editor,
        "errors": errors,
    }
    return render(request, "directory/manage/phones.jinja", context)


def _listing_to_manage(request, service_id: str) -> Service:
    """The listing, when the user may change it: a directory editor or its owner organisation's staff."""
    service = get_object_or_404(Service.objects.select_related("organization"), pk=service_id)
    if not (is_directory_editor(request.user) or owns_listing(request.user, service)):
        raise PermissionDenied
    return service


def _phones_message(result) -> str:
    if result is None:
        return "Nothing was changed."
    if isinstance(result, ListingChange):
        return "Your changes are waiting for a directory editor."
    return "The phone numbers are updated."


def _row_errors(formset, noun: str) -> list[dict]:
    """Every error in a set of rows for the error summary, each linking to its field."""
    errors = []
    for number, form in enumerate(formset.forms, start=1):
        if form["DELETE"].value():
            continue
        for name, messages_ in form.errors.items():
            href = f"#{form[name].auto_id}" if name in form.fields else ""
            errors += [{"text": f"{noun} {number}: {message}", "href": href} for message in messages_]
    errors += [{"text": message} for message in formset.non_form_errors()]
    return errors


@login_required
@require_POST
def checked(request, service_id: str):
    service = get_object_or_404(Service.objects.select_related("organization"), pk=service_id)
    listing_checked(service=service, user=request.user)
    messages.success(request, f"Thank you. {service.name} is marked as checked today.")
    return redirect(safe_next(request, "directory:manage"))


@login_required
def history(request, service_id: str):
    service = get_object_or_404(Service, pk=service_id)
    if not (is_directory_editor(request.user) or owns_listing(request.user, service)):
        raise PermissionDenied
    entries = (
        LogEntry.objects.filter(content_type=ContentType.objects.get_for_model(Service), object_pk=service.pk)
        .exclude(action=LogEntry.Action.ACCESS)
        .select_related("actor")
    )
    changes = service.proposed_changes.select_related("proposed_by", "reviewed_by")
    return render(
        request,
        "directory/manage/history.jinja",
        {
            "page_title": f"History of {service.name}",
            "service": service,
            "entries": entries,
            "proposed": changes,
            "change_lines": change_lines,
        },
    )


@login_required
@require_POST
def claim(request, organization_id: str):
    organization = get_object_or_404(Organization, pk=organization_id)
    claimant = community_organisations_of(request.user).filter(pk=request.POST.get("claimant")).first()
    if claimant is None:
        raise PermissionDenied
    try:
        listing_claim(
            organization=organization, claimant=claimant, user=request.user, note=request.POST.get("note", "")
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "Your claim is waiting for a directory editor.")
    return redirect(safe_next(request, "directory:manage"))


@login_required
@require_POST
def decide_claim(request, pk: int):
    form = DecisionForm(data=request.POST)
    claim = get_object_or_404(ListingClaim, pk=pk, state=ReviewState.PENDING)
    if form.is_valid():
        listing_claim_decide(
            claim=claim, reviewer=request.user, approve=form.cleaned_data["decision"] == "approve"
        )
        messages.success(request, f"The claim by {claim.claimant} is {claim.get_state_display().lower()}.")
    return redirect("directory:manage")


@login_required
@require_POST
def decide_change(request, pk: int):
    form = DecisionForm(data=request.POST)
    change = get_object_or_404(ListingChange, pk=pk, state=ReviewState.PENDING)
    if form.is_valid():
        try:
            listing_change_decide(
                change=change,
                reviewer=request.user,
                approve=form.cleaned_data["decision"] == "approve",
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            messages.error(request, "This change cannot be made: " + " ".join(error.messages))
        else:
            messages.success(
                request, f"The change to {change.service.name} is {change.get_state_display().lower()}."
            )
    return redirect("directory:manage")


@login_required
@require_POST
def resolve_problem(request, pk: int):
    problem = get_object_or_404(ListingProblem, pk=pk, resolved_at__isnull=True)
    problem_resolve(problem=problem, reviewer=request.user, resolution=request.POST.get("resolution", ""))
    messages.success(request, f"The problem with {problem.service.name} is marked as resolved.")
    return redirect("directory:manage")
