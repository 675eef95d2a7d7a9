from django import forms

from .models import ProblemKind, Service
from .stewardship import EDITABLE_FIELDS

RADIUS_CHOICES = [("1", "1 km"), ("2", "2 km"), ("5", "5 km"), ("10", "10 km"), ("25", "25 km")]
DAY_CHOICES = [
    ("", "Any day"),
    ("MO", "Monday"),
    ("TU", "Tuesday"),
    ("WE", "Wednesday"),
    ("TH", "Thursday"),
    ("FR", "Friday"),
    ("SA", "Saturday"),
    ("SU", "Sunday"),
]
TIME_CHOICES = [("", "Any time"), ("10:00", "Morning"), ("14:00", "Afternoon"), ("18:30", "Evening")]
ACCESSIBILITY_CHOICES = [
    ("wheelchair", "Wheelchair or step-free access"),
    ("hearing loop", "Hearing loop"),
    ("accessible toilet", "Accessible toilet"),
]


class SearchForm(forms.Form):
    q = forms.CharField(
        label="What's going on?",
        required=False,
        max_length=300,
        help_text="In the person's own words, for example: \"I've been so lonely since my wife died\".",
    )
    where = forms.CharField(
        label="Where?",
        required=False,
        max_length=60,
        help_text="A postcode, the first part of one (G21), or a Glasgow neighbourhood (Possil Park).",
    )
    radius = forms.ChoiceField(label="Within", choices=RADIUS_CHOICES, initial="5", required=False)
    category = forms.ChoiceField(label="Kind of support", required=False, choices=[("", "Any kind")])
    day = forms.ChoiceField(label="Open on", choices=DAY_CHOICES, required=False)
    time = forms.ChoiceField(label="At", choices=TIME_CHOICES, required=False)
    age = forms.IntegerField(
        label="Age of the person",
        required=False,
        min_value=0,
        max_value=120,
        error_messages={"min_value": "Enter an age of 0 or more", "max_value": "Enter an age of 120 or less"},
    )
    free = forms.BooleanField(label="Free", required=False)
    taking_referrals = forms.BooleanField(label="Taking referrals now", required=False)
    accessibility = forms.MultipleChoiceField(
        label="Access needs",
        choices=ACCESSIBILITY_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, categories=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = [("", "Any kind"), *((term.slug, term.name) for term in categories)]

    @property
    def has_query(self) -> bool:
        data = self.cleaned_data if self.is_bound and hasattr(self, "cleaned_data") else {}
        return bool(data.get("q") or data.get("where") or data.get("category"))


class ProblemForm(forms.Form):
    kind = forms.ChoiceField(
        label="What is wrong?",
        choices=ProblemKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select what is wrong with this listing"},
    )
    message = forms.CharField(
        label="Tell us more (optional)",
        required=False,
        max_length=2000,
        widget=forms.Textarea,
        help_text="Do not include anyone's personal details.",
    )
    email = forms.EmailField(
        label="Your email address (optional)",
        required=False,
        help_text="Only if you would like us to tell you when it is fixed.",
        error_messages={"invalid": "Enter an email address in the right format, like name@example.org"},
    )
    website = forms.CharField(required=False, label="Leave this empty")  # a trap for robots

    def clean_website(self):
        if self.cleaned_data.get("website"):
            raise forms.ValidationError("Leave this field empty.")
        return ""


class EmailShortlistForm(forms.Form):
    email = forms.EmailField(
        label="Email address to send it to",
        error_messages={
            "required": "Enter an email address",
            "invalid": "Enter an email address in the right format, like name@example.org",
        },
        help_text="We send the list once and do not keep the address.",
    )


class ListingForm(forms.ModelForm):
    """The details of a listing that editors and listing owners keep up to date."""

    checked = forms.BooleanField(label="I have checked everything on this listing is right", required=False)

    class Meta:
        model = Service
        fields = EDITABLE_FIELDS
        labels = {
            "first_visit": "What happens the first time someone goes",
            "eligibility_description": "Who can go",
            "fees_description": "What it costs",
            "referral_route": "How to start",
            "capacity": "Places",
            "url": "Website",
            "alert": "Notice (for example, closed over the holidays)",
        }
        error_messages = {"name": {"required": "Enter the name of the service"}}

    def clean(self):
        cleaned = super().clean()
        low, high = cleaned.get("minimum_age"), cleaned.get("maximum_age")
        if low is not None and high is not None and low > high:
            self.add_error("maximum_age", "The oldest age must be the same as or more than the youngest age")
        return cleaned


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(choices=[("approve", "Approve"), ("reject", "Reject")])
    note = forms.CharField(required=False, max_length=1000)
