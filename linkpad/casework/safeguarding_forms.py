"""Forms for safeguarding on the episode page: record a risk, resolve it, record an escalation.

They check what people type; the rules live in `casework/safeguarding.py`. Like every casework form they
carry the episode's `version`, and they are prefixed to share the episode page with the others.
"""

import datetime as dt

from django import forms
from django.utils import timezone

from .forms import EpisodeForm, _date, _required, _text
from .models import EscalatedTo, RiskKind
from .selectors import safeguarding_for_page

KIND_MISSING = "Choose the kind of risk"
DETAIL_MISSING = "Describe the risk"
RESOLUTION_MISSING = "Say what was done about the risk"
ESCALATED_TO_MISSING = "Choose who you passed the concern to"
TO_WHOM_MISSING = "Give their name or role"
ESCALATED_ON_MISSING = "Enter the date you passed it on"
TIME_INVALID = "Enter the time like 14:30"
SHARED_MISSING = "Say what you shared"
ESCALATED_IN_FUTURE = "The date and time must be now or in the past"
FLAG_UNKNOWN = "Choose one of the risk flags listed, or none"


class RiskFlagForm(EpisodeForm):
    kind = forms.ChoiceField(
        label="What kind of risk?",
        choices=RiskKind.choices,
        widget=forms.RadioSelect,
        error_messages=_required(KIND_MISSING),
    )
    detail = _text("What is the risk?", DETAIL_MISSING)


class RiskResolveForm(EpisodeForm):
    resolution = _text("What was done about it?", RESOLUTION_MISSING, max_length=2000)


class EscalationForm(EpisodeForm):
    escalated_to = forms.ChoiceField(
        label="Who did you pass it to?",
        choices=EscalatedTo.choices,
        widget=forms.RadioSelect,
        error_messages=_required(ESCALATED_TO_MISSING),
    )
    to_whom = forms.CharField(
        label="Their name or role", max_length=200, error_messages=_required(TO_WHOM_MISSING)
    )
    escalated_on = _date("Date you passed it on", ESCALATED_ON_MISSING)
    escalated_time = forms.TimeField(
        label="Time (optional)",
        help_text="For example, 14:30",
        required=False,
        input_formats=["%H:%M", "%H.%M", "%H%M"],
        error_messages={"invalid": TIME_INVALID},
    )
    shared = _text("What did you share?", SHARED_MISSING)
    outcome = _text("Outcome (optional)")
    flag = forms.ChoiceField(
        label="About which risk flag? (optional)", required=False, error_messages=_required(FLAG_UNKNOWN)
    )

    def __init__(self, *args, flags=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["flag"].choices = [("", "None of these")] + [
            (str(f.pk), f"{f.get_kind_display()}, raised {timezone.localtime(f.raised_at):%-d %b %Y}")
            for f in flags
        ]

    def clean(self):
        data = super().clean()
        day = data.get("escalated_on")
        if day is not None:
            # Without a time: now for today, midday for an earlier day.
            at = dt.datetime.combine(day, data.get("escalated_time") or dt.time(12, 0))
            if not data.get("escalated_time") and day == timezone.localdate():
                at = timezone.localtime().replace(tzinfo=None)
            data["escalated_at"] = timezone.make_aware(at)
            if data["escalated_at"] > timezone.now():
                self.add_error("escalated_on", ESCALATED_IN_FUTURE)
        return data


def safeguarding_panel(*, user, episode, bound: dict) -> dict:
    """What the safeguarding part of the episode page shows: its flags, open ones apart, escalations, and
    forms (with any just posted). Shown on closed episodes too: safeguarding does not stop at closure."""
    flags, escalations = safeguarding_for_page(user=user, episode=episode)
    open_flags = [f for f in flags if f.is_open]
    return {
        "flags": flags,
        "open_flags": open_flags,
        "escalations": escalations,
        "forms": _forms(flags, open_flags, bound),
    }


def _forms(flags, open_flags, bound: dict) -> dict:
    result = {
        "risk": RiskFlagForm(prefix="risk"),
        "escalation": EscalationForm(
            prefix="escalation",
            flags=flags,
            initial={"escalated_on": timezone.localdate().strftime("%d/%m/%Y")},
        ),
    }
    for flag in open_flags:
        result[f"flag-{flag.pk}"] = RiskResolveForm(prefix=f"flag-{flag.pk}")
    return {**result, **{name: form for name, form in bound.items() if name in result}}
