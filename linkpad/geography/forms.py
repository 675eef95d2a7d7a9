from django import forms


class PostcodeForm(forms.Form):
    postcode = forms.CharField(
        label="Postcode",
        max_length=10,
        help_text="A full postcode, like G21 2EX, or the first part, like G21.",
        error_messages={"required": "Enter a postcode"},
    )
