"""An episode's page, and the CLP's actions on it: stage, what matters, goals, contacts, tasks, closure."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from linkpad.outcomes.presenters import episode_measures

from ..forms import (
    CloseForm,
    ContactForm,
    EpisodeForm,
    GoalForm,
    GoalUpdateForm,
    StageForm,
    TaskForm,
    WhatMattersForm,
    link_forms,
)
from ..models import Stage
from ..presenters import day, is_overdue, link_stage, link_status_by, link_tag, stage_tag, whats_next
from ..safeguarding_forms import safeguarding_panel
from ..selectors import episode_for_page, episode_to_work_on, goal_to_work_on, task_to_work_on
from ..services import (
    STALE_KEPT,
    TRANSITIONS,
    EpisodeError,
    StaleEpisode,
    contact_record,
    episode_close,
    episode_move,
    goal_add,
    goal_update,
    task_add,
    task_complete,
    what_matters_record,
)


def _stages_to_move_to(stage: str) -> list[str]:
    """Where the stage form may move the episode: closing has its own form, which records why."""
    return [s for s in Stage if s in TRANSITIONS[stage] and s != Stage.CLOSED]


def _forms_for(episode, bound: dict) -> dict:
    """The forms for an open episode, with any that were just posted."""
    if episode.current_stage == Stage.CLOSED:
        return {}
    today = timezone.localdate().strftime("%d/%m/%Y")
    forms = {
        "stage": StageForm(prefix="stage", stages=_stages_to_move_to(episode.current_stage)),
        "what_matters": WhatMattersForm(prefix="what-matters"),
        "goal": GoalForm(prefix="goal"),
        "contact": ContactForm(prefix="contact", initial={"happened_on": today}),
        "task": TaskForm(prefix="task"),
        "close": CloseForm(prefix="close"),
    }
    for goal in episode.goals.all():
        forms[f"goal-{goal.pk}"] = GoalUpdateForm(prefix=f"goal-{goal.pk}", initial={"status": goal.status})
    forms.update(link_forms(episode))
    return {**forms, **bound}


def _render_page(request, episode_id: int, bound: dict | None = None, status: int = 200):
    episode = episode_for_page(user=request.user, episode_id=episode_id)
    if episode is None:
        raise Http404("No such episode.")
    context = {
        "page_title": f"{episode.person} – casework",
        "episode": episode,
        "forms": _forms_for(episode, bound or {}),
        "stage_tag": stage_tag,
        "whats_next": whats_next,
        "day": day,
        "is_overdue": is_overdue,
        "link_stage": link_stage,
        "link_tag": link_tag,
        "link_status_by": link_status_by,
        "safeguarding": safeguarding_panel(user=request.user, episode=episode, bound=bound or {}),
        "measures": episode_measures(episode),
    }
    return render(request, "casework/episode.jinja", context, status=status)


@login_required
def episode_page(request, episode_id: int):
    return _render_page(request, episode_id)


def _act(request, episode_id: int, name: str, form, action, done: str, target=None):
    """Run one action from its posted form, or show the page again with the form's errors.

    `target` finds the goal or task acted on; without it the action is on the episode itself.
    """
    found = target() if target else episode_to_work_on(user=request.user, episode_id=episode_id)
    if found is None:
        raise Http404("No such episode.")
    status = 400
    if form.is_valid():
        try:
            action(found, form.cleaned_data)
        except StaleEpisode as error:
            form.add_error(None, str(error) + STALE_KEPT)
            status = 409
        except EpisodeError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, done)
            return redirect("casework:episode", episode_id=episode_id)
    return _render_page(request, episode_id, bound={name: form}, status=status)


@login_required
@require_POST
def move(request, episode_id: int):
    episode = episode_to_work_on(user=request.user, episode_id=episode_id)
    if episode is None:
        raise Http404("No such episode.")
    # Every stage is offered for checking; the service refuses moves the state machine does not allow.
    form = StageForm(request.POST, prefix="stage", stages=[s for s in Stage if s != Stage.CLOSED])

    def run(episode, data):
        episode_move(
            episode=episode, stage=data["stage"], note=data["note"], by=request.user, version=data["version"]
        )

    return _act(request, episode_id, "stage", form, run, "Stage changed.")


@login_required
@require_POST
def what_matters(request, episode_id: int):
    def run(episode, data):
        what_matters_record(
            episode=episode,
            by=request.user,
            version=data["version"],
            narrative=data["narrative"],
            needs=data["needs"],
            strengths=data["strengths"],
            risks=data["risks"],
        )

    form = WhatMattersForm(request.POST, prefix="what-matters")
    return _act(request, episode_id, "what_matters", form, run, "What matters recorded.")


@login_required
@require_POST
def goal_create(request, episode_id: int):
    def run(episode, data):
        goal_add(
            episode=episode,
            by=request.user,
            version=data["version"],
            text=data["text"],
            review_on=data["review_on"],
        )

    return _act(request, episode_id, "goal", GoalForm(request.POST, prefix="goal"), run, "Goal added.")


@login_required
@require_POST
def goal_change(request, episode_id: int, goal_id: int):
    def run(goal, data):
        goal_update(
            goal=goal, by=request.user, version=data["version"], status=data["status"], note=data["note"]
        )

    name = f"goal-{goal_id}"
    form = GoalUpdateForm(request.POST, prefix=name)

    def target():
        return goal_to_work_on(user=request.user, episode_id=episode_id, goal_id=goal_id)

    return _act(request, episode_id, name, form, run, "Goal updated.", target=target)


@login_required
@require_POST
def contact(request, episode_id: int):
    def run(episode, data):
        contact_record(
            episode=episode,
            by=request.user,
            version=data["version"],
            happened_on=data["happened_on"],
            mode=data["mode"],
            duration_minutes=data["duration_minutes"],
            did_not_attend=data["did_not_attend"],
            note=data["note"],
        )

    form = ContactForm(request.POST, prefix="contact")
    return _act(request, episode_id, "contact", form, run, "Contact recorded.")


@login_required
@require_POST
def task_create(request, episode_id: int):
    def run(episode, data):
        task_add(
            episode=episode,
            by=request.user,
            version=data["version"],
            text=data["text"],
            due_on=data["due_on"],
        )

    return _act(request, episode_id, "task", TaskForm(request.POST, prefix="task"), run, "Reminder added.")


@login_required
@require_POST
def task_done(request, episode_id: int, task_id: int):
    def run(task, data):
        task_complete(task=task, by=request.user, version=data["version"])

    name = f"task-{task_id}"

    def target():
        return task_to_work_on(user=request.user, episode_id=episode_id, task_id=task_id)

    form = EpisodeForm(request.POST, prefix=name)
    return _act(request, episode_id, name, form, run, "Reminder done.", target=target)


@login_required
@require_POST
def close(request, episode_id: int):
    def run(episode, data):
        episode_close(
            episode=episode,
            by=request.user,
            version=data["version"],
            reason=data["reason"],
            summary=data["summary"],
        )

    return _act(request, episode_id, "close", CloseForm(request.POST, prefix="close"), run, "Episode closed.")
