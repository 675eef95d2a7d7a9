"""Status as history: referral, episode and link statuses are rows that are only ever added."""

from django.db import models
from django.utils import timezone

STATUS_ROWS_ARE_IMMUTABLE = "A status row is history: add a new one instead of changing it."


class HistoryRow(models.Model):
    """A row of history, oldest first. Saving an existing one is refused (a guard, not a side effect).

    Subclasses add what the step was and who took it, and keep the ordering with
    `class Meta(HistoryRow.Meta)`.
    """

    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        abstract = True
        ordering = ["created_at", "pk"]
        get_latest_by = ["created_at", "pk"]

    def save(self, *args, **kwargs) -> None:
        if not self._state.adding:
            raise ValueError(STATUS_ROWS_ARE_IMMUTABLE)
        super().save(*args, **kwargs)
