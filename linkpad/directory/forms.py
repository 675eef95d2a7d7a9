from django import forms

from linkpad.geography.postcodes import PostcodeError, normalise_postcode
from linkpad.geography.selectors import locate

from .models import ProblemKind, Service
from .opening_times import DAILY, HOW_OFTEN, ORDINALS, Session
from .phones import PHONE_TYPES, PhoneRow, phone_number
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


#: Error messages for opening times and places, in the words people see.
CHOOSE_HOW_OFTEN = "Choose how often the session runs"
CHOOSE_A_DAY = "Choose the day or days the session runs"
CHOOSE_ONE_DAY = "Choose one day for a session once a month"
ENTER_OPENS = "Enter the time it starts, like 10:00"
ENTER_CLOSES = "Enter the time it finishes, like 12:00"
ENTER_A_TIME = "Enter a time like 10:00 or 14:30"
CLOSES_AFTER_OPENS = "The finishing time must be after the starting time"
ENTER_PLACE_NAME = "Enter the name of the place"


class SessionForm(forms.Form):
    """One row of opening times: how often, which days, when it starts and finishes, and a note."""

    id = forms.CharField(required=False, widget=forms.HiddenInput)
    how_often = forms.ChoiceField(
        label="How often",
        choices=[("", "Choose how often"), *HOW_OFTEN],
        required=False,
    )
    days = forms.MultipleChoiceField(
        label="Day or days",
        choices=DAY_CHOICES[1:],
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="For a monthly session, choose one day.",
    )
    opens = forms.TimeField(
        label="Starts",
        required=False,
        error_messages={"invalid": ENTER_A_TIME},
        help_text="For example, 10:00",
    )
    closes = forms.TimeField(
        label="Finishes",
        required=False,
        error_messages={"invalid": ENTER_A_TIME},
        help_text="For example, 12:00",
    )
    note = forms.CharField(
        label="Note (optional)",
        required=False,
        max_length=200,
        help_text="For example: term time only, or in the back hall.",
    )

    def clean(self):
        cleaned = super().clean()
        how_often, days = cleaned.get("how_often"), cleaned.get("days") or []
        if not how_often:
            self.add_error("how_often", CHOOSE_HOW_OFTEN)
        elif how_often == DAILY:
            cleaned["days"] = []
        elif not days:
            self.add_error("days", CHOOSE_A_DAY)
        elif how_often in ORDINALS and len(days) != 1:
            self.add_error("days", CHOOSE_ONE_DAY)
        opens, closes = cleaned.get("opens"), cleaned.get("closes")
        if opens is None and "opens" not in self.errors:
            self.add_error("opens", ENTER_OPENS)
        if closes is None and "closes" not in self.errors:
            self.add_error("closes", ENTER_CLOSES)
        if opens and closes and closes <= opens:
            self.add_error("closes", CLOSES_AFTER_OPENS)
        return cleaned

    def session(self) -> Session:
        data = self.cleaned_data
        return Session(
            how_often=data["how_often"],
            days=tuple(data["days"]),
            opens=data["opens"],
            closes=data["closes"],
            note=data["note"].strip(),
            id=data["id"],
        )


class BaseSessionFormSet(forms.BaseFormSet):
    def add_fields(self, form, index):
        super().add_fields(form, index)
        form.fields["DELETE"].label = "Remove this session"


SessionFormSet = forms.formset_factory(SessionForm, formset=BaseSessionFormSet, extra=1, can_delete=True)


ENTER_A_PHONE = "Enter the phone number, or leave the row empty"
ENTER_AN_EXTENSION = "Enter the extension as digits, like 204"


class PhoneForm(forms.Form):
    """One of a listing's phone numbers. A number already `listed` may stay as it is, even if unusual."""

    id = forms.CharField(required=False, widget=forms.HiddenInput)
    number = forms.CharField(
        label="Phone number",
        max_length=50,
        required=False,
        help_text="For example, 0141 496 0000 or 0800 123 4567",
    )
    extension = forms.IntegerField(
        label="Extension (optional)",
        required=False,
        min_value=0,
        max_value=999999,
        error_messages={
            "invalid": ENTER_AN_EXTENSION,
            "min_value": ENTER_AN_EXTENSION,
            "max_value": ENTER_AN_EXTENSION,
        },
    )
    type = forms.ChoiceField(label="What it is for", choices=PHONE_TYPES, initial="voice")
    description = forms.CharField(
        label="Note (optional)",
        max_length=200,
        required=False,
        help_text="For example: reception, weekdays 9am to 5pm.",
    )

    def __init__(self, *args, listed: tuple[str, ...] = (), **kwargs):
        super().__init__(*args, **kwargs)
        self.listed = listed
        kept = self.initial.get("type")
        if kept is not None and kept not in dict(PHONE_TYPES):  # an imported type is kept as it is
            self.fields["type"].choices = [*PHONE_TYPES, (kept, kept or "Not said")]
            self.fields["type"].required = False

    def clean_number(self):
        value = self.cleaned_data["number"].strip()
        if not value:
            raise forms.ValidationError(ENTER_A_PHONE)
        if value in self.listed:
            return value
        return phone_number(value)

    def phone(self) -> PhoneRow:
        data = self.cleaned_data
        return PhoneRow(
            number=data["number"],
            extension=data["extension"],
            type=data["type"],
            description=data["description"].strip(),
            id=data["id"] or "",
        )


class BasePhoneFormSet(forms.BaseFormSet):
    def add_fields(self, form, index):
        super().add_fields(form, index)
        form.fields["DELETE"].label = "Remove this number"


PhoneFormSet = forms.formset_factory(PhoneForm, formset=BasePhoneFormSet, extra=1, can_delete=True)


class PlaceForm(forms.Form):
    """The name and address of a place a listing runs at. A new postcode is looked up for its map point."""

    name = forms.CharField(
        label="Name of the place", max_length=255, error_messages={"required": ENTER_PLACE_NAME}
    )
    address_1 = forms.CharField(label="Building and street", max_length=255, required=False)
    city = forms.CharField(label="Town or city", max_length=255, required=False)
    postal_code = forms.CharField(label="Postcode", max_length=16, required=False)

    def __init__(self, *args, current_postcode: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.current_postcode = current_postcode

    def clean_postal_code(self) -> str:
        text = self.cleaned_data["postal_code"].strip()
        self.point = None
        if not text:
            return ""
        try:
            postcode = normalise_postcode(text)
            if postcode != self.current_postcode:
                place = locate(postcode)
                self.point = (place.latitude, place.longitude)
        except PostcodeError as error:
            raise forms.ValidationError(str(error)) from error
        return postcode

    def address(self) -> dict:
        """The place as `stewardship.listing_place_edit` takes it (with the postcode's point when new)."""
        data = {
            name: self.cleaned_data[name].strip() for name in ("name", "address_1", "city", "postal_code")
        }
        latitude, longitude = self.point or (None, None)
        return {**data, "latitude": latitude, "longitude": longitude}


class PhraseForm(forms.Form):
    text = forms.CharField(
        label="Add something people say",
        max_length=200,
        help_text='In their words, for example: "I look after my mum and never get a minute". At least two words.',
        error_messages={
            "required": "Write what a person would say.",
            "max_length": "Keep it under 200 characters.",
        },
    )


class PhraseTryForm(forms.Form):
    said = forms.CharField(
        label="Try some words",
        max_length=300,
        help_text="See which categories search would lift for them, and the phrase that matched.",
    )
