"""Pages for programme managers: build and edit scenarios, run them, read and download the results."""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from . import report
from .forms import FileForm, OptionFormSet, RunSettingsForm, initial_from, options_from
from .selectors import is_manager, programmes_managed, run_for, scenario_for, scenarios_for
from .services import (
    ScenarioInvalid,
    run_start,
    scenario_calibrate,
    scenario_from_example,
    scenario_update,
    with_levers,
)

SAVED = "Scenario saved."
CALIBRATED = "{written} of {total} estimates from your service's records are in the scenario; the rest had fewer than 5 people and are not used."
FORMATS = {
    "html": ("text/html; charset=utf-8", "report.html"),
    "pdf": ("application/pdf", "report.pdf"),
    "json": ("application/json", "results.json"),
}


def _require_manager(request) -> None:
    if not is_manager(request.user):
        raise PermissionDenied("Only programme managers can model changes to posts.")


def _scenario(request, scenario_id: int):
    _require_manager(request)
    scenario = scenario_for(user=request.user, scenario_id=scenario_id)
    if scenario is None:
        raise Http404("No such scenario.")
    return scenario


@login_required
def scenario_list(request):
    _require_manager(request)
    context = {"page_title": "Impact of changing posts", "scenarios": scenarios_for(user=request.user)}
    return render(request, "impact/scenarios.jinja", context)


@login_required
@require_POST
def scenario_new_from_example(request):
    _require_manager(request)
    scenario = scenario_from_example(programme=programmes_managed(user=request.user).first(), by=request.user)
    messages.success(request, f"Made “{scenario.name}” from the Glasgow 2024 example.")
    return redirect("impact:scenario", scenario.pk)


@login_required
@require_http_methods(["GET", "POST"])
def scenario_edit(request, scenario_id: int):
    scenario = _scenario(request, scenario_id)
    study, options = initial_from(scenario.toml)
    initial = {"name": scenario.name, "iterations": scenario.iterations, "seed": scenario.seed, **study}
    form = RunSettingsForm(request.POST or None, initial=initial)
    formset = OptionFormSet(request.POST or None, initial=options, prefix="option")
    problems, status = [], 200
    if request.method == "POST":
        status = 400
        if form.is_valid() and formset.is_valid():
            data = form.cleaned_data
            try:
                options = options_from(formset, data["practices"])
                text = with_levers(
                    scenario.toml,
                    practices=data["practices"],
                    horizon_years=data["horizon_years"],
                    options=options,
                )
                scenario_update(
                    scenario=scenario,
                    name=data["name"],
                    toml=text,
                    iterations=data["iterations"],
                    seed=data["seed"],
                )
            except ValidationError as error:
                problems = getattr(error, "messages", [str(error)])
            else:
                messages.success(request, SAVED)
                return redirect("impact:scenario", scenario.pk)
    context = {
        "page_title": f"Edit {scenario.name}",
        "scenario": scenario,
        "form": form,
        "formset": formset,
        "problems": problems,
        "runs": scenario.runs.all()[:10],
    }
    return render(request, "impact/edit.jinja", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def scenario_file(request, scenario_id: int):
    scenario = _scenario(request, scenario_id)
    form = FileForm(request.POST or None, initial={"toml": scenario.toml})
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                scenario_update(
                    scenario=scenario,
                    name=scenario.name,
                    toml=form.cleaned_data["toml"],
                    iterations=scenario.iterations,
                    seed=scenario.seed,
                )
            except ScenarioInvalid as error:
                form.add_error("toml", error.messages[0])
            else:
                messages.success(request, SAVED)
                return redirect("impact:scenario", scenario.pk)
    context = {"page_title": f"Scenario file – {scenario.name}", "scenario": scenario, "form": form}
    return render(request, "impact/file.jinja", context, status=status)


@login_required
@require_POST
def scenario_use_records(request, scenario_id: int):
    scenario = _scenario(request, scenario_id)
    try:
        found = scenario_calibrate(scenario=scenario, by=request.user)
    except ScenarioInvalid as error:
        messages.error(request, error.messages[0])
    else:
        written = sum(1 for e in found.estimates if e.parameter and not e.suppressed)
        total = sum(1 for e in found.estimates if e.parameter)
        messages.success(request, CALIBRATED.format(written=written, total=total))
    return redirect("impact:scenario", scenario.pk)


@login_required
@require_POST
def scenario_run(request, scenario_id: int):
    scenario = _scenario(request, scenario_id)
    try:
        run = run_start(scenario=scenario, by=request.user)
    except ScenarioInvalid as error:
        messages.error(request, error.messages[0])
        return redirect("impact:scenario", scenario.pk)
    return redirect("impact:run", scenario.pk, run.pk)


def _run(request, scenario_id: int, run_id: int):
    _require_manager(request)
    run = run_for(user=request.user, scenario_id=scenario_id, run_id=run_id)
    if run is None:
        raise Http404("No such run.")
    return run


@login_required
def run_detail(request, scenario_id: int, run_id: int):
    run = _run(request, scenario_id, run_id)
    context = {"page_title": f"Results – {run.scenario.name}", "run": run, "scenario": run.scenario}
    if run.result:
        context.update(report.report_context(run.result))
    return render(request, "impact/run.jinja", context)


@login_required
def run_download(request, scenario_id: int, run_id: int, kind: str):
    run = _run(request, scenario_id, run_id)
    if kind not in FORMATS or not run.result:
        raise Http404("No such download.")
    content_type, filename = FORMATS[kind]
    if kind == "json":
        body = json.dumps(run.result, indent=2, ensure_ascii=False).encode()
    elif kind == "html":
        body = report.render_html(run.result).encode()
    else:
        body = report.render_pdf(run.result)
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = (
        f'attachment; filename="scenario-{run.scenario_id}-run-{run.pk}-{filename}"'
    )
    return response
