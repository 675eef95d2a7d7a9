from django import forms

from .audiences import AUDIENCES, DEFAULT_AUDIENCE
from .concerns import CONCERNS, DEFAULT_CONCERN


class GuideForm(forms.Form):
    """Which guide: a postcode (or a practice's code, from a printed QR code) and a concern."""

    postcode = forms.CharField(
        label="Postcode",
        max_length=10,
        required=False,
        help_text="The postcode of the GP practice or of the person, like G21 1TR.",
    )
    practice = forms.CharField(max_length=64, required=False, widget=forms.HiddenInput)
    concern = forms.ChoiceField(
        label="What is the guide about?",
        choices=[(c.slug, c.title) for c in CONCERNS.values()],
        initial=DEFAULT_CONCERN,
        required=False,
        error_messages={"invalid_choice": "Choose what the guide is about from the list"},
    )
    audience = forms.ChoiceField(
        label="Who is it for?",
        choices=[(a.slug, a.label) for a in AUDIENCES.values()],
        initial=DEFAULT_AUDIENCE,
        required=False,
        help_text="Only groups that take people of these ages are listed.",
        error_messages={"invalid_choice": "Choose who the guide is for from the list"},
    )
    large_print = forms.BooleanField(label="Large print", required=False)


class SendPlanForm(forms.Form):
    how = forms.ChoiceField(
        label="How should we send it?",
        choices=[("email", "Email"), ("text", "Text message")],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose email or text message"},
    )
