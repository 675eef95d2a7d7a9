"""Reads of episodes for pages. Each one that hands personal data to a page records the view."""

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from linkpad.accounts.models import User
from linkpad.core.audit import audit_view
from linkpad.referrals.models import Referral

from .models import Episode, EpisodeStatus, Goal, Stage, Task


def with_current_stage(episodes: QuerySet) -> QuerySet:
    latest = EpisodeStatus.objects.filter(episode=OuterRef("pk")).order_by("-created_at", "-pk")
    return episodes.annotate(current_stage=Subquery(latest.values("stage")[:1]))


def caseload(*, user: User) -> list[tuple[str, list[Episode]]]:
    """The user's open episodes, by stage in journey order, with counts of waiting and overdue tasks."""
    today = timezone.localdate()
    episodes = list(
        with_current_stage(Episode.objects.visible_to(user).filter(clp=user))
        .exclude(current_stage=Stage.CLOSED)
        .select_related("person", "practice")
        .annotate(
            tasks_waiting=Count("tasks", filter=Q(tasks__done=False)),
            tasks_overdue=Count("tasks", filter=Q(tasks__done=False, tasks__due_on__lt=today)),
        )
        .order_by("opened_at", "pk")
    )
    audit_view(actor=user, objects=[e.person for e in episodes], purpose="caseload")
    stages = [s for s in Stage if s != Stage.CLOSED]
    return [(stage, [e for e in episodes if e.current_stage == stage]) for stage in stages]


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
