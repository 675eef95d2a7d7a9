"""Reporting periods: financial-year quarters (April to March, as NHS Scotland reports) and custom dates.

Pure Python: the views turn a period into the half-open datetime range the selectors filter on.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

BAD_QUARTER = "Choose a quarter from the list, for example 2025/26 Q1."
BAD_RANGE = "The start date must be on or before the end date."


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date  # inclusive
    label: str

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


def quarter_of(day: dt.date) -> tuple[int, int]:
    """(financial year it starts in, quarter 1-4) of a date.

    >>> quarter_of(dt.date(2025, 4, 1)), quarter_of(dt.date(2026, 3, 31)), quarter_of(dt.date(2026, 1, 5))
    ((2025, 1), (2025, 4), (2025, 4))
    """
    year = day.year if day.month >= 4 else day.year - 1
    return year, ((day.month - 4) % 12) // 3 + 1


def quarter(year: int, number: int) -> Period:
    """One financial quarter: Q1 is April to June.

    >>> quarter(2025, 4)
    Period(start=datetime.date(2026, 1, 1), end=datetime.date(2026, 3, 31), label='2025/26 Q4 (January to March 2026)')
    """
    month = 4 + 3 * (number - 1)
    start = dt.date(year + (month - 1) // 12, (month - 1) % 12 + 1, 1)
    after = dt.date(start.year + (start.month + 2) // 12, (start.month + 2) % 12 + 1, 1)
    end = after - dt.timedelta(days=1)
    months = f"{start:%B} to {end:%B %Y}"
    return Period(start, end, f"{year}/{(year + 1) % 100:02d} Q{number} ({months})")


def quarter_key(year: int, number: int) -> str:
    """The key a quarter has in addresses and extracts' names.

    >>> quarter_key(2025, 1)
    '2025-26-Q1'
    """
    return f"{year}-{(year + 1) % 100:02d}-Q{number}"


def parse_quarter(key: str) -> Period:
    """A quarter from its key; a ValueError with a plain message for anything else.

    >>> parse_quarter("2025-26-Q2").start
    datetime.date(2025, 7, 1)
    """
    try:
        year_text, _, number_text = key.split("-")
        year, number = int(year_text), int(number_text.removeprefix("Q"))
    except ValueError:
        raise ValueError(BAD_QUARTER) from None
    if not 1 <= number <= 4 or key != quarter_key(year, number):
        raise ValueError(BAD_QUARTER)
    return quarter(year, number)


def recent_quarters(today: dt.date, count: int = 8) -> list[tuple[str, Period]]:
    """The quarter containing today and the ones before it, newest first.

    >>> [key for key, _ in recent_quarters(dt.date(2025, 5, 1), 3)]
    ['2025-26-Q1', '2024-25-Q4', '2024-25-Q3']
    """
    year, number = quarter_of(today)
    found = []
    for _ in range(count):
        found.append((quarter_key(year, number), quarter(year, number)))
        year, number = (year, number - 1) if number > 1 else (year - 1, 4)
    return found


def last_twelve_months(today: dt.date) -> Period:
    """The default period: the year up to today.

    >>> last_twelve_months(dt.date(2025, 5, 14))
    Period(start=datetime.date(2024, 5, 15), end=datetime.date(2025, 5, 14), label='the last 12 months')
    """
    try:
        start = today.replace(year=today.year - 1) + dt.timedelta(days=1)
    except ValueError:  # 29 February
        start = today.replace(year=today.year - 1, day=28) + dt.timedelta(days=1)
    return Period(start, today, "the last 12 months")


def custom(start: dt.date, end: dt.date) -> Period:
    if start > end:
        raise ValueError(BAD_RANGE)
    return Period(start, end, f"{start:%-d %B %Y} to {end:%-d %B %Y}")
