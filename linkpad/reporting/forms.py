"""The dashboards' filters, sent by GET so a filtered view can be bookmarked and shared."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils import timezone

from . import periods
from .scope import team_practices
from .selectors import DEFAULT_RADIUS_KM, RADII_KM, Scope

LAST_YEAR, CUSTOM = "12m", "custom"
DATES_NEEDED = "Enter a start date and an end date, or choose a quarter."
NOT_YOUR_PRACTICE = "Choose one of your practices."


class ReportFilterForm(forms.Form):
    practice = forms.TypedChoiceField(label="Practice", required=False, coerce=int, empty_value=None)
    team = forms.TypedChoiceField(label="CLP team", required=False, coerce=int, empty_value=None)
    period = forms.ChoiceField(label="Period", required=False)
    start = forms.DateField(
        label="From (custom period)", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    end = forms.DateField(
        label="To (custom period)", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    within = forms.TypedChoiceField(
        label="Look for support within",
        required=False,
        coerce=float,
        empty_value=float(DEFAULT_RADIUS_KM),
        choices=[(str(r), f"{r} km") for r in RADII_KM],
    )

    def __init__(self, *args, practices=(), teams=(), today: dt.date | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if self.is_bound and not self.data.get("within"):
            self.data = self.data.copy()
            self.data["within"] = str(DEFAULT_RADIUS_KM)
        self.fields["within"].initial = str(DEFAULT_RADIUS_KM)
        self.today = today or timezone.localdate()
        self.practices = {p.pk: p for p in practices}
        self.teams = {t.pk: t for t in teams}
        self.fields["practice"].choices = [("", "All your practices")] + [(p.pk, p.name) for p in practices]
        self.fields["team"].choices = [("", "All teams")] + [(t.pk, t.name) for t in teams]
        self.quarters = dict(periods.recent_quarters(self.today))
        self.fields["period"].choices = [
            (LAST_YEAR, "The last 12 months"),
            *[(key, period.label) for key, period in self.quarters.items()],
            (CUSTOM, "Custom dates"),
        ]

    def clean(self):
        data = super().clean()
        choice = data.get("period") or LAST_YEAR
        try:
            if choice == CUSTOM:
                if not (data.get("start") and data.get("end")):
                    raise ValueError(DATES_NEEDED)
                data["period_value"] = periods.custom(data["start"], data["end"])
            elif choice == LAST_YEAR:
                data["period_value"] = periods.last_twelve_months(self.today)
            else:
                data["period_value"] = periods.parse_quarter(choice)
        except ValueError as error:
            self.add_error("period" if choice != CUSTOM else "start", str(error))
        return data

    def scope(self) -> Scope:
        """The practices and period chosen (all practices and the last 12 months when nothing is)."""
        data = self.cleaned_data if self.is_valid() else {}
        ids = set(self.practices)
        if data.get("practice"):
            ids &= {data["practice"]}
        if data.get("team"):
            ids &= set(team_practices(self.teams[data["team"]]).values_list("pk", flat=True))
        period = data.get("period_value") or periods.last_twelve_months(self.today)
        return Scope(tuple(sorted(ids)), period)

    @property
    def radius_km(self) -> float:
        return (self.cleaned_data.get("within") if self.is_valid() else None) or float(DEFAULT_RADIUS_KM)
