"""Programme dashboards, the gaps view and their downloads: thin views over `selectors`."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render

from . import charts, extracts
from .disclosure import EXPLANATION
from .forms import ReportFilterForm
from .periods import quarter_key, quarter_of
from .scope import manager_practices, manager_teams
from .selectors import (
    CORE_DATASET_FIELDS,
    SECTIONS,
    core_dataset_extract,
    gaps_report,
    section_tables,
    table_extract,
)

FORMATS = {"csv", "xlsx"}


def _filters(request) -> ReportFilterForm:
    """The filter form over the manager's practices (PermissionDenied for anyone else)."""
    practices = list(manager_practices(request.user))
    return ReportFilterForm(request.GET or None, practices=practices, teams=list(manager_teams(request.user)))


def _context(request, form: ReportFilterForm, **extra) -> dict:
    scope = form.scope()
    return {
        "form": form,
        "scope": scope,
        "query": request.GET.urlencode(),
        "sections": SECTIONS,
        "explanation": EXPLANATION,
        "chart": charts.bar_chart,
        "core_dataset": settings.LINKPAD_CORE_DATASET,
        **extra,
    }


@login_required
def dashboard(request, section: str = "referrals"):
    if section not in SECTIONS:
        raise Http404("No such report.")
    form = _filters(request)
    context = _context(request, form, section=section, page=SECTIONS[section])
    context["tables"] = section_tables(user=request.user, scope=context["scope"], section=section)
    context["page_title"] = f"{SECTIONS[section].title}: programme report"
    return render(request, "reporting/dashboard.jinja", context, status=400 if form.errors else 200)


@login_required
def gaps(request):
    form = _filters(request)
    context = _context(request, form, section="gaps")
    found = gaps_report(user=request.user, scope=context["scope"], radius_km=form.radius_km)
    context.update(found, page_title="Gaps in provision: programme report", radius_km=form.radius_km)
    context["map"] = charts.neighbourhood_map(found["points"])
    return render(request, "reporting/gaps.jinja", context, status=400 if form.errors else 200)


def _download(content, fmt: str, name: str) -> HttpResponse:
    content_type = "text/csv; charset=utf-8" if fmt == "csv" else extracts.XLSX_TYPE
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


@login_required
def table_download(request, slug: str, fmt: str):
    if fmt not in FORMATS:
        raise Http404("No such format.")
    form = _filters(request)
    table = table_extract(user=request.user, scope=form.scope(), slug=slug, radius_km=form.radius_km)
    if table is None:
        raise Http404("No such table.")
    content = extracts.table_csv(table) if fmt == "csv" else extracts.table_xlsx(table)
    return _download(content, fmt, f"linkpad-{slug}")


@login_required
def core_dataset(request, fmt: str):
    if fmt not in FORMATS or not settings.LINKPAD_CORE_DATASET:
        raise Http404("No such format.")
    form = _filters(request)
    scope = form.scope()
    year, number = quarter_of(scope.period.start)
    name = f"linkpad-core-dataset-{quarter_key(year, number)}"
    records = core_dataset_extract(user=request.user, scope=scope)
    if fmt == "csv":
        return _download(extracts.records_csv(CORE_DATASET_FIELDS, records), fmt, name)
    return _download(extracts.records_xlsx(CORE_DATASET_FIELDS, records, title="Core dataset"), fmt, name)
