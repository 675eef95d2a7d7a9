"""Forms for people outside the practice: another professional referring someone, and the CLP's choice of
message to the GP. They check what people type; the rules live in services.py and gp_messages.py."""

from django import forms

from .forms import EMAIL_INVALID, PRACTICE_MISSING, TOO_LONG, PersonFields, _required
from .models import GpMessageKind
from .services import ReferrerDetails

REFERRER_NAME_MISSING = "Enter your name"
REFERRER_ROLE_MISSING = "Enter your job or role"
REFERRER_ORGANISATION_MISSING = "Enter the organisation you work for"
REFERRER_CONTACT_MISSING = "Enter a phone number or an email address so the CLP can reach you"
KIND_MISSING = "Choose which message to send"


class ProfessionalReferralForm(PersonFields):
    """A professional outside the practice (a health visitor, a housing officer) refers someone."""

    referrer_name = forms.CharField(
        label="Your name", max_length=150, error_messages=_required(REFERRER_NAME_MISSING)
    )
    referrer_role = forms.CharField(
        label="Your job or role",
        max_length=150,
        help_text="For example, health visitor or housing officer.",
        error_messages=_required(REFERRER_ROLE_MISSING),
    )
    referrer_organisation = forms.CharField(
        label="Your organisation", max_length=200, error_messages=_required(REFERRER_ORGANISATION_MISSING)
    )
    referrer_phone = forms.CharField(
        label="Your phone number", required=False, max_length=32, error_messages={"max_length": TOO_LONG}
    )
    referrer_email = forms.EmailField(
        label="Your work email address", required=False, error_messages={"invalid": EMAIL_INVALID}
    )
    practice = forms.ChoiceField(
        label="Their GP practice",
        help_text="The practice they are registered with.",
        error_messages=_required(PRACTICE_MISSING),
    )

    field_order = [
        "referrer_name", "referrer_role", "referrer_organisation", "referrer_phone", "referrer_email",
        "practice", "given_name", "family_name", "date_of_birth", "postcode", "phone", "email",
        "preferred_contact", "reasons", "free_text", "consent_to_share",
    ]  # fmt: skip

    def __init__(self, *args, practices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["practice"].choices = [
            ("", "Choose their practice"),
            *((str(p.pk), p.name) for p in practices),
        ]

    def clean(self) -> dict:
        data = super().clean()
        if "referrer_phone" in data and "referrer_email" in data:
            if not (data["referrer_phone"].strip() or data["referrer_email"]):
                self.add_error("referrer_phone", REFERRER_CONTACT_MISSING)
        return data

    def referrer(self) -> ReferrerDetails:
        data = self.cleaned_data
        return ReferrerDetails(
            name=data["referrer_name"],
            role=data["referrer_role"],
            organisation=data["referrer_organisation"],
            phone=data["referrer_phone"],
            email=data["referrer_email"],
        )


class GpMessageForm(forms.Form):
    kind = forms.ChoiceField(choices=GpMessageKind.choices, error_messages=_required(KIND_MISSING))
