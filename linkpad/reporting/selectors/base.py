"""What every reporting query is limited to: a set of GP practices and a period."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from ..periods import Period


@dataclass(frozen=True)
class Scope:
    """Practices (ids, already limited to the manager's) and a period. Counts are by the date each
    thing happened: referrals by when received, episodes by when opened, contacts by their date, links
    by when made or referred, closures and outcome change by when the episode closed."""

    practice_ids: tuple[int, ...]
    period: Period

    @property
    def since(self) -> dt.datetime:
        return timezone.make_aware(dt.datetime.combine(self.period.start, dt.time.min))

    @property
    def until(self) -> dt.datetime:
        """The first moment after the period (ranges are half-open, so an index can be used)."""
        return timezone.make_aware(dt.datetime.combine(self.period.end + dt.timedelta(days=1), dt.time.min))

    def between(self, field: str) -> dict:
        return {f"{field}__gte": self.since, f"{field}__lt": self.until}

    def days_between(self, field: str) -> dict:
        return {f"{field}__gte": self.period.start, f"{field}__lte": self.period.end}


def percentile(distribution: list[tuple[int, int]], fraction: float) -> int | None:
    """The nearest-rank percentile of (value, how many) pairs sorted by value.

    >>> percentile([(0, 2), (3, 5), (10, 3)], 0.5), percentile([(0, 2), (3, 5), (10, 3)], 0.9)
    (3, 10)
    >>> percentile([], 0.5) is None
    True
    """
    total = sum(count for _, count in distribution)
    if not total:
        return None
    rank = max(1, -(-int(fraction * total * 1000) // 1000))  # ceil without floating surprises
    seen = 0
    for value, count in distribution:
        seen += count
        if seen >= rank:
            return value
    return distribution[-1][0]
