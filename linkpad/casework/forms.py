"""Forms for casework pages. They check what people type; the rules live in services.py.

Each form carries the episode's `version` as the user saw it, so a change made meanwhile by someone
else is refused instead of overwritten. Forms are prefixed, so that many can share the episode page.
"""

import datetime as dt

from django import forms
from django.utils import timezone

from linkpad.referrals.models import ReasonCode

from .models import ClosureReason, ContactMode, FirstStep, GoalStatus, LinkStage, Stage

TOO_LONG = "This must be %(limit_value)d characters or fewer"
STAGE_MISSING = "Choose the stage to move to"
NARRATIVE_MISSING = "Write down what matters to them"
GOAL_MISSING = "Write the goal you agreed"
REVIEW_DATE_MISSING = "Enter a review date"
DATE_INVALID = "Enter the date as day, month and year, like 15/03/2026"
GOAL_STATUS_MISSING = "Choose how the goal is going"
CONTACT_DATE_MISSING = "Enter the date of the contact"
CONTACT_DATE_FUTURE = "The date of the contact must be today or earlier"
MODE_MISSING = "Choose how you met"
DURATION_INVALID = "Enter how long it took in minutes, from 1 to 600"
TASK_MISSING = "Write what needs doing"
DUE_DATE_MISSING = "Enter a due date"
CLOSURE_REASON_MISSING = "Choose why the episode is closing"
SUMMARY_MISSING = "Write a short summary of the support"
RELOAD = "Reload the page and try again"
DATE_FORMATS = ["%d/%m/%Y", "%d %m %Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d"]


def _required(message: str) -> dict:
    return {"required": message, "invalid_choice": message, "max_length": TOO_LONG}


def _date(label: str, missing: str, **kwargs) -> forms.DateField:
    return forms.DateField(
        label=label,
        help_text="For example, 15/03/2026",
        input_formats=DATE_FORMATS,
        error_messages={"required": missing, "invalid": DATE_INVALID},
        **kwargs,
    )


def _text(label: str, missing: str | None = None, max_length: int = 4000) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=missing is not None,
        max_length=max_length,
        widget=forms.Textarea,
        error_messages=_required(missing or ""),
    )


class EpisodeForm(forms.Form):
    version = forms.IntegerField(
        widget=forms.HiddenInput, error_messages={"required": RELOAD, "invalid": RELOAD}
    )


class StageForm(EpisodeForm):
    stage = forms.ChoiceField(
        label="Move to", widget=forms.RadioSelect, error_messages=_required(STAGE_MISSING)
    )
    note = _text("Why (optional)", max_length=1000)

    def __init__(self, *args, stages=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["stage"].choices = [(s, Stage(s).label) for s in stages]


class WhatMattersForm(EpisodeForm):
    narrative = _text("What matters to them", NARRATIVE_MISSING)
    needs = forms.MultipleChoiceField(
        label="What would they like help with?",
        help_text="Choose all that apply.",
        required=False,
        choices=ReasonCode.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    strengths = _text("Their strengths (optional)")
    risks = _text("Risks or worries (optional)")


class GoalForm(EpisodeForm):
    text = _text("Goal", GOAL_MISSING, max_length=1000)
    review_on = _date("Review date", REVIEW_DATE_MISSING)


class GoalUpdateForm(EpisodeForm):
    status = forms.ChoiceField(
        label="How is it going?",
        choices=GoalStatus.choices,
        widget=forms.RadioSelect,
        error_messages=_required(GOAL_STATUS_MISSING),
    )
    note = _text("Progress note (optional)", max_length=2000)


class ContactForm(EpisodeForm):
    happened_on = _date("Date of the contact", CONTACT_DATE_MISSING)
    mode = forms.ChoiceField(
        label="How did you meet?",
        choices=ContactMode.choices,
        widget=forms.RadioSelect,
        error_messages=_required(MODE_MISSING),
    )
    duration_minutes = forms.IntegerField(
        label="How long, in minutes (optional)",
        required=False,
        min_value=1,
        max_value=600,
        error_messages={
            "invalid": DURATION_INVALID,
            "min_value": DURATION_INVALID,
            "max_value": DURATION_INVALID,
        },
    )
    did_not_attend = forms.BooleanField(label="They did not attend", required=False)
    note = _text("Contact note (optional)")

    def clean_happened_on(self) -> dt.date:
        happened = self.cleaned_data["happened_on"]
        if happened > timezone.localdate():
            raise forms.ValidationError(CONTACT_DATE_FUTURE)
        return happened


class TaskForm(EpisodeForm):
    text = forms.CharField(label="Reminder", max_length=200, error_messages=_required(TASK_MISSING))
    due_on = _date("Due date", DUE_DATE_MISSING)


class CloseForm(EpisodeForm):
    reason = forms.ChoiceField(
        label="Why is the episode closing?",
        choices=ClosureReason.choices,
        widget=forms.RadioSelect,
        error_messages=_required(CLOSURE_REASON_MISSING),
    )
    summary = _text("Summary of the support", SUMMARY_MISSING)


FIRST_STEP_MISSING = "Choose how they will take the first step"
LINK_STAGE_MISSING = "Choose what has happened"
ANSWER_MISSING = "Choose your answer"
DECLINE_REASON_MISSING = "Say why you cannot take this referral"


class FindSupportForm(forms.Form):
    q = forms.CharField(label="What are they looking for?", required=False, max_length=200)
    where = forms.CharField(label="Near (postcode or place)", required=False, max_length=64)


class LinkSuggestForm(EpisodeForm):
    service = forms.CharField(widget=forms.HiddenInput, max_length=64, error_messages=_required(RELOAD))


class LinkFirstStepForm(EpisodeForm):
    first_step = forms.ChoiceField(
        label="How will they take the first step?",
        choices=FirstStep.choices,
        widget=forms.RadioSelect,
        error_messages=_required(FIRST_STEP_MISSING),
    )
    first_step_on = _date("Date of the first step (optional)", "", required=False)
    note = forms.CharField(label="Who goes with them (optional)", required=False, max_length=500)


class LinkMoveForm(EpisodeForm):
    stage = forms.ChoiceField(
        label="What has happened?", widget=forms.RadioSelect, error_messages=_required(LINK_STAGE_MISSING)
    )
    note = forms.CharField(label="Note (optional)", required=False, max_length=1000)
    reason = forms.CharField(label="If declined, why", required=False, max_length=1000)

    def __init__(self, *args, stages=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["stage"].choices = [(s, LinkStage(s).label) for s in stages]


class AnswerForm(forms.Form):
    answer = forms.ChoiceField(
        label="Your answer", widget=forms.RadioSelect, error_messages=_required(ANSWER_MISSING)
    )
    reason = forms.CharField(label="If you cannot take them, why", required=False, max_length=1000)

    def __init__(self, *args, answers=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["answer"].choices = answers

    def clean(self):
        data = super().clean()
        if data.get("answer") == "decline" and not data.get("reason", "").strip():
            self.add_error("reason", DECLINE_REASON_MISSING)
        return data


def link_stages_to_move_to(stage: str) -> list[str]:
    from .link_services import LINK_TRANSITIONS

    return [s for s in LinkStage if s in LINK_TRANSITIONS[stage]]


def link_forms(episode) -> dict:
    """A first-step form and a move-on form for each of the episode's links still in progress."""
    from .presenters import link_stage

    forms = {}
    for link in episode.links.all():
        stages = link_stages_to_move_to(link_stage(link))
        if not stages:
            continue
        initial = {"first_step": link.first_step, "note": link.first_step_note}
        if link.first_step_on:
            initial["first_step_on"] = link.first_step_on.strftime("%d/%m/%Y")
        forms[f"link-{link.pk}-step"] = LinkFirstStepForm(prefix=f"link-{link.pk}-step", initial=initial)
        forms[f"link-{link.pk}-move"] = LinkMoveForm(prefix=f"link-{link.pk}-move", stages=stages)
    return forms


class CaseloadFilterForm(forms.Form):
    """The caseload's search box and filters, sent by GET so a filtered caseload can be bookmarked."""

    q = forms.CharField(label="Search by name, CHI number or reference", required=False, max_length=100)
    stage = forms.ChoiceField(label="Stage", required=False)
    practice = forms.TypedChoiceField(label="Practice", required=False, coerce=int, empty_value=None)
    flagged = forms.BooleanField(label="Has an open risk flag", required=False)
    overdue = forms.BooleanField(label="Something overdue", required=False)
    due_today = forms.BooleanField(label="Something due today", required=False)

    def __init__(self, *args, practices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["stage"].choices = [("", "Any stage"), *Stage.choices]
        self.fields["practice"].choices = [("", "Any practice")] + [(p.pk, p.name) for p in practices]
