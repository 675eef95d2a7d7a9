"""Writes about safeguarding: raising a risk flag, resolving it, and recording an escalation.

Raising a flag also puts a reminder due today on the CLP's list, so a risk is looked at now. A CLP acts
through a form, so their changes check and raise the episode's `version` like every other change to it.
A flag raised automatically from a measure item (`by=None`) takes no version: it only adds to the record,
so it cannot overwrite anything a CLP is working on, and it must never be refused for being late.
Safeguarding does not stop at closure: a risk can be recorded, escalated or resolved on a closed episode.
"""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from linkpad.accounts.models import User

from .models import Episode, Escalation, FlagSource, RiskFlag, RiskKind, Task
from .services import EpisodeError, _save, claim_change

DETAIL_NEEDED = "Describe the risk"
RESOLUTION_NEEDED = "Say what was done about the risk"
ALREADY_RESOLVED = "This risk flag is already resolved."
TO_WHOM_NEEDED = "Say who you passed the concern to"
SHARED_NEEDED = "Say what you shared"
ESCALATED_IN_FUTURE = "The escalation must be now or in the past"
FLAG_OF_ANOTHER_EPISODE = "That risk flag belongs to another episode."
VERSION_NEEDED = "A CLP's change to an episode needs the version of the episode they saw."
TASK_TEXT = "Safety flag: {kind}{reference}, review now"


def _claim(episode: Episode, *, by: User, version: int | None) -> None:
    """A CLP's safeguarding write: the usual claim, but a closed episode may still change."""
    if version is None:
        raise TypeError(VERSION_NEEDED)
    claim_change(episode, by=by, version=version, even_if_closed=True)


def _task_text(kind: str, reference: str) -> str:
    text = TASK_TEXT.format(
        kind=RiskKind(kind).label.lower(), reference=f" ({reference})" if reference else ""
    )
    return text if len(text) <= 200 else text[:197] + "..."


@transaction.atomic
def risk_flag_raise(
    *,
    episode: Episode,
    by: User | None,
    kind: str,
    detail: str,
    source: str = FlagSource.CLP,
    reference: str = "",
    version: int | None = None,
) -> RiskFlag:
    """Raise a risk flag on the episode, and a reminder due today for its CLP to review it.

    `by` is None for a flag raised automatically, from a measure item that signals a risk of harm.
    """
    if by is not None:
        _claim(episode, by=by, version=version)
    if not detail.strip():
        raise EpisodeError(DETAIL_NEEDED)
    flag = _save(
        RiskFlag(
            episode=episode,
            kind=kind,
            detail=detail.strip(),
            source=source,
            reference=reference.strip(),
            raised_by=by,
        )
    )
    text = _task_text(kind, flag.reference)
    _save(Task(episode=episode, text=text, due_on=timezone.localdate(), created_by=by))
    return flag


@transaction.atomic
def risk_flag_resolve(*, flag: RiskFlag, by: User, version: int, resolution: str) -> RiskFlag:
    """Mark a flag as reviewed and resolved, saying what was done. It stays in the history."""
    _claim(flag.episode, by=by, version=version)
    flag = RiskFlag.objects.select_for_update().get(pk=flag.pk)
    if not flag.is_open:
        raise EpisodeError(ALREADY_RESOLVED)
    if not resolution.strip():
        raise EpisodeError(RESOLUTION_NEEDED)
    flag.resolved_at, flag.resolved_by, flag.resolution = timezone.now(), by, resolution.strip()
    return _save(flag)


@transaction.atomic
def escalation_record(
    *,
    episode: Episode,
    by: User,
    version: int,
    escalated_to: str,
    to_whom: str,
    shared: str,
    escalated_at: dt.datetime | None = None,
    outcome: str = "",
    flag: RiskFlag | None = None,
) -> Escalation:
    """Record that a concern was passed on: to whom, when, what was shared, and what came of it."""
    _claim(episode, by=by, version=version)
    if flag is not None and flag.episode_id != episode.pk:
        raise EpisodeError(FLAG_OF_ANOTHER_EPISODE)
    if not to_whom.strip():
        raise EpisodeError(TO_WHOM_NEEDED)
    if not shared.strip():
        raise EpisodeError(SHARED_NEEDED)
    escalated_at = escalated_at or timezone.now()
    if escalated_at > timezone.now():
        raise EpisodeError(ESCALATED_IN_FUTURE)
    return _save(
        Escalation(
            episode=episode,
            flag=flag,
            escalated_to=escalated_to,
            to_whom=to_whom.strip(),
            escalated_at=escalated_at,
            shared=shared.strip(),
            outcome=outcome.strip(),
            recorded_by=by,
        )
    )
