"""Status as history: referral, episode and link statuses are rows that are only ever added."""

from django.db import models

STATUS_ROWS_ARE_IMMUTABLE = "A status row is history: add a new one instead of changing it."


class HistoryRow(models.Model):
    """A row of history. Saving an existing one is refused (a guard, not a side effect)."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs) -> None:
        if not self._state.adding:
            raise ValueError(STATUS_ROWS_ARE_IMMUTABLE)
        super().save(*args, **kwargs)
