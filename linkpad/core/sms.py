"""Text messages, sent through a pluggable backend chosen by the LINKPAD_SMS_BACKEND setting.

Like Django's email backends: `ConsoleSmsBackend` prints messages (for development), `LocmemSmsBackend`
keeps them in `outbox` (for tests), and `NotifySmsBackend` sends them through GOV.UK Notify. Another
gateway is a class with the same `send_messages` method, named by its dotted path in LINKPAD_SMS_BACKEND.
"""

import re
import sys
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import import_string

#: Where LocmemSmsBackend keeps what it "sent"; tests read and empty it.
outbox: list["TextMessage"] = []

NOT_A_MOBILE = "Enter a UK mobile number, like 07700 900123."
UNREACHABLE = "GOV.UK Notify could not be reached. Try again in a few minutes."


class SmsError(ValueError):
    """A text message cannot be sent (a number that is not a mobile, a gateway that said no)."""


@dataclass(frozen=True)
class TextMessage:
    to: str
    body: str


def mobile_number(value: str) -> str:
    """A UK mobile number in the international form gateways want, or SmsError.

    >>> mobile_number("07700 900123"), mobile_number("+44 7700 900123")
    ('+447700900123', '+447700900123')
    >>> mobile_number("0141 496 0000")
    Traceback (most recent call last):
    ...
    linkpad.core.sms.SmsError: Enter a UK mobile number, like 07700 900123.
    """
    digits = re.sub(r"[\s()-]", "", value or "")
    if digits.startswith("+44"):
        digits = "0" + digits[3:]
    if not re.fullmatch(r"07\d{9}", digits):
        raise SmsError(NOT_A_MOBILE)
    return "+44" + digits[1:]


class ConsoleSmsBackend:
    """Prints each message instead of sending it: for development."""

    def __init__(self, stream=None):
        self.stream = stream or sys.stdout

    def send_messages(self, messages: list[TextMessage]) -> int:
        for message in messages:
            self.stream.write(f"Text message to {message.to}\n{message.body}\n{'-' * 40}\n")
        self.stream.flush()
        return len(messages)


class LocmemSmsBackend:
    """Keeps each message in `linkpad.core.sms.outbox`: for tests."""

    def send_messages(self, messages: list[TextMessage]) -> int:
        outbox.extend(messages)
        return len(messages)


class NotifySmsBackend:
    """Sends each message through GOV.UK Notify (notifications-python-client), with the text message
    template named by LINKPAD_NOTIFY_SMS_TEMPLATE_ID, whose content is just ((body))."""

    def __init__(self):
        from notifications_python_client.notifications import NotificationsAPIClient

        key, self.template_id = settings.LINKPAD_NOTIFY_API_KEY, settings.LINKPAD_NOTIFY_SMS_TEMPLATE_ID
        if not key or not self.template_id:
            raise ImproperlyConfigured(
                "NotifySmsBackend needs LINKPAD_NOTIFY_API_KEY and LINKPAD_NOTIFY_SMS_TEMPLATE_ID (see docs/settings.md)."
            )
        self.client = NotificationsAPIClient(key, base_url=settings.LINKPAD_NOTIFY_BASE_URL, timeout=15)

    def send_messages(self, messages: list[TextMessage]) -> int:
        from notifications_python_client.errors import APIError
        from requests import RequestException

        for message in messages:
            try:
                self.client.send_sms_notification(
                    phone_number=message.to,
                    template_id=self.template_id,
                    personalisation={"body": message.body},
                )
            except APIError as error:
                cause = error.__cause__
                if isinstance(cause, RequestException) and getattr(cause, "response", None) is None:
                    raise SmsError(UNREACHABLE) from error  # the client wraps a failed connection
                raise SmsError(
                    f"GOV.UK Notify did not send the text message: {_notify_reason(error)}"
                ) from error
            except RequestException as error:
                raise SmsError(UNREACHABLE) from error
        return len(messages)


def _notify_reason(error) -> str:
    """Notify's own words for a refusal, from its error list."""
    message = error.message
    if isinstance(message, list):
        return "; ".join(
            str(item.get("message", item)) if isinstance(item, dict) else str(item) for item in message
        )
    return str(message)


def get_sms_backend():
    return import_string(settings.LINKPAD_SMS_BACKEND)()


def send_sms(*, to: str, body: str) -> TextMessage:
    """Send one text message to a UK mobile through the configured backend."""
    message = TextMessage(to=mobile_number(to), body=body)
    get_sms_backend().send_messages([message])
    return message
