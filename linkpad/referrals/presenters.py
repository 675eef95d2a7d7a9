"""Wording for referral pages: waiting times, statuses and reasons as people say them."""

import datetime as dt

from django.utils import timezone

from .models import Status

STATUS_TAG_COLOURS = {
    Status.RECEIVED: "blue",
    Status.TRIAGED: "purple",
    Status.ALLOCATED: "aqua-green",
    Status.CONTACTED: "green",
    Status.DECLINED: "grey",
    Status.NO_RESPONSE: "orange",
    Status.WITHDRAWN: "grey",
}


def waiting_words(since: dt.datetime, now: dt.datetime | None = None) -> str:
    """How long someone has been waiting, in words.

    >>> start = dt.datetime(2026, 11, 1, 9, 0, tzinfo=dt.UTC)
    >>> waiting_words(start, start + dt.timedelta(hours=5))
    'Less than a day'
    >>> waiting_words(start, start + dt.timedelta(days=1, hours=2))
    '1 day'
    >>> waiting_words(start, start + dt.timedelta(days=12))
    '12 days'
    """
    days = ((now or timezone.now()) - since).days
    if days < 1:
        return "Less than a day"
    return "1 day" if days == 1 else f"{days} days"


def status_tag(status: str) -> dict:
    """An NHS.UK tag for a status."""
    return {"text": Status(status).label, "classes": f"nhsuk-tag--{STATUS_TAG_COLOURS[Status(status)]}"}


def gp_message_date(value) -> str:
    """A date from a message (kept as ISO text, or a date or time) as people write it.

    >>> gp_message_date("2026-11-04")
    '4 November 2026'
    >>> gp_message_date(None)
    'Not set'
    """
    if not value:
        return "Not set"
    day = dt.date.fromisoformat(value[:10]) if isinstance(value, str) else value
    return f"{day.day} {day:%B %Y}"
