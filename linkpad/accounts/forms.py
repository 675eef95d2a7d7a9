from django import forms
from django.contrib.auth import authenticate

SIGN_IN_FAILED = "Enter a correct email address and password. Both are case-sensitive."
CODE_INVALID = "The code is not right. Enter the 6-digit code your authenticator app shows now."
CODE_THROTTLED = "Too many wrong codes. Wait a minute, then try again."


class SignInForm(forms.Form):
    email = forms.EmailField(
        label="Email address", max_length=254, error_messages={"required": "Enter your email address"}
    )
    password = forms.CharField(
        label="Password",
        strip=False,
        widget=forms.PasswordInput,
        error_messages={"required": "Enter your password"},
    )

    def __init__(self, request, *args, **kwargs):
        self.request = request
        self.user = None
        super().__init__(*args, **kwargs)

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        # authenticate() passes through django-axes, which counts failures and locks out.
        self.user = authenticate(self.request, email=cleaned["email"].lower(), password=cleaned["password"])
        if self.user is None or not self.user.is_active:
            raise forms.ValidationError(SIGN_IN_FAILED)
        return cleaned


class CodeForm(forms.Form):
    code = forms.CharField(
        label="Security code",
        max_length=16,
        error_messages={"required": "Enter the security code"},
        help_text="The 6-digit code from your authenticator app, or one of your backup codes.",
    )

    def clean_code(self) -> str:
        return self.cleaned_data["code"].replace(" ", "").strip()
