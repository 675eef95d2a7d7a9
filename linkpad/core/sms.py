"""Text messages, sent through a pluggable backend chosen by the LINKPAD_SMS_BACKEND setting.

Like Django's email backends: `ConsoleSmsBackend` prints messages (for development), `LocmemSmsBackend`
keeps them in `outbox` (for tests). A real gateway is a class with the same `send_messages` method,
named by its dotted path in LINKPAD_SMS_BACKEND.
"""

import re
import sys
from dataclasses import dataclass

from django.conf import settings
from django.utils.module_loading import import_string

#: Where LocmemSmsBackend keeps what it "sent"; tests read and empty it.
outbox: list["TextMessage"] = []

NOT_A_MOBILE = "Enter a UK mobile number, like 07700 900123."


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


def get_sms_backend():
    return import_string(settings.LINKPAD_SMS_BACKEND)()


def send_sms(*, to: str, body: str) -> TextMessage:
    """Send one text message to a UK mobile through the configured backend."""
    message = TextMessage(to=mobile_number(to), body=body)
    get_sms_backend().send_messages([message])
    return message
