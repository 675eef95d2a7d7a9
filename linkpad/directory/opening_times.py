"""Opening times as people write them, to and from HSDS schedule rows.

A session is one row of the "Opening times" form: how often, which day or days, when it opens and
closes, and a short note. HSDS keeps the same thing as iCalendar-style recurrence fields (`freq`,
`interval`, `byday`, `opens_at`, `closes_at`, `description`). Only schedules these rows can say
exactly are editable; any other (a `bymonthday` or `byweekno` rule, a count, no times) is shown
read-only and kept as it is.
"""

import re
from dataclasses import dataclass
from datetime import time
from types import SimpleNamespace

from .presenters import schedule_text

DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
WEEKLY, FORTNIGHTLY, DAILY = "weekly", "fortnightly", "daily"
ORDINALS = {"1": "first", "2": "second", "3": "third", "4": "fourth", "-1": "last"}
HOW_OFTEN = [
    (WEEKLY, "Every week"),
    (FORTNIGHTLY, "Every 2 weeks"),
    *((number, f"The {word} of the month") for number, word in ORDINALS.items()),
    (DAILY, "Every day"),
]
#: Schedule fields these rows cannot show: a schedule using any of them is kept read-only.
UNSUPPORTED = ("bymonthday", "byweekno", "byyearday", "count", "until")
_MONTHLY_DAY = re.compile(r"^(-1|[1-4])(MO|TU|WE|TH|FR|SA|SU)$")


@dataclass(frozen=True)
class Session:
    how_often: str
    days: tuple[str, ...]
    opens: time
    closes: time
    note: str = ""
    id: str = ""

    @property
    def monthly(self) -> bool:
        return self.how_often in ORDINALS

    def same_times_as(self, other: "Session") -> bool:
        return (self.how_often, self.days, self.opens, self.closes, self.note) == (
            other.how_often,
            other.days,
            other.opens,
            other.closes,
            other.note,
        )


def session_from_schedule(schedule) -> Session | None:
    """The form row for a schedule, or None when the rows cannot say it exactly.

    >>> row = SimpleNamespace(id="s1", freq="WEEKLY", interval=None, byday="WE,MO", opens_at=time(10),
    ...     closes_at=time(12), description="", bymonthday="", byweekno="", byyearday="", count=None, until=None)
    >>> session_from_schedule(row)
    Session(how_often='weekly', days=('MO', 'WE'), opens=datetime.time(10, 0), closes=datetime.time(12, 0), note='', id='s1')
    >>> session_from_schedule(SimpleNamespace(**{**vars(row), "freq": "MONTHLY", "byday": "-1FR"})).how_often
    '-1'
    >>> session_from_schedule(SimpleNamespace(**{**vars(row), "interval": 2})).how_often
    'fortnightly'
    >>> session_from_schedule(SimpleNamespace(**{**vars(row), "freq": "DAILY", "byday": ""})).days
    ()
    >>> session_from_schedule(SimpleNamespace(**{**vars(row), "bymonthday": "15"})) is None
    True
    >>> session_from_schedule(SimpleNamespace(**{**vars(row), "opens_at": None})) is None
    True

    A description that only repeats the days and times is not a note, so it follows the times:

    >>> session_from_schedule(SimpleNamespace(**{**vars(row), "description": "Mondays and Wednesdays, 10am to midday"})).note
    ''
    """
    if any(getattr(schedule, name, None) for name in UNSUPPORTED):
        return None
    if schedule.opens_at is None or schedule.closes_at is None:
        return None
    how_often, days = _rule(schedule)
    if how_often is None:
        return None
    session = Session(how_often, days, schedule.opens_at, schedule.closes_at, "", schedule.id)
    note = (schedule.description or "").strip()
    if note == session_text(session):
        note = ""
    return Session(how_often, days, schedule.opens_at, schedule.closes_at, note, schedule.id)


def _rule(schedule) -> tuple[str | None, tuple[str, ...]]:
    freq, interval = (schedule.freq or "").upper(), schedule.interval or 1
    codes = [code.strip().upper() for code in (schedule.byday or "").split(",") if code.strip()]
    if freq == "DAILY" and interval == 1 and not codes:
        return DAILY, ()
    if freq == "WEEKLY" and interval in (1, 2) and codes and all(code in DAYS for code in codes):
        return (WEEKLY if interval == 1 else FORTNIGHTLY), _in_order(codes)
    match = _MONTHLY_DAY.match(codes[0]) if freq == "MONTHLY" and interval == 1 and len(codes) == 1 else None
    if match:
        return match.group(1), (match.group(2),)
    return None, ()


def _in_order(codes) -> tuple[str, ...]:
    return tuple(day for day in DAYS if day in codes)


def schedule_fields(session: Session) -> dict:
    """The HSDS schedule fields for a form row; the description says it in words when there is no note.

    >>> fields = schedule_fields(Session("weekly", ("TU",), time(10), time(12)))
    >>> fields["freq"], fields["interval"], fields["byday"], fields["description"]
    ('WEEKLY', None, 'TU', 'Tuesdays, 10am to midday')
    >>> fields = schedule_fields(Session("2", ("MO",), time(14), time(16), note="In the back hall"))
    >>> fields["freq"], fields["byday"], fields["description"]
    ('MONTHLY', '2MO', 'In the back hall')
    >>> schedule_fields(Session("fortnightly", ("FR",), time(18), time(20)))["interval"]
    2
    >>> schedule_fields(Session("daily", (), time(9), time(17)))["byday"]
    ''
    """
    if session.how_often == DAILY:
        freq, interval, byday = "DAILY", None, ""
    elif session.monthly:
        freq, interval, byday = "MONTHLY", None, f"{session.how_often}{session.days[0]}"
    else:
        freq = "WEEKLY"
        interval = 2 if session.how_often == FORTNIGHTLY else None
        byday = ",".join(_in_order(session.days))
    return {
        "freq": freq,
        "interval": interval,
        "byday": byday,
        "opens_at": session.opens,
        "closes_at": session.closes,
        "description": session.note or session_text(session),
    }


def session_text(session: Session) -> str:
    """A session in words, as the listing page says it.

    >>> session_text(Session("weekly", ("TU",), time(10), time(12)))
    'Tuesdays, 10am to midday'
    >>> session_text(Session("fortnightly", ("TU", "TH"), time(10), time(12)))
    'Every 2 weeks on Tuesdays and Thursdays, 10am to midday'
    >>> session_text(Session("-1", ("FR",), time(13, 30), time(15)))
    'Last Friday of the month, 1:30pm to 3pm'
    >>> session_text(Session("daily", (), time(9), time(17)))
    'Every day, 9am to 5pm'
    """
    byday = f"{session.how_often}{session.days[0]}" if session.monthly else ",".join(session.days)
    line = schedule_text(
        SimpleNamespace(byday=byday, opens_at=session.opens, closes_at=session.closes, description="")
    )
    if session.how_often == DAILY:
        return f"Every day, {line}"
    if session.how_often == FORTNIGHTLY:
        return f"Every 2 weeks on {line}"  # days are names, so keep their capitals
    return line


def session_to_json(session: Session) -> dict:
    """A session as a proposed change keeps it.

    >>> data = session_to_json(Session("weekly", ("MO", "WE"), time(10), time(12, 30), "Bring a packed lunch", "s1"))
    >>> data
    {'how_often': 'weekly', 'days': ['MO', 'WE'], 'opens': '10:00', 'closes': '12:30', 'note': 'Bring a packed lunch', 'id': 's1'}
    >>> session_from_json(data) == Session("weekly", ("MO", "WE"), time(10), time(12, 30), "Bring a packed lunch", "s1")
    True
    """
    return {
        "how_often": session.how_often,
        "days": list(session.days),
        "opens": session.opens.strftime("%H:%M"),
        "closes": session.closes.strftime("%H:%M"),
        "note": session.note,
        "id": session.id,
    }


def session_from_json(data: dict) -> Session:
    return Session(
        how_often=data["how_often"],
        days=tuple(data["days"]),
        opens=time.fromisoformat(data["opens"]),
        closes=time.fromisoformat(data["closes"]),
        note=data.get("note", ""),
        id=data.get("id", ""),
    )
