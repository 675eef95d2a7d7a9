"""Scenarios programme managers build in the pages, and their runs.

A scenario is its TOML text (the same format as `linkpad impact run` reads, checked by `scenarios.py`)
plus the run settings. A run keeps a snapshot of the text, its state, progress and the results JSON, so
a finished run can be read and downloaded whatever happens to the scenario later. Neither holds personal
data: calibrated blocks are anonymised aggregates with small numbers suppressed.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone

from linkpad.accounts.models import Role

MAX_ITERATIONS = 20_000


def managed_by(user, prefix: str = "") -> models.Q:
    """Rows of the organisations where the user is a programme manager."""
    return models.Q(
        **{
            f"{prefix}programme__memberships__user": user,
            f"{prefix}programme__memberships__role": Role.PROGRAMME_MANAGER,
        }
    )


class ScenarioQuerySet(models.QuerySet):
    def for_manager(self, user) -> "ScenarioQuerySet":
        if not getattr(user, "is_authenticated", False):
            return self.none()
        return self.filter(managed_by(user)).distinct()


class Scenario(models.Model):
    programme = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="impact_scenarios"
    )
    name = models.CharField(max_length=200)
    toml = models.TextField(
        "scenario file", help_text="The scenario in TOML, as `linkpad impact run` reads it."
    )
    iterations = models.PositiveIntegerField(
        default=1000,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_ITERATIONS)],
        help_text="Draws of the uncertain parameters.",
    )
    seed = models.PositiveIntegerField(default=2024, help_text="The same seed gives the same results.")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    objects = ScenarioQuerySet.as_manager()

    class Meta:
        ordering = ["-updated_at", "pk"]

    def __str__(self) -> str:
        return self.name


class RunState(models.TextChoices):
    QUEUED = "queued", "Waiting to start"
    RUNNING = "running", "Running"
    DONE = "done", "Finished"
    FAILED = "failed", "Failed"


class ScenarioRunQuerySet(models.QuerySet):
    def for_manager(self, user) -> "ScenarioRunQuerySet":
        if not getattr(user, "is_authenticated", False):
            return self.none()
        return self.filter(managed_by(user, "scenario__")).distinct()


class ScenarioRun(models.Model):
    scenario = models.ForeignKey(Scenario, on_delete=models.CASCADE, related_name="runs")
    toml = models.TextField(help_text="The scenario file as it was when the run started.")
    iterations = models.PositiveIntegerField()
    seed = models.PositiveIntegerField()
    state = models.CharField(max_length=8, choices=RunState.choices, default=RunState.QUEUED)
    progress = models.FloatField(default=0.0, help_text="From 0 to 1.")
    result = models.JSONField(null=True, blank=True, help_text="results.json of the run.")
    error = models.TextField(blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    heartbeat_at = models.DateTimeField(null=True, blank=True, help_text="Last sign of life while running.")

    objects = ScenarioRunQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.scenario} run {self.pk}"

    @property
    def finished(self) -> bool:
        return self.state in (RunState.DONE, RunState.FAILED)
