"""Writes about episodes: opening one from a contacted referral, the stage state machine, and the records.

Every change of stage adds an immutable EpisodeStatus row written by the user who made it; the current
stage is the latest row (see `current_stage`). Every change to an episode checks and raises its
`version`, so a form filled in before someone else's change is refused rather than overwriting it.
"""

import datetime as dt
from collections.abc import Iterable

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from linkpad.accounts.models import Membership, Role, User
from linkpad.referrals.gp_messages import gp_message_send
from linkpad.referrals.models import GpMessageKind, Referral
from linkpad.referrals.models import Status as ReferralStatus
from linkpad.referrals.services import current_status as referral_status

from .models import (
    Closure,
    Contact,
    Episode,
    EpisodeStatus,
    Goal,
    GoalNote,
    Need,
    Stage,
    Task,
    WhatMatters,
)

TRANSITIONS: dict[str, frozenset[str]] = {
    Stage.REFERRED: frozenset({Stage.CONTACTED, Stage.CLOSED}),
    Stage.CONTACTED: frozenset({Stage.WHAT_MATTERS, Stage.CLOSED}),
    Stage.WHAT_MATTERS: frozenset({Stage.PLAN, Stage.CONTACTED, Stage.CLOSED}),
    Stage.PLAN: frozenset({Stage.LINKING, Stage.WHAT_MATTERS, Stage.CLOSED}),
    Stage.LINKING: frozenset({Stage.FOLLOW_UP, Stage.PLAN, Stage.CLOSED}),
    Stage.FOLLOW_UP: frozenset({Stage.LINKING, Stage.PLAN, Stage.CLOSED}),
    Stage.CLOSED: frozenset(),
}

INVALID_TRANSITION = "This episode is at {current}, so it cannot move to {new}."
STALE = "Someone else changed this episode while you were working on it. Reload the page to see their change."
STALE_KEPT = " What you entered is still in the form below."
NOT_THEIR_CLP = "{user} is not a community links practitioner at {practice}."
NOT_CONTACTED = "Casework starts once the person has been contacted and agreed to meet."
ALREADY_OPEN = "This referral already has an episode."
EPISODE_CLOSED = "This episode is closed, so nothing more can be added to it."
REVIEW_DATE_PAST = "The review date must be today or later"
NOTE_OR_STATUS_NEEDED = "Add a progress note or change the goal's status"
TASK_ALREADY_DONE = "This task is already done."
SUMMARY_NEEDED = "Write a short summary of the support"


class EpisodeError(ValueError):
    """Something that cannot be done to an episode, in words the user can act on."""


class StaleEpisode(EpisodeError):
    """The episode changed since the form was shown: nothing was saved."""

    def __init__(self) -> None:
        super().__init__(STALE)


def current_stage(episode: Episode) -> str:
    latest = episode.statuses.order_by("-created_at", "-pk").first()
    return latest.stage if latest else Stage.REFERRED


def _is_clp_at(user: User, practice_id: int) -> bool:
    return Membership.objects.filter(
        user=user, organisation_id=practice_id, role=Role.LINK_PRACTITIONER
    ).exists()


def _require_clp(user: User, *, practice) -> None:
    if not _is_clp_at(user, practice.pk):
        raise EpisodeError(NOT_THEIR_CLP.format(user=user, practice=practice))


def claim_change(episode: Episode, *, by: User, version: int, even_if_closed: bool = False) -> None:
    """Check that the user is the episode's CLP, that the episode is as they last saw it and may still
    change, then claim the change (optimistic locking: the version moves on by one). Every write to an
    episode or its records starts here. `even_if_closed` is for safeguarding: a risk is never left
    unrecorded because the episode has closed."""
    _require_clp(by, practice=episode.practice)
    if not even_if_closed and current_stage(episode) == Stage.CLOSED:
        raise EpisodeError(EPISODE_CLOSED)
    claimed = Episode.objects.filter(pk=episode.pk, version=version).update(version=F("version") + 1)
    if not claimed:
        raise StaleEpisode()
    episode.version = version + 1


def _save(row):
    row.full_clean()
    row.save()
    return row


def _move(*, episode: Episode, stage: str, by: User | None, note: str = "", at=None) -> EpisodeStatus:
    current = current_stage(episode)
    if stage not in TRANSITIONS[current]:
        raise EpisodeError(
            INVALID_TRANSITION.format(current=Stage(current).label.lower(), new=Stage(stage).label.lower())
        )
    row = EpisodeStatus(episode=episode, stage=stage, created_by=by, note=note)
    if at is not None:
        row.created_at = at
    return _save(row)


@transaction.atomic
def episode_open(*, referral: Referral, by: User) -> Episode:
    """Start casework with someone the CLP has reached. The journey so far (referred, then contacted)
    is written into the episode's history, each step by whoever took it."""
    _require_clp(by, practice=referral.practice)
    if referral_status(referral) != ReferralStatus.CONTACTED:
        raise EpisodeError(NOT_CONTACTED)
    if Episode.objects.filter(referral=referral).exists():
        raise EpisodeError(ALREADY_OPEN)
    episode = _save(Episode(person=referral.person, referral=referral, practice=referral.practice, clp=by))
    _save(
        EpisodeStatus(
            episode=episode,
            stage=Stage.REFERRED,
            created_by=referral.referred_by,
            note=f"Referral {referral.pk}",
            created_at=referral.received_at,
        )
    )
    _move(episode=episode, stage=Stage.CONTACTED, by=by)
    return episode


@transaction.atomic
def episode_move(*, episode: Episode, stage: str, by: User, version: int, note: str = "") -> EpisodeStatus:
    """Move the episode to another stage: forward, or back a step when plans change. Closing goes
    through `episode_close`, which records why."""
    claim_change(episode, by=by, version=version)
    if stage == Stage.CLOSED:
        current = Stage(current_stage(episode)).label.lower()
        raise EpisodeError(INVALID_TRANSITION.format(current=current, new="closed"))
    return _move(episode=episode, stage=stage, by=by, note=note.strip())


@transaction.atomic
def what_matters_record(
    *,
    episode: Episode,
    by: User,
    version: int,
    narrative: str,
    needs: Iterable[str] = (),
    strengths: str = "",
    risks: str = "",
) -> WhatMatters:
    claim_change(episode, by=by, version=version)
    conversation = _save(
        WhatMatters(
            episode=episode,
            narrative=narrative.strip(),
            strengths=strengths.strip(),
            risks=risks.strip(),
            recorded_by=by,
        )
    )
    for domain in sorted(set(needs)):
        _save(Need(conversation=conversation, domain=domain))
    return conversation


@transaction.atomic
def goal_add(*, episode: Episode, by: User, version: int, text: str, review_on: dt.date) -> Goal:
    claim_change(episode, by=by, version=version)
    if review_on < timezone.localdate():
        raise EpisodeError(REVIEW_DATE_PAST)
    return _save(Goal(episode=episode, text=text.strip(), review_on=review_on, created_by=by))


@transaction.atomic
def goal_update(
    *,
    goal: Goal,
    by: User,
    version: int,
    status: str,
    note: str = "",
    review_on: dt.date | None = None,
) -> Goal:
    """Note progress on a goal, change its status, or set a new review date."""
    claim_change(goal.episode, by=by, version=version)
    was = goal.status
    changed_date = review_on is not None and review_on != goal.review_on
    if not note.strip() and status == was and not changed_date:
        raise EpisodeError(NOTE_OR_STATUS_NEEDED)
    if changed_date:
        if review_on < timezone.localdate():
            raise EpisodeError(REVIEW_DATE_PAST)
        goal.review_on = review_on
    goal.status = status
    _save(goal)
    if note.strip() or status != was:
        _save(
            GoalNote(goal=goal, note=note.strip() or goal.get_status_display(), status=status, created_by=by)
        )
    return goal


@transaction.atomic
def contact_record(
    *,
    episode: Episode,
    by: User,
    version: int,
    happened_on: dt.date,
    mode: str,
    duration_minutes: int | None = None,
    did_not_attend: bool = False,
    note: str = "",
) -> Contact:
    claim_change(episode, by=by, version=version)
    return _save(
        Contact(
            episode=episode,
            happened_on=happened_on,
            mode=mode,
            duration_minutes=None if did_not_attend else duration_minutes,
            did_not_attend=did_not_attend,
            note=note.strip(),
            recorded_by=by,
        )
    )


@transaction.atomic
def task_add(*, episode: Episode, by: User, version: int, text: str, due_on: dt.date) -> Task:
    claim_change(episode, by=by, version=version)
    return _save(Task(episode=episode, text=text.strip(), due_on=due_on, created_by=by))


@transaction.atomic
def task_complete(*, task: Task, by: User, version: int) -> Task:
    claim_change(task.episode, by=by, version=version)
    if task.done:
        raise EpisodeError(TASK_ALREADY_DONE)
    task.done, task.done_at = True, timezone.now()
    return _save(task)


@transaction.atomic
def episode_close(*, episode: Episode, by: User, version: int, reason: str, summary: str) -> Closure:
    """End the episode: why, a summary for the record and the GP, and the final "closed" status."""
    claim_change(episode, by=by, version=version)
    if not summary.strip():
        raise EpisodeError(SUMMARY_NEEDED)
    closure = _save(Closure(episode=episode, reason=reason, summary=summary.strip(), closed_by=by))
    _move(episode=episode, stage=Stage.CLOSED, by=by, note=closure.get_reason_display())
    gp_message_send(referral=episode.referral, kind=GpMessageKind.CLOSURE, by=by, episode=episode)
    return closure
