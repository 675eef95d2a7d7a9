"""Recording a measure from the episode page: choose the measure and timepoint, then the answers."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone

from linkpad.casework.services import STALE_KEPT, EpisodeError, StaleEpisode

from .forms import AnswersForm, ChooseForm
from .measures import MEASURES
from .models import Timepoint
from .scoring import RISK_TO_SELF
from .selectors import episode_for_measures
from .services import administration_record

RECORDED = "{measure} recorded."
FLAGGED = (
    " Item 9 was answered above 'Not at all', so a risk-to-self flag was raised with a reminder for today: "
    "talk to them today and pass it to their GP."
)


def _episode(request, episode_id: int):
    episode = episode_for_measures(user=request.user, episode_id=episode_id)
    if episode is None:
        raise Http404("No such episode.")
    return episode


@login_required
def choose(request, episode_id: int):
    episode = _episode(request, episode_id)
    form = ChooseForm(request.GET or None)
    if form.is_bound and form.is_valid():
        return redirect(
            "outcomes:record", episode_id, form.cleaned_data["measure"], form.cleaned_data["timepoint"]
        )
    context = {"page_title": f"Record a measure – {episode.person}", "episode": episode, "form": form}
    return render(request, "outcomes/choose.jinja", context, status=400 if form.is_bound else 200)


@login_required
def record(request, episode_id: int, measure: str, timepoint: str):
    episode = _episode(request, episode_id)
    if measure not in MEASURES or timepoint not in Timepoint.values:
        raise Http404("No such measure.")
    found = MEASURES[measure]
    today = timezone.localdate().strftime("%d/%m/%Y")
    initial = {"version": episode.version, "completed_on": today}
    form = AnswersForm(request.POST or None, measure=found, initial=initial)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                administration = administration_record(
                    episode=episode,
                    by=request.user,
                    version=form.cleaned_data["version"],
                    measure=measure,
                    timepoint=timepoint,
                    answers=form.answers(),
                    completed_on=form.cleaned_data["completed_on"],
                )
            except StaleEpisode as error:
                form.add_error(None, str(error) + STALE_KEPT)
                status = 409
            except EpisodeError as error:
                form.add_error(None, str(error))
            else:
                flagged = RISK_TO_SELF in administration.flags
                messages.success(
                    request, RECORDED.format(measure=found.short_name) + (FLAGGED if flagged else "")
                )
                return redirect("casework:episode", episode_id=episode_id)
    context = {
        "page_title": f"{found.short_name} – {episode.person}",
        "episode": episode,
        "measure": found,
        "timepoint": Timepoint(timepoint).label,
        "form": form,
    }
    return render(request, "outcomes/record.jinja", context, status=status)
