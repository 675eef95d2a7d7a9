"""The guide (public: anyone may make one for any postcode) and a person's link plan (their CLP only)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from linkpad.directory.selectors import UnknownPlace

from . import concerns
from .concerns import UnknownConcern
from .documents import guide_filename, guide_pdf, link_plan_pdf
from .forms import GuideForm, SendPlanForm
from .selectors import (
    GuidePlaceError,
    guide_build,
    guide_query,
    link_plan_for,
    practices_for_guides,
)
from .services import PlanNotSent, link_plan_send

PLACE_PARAMETERS = ("postcode", "practice")


def _site_url(request) -> str:
    return request.build_absolute_uri("/")[:-1]


def _guide_from(request) -> tuple[GuideForm, object]:
    """The form read from the query string, and the guide it asks for (None, with the form's errors)."""
    form = GuideForm(request.GET)
    if not form.is_valid():
        return form, None
    data = form.cleaned_data
    try:
        guide = guide_build(
            site_url=_site_url(request),
            concern=data["concern"] or None,
            postcode=data["postcode"],
            practice_code=data["practice"],
            large_print=data["large_print"],
            audience=data["audience"] or None,
        )
    except UnknownPlace as error:
        form.add_error("postcode", str(error))
    except (GuidePlaceError, UnknownConcern) as error:
        form.add_error("postcode" if not data["practice"] else None, str(error))
    else:
        return form, guide
    return form, None


def _guide_page(request, form, guide, status=200):
    context = {"page_title": "At a glance guide", "form": form, "guide": guide, "wording": concerns}
    if guide is not None:
        where = {"postcode": guide.postcode, "practice": guide.practice.code if guide.practice else ""}
        who = {"concern": guide.concern.slug, "audience": guide.audience.slug}
        shown = {"large_print": guide.large_print, **who, **where}
        context["form"] = GuideForm(initial=shown)  # to make a different guide from this one
        context["page_title"] = f"{guide.concern.title}: support near {guide.place}"
        context["query"] = guide_query(large_print=guide.large_print, **who, **where)
        context["large_query"] = guide_query(large_print=True, **who, **where)
    return render(request, "guides/guide.jinja", context, status=status)


def guide(request):
    if not any(request.GET.get(name, "").strip() for name in PLACE_PARAMETERS):
        return _guide_page(request, GuideForm(initial={"concern": concerns.DEFAULT_CONCERN}), None)
    form, found = _guide_from(request)
    return _guide_page(request, form, found, status=200 if found else 400)


def guide_download(request):
    form, found = _guide_from(request)
    if found is None:
        return _guide_page(request, form, None, status=400)
    response = HttpResponse(guide_pdf(found), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{guide_filename(found, "pdf")}"'
    return response


@login_required
def practice_guide(request):
    """From the home page in one click: the PDF of the guide for the user's own practice, ready to print,
    or a choice when they work for several."""
    practices = practices_for_guides(user=request.user)
    if len(practices) == 1:
        return redirect(f"{reverse('guides:guide-pdf')}?{_practice_query(practices[0])}")
    context = {
        "page_title": "Print the at a glance guide",
        "practices": practices,
        "query_for": _practice_query,
    }
    return render(request, "guides/practices.jinja", context)


def _practice_query(practice) -> str:
    if practice.code:
        return guide_query(concern=concerns.DEFAULT_CONCERN, practice=practice.code)
    return guide_query(concern=concerns.DEFAULT_CONCERN, postcode=practice.postcode)


# The personal link plan -------------------------------------------------------------------------------


def _plan_or_404(request, episode_id: int, purpose: str):
    plan = link_plan_for(user=request.user, episode_id=episode_id, purpose=purpose)
    if plan is None:
        raise Http404("No such episode.")
    return plan


def _plan_page(request, plan, form, status=200):
    context = {"page_title": f"Link plan: {plan.full_name}", "plan": plan, "form": form}
    return render(request, "guides/link_plan.jinja", context, status=status)


@login_required
def link_plan(request, episode_id: int):
    return _plan_page(request, _plan_or_404(request, episode_id, "link plan"), SendPlanForm())


@login_required
def link_plan_download(request, episode_id: int):
    plan = _plan_or_404(request, episode_id, "link plan PDF")
    response = HttpResponse(link_plan_pdf(plan), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="link-plan-{episode_id}.pdf"'
    return response


@login_required
@require_POST
def link_plan_send_view(request, episode_id: int):
    form = SendPlanForm(request.POST)
    valid = form.is_valid()
    how = form.cleaned_data["how"] if valid else ""
    plan = _plan_or_404(request, episode_id, f"link plan sent by {how}" if valid else "link plan")
    if valid:
        try:
            sent_to = link_plan_send(plan=plan, how=how)
        except PlanNotSent as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"The plan was sent to {sent_to}.")
            return redirect("guides:link-plan", episode_id=episode_id)
    return _plan_page(request, plan, form, status=400)
