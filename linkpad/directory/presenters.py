"""How directory listings read on a page: opening times, costs, freshness, in plain words."""

from datetime import date, time

from django.conf import settings

DAY_NAMES = {
    "MO": "Monday",
    "TU": "Tuesday",
    "WE": "Wednesday",
    "TH": "Thursday",
    "FR": "Friday",
    "SA": "Saturday",
    "SU": "Sunday",
}
WEEKDAYS = ["MO", "TU", "WE", "TH", "FR"]


def clock(value: time | None) -> str:
    """A time as NHS style writes it.

    >>> clock(time(10, 0)), clock(time(13, 30)), clock(time(0, 0)), clock(time(12, 0))
    ('10am', '1:30pm', 'midnight', 'midday')
    """
    if value is None:
        return ""
    if value == time(0, 0):
        return "midnight"
    if value == time(12, 0):
        return "midday"
    hour = value.hour % 12 or 12
    minutes = f":{value.minute:02d}" if value.minute else ""
    return f"{hour}{minutes}{'am' if value.hour < 12 else 'pm'}"


def days_text(byday: str) -> str:
    """The days in an iCalendar BYDAY list, as people say them.

    >>> days_text("TU")
    'Tuesdays'
    >>> days_text("MO,TU,WE,TH,FR")
    'Monday to Friday'
    >>> days_text("MO,WE,FR")
    'Mondays, Wednesdays and Fridays'
    >>> days_text("1MO")
    'first Monday of the month'
    >>> days_text("")
    ''
    """
    codes = [code.strip().upper() for code in byday.split(",") if code.strip()]
    if not codes:
        return ""
    if codes == WEEKDAYS:
        return "Monday to Friday"
    if codes == [*WEEKDAYS, "SA", "SU"]:
        return "every day"
    if len(codes) == 1 and codes[0][:-2] in {"1", "2", "3", "4", "-1"}:
        ordinal = {"1": "first", "2": "second", "3": "third", "4": "fourth", "-1": "last"}[codes[0][:-2]]
        return f"{ordinal} {DAY_NAMES.get(codes[0][-2:], codes[0])} of the month"
    names = [DAY_NAMES.get(code[-2:], code) + "s" for code in codes]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def schedule_text(schedule) -> str:
    """One line for a schedule: days and hours, or its own description when it has no rule.

    >>> from types import SimpleNamespace as S
    >>> schedule_text(S(byday="TU", opens_at=time(10), closes_at=time(12), description=""))
    'Tuesdays, 10am to midday'
    >>> schedule_text(S(byday="", opens_at=None, closes_at=None, description="By appointment"))
    'By appointment'
    """
    days = days_text(schedule.byday or "")
    hours = f"{clock(schedule.opens_at)} to {clock(schedule.closes_at)}" if schedule.opens_at else ""
    text = ", ".join(part for part in (days, hours) if part)
    return text[:1].upper() + text[1:] if text else schedule.description


def cost_text(service, cost_options) -> str:
    """What it costs, saying "Free" plainly when it is."""
    if not cost_options:
        return service.fees_description or "Free"
    parts = []
    for option in cost_options:
        if option.amount in (None, 0) and not option.amount_description:
            parts.append("Free")
        else:
            parts.append(option.amount_description or option.option or f"£{option.amount:.2f}")
    return "; ".join(dict.fromkeys(parts))


def stale_since(assured: date | None, today: date | None = None) -> bool:
    """True when a listing has not been checked within the freshness window.

    >>> stale_since(date(2020, 1, 1), today=date(2026, 1, 1))
    True
    >>> stale_since(None)
    True
    """
    if assured is None:
        return True
    today = today or date.today()
    months = (today.year - assured.year) * 12 + today.month - assured.month
    return months > settings.LINKPAD_DIRECTORY_STALE_MONTHS or (
        months == settings.LINKPAD_DIRECTORY_STALE_MONTHS and today.day > assured.day
    )
