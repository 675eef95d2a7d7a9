from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from ..forms import ProblemForm
from ..listings import service_categories, service_for_page
from ..presenters import cost_text, schedule_text, stale_since
from ..services import problem_report
from ..stewardship import community_organisations_of, is_directory_editor, owns_listing
from .shortlists import current_shortlist_ids


def _service_or_404(service_id: str):
    service = service_for_page(service_id=service_id)
    if service is None:
        raise Http404("No such service.")
    return service


def service_schedules(service) -> list:
    """When it runs: the service's own schedules, then each venue's."""
    at_venues = [schedule for sal in service.service_at_locations.all() for schedule in sal.schedules.all()]
    return [*service.schedules.all(), *at_venues]


def service_page(request, service_id: str):
    service = _service_or_404(service_id)
    context = {
        "page_title": service.name,
        "service": service,
        "categories": service_categories(service=service),
        "schedules": [schedule_text(s) for s in service_schedules(service)],
        "cost": cost_text(service, list(service.cost_options.all())),
        "is_stale": stale_since(service.assured_date),
        "shortlisted": current_shortlist_ids(request),
        "schedule_text": schedule_text,
        "can_edit": is_directory_editor(request.user) or owns_listing(request.user, service),
        "claimants": []
        if service.organization.claimed_by_id
        else list(community_organisations_of(request.user)),
    }
    return render(request, "directory/service.jinja", context)


@require_http_methods(["GET", "POST"])
def report_problem(request, service_id: str):
    service = _service_or_404(service_id)
    form = ProblemForm(data=request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        problem_report(
            service=service,
            kind=data["kind"],
            message=data["message"],
            email=data["email"],
            user=request.user,
        )
        messages.success(request, "Thank you. The directory team will check this listing.")
        return redirect("directory:service", service_id=service.pk)
    return render(
        request,
        "directory/report_problem.jinja",
        {"page_title": "Report a problem", "form": form, "service": service},
    )
