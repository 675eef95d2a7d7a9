"""What every directory editor journey starts with: an editor with an authenticator app, signed in."""

from django_otp.plugins.otp_totp.models import TOTPDevice

from linkpad.accounts.models import Role
from linkpad.accounts.tests.factories import PASSWORD, user_with_role

from ..steps import Journey


class EditorJourney(Journey):
    def given_an_editor(self, full_name: str = "Ruth Lennox") -> None:
        self.editor = user_with_role(Role.DIRECTORY_EDITOR, full_name=full_name)
        self.device = TOTPDevice.objects.create(user=self.editor, confirmed=True)

    def when_i_sign_in(self) -> None:
        self.when_i_sign_in_with_my_app(self.editor, self.device, PASSWORD)
