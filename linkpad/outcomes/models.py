"""Outcome measures recorded in an episode: one row per time a person answered a measure.

Data and constraints only. The answers are checked and scored by `scoring.py` through
`services.administration_record`; the score, band and flags are stored so reports read them as they
were when recorded, even if the scoring code changes later.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from linkpad.casework.models import ChildOfEpisodeQuerySet

from .measures import MEASURES, UNKNOWN_MEASURE


def known_measure(key: str) -> None:
    if key not in MEASURES:
        raise ValidationError(UNKNOWN_MEASURE.format(name=key, choices=", ".join(MEASURES)))


class Timepoint(models.TextChoices):
    BASELINE = "baseline", "Baseline"
    REVIEW = "review", "Review"
    CLOSURE = "closure", "Closure"


class AdministrationQuerySet(ChildOfEpisodeQuerySet):
    """Seen by whoever sees the episode: its practice's CLPs."""


class Administration(models.Model):
    """One completed measure: the person's answers and what they scored."""

    episode = models.ForeignKey("casework.Episode", on_delete=models.CASCADE, related_name="administrations")
    # Not `choices`: the registry in measures.py is the one list, so adding a measure needs no migration.
    measure = models.CharField(max_length=16, validators=[known_measure])
    timepoint = models.CharField(max_length=8, choices=Timepoint.choices)
    answers = models.JSONField(help_text="The answer to each item, in item order.")
    raw = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Empty for ONS4, which has no total."
    )
    score = models.FloatField(
        null=True, blank=True, help_text="The score to report (SWEMWBS: the metric score)."
    )
    band = models.CharField(max_length=32, blank=True)
    flags = models.JSONField(default=list, blank=True)
    completed_on = models.DateField()
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    objects = AdministrationQuerySet.as_manager()

    class Meta:
        ordering = ["completed_on", "recorded_at", "pk"]
        indexes = [models.Index(fields=["episode", "measure", "completed_on"])]

    def __str__(self) -> str:
        return f"{MEASURES[self.measure].short_name}, {self.get_timepoint_display().lower()}, {self.completed_on:%d %b %Y}"
