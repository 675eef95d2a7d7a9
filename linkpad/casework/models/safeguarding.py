"""Safeguarding: risk flags on an episode, and escalations to the GP, duty social work and others.

A flag is never deleted or hidden: once the risk has been looked at it is marked as resolved, with who
did it and what was done, and stays in the episode's history. Flags come from the CLP, or automatically
from a measure item that signals a risk of harm (then `raised_by` is empty). Writes are in
`casework/safeguarding.py`.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone

from .episodes import ChildOfEpisodeQuerySet, Episode

__all__ = ["EscalatedTo", "Escalation", "FlagSource", "RiskFlag", "RiskKind"]

FLAGS_ARE_KEPT = "A risk flag is never deleted: mark it as resolved instead."


class RiskKind(models.TextChoices):
    TO_SELF = "to_self", "Risk to self"
    FROM_OTHERS = "from_others", "Risk from others"
    TO_OTHERS = "to_others", "Risk to others"
    CHILD_PROTECTION = "child_protection", "Child protection concern"
    ADULT_PROTECTION = "adult_protection", "Adult protection concern"
    DOMESTIC_ABUSE = "domestic_abuse", "Domestic abuse"
    OTHER = "other", "Other"


class FlagSource(models.TextChoices):
    CLP = "clp", "Recorded by the CLP"
    MEASURE = "measure", "Measure item"


class EscalatedTo(models.TextChoices):
    GP = "gp", "GP"
    DUTY_SOCIAL_WORK = "duty_social_work", "Duty social work"
    POLICE = "police", "Police"
    CRISIS_TEAM = "crisis_team", "Crisis team"
    OTHER = "other", "Other"


class RiskFlag(models.Model):
    """A risk to or from the person, shown on their episode until someone resolves it, then kept."""

    episode = models.ForeignKey(Episode, on_delete=models.CASCADE, related_name="risk_flags")
    kind = models.CharField(max_length=24, choices=RiskKind.choices)
    detail = models.TextField(help_text="What the risk is, and what is known.")
    source = models.CharField(max_length=8, choices=FlagSource.choices, default=FlagSource.CLP)
    reference = models.CharField(
        max_length=200, blank=True, help_text='Where it came from, such as "PHQ-9 item 9 answered 2".'
    )
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Empty for a flag raised automatically from a measure.",
    )
    raised_at = models.DateTimeField(default=timezone.now)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    resolution = models.TextField(blank=True, help_text="What was done about it.")

    objects = ChildOfEpisodeQuerySet.as_manager()

    class Meta:
        ordering = ["-raised_at", "-pk"]
        indexes = [models.Index(fields=["episode", "resolved_at"])]

    def __str__(self) -> str:
        return self.get_kind_display()

    @property
    def is_open(self) -> bool:
        return self.resolved_at is None

    def delete(self, *args, **kwargs):
        raise ValueError(FLAGS_ARE_KEPT)


class Escalation(models.Model):
    """A concern passed on: to whom, when, what was shared, and what came of it."""

    episode = models.ForeignKey(Episode, on_delete=models.CASCADE, related_name="escalations")
    flag = models.ForeignKey(
        RiskFlag, null=True, blank=True, on_delete=models.PROTECT, related_name="escalations"
    )
    escalated_to = models.CharField(max_length=24, choices=EscalatedTo.choices)
    to_whom = models.CharField("to whom", max_length=200, help_text="Their name or role.")
    escalated_at = models.DateTimeField("when", default=timezone.now)
    shared = models.TextField("what was shared")
    outcome = models.TextField(blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    objects = ChildOfEpisodeQuerySet.as_manager()

    class Meta:
        ordering = ["-escalated_at", "-pk"]

    def __str__(self) -> str:
        return f"To {self.get_escalated_to_display()}, {self.escalated_at:%d %b %Y}"
