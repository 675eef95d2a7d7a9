"""Reads of episodes for pages. Each one that hands personal data to a page records the view."""

import re
from dataclasses import dataclass

from django.db.models import Count, F, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from linkpad.accounts.models import User
from linkpad.core.audit import audit_view
from linkpad.referrals.models import WAITING, Referral
from linkpad.referrals.selectors import with_current_status

from .models import Episode, EpisodeStatus, Escalation, Goal, GoalStatus, RiskFlag, Stage, Task


def with_current_stage(episodes: QuerySet) -> QuerySet:
    latest = EpisodeStatus.objects.filter(episode=OuterRef("pk")).order_by("-created_at", "-pk")
    return episodes.annotate(current_stage=Subquery(latest.values("stage")[:1]))


@dataclass
class Caseload:
    """The CLP's caseload page: counts for the summary cards, then the people found, by stage."""

    waiting: int
    due_today: int
    tasks_overdue: int
    reviews_overdue: int
    open_flags: int
    stages: list[tuple[str, list[Episode]]]
    found: int

    @property
    def overdue(self) -> int:
        return self.tasks_overdue + self.reviews_overdue


def _count(model, **conditions) -> Coalesce:
    """How many rows of a model belong to each episode and meet the conditions (a subquery, so that
    several counts do not multiply each other through joins)."""
    rows = model.objects.filter(episode=OuterRef("pk"), **conditions).order_by()
    counted = rows.values("episode").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def _on_caseload(user: User) -> QuerySet:
    """The user's own episodes, still open or closed with a risk flag nobody has resolved yet: closing
    an episode never hides a risk."""
    today = timezone.localdate()
    return (
        with_current_stage(Episode.objects.visible_to(user).filter(clp=user))
        .annotate(
            tasks_waiting=_count(Task, done=False),
            tasks_due_today=_count(Task, done=False, due_on=today),
            tasks_overdue=_count(Task, done=False, due_on__lt=today),
            reviews_overdue=_count(Goal, status=GoalStatus.OPEN, review_on__lt=today),
            open_flags=_count(RiskFlag, resolved_at__isnull=True),
        )
        .filter(~Q(current_stage=Stage.CLOSED) | Q(open_flags__gt=0))
    )


def _search(episodes: QuerySet, text: str) -> QuerySet:
    """By name (every word), CHI number, or referral or episode number."""
    text = text.strip()
    if not text:
        return episodes
    number = re.fullmatch(r"(?:referral|episode|#)?\s*(\d+)", text.replace(" ", ""), re.IGNORECASE)
    if number:
        digits = number.group(1)
        found = Q(person__chi_number=digits)
        if len(digits) < 10:
            found |= Q(referral_id=int(digits)) | Q(pk=int(digits))
        return episodes.filter(found)
    for word in text.split():
        episodes = episodes.filter(
            Q(person__given_name__icontains=word) | Q(person__family_name__icontains=word)
        )
    return episodes


def caseload(
    *,
    user: User,
    text: str = "",
    stage: str = "",
    practice: int | None = None,
    flagged: bool = False,
    overdue: bool = False,
    due_today: bool = False,
) -> Caseload:
    """The user's caseload: the summary counts, and the people found by the search and filters, by stage
    in journey order. Every person shown is recorded as seen."""
    mine = _on_caseload(user)
    counts = list(mine.values("tasks_due_today", "tasks_overdue", "reviews_overdue", "open_flags"))
    totals = {
        "due_today": sum(c["tasks_due_today"] for c in counts),
        **{name: sum(c[name] for c in counts) for name in ("tasks_overdue", "reviews_overdue", "open_flags")},
    }
    found = _search(mine, text)
    if stage:
        found = found.filter(current_stage=stage)
    if practice:
        found = found.filter(practice_id=practice)
    if flagged:
        found = found.filter(open_flags__gt=0)
    if overdue:
        found = found.filter(Q(tasks_overdue__gt=0) | Q(reviews_overdue__gt=0))
    if due_today:
        found = found.filter(tasks_due_today__gt=0)
    episodes = list(found.select_related("person", "practice").order_by("opened_at", "pk"))
    audit_view(actor=user, objects=[e.person for e in episodes], purpose="caseload")
    return Caseload(
        waiting=waiting_count(user=user),
        **totals,
        stages=[(s, [e for e in episodes if e.current_stage == s]) for s in Stage if _shown(s, episodes)],
        found=len(episodes),
    )


def _shown(stage: str, episodes: list[Episode]) -> bool:
    """Every open stage has its place; closed only when a closed episode still has an open risk flag."""
    return stage != Stage.CLOSED or any(e.current_stage == Stage.CLOSED for e in episodes)


def waiting_count(*, user: User) -> int:
    """How many referrals are waiting at the practices where the user is a CLP (a number, not people)."""
    referrals = with_current_status(Referral.objects.visible_to(user).workable_by(user))
    return referrals.filter(current_status__in=WAITING).count()


def safeguarding_for_page(*, user: User, episode: Episode) -> tuple[list[RiskFlag], list[Escalation]]:
    """An episode's risk flags (open first, then resolved) and escalations, recorded as seen."""
    flags = list(
        RiskFlag.objects.visible_to(user)
        .filter(episode=episode)
        .select_related("raised_by", "resolved_by")
        .order_by(F("resolved_at").desc(nulls_first=True), "-raised_at", "-pk")
    )
    escalations = list(
        Escalation.objects.visible_to(user).filter(episode=episode).select_related("flag", "recorded_by")
    )
    audit_view(actor=user, objects=[*flags, *escalations], purpose="safeguarding")
    return flags, escalations


def flag_to_work_on(*, user: User, episode_id: int, flag_id: int) -> RiskFlag | None:
    return (
        RiskFlag.objects.visible_to(user)
        .select_related("episode__practice")
        .filter(pk=flag_id, episode_id=episode_id)
        .first()
    )


def episode_for_page(*, user: User, episode_id: int) -> Episode | None:
    """One episode the user may see, with everything recorded in it; None when they may not."""
    episode = (
        with_current_stage(Episode.objects.visible_to(user))
        .select_related("person", "practice", "clp", "referral", "closure__closed_by")
        .prefetch_related(
            "statuses__created_by",
            "conversations__needs",
            "conversations__recorded_by",
            "goals__notes__created_by",
            "contacts__recorded_by",
            "tasks",
            "referral__reasons",
            "links__service__organization",
            "links__statuses__created_by",
            "links__statuses__organisation",
        )
        .filter(pk=episode_id)
        .first()
    )
    if episode is not None:
        audit_view(actor=user, objects=[episode, episode.person], purpose="episode")
    return episode


def episode_to_work_on(*, user: User, episode_id: int) -> Episode | None:
    """An episode the user may change as its practice's CLP; None for anyone else."""
    return Episode.objects.visible_to(user).select_related("practice").filter(pk=episode_id).first()


def goal_to_work_on(*, user: User, episode_id: int, goal_id: int) -> Goal | None:
    return (
        Goal.objects.visible_to(user)
        .select_related("episode__practice")
        .filter(pk=goal_id, episode_id=episode_id)
        .first()
    )


def task_to_work_on(*, user: User, episode_id: int, task_id: int) -> Task | None:
    return (
        Task.objects.visible_to(user)
        .select_related("episode__practice")
        .filter(pk=task_id, episode_id=episode_id)
        .first()
    )


def episode_of_referral(*, user: User, referral: Referral) -> Episode | None:
    """The episode opened from a referral, if the user may see it (for a link from the referral page)."""
    return Episode.objects.visible_to(user).filter(referral=referral).first()


def flags_to_escalate(*, user: User, episode_id: int) -> list[RiskFlag]:
    """The risk flags an escalation from this episode may be about (no personal data beyond the kind)."""
    return list(RiskFlag.objects.visible_to(user).filter(episode_id=episode_id))
