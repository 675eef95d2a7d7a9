"""Wording for casework pages: stages as tags, and what to do next at each one."""

import datetime as dt

from django.utils import timezone

from .models import LinkStage, Stage

STAGE_TAG_COLOURS = {
    Stage.REFERRED: "blue",
    Stage.CONTACTED: "aqua-green",
    Stage.WHAT_MATTERS: "purple",
    Stage.PLAN: "yellow",
    Stage.LINKING: "orange",
    Stage.FOLLOW_UP: "green",
    Stage.CLOSED: "grey",
}

WHATS_NEXT = {
    Stage.REFERRED: "Get in touch and explain what a community links practitioner does.",
    Stage.CONTACTED: 'Arrange a "what matters to you" conversation, and record it below.',
    Stage.WHAT_MATTERS: "Agree one or two goals together and set a date to review them.",
    Stage.PLAN: "Find local supports that fit their goals, and agree the first step.",
    Stage.LINKING: "Help them take the first step: go along, hand over warmly, or introduce by phone.",
    Stage.FOLLOW_UP: "Check how the support is going and review their goals. Close when they are ready.",
    Stage.CLOSED: "This episode is closed.",
}


def stage_tag(stage: str) -> dict:
    """An NHS.UK tag for a stage."""
    return {"text": Stage(stage).label, "classes": f"nhsuk-tag--{STAGE_TAG_COLOURS[Stage(stage)]}"}


def whats_next(stage: str) -> str:
    return WHATS_NEXT[Stage(stage)]


def day(value: dt.date | dt.datetime) -> str:
    """A date as people write it.

    >>> day(dt.date(2026, 3, 5))
    '5 March 2026'
    """
    if isinstance(value, dt.datetime):
        value = timezone.localtime(value).date()
    return f"{value.day} {value:%B %Y}"


def is_overdue(due_on: dt.date, today: dt.date | None = None) -> bool:
    """
    >>> is_overdue(dt.date(2026, 3, 5), today=dt.date(2026, 3, 6))
    True
    >>> is_overdue(dt.date(2026, 3, 6), today=dt.date(2026, 3, 6))
    False
    """
    return due_on < (today or timezone.localdate())


LINK_TAG_COLOURS = {
    LinkStage.SUGGESTED: "blue",
    LinkStage.AGREED: "aqua-green",
    LinkStage.REFERRED: "purple",
    LinkStage.FIRST_STEP: "yellow",
    LinkStage.ATTENDED: "green",
    LinkStage.ONGOING: "green",
    LinkStage.STOPPED: "grey",
    LinkStage.DECLINED: "red",
}


def link_stage(link) -> str:
    """A link's current stage, from its prefetched history."""
    statuses = list(link.statuses.all())
    return statuses[-1].stage if statuses else LinkStage.SUGGESTED


def link_tag(stage: str) -> dict:
    return {"text": LinkStage(stage).label, "classes": f"nhsuk-tag--{LINK_TAG_COLOURS[LinkStage(stage)]}"}


def link_status_by(row) -> str:
    """Who wrote a link status: a user, a community organisation through Linkpad, or the emailed link."""
    if row.by_email_link:
        return "The service, by email link"
    if row.organisation_id:
        return f"{row.created_by}, {row.organisation}" if row.created_by_id else str(row.organisation)
    return str(row.created_by)
