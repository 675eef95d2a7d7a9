"""Episodes of casework: the journey from a contacted referral to closure, and what is recorded on the way.

Data and constraints only: the stage state machine and optimistic locking live in services.py, and who
may see what lives in the `visible_to` querysets here. Casework is for the practice's CLPs alone:
practice staff see referrals and, later, the messages back to the GP, never the casework itself.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone

from linkpad.accounts.models import OrganisationKind, Role
from linkpad.core.history import HistoryRow
from linkpad.core.scoping import ScopedQuerySet
from linkpad.referrals.models import ReasonCode, practices_served_by


class Stage(models.TextChoices):
    REFERRED = "referred", "Referred"
    CONTACTED = "contacted", "Contacted"
    WHAT_MATTERS = "what_matters", "What matters conversation"
    PLAN = "plan", "Plan"
    LINKING = "linking", "Linking"
    FOLLOW_UP = "follow_up", "Follow-up"
    CLOSED = "closed", "Closed"


class GoalStatus(models.TextChoices):
    OPEN = "open", "Working on it"
    ACHIEVED = "achieved", "Achieved"
    DROPPED = "dropped", "Dropped"


class ContactMode(models.TextChoices):
    FACE_TO_FACE = "face_to_face", "Face to face"
    PHONE = "phone", "Phone"
    VIDEO = "video", "Video"
    WALK_AND_TALK = "walk_and_talk", "Walk and talk"
    HOME_VISIT = "home_visit", "Home visit"


class ClosureReason(models.TextChoices):
    GOALS_MET = "goals_met", "Goals met"
    MOVED_ON = "moved_on", "Moved on to other support"
    DECLINED = "declined", "Declined further support"
    NO_CONTACT = "no_contact", "No contact"
    MOVED_AWAY = "moved_away", "Moved away"
    OTHER = "other", "Other"


def episode_scope(user, prefix: str = "") -> models.Q | None:
    """Who sees an episode: the CLPs of its practice. None means nobody else sees any."""
    if not getattr(user, "is_authenticated", False):
        return None
    return models.Q(**{f"{prefix}practice__in": practices_served_by(user, Role.LINK_PRACTITIONER)})


class EpisodeQuerySet(ScopedQuerySet):
    def visible_to(self, user) -> "EpisodeQuerySet":
        scope = episode_scope(user)
        return self.none() if scope is None else self.filter(scope)


class Episode(models.Model):
    """One person's time with a CLP, from an accepted referral to closure."""

    person = models.ForeignKey("referrals.Person", on_delete=models.PROTECT, related_name="episodes")
    referral = models.OneToOneField("referrals.Referral", on_delete=models.PROTECT, related_name="episode")
    practice = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="episodes",
        limit_choices_to={"kind": OrganisationKind.GP_PRACTICE},
    )
    clp = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="episodes",
        verbose_name="CLP",
        help_text="The community links practitioner working with the person.",
    )
    opened_at = models.DateTimeField(default=timezone.now)
    version = models.PositiveIntegerField(
        default=1, help_text="Goes up with every change, so two people cannot overwrite each other."
    )

    objects = EpisodeQuerySet.as_manager()

    class Meta:
        ordering = ["opened_at", "pk"]
        indexes = [models.Index(fields=["practice", "clp"])]

    def __str__(self) -> str:
        return f"Episode {self.pk}"


class ChildOfEpisodeQuerySet(ScopedQuerySet):
    def visible_to(self, user):
        scope = episode_scope(user, prefix="episode__")
        return self.none() if scope is None else self.filter(scope)


class EpisodeStatus(HistoryRow):
    """One step in an episode's journey, by the person who took it. Never changed once written."""

    episode = models.ForeignKey(Episode, on_delete=models.CASCADE, related_name="statuses")
    stage = models.CharField(max_length=16, choices=Stage.choices)
    note = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Empty for a self-referral's first step, taken with nobody signed in.",
    )

    objects = ChildOfEpisodeQuerySet.as_manager()

    class Meta(HistoryRow.Meta):
        verbose_name_plural = "episode statuses"

    def __str__(self) -> str:
        return self.get_stage_display()


class WhatMatters(models.Model):
    """A "what matters to you" conversation: the person's story, needs, strengths and risks."""

    episode = models.ForeignKey(Episode, on_delete=models.CASCADE, related_name="conversations")
    narrative = models.TextField(help_text="What matters to them, in their words.")
    strengths = models.TextField(blank=True)
    risks = models.TextField(blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    objects = ChildOfEpisodeQuerySet.as_manager()

    class Meta:
        ordering = ["-recorded_at", "-pk"]
        verbose_name = "what matters conversation"

    def __str__(self) -> str:
        return f"What matters, {self.recorded_at:%d %b %Y}"


class NeedQuerySet(ScopedQuerySet):
    def visible_to(self, user):
        scope = episode_scope(user, prefix="conversation__episode__")
        return self.none() if scope is None else self.filter(scope)


class Need(models.Model):
    """One domain of need raised in a conversation: a row each, so reports can count them."""

    conversation = models.ForeignKey(WhatMatters, on_delete=models.CASCADE, related_name="needs")
    domain = models.CharField(max_length=32, choices=ReasonCode.choices)

    objects = NeedQuerySet.as_manager()

    class Meta:
        ordering = ["conversation", "domain"]
        constraints = [models.UniqueConstraint(fields=["conversation", "domain"], name="unique_need")]

    def __str__(self) -> str:
        return self.get_domain_display()


class Goal(models.Model):
    """A goal the person and CLP agreed together, with a date to look at it again."""

    episode = models.ForeignKey(Episode, on_delete=models.CASCADE, related_name="goals")
    text = models.TextField(help_text="The goal, in the person's words.")
    review_on = models.DateField("review date")
    status = models.CharField(max_length=8, choices=GoalStatus.choices, default=GoalStatus.OPEN)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    objects = ChildOfEpisodeQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.text[:60]


class GoalNoteQuerySet(ScopedQuerySet):
    def visible_to(self, user):
        scope = episode_scope(user, prefix="goal__episode__")
        return self.none() if scope is None else self.filter(scope)


class GoalNote(models.Model):
    """Progress towards a goal, noted when it was reviewed."""

    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="notes")
    note = models.TextField()
    status = models.CharField(max_length=8, choices=GoalStatus.choices, help_text="The goal's status then.")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    objects = GoalNoteQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.note[:60]


class Contact(models.Model):
    """A contact with the person: how, how long, and whether they came."""

    episode = models.ForeignKey(Episode, on_delete=models.CASCADE, related_name="contacts")
    happened_on = models.DateField("date")
    mode = models.CharField(max_length=16, choices=ContactMode.choices)
    duration_minutes = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(600)]
    )
    did_not_attend = models.BooleanField(default=False)
    note = models.TextField(blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    objects = ChildOfEpisodeQuerySet.as_manager()

    class Meta:
        ordering = ["-happened_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_mode_display()}, {self.happened_on:%d %b %Y}"


class Task(models.Model):
    """A reminder for the CLP."""

    episode = models.ForeignKey(Episode, on_delete=models.CASCADE, related_name="tasks")
    text = models.CharField(max_length=200)
    due_on = models.DateField("due date")
    done = models.BooleanField(default=False)
    done_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Empty for a reminder made by a community organisation's answer to a link.",
    )
    created_at = models.DateTimeField(default=timezone.now)

    objects = ChildOfEpisodeQuerySet.as_manager()

    class Meta:
        ordering = ["done", "due_on", "pk"]
        indexes = [models.Index(fields=["episode", "done", "due_on"])]

    def __str__(self) -> str:
        return self.text


class Closure(models.Model):
    """Why and how an episode ended."""

    episode = models.OneToOneField(Episode, on_delete=models.CASCADE, related_name="closure")
    reason = models.CharField(max_length=16, choices=ClosureReason.choices)
    summary = models.TextField()
    closed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    closed_at = models.DateTimeField(default=timezone.now)

    objects = ChildOfEpisodeQuerySet.as_manager()

    def __str__(self) -> str:
        return self.get_reason_display()
