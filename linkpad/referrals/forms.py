"""Forms for referral pages. They check what people type; the rules live in services.py."""

import datetime as dt

from django import forms
from django.utils import timezone

from linkpad.geography.postcodes import PostcodeError, normalise_postcode

from .chi import CHI_WRONG_LENGTH, ChiError, chi_matches_birth_date, validate_chi
from .models import ContactMethod, ContactOutcome, ContactPreference, Priority, ReasonCode, Urgency
from .services import PersonDetails

GIVEN_NAME_MISSING = "Enter their first name"
FAMILY_NAME_MISSING = "Enter their last name"
BIRTH_DATE_MISSING = "Enter their date of birth"
BIRTH_DATE_INVALID = "Enter their date of birth as day, month and year, like 15/03/1984"
BIRTH_DATE_FUTURE = "Their date of birth must be in the past"
BIRTH_DATE_TOO_OLD = "Check the year of their date of birth"
CHI_DOES_NOT_MATCH = "The CHI number does not start with their date of birth. Check both"
REASONS_MISSING = "Choose at least one reason for the referral"
URGENCY_MISSING = "Choose how soon they need to hear from the CLP"
CONSENT_MISSING = "Say whether they agreed to share their details"
PRACTICE_MISSING = "Choose the GP practice"
CONTACT_DETAILS_MISSING = "Enter a phone number or an email address so the CLP can get in touch"
EMAIL_INVALID = "Enter an email address like name@example.com"
DUPLICATE_CHOICE_MISSING = "Choose whether this is the same person"
PRIORITY_MISSING = "Choose a priority"
PRACTITIONER_MISSING = "Choose who will work with them"
METHOD_MISSING = "Choose how you tried to get in touch"
OUTCOME_MISSING = "Choose what happened"
DECLINE_REASON_MISSING = "Say why the referral was declined"
WITHDRAW_REASON_MISSING = "Say why you are withdrawing the referral"

YES_NO = [("yes", "Yes"), ("no", "No")]
SAME_PERSON = "same"
NEW_PERSON = "new"


TOO_LONG = "This must be %(limit_value)d characters or fewer"


def _required(message: str) -> dict:
    return {"required": message, "invalid_choice": message, "max_length": TOO_LONG}


class PersonFields(forms.Form):
    """The details of the person referred, shared by the practice and self-referral forms."""

    given_name = forms.CharField(
        label="First name", max_length=100, error_messages=_required(GIVEN_NAME_MISSING)
    )
    family_name = forms.CharField(
        label="Last name", max_length=100, error_messages=_required(FAMILY_NAME_MISSING)
    )
    date_of_birth = forms.DateField(
        label="Date of birth",
        help_text="For example, 15/03/1984",
        input_formats=["%d/%m/%Y", "%d %m %Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d"],
        error_messages={"required": BIRTH_DATE_MISSING, "invalid": BIRTH_DATE_INVALID},
    )
    postcode = forms.CharField(
        label="Postcode",
        required=False,
        max_length=20,
        help_text="Leave this empty if they have no fixed address.",
        error_messages={"max_length": TOO_LONG},
    )
    phone = forms.CharField(
        label="Phone number", required=False, max_length=32, error_messages={"max_length": TOO_LONG}
    )
    email = forms.EmailField(label="Email address", required=False, error_messages={"invalid": EMAIL_INVALID})
    preferred_contact = forms.ChoiceField(
        label="How would they like to be contacted?",
        choices=ContactPreference.choices,
        initial=ContactPreference.PHONE,
        error_messages=_required("Choose how they would like to be contacted"),
    )
    reasons = forms.MultipleChoiceField(
        label="What would they like help with?",
        help_text="Choose all that apply.",
        choices=ReasonCode.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages=_required(REASONS_MISSING),
    )
    free_text = forms.CharField(
        label="Anything else the CLP should know",
        required=False,
        max_length=2000,
        error_messages={"max_length": TOO_LONG},
        widget=forms.Textarea,
        help_text="In their words if you can. Do not include anything they have not agreed to share.",
    )
    consent_to_share = forms.ChoiceField(
        label="Have they agreed to share these details with the community links practitioner?",
        choices=YES_NO,
        widget=forms.RadioSelect,
        error_messages=_required(CONSENT_MISSING),
    )

    def clean_date_of_birth(self) -> dt.date:
        born = self.cleaned_data["date_of_birth"]
        if born > timezone.localdate():
            raise forms.ValidationError(BIRTH_DATE_FUTURE)
        if born.year < 1900:
            raise forms.ValidationError(BIRTH_DATE_TOO_OLD)
        return born

    def clean_postcode(self) -> str:
        text = self.cleaned_data["postcode"].strip()
        if not text:
            return ""
        try:
            return normalise_postcode(text)
        except PostcodeError as error:
            raise forms.ValidationError(str(error)) from error

    def clean(self) -> dict:
        data = super().clean()
        if "phone" in data and "email" in data and not (data["phone"] or data["email"]):
            if data.get("preferred_contact") != ContactPreference.LETTER:
                self.add_error("phone", CONTACT_DETAILS_MISSING)
        return data

    def person_details(self) -> PersonDetails:
        data = self.cleaned_data
        return PersonDetails(
            given_name=data["given_name"],
            family_name=data["family_name"],
            date_of_birth=data["date_of_birth"],
            chi_number=data.get("chi_number") or "",
            postcode=data["postcode"],
            phone=data["phone"].strip(),
            email=data["email"],
            preferred_contact=data["preferred_contact"],
        )

    @property
    def consented(self) -> bool:
        return self.cleaned_data["consent_to_share"] == "yes"


class PracticeReferralForm(PersonFields):
    """Practice staff refer a patient: the person, why, how soon, and their consent."""

    practice = forms.ChoiceField(label="Referring practice", error_messages=_required(PRACTICE_MISSING))
    chi_number = forms.CharField(
        label="CHI number",
        required=False,
        max_length=20,
        help_text="10 digits. Leave empty if you do not have it.",
        error_messages={"max_length": CHI_WRONG_LENGTH},
    )
    urgency = forms.ChoiceField(
        label="How soon should the CLP contact them?",
        choices=Urgency.choices,
        widget=forms.RadioSelect,
        error_messages=_required(URGENCY_MISSING),
    )
    duplicate = forms.ChoiceField(
        label="Is this the same person?",
        required=False,
        choices=[(SAME_PERSON, "Yes, refer this person again"), (NEW_PERSON, "No, they are someone else")],
        widget=forms.RadioSelect,
    )

    field_order = [
        "practice", "given_name", "family_name", "date_of_birth", "chi_number", "postcode", "phone", "email",
        "preferred_contact", "reasons", "free_text", "urgency", "consent_to_share", "duplicate",
    ]  # fmt: skip

    def __init__(self, *args, practices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["practice"].choices = [(str(p.pk), p.name) for p in practices]
        if len(self.fields["practice"].choices) == 1:
            self.fields["practice"].initial = self.fields["practice"].choices[0][0]

    def clean_chi_number(self) -> str:
        text = self.cleaned_data["chi_number"].strip()
        if not text:
            return ""
        try:
            return validate_chi(text)
        except ChiError as error:
            raise forms.ValidationError(str(error)) from error

    def clean(self) -> dict:
        data = super().clean()
        chi, born = data.get("chi_number"), data.get("date_of_birth")
        if chi and born and not chi_matches_birth_date(chi, born):
            self.add_error("chi_number", CHI_DOES_NOT_MATCH)
        return data


class SelfReferralForm(PersonFields):
    """A member of the public refers themselves: the same details, in the second person."""

    practice = forms.ChoiceField(
        label="Your GP practice",
        help_text="The practice you are registered with.",
        error_messages=_required(PRACTICE_MISSING),
    )

    field_order = [
        "practice", "given_name", "family_name", "date_of_birth", "postcode", "phone", "email",
        "preferred_contact", "reasons", "free_text", "consent_to_share",
    ]  # fmt: skip

    def __init__(self, *args, practices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["practice"].choices = [
            ("", "Choose your practice"),
            *((str(p.pk), p.name) for p in practices),
        ]
        labels = {
            "given_name": "Your first name",
            "family_name": "Your last name",
            "date_of_birth": "Your date of birth",
            "postcode": "Your postcode",
            "phone": "Your phone number",
            "email": "Your email address",
            "preferred_contact": "How would you like us to contact you?",
            "reasons": "What would you like help with?",
            "free_text": "Tell us a little about what is going on (optional)",
            "consent_to_share": "Can we share these details with the community links practitioner at your practice?",
        }
        for name, label in labels.items():
            self.fields[name].label = label
        self.fields["free_text"].help_text = "Only what you are happy for us to know."
        self.fields["postcode"].help_text = "Leave this empty if you have no fixed address."


class TriageForm(forms.Form):
    priority = forms.TypedChoiceField(
        label="Priority",
        choices=Priority.choices,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages=_required(PRIORITY_MISSING),
    )


class AllocateForm(forms.Form):
    practitioner = forms.ChoiceField(label="Allocate to", error_messages=_required(PRACTITIONER_MISSING))

    def __init__(self, *args, practitioners=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["practitioner"].choices = [(str(u.pk), str(u)) for u in practitioners]


class ContactAttemptForm(forms.Form):
    method = forms.ChoiceField(
        label="How did you try?",
        choices=ContactMethod.choices,
        widget=forms.RadioSelect,
        error_messages=_required(METHOD_MISSING),
    )
    outcome = forms.ChoiceField(
        label="What happened?",
        choices=ContactOutcome.choices,
        widget=forms.RadioSelect,
        error_messages=_required(OUTCOME_MISSING),
    )
    notes = forms.CharField(
        label="Notes (optional)",
        required=False,
        max_length=2000,
        widget=forms.Textarea,
        error_messages={"max_length": TOO_LONG},
    )


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label="Why was the referral declined?",
        max_length=2000,
        widget=forms.Textarea,
        error_messages=_required(DECLINE_REASON_MISSING),
    )


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label="Why are you withdrawing the referral?",
        max_length=2000,
        widget=forms.Textarea,
        error_messages=_required(WITHDRAW_REASON_MISSING),
    )
