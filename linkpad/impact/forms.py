"""Forms for the impact pages: the main levers of a scenario, and its whole file."""

import tomllib

from django import forms

from linkpad.impact.models import MAX_ITERATIONS
from linkpad.impact.services import OptionLevers

NAME_MISSING = "Enter a name for the scenario"
NUMBER = "Enter a whole number"
ITERATIONS_RANGE = f"Enter a number of iterations from 1 to {MAX_ITERATIONS:,}"
FTE_MISSING = "Enter the whole-time posts for {name}"
TWO_OPTIONS = "Give at least two options to compare"
SAME_NAMES = "Give each option a different name"


class RunSettingsForm(forms.Form):
    name = forms.CharField(label="Scenario name", max_length=200, error_messages={"required": NAME_MISSING})
    practices = forms.IntegerField(
        label="GP practices in the programme",
        min_value=1,
        error_messages={"required": NUMBER, "invalid": NUMBER, "min_value": NUMBER},
    )
    horizon_years = forms.IntegerField(
        label="Horizon (years)",
        help_text="How many years of costs and effects to count, discounted as the Green Book says.",
        min_value=1,
        max_value=30,
        error_messages={"required": NUMBER, "invalid": NUMBER},
    )
    iterations = forms.IntegerField(
        label="Iterations",
        help_text="Draws of the uncertain parameters: 1,000 is quick, 10,000 is steadier.",
        min_value=1,
        max_value=MAX_ITERATIONS,
        error_messages={
            "required": ITERATIONS_RANGE,
            "invalid": ITERATIONS_RANGE,
            "min_value": ITERATIONS_RANGE,
            "max_value": ITERATIONS_RANGE,
        },
    )
    seed = forms.IntegerField(
        label="Seed",
        help_text="The same seed gives the same results.",
        min_value=0,
        error_messages={"required": NUMBER, "invalid": NUMBER},
    )


class OptionForm(forms.Form):
    name = forms.CharField(label="Option name", max_length=200, required=False)
    fte = forms.FloatField(
        label="Whole-time posts",
        min_value=0.1,
        required=False,
        error_messages={"invalid": "Enter a number of posts"},
    )
    practices_covered = forms.IntegerField(
        label="Practices covered",
        help_text="Fewer than all practices targets the posts: those covered are the most deprived.",
        min_value=1,
        required=False,
        error_messages={"invalid": NUMBER},
    )
    referral_multiplier = forms.FloatField(
        label="Referrals compared with an average practice",
        help_text="1 is average; more deprived practices refer more (1.2 is 20% more).",
        min_value=0.01,
        required=False,
        error_messages={"invalid": "Enter a number, such as 1 or 1.2"},
    )
    protect_contact_frequency = forms.BooleanField(
        label="Protect contact frequency (fixed sessions, so spreading posts does not lower engagement)",
        required=False,
    )

    def clean(self):
        data = super().clean()
        if data.get("name") and not data.get("fte"):
            self.add_error("fte", FTE_MISSING.format(name=data["name"]))
        return data


OptionFormSet = forms.formset_factory(OptionForm, extra=1)


def options_from(formset, practices: int) -> list[OptionLevers]:
    """The options with a name, in order; an error on the formset when fewer than two or names repeat."""
    options = [
        OptionLevers(
            name=f.cleaned_data["name"].strip(),
            fte=f.cleaned_data["fte"],
            practices_covered=f.cleaned_data.get("practices_covered") or practices,
            referral_multiplier=f.cleaned_data.get("referral_multiplier") or 1.0,
            protect_contact_frequency=f.cleaned_data.get("protect_contact_frequency", False),
        )
        for f in formset.forms
        if f.cleaned_data.get("name", "").strip()
    ]
    if len(options) < 2:
        raise forms.ValidationError(TWO_OPTIONS)
    if len({o.name for o in options}) != len(options):
        raise forms.ValidationError(SAME_NAMES)
    return options


def initial_from(text: str) -> tuple[dict, list[dict]]:
    """The form's starting values from a scenario file."""
    data = tomllib.loads(text)
    study = data.get("study", {})
    settings = {"practices": study.get("practices"), "horizon_years": study.get("horizon_years", 5)}
    options = [
        {
            "name": o.get("name", ""),
            "fte": o.get("fte"),
            "practices_covered": o.get("practices_covered", study.get("practices")),
            "referral_multiplier": o.get("referral_multiplier", 1.0),
            "protect_contact_frequency": o.get("protect_contact_frequency", False),
        }
        for o in data.get("option", [])
    ]
    return settings, options


class FileForm(forms.Form):
    toml = forms.CharField(
        label="Scenario file (TOML)",
        help_text="The same format as `linkpad impact run` reads; see examples/glasgow-2024.toml.",
        widget=forms.Textarea,
        error_messages={"required": "Enter the scenario file"},
    )
