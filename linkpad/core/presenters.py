"""Wording and formatting shared by every page."""

from datetime import date, datetime

from django.utils import timezone


def format_date(value: date | datetime | None) -> str:
    """A date as people in the UK write it.

    >>> format_date(date(2026, 3, 5))
    '5 March 2026'
    >>> format_date(None)
    ''
    """
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
    return f"{value.day} {value:%B %Y}"


def format_datetime(value: datetime | None) -> str:
    """A moment in time, with the 12-hour clock NHS style uses.

    >>> format_datetime(datetime(2026, 3, 5, 14, 30))
    '5 March 2026 at 2:30pm'
    >>> format_datetime(datetime(2026, 3, 5, 9, 0))
    '5 March 2026 at 9am'
    """
    if value is None:
        return ""
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    hour = value.hour % 12 or 12
    minutes = f":{value.minute:02d}" if value.minute else ""
    return f"{format_date(value)} at {hour}{minutes}{'am' if value.hour < 12 else 'pm'}"


def format_distance_km(km: float | None) -> str:
    """Distance in words: metres under 1 km, one decimal place under 10 km.

    >>> format_distance_km(0.4567)
    '460 metres'
    >>> format_distance_km(3.21)
    '3.2 km'
    >>> format_distance_km(12.7)
    '13 km'
    """
    if km is None:
        return ""
    if km < 1:
        return f"{round(km * 1000, -1):.0f} metres"
    if km < 10:
        return f"{km:.1f} km"
    return f"{km:.0f} km"


def web_address(value: str | None) -> str:
    """A link target only if it is an ordinary web address, so imported data cannot inject script.

    >>> web_address("https://example.org/a")
    'https://example.org/a'
    >>> web_address("javascript:alert(1)")
    ''
    >>> web_address("example.org")
    'https://example.org'
    """
    value = (value or "").strip()
    if value.lower().startswith(("https://", "http://")):
        return value
    if value and ":" not in value.split("/")[0]:
        return f"https://{value}"
    return ""


FILTERS = {
    "web_address": web_address,
    "format_date": format_date,
    "format_datetime": format_datetime,
    "format_distance_km": format_distance_km,
}
