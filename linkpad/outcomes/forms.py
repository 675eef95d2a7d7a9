"""Forms for recording a measure: choose the measure and timepoint, then answer each item."""

import datetime as dt

from django import forms
from django.utils import timezone

from linkpad.casework.forms import DATE_FORMATS, DATE_INVALID, EpisodeForm

from .measures import MEASURES, Measure
from .models import Timepoint

MEASURE_MISSING = "Choose the measure to record"
TIMEPOINT_MISSING = "Choose when in the support this is"
ITEM_MISSING = "Answer question {number}: {text}"
COMPLETED_MISSING = "Enter the date they answered it"
COMPLETED_FUTURE = "The date they answered it must be today or earlier"


class ChooseForm(forms.Form):
    measure = forms.ChoiceField(
        label="Which measure?",
        choices=[
            (m.key, f"{m.short_name}: {m.name}") if m.short_name not in m.name else (m.key, m.name)
            for m in MEASURES.values()
        ],
        widget=forms.RadioSelect,
        error_messages={"required": MEASURE_MISSING, "invalid_choice": MEASURE_MISSING},
    )
    timepoint = forms.ChoiceField(
        label="When in the support is this?",
        choices=Timepoint.choices,
        widget=forms.RadioSelect,
        error_messages={"required": TIMEPOINT_MISSING, "invalid_choice": TIMEPOINT_MISSING},
    )


class AnswersForm(EpisodeForm):
    """One radio question per item, with the item's own response options."""

    completed_on = forms.DateField(
        label="Date they answered it",
        help_text="For example, 15/03/2026",
        input_formats=DATE_FORMATS,
        error_messages={"required": COMPLETED_MISSING, "invalid": DATE_INVALID},
    )

    def __init__(self, *args, measure: Measure, **kwargs):
        super().__init__(*args, **kwargs)
        self.measure = measure
        for number, item in enumerate(measure.items, start=1):
            missing = ITEM_MISSING.format(number=number, text=item.text)
            self.fields[f"item_{number}"] = forms.TypedChoiceField(
                label=f"{number}. {item.text}",
                choices=[(o.value, o.label) for o in measure.options_for(item)],
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={"required": missing, "invalid_choice": missing},
            )
        self.order_fields([*(f"item_{n}" for n in range(1, len(measure.items) + 1)), "completed_on"])

    def item_fields(self) -> list:
        return [self[f"item_{n}"] for n in range(1, len(self.measure.items) + 1)]

    def answers(self) -> list[int]:
        return [self.cleaned_data[f"item_{n}"] for n in range(1, len(self.measure.items) + 1)]

    def clean_completed_on(self) -> dt.date:
        completed = self.cleaned_data["completed_on"]
        if completed > timezone.localdate():
            raise forms.ValidationError(COMPLETED_FUTURE)
        return completed
