"""How /api/v1/ says no, in one shape: `{"detail": ...}`.

Bad input answers 422 with the fields at fault, whether pydantic, a page's form or a service found the
fault; a stale episode `version` answers 409. Nothing a client sends should answer 500.
"""

from collections.abc import Iterator
from contextlib import contextmanager

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from ninja import Schema
from ninja.errors import ValidationError

from linkpad.casework.services import EpisodeError, StaleEpisode
from linkpad.referrals.services import ReferralError

#: Every JSON body is the handler's `payload`, so errors name fields as ninja's own do.
BODY = ("body", "payload")

STALE_VERSION = (
    "Someone else changed this episode since you read it, so nothing was saved. Read the episode again "
    "for its current version, check their change, and send yours with that version."
)


class Message(Schema):
    detail: str


class FieldError(Schema):
    loc: list[str | int]
    msg: str
    type: str = "value_error"


class FieldErrors(Schema):
    detail: list[FieldError]


def field_errors(errors: dict[str, list[str]]) -> ValidationError:
    """A 422 naming each field and what is wrong with it; `__all__` is the body as a whole."""
    return ValidationError(
        [
            {
                "loc": list(BODY) if field == NON_FIELD_ERRORS else [*BODY, field],
                "msg": msg,
                "type": "value_error",
            }
            for field, messages in errors.items()
            for msg in messages
        ]
    )


def validated(form: forms.Form) -> dict:
    """The form's cleaned data, or a 422 with the same messages the page would show."""
    if not form.is_valid():
        raise field_errors({field: list(messages) for field, messages in form.errors.items()})
    return form.cleaned_data


@contextmanager
def refusals_as_field_errors(field: str = NON_FIELD_ERRORS) -> Iterator[None]:
    """A service's refusal (an invalid move, a date in the past) as a 422 on `field`. A stale version
    passes through, to answer 409."""
    try:
        yield
    except StaleEpisode:
        raise
    except (EpisodeError, ReferralError) as error:
        raise field_errors({field: [str(error)]}) from error


def django_validation_error(request, error: DjangoValidationError, api):
    """A model's `full_clean()` refusing a value: 422 on each field it names."""
    if hasattr(error, "error_dict"):
        return api.on_exception(request, field_errors(error.message_dict))
    return api.on_exception(request, field_errors({NON_FIELD_ERRORS: error.messages}))


def stale_episode(request, error: StaleEpisode, api):
    return api.create_response(request, {"detail": STALE_VERSION}, status=409)


def refused(request, error: ValueError, api):
    return api.on_exception(request, field_errors({NON_FIELD_ERRORS: [str(error)]}))


def register(api) -> None:
    api.add_exception_handler(DjangoValidationError, lambda r, e: django_validation_error(r, e, api))
    api.add_exception_handler(StaleEpisode, lambda r, e: stale_episode(r, e, api))
    api.add_exception_handler(EpisodeError, lambda r, e: refused(r, e, api))
    api.add_exception_handler(ReferralError, lambda r, e: refused(r, e, api))
