"""Referrals: how many, from where and why; who is referred; how long people wait."""

from __future__ import annotations

import datetime as dt

from django.db.models import (
    Case,
    Count,
    DateField,
    DurationField,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import ExtractDay, ExtractMonth, ExtractYear, TruncDate, TruncMonth

from linkpad.accounts.models import Organisation
from linkpad.casework.models import WhatMatters
from linkpad.referrals.models import ContactAttempt, ContactOutcome, ReasonCode, Referral, Sex, Source

from ..tables import STAT, Column, Table, one_way, share, standalone, two_way
from .base import Scope, percentile

NOT_KNOWN = "Not known"
AGE_BANDS = [(0, "Under 25"), (25, "25 to 44"), (45, "45 to 64"), (65, "65 to 74"), (75, "75 and over")]
SIMD_NOTE = (
    "SIMD quintile 1 is the most deprived fifth of Scotland's data zones. Each quintile holds about a fifth "
    "of Scotland's people, so a practice population like Scotland's would give about 20% in each. "
    "Linkpad does not hold practice list sizes or the SIMD make-up of practice lists, so the comparison "
    "with each practice's own population cannot be shown."
)
POPULATION_NOTE = (
    "Linkpad does not hold practice populations by age or sex, so the comparison with the practice "
    "population cannot be shown here."
)


def referrals_in(scope: Scope):
    return Referral.objects.filter(practice__in=scope.practice_ids, **scope.between("received_at"))


def _months(scope: Scope) -> list[dt.date]:
    months, day = [], scope.period.start.replace(day=1)
    while day <= scope.period.end:
        months.append(day)
        day = (day + dt.timedelta(days=32)).replace(day=1)
    return months


def referrals_by_month(scope: Scope) -> Table:
    found = (
        referrals_in(scope)
        .annotate(month=TruncMonth("received_at"))
        .values("month", "source")
        .annotate(n=Count("id"))
    )
    cells: dict = {}
    for row in found:
        key = (f"{row['month']:%B %Y}", Source(row["source"]).label)
        cells[key] = cells.get(key, 0) + row["n"]
    return two_way(
        "referrals-by-month",
        "Referrals by month and source",
        f"Referrals received by month and source, {scope.period.label}",
        cells,
        rows=[f"{month:%B %Y}" for month in _months(scope)],
        columns=list(Source.labels),
        row_label="Month",
    )


def referrals_by_practice(scope: Scope) -> Table:
    names = dict(Organisation.objects.filter(pk__in=scope.practice_ids).values_list("pk", "name"))
    found = referrals_in(scope).values("practice", "source").annotate(n=Count("id"))
    cells = {(names[row["practice"]], Source(row["source"]).label): row["n"] for row in found}
    return two_way(
        "referrals-by-practice",
        "Referrals by practice and source",
        f"Referrals received by practice and source, {scope.period.label}",
        cells,
        rows=sorted(names.values()),
        columns=list(Source.labels),
        row_label="Practice",
    )


def referrals_by_reason(scope: Scope) -> Table:
    found = dict(
        referrals_in(scope)
        .values_list("reasons__reason")
        .annotate(n=Count("id"))
        .exclude(reasons__reason=None)
    )
    counts = {label: found.get(code, 0) for code, label in ReasonCode.choices}
    return one_way(
        "referrals-by-reason",
        "Reasons for referral",
        f"Reasons given in referrals received, {scope.period.label}",
        counts,
        row_label="Reason",
        count_label="Referrals giving this reason",
        total_label="Reasons given",
        notes=["A referral can give more than one reason, so the reasons add up to more than the referrals."],
    )


def _quintile():
    return Case(
        *(When(person__simd_decile__in=(2 * q - 1, 2 * q), then=Value(q)) for q in range(1, 6)),
        default=Value(0),
        output_field=IntegerField(),
    )


def referred_by_simd(scope: Scope) -> Table:
    found = dict(referrals_in(scope).annotate(q=_quintile()).values_list("q").annotate(n=Count("id")))
    labels = {
        q: f"Quintile {q}{' (most deprived)' if q == 1 else ' (least deprived)' if q == 5 else ''}"
        for q in range(1, 6)
    }
    counts = {labels[q]: found.get(q, 0) for q in range(1, 6)}
    counts[NOT_KNOWN] = found.get(0, 0)
    scotland = {label: "20%" for label in labels.values()}
    return one_way(
        "referred-by-simd",
        "Who is referred: deprivation (SIMD quintile)",
        f"Referrals received by the SIMD quintile of the person's postcode, {scope.period.label}",
        counts,
        row_label="SIMD quintile",
        count_label="Referrals",
        extra=[
            (Column("Share of referrals", STAT), lambda label, n, total: share(n, total) if label else ""),
            (Column("Share of Scotland's people", STAT), lambda label, n, total: scotland.get(label, "")),
        ],
        notes=[SIMD_NOTE],
    )


def _age_at_referral():
    years = ExtractYear("received_at") - ExtractYear("person__date_of_birth")
    before_birthday = Q(**{"received_month_day__lt": F("birth_month_day")})
    return Case(When(before_birthday, then=years - 1), default=years, output_field=IntegerField())


def referred_by_age(scope: Scope) -> Table:
    found = (
        referrals_in(scope)
        .annotate(
            received_month_day=ExtractMonth("received_at") * 100 + ExtractDay("received_at"),
            birth_month_day=ExtractMonth("person__date_of_birth") * 100 + ExtractDay("person__date_of_birth"),
        )
        .annotate(age=_age_at_referral())
        .annotate(
            band=Case(
                *(When(age__gte=low, then=Value(label)) for low, label in reversed(AGE_BANDS)),
                default=Value(AGE_BANDS[0][1]),
            )
        )
        .values_list("band")
        .annotate(n=Count("id"))
    )
    found = dict(found)
    counts = {label: found.get(label, 0) for _, label in AGE_BANDS}
    return one_way(
        "referred-by-age",
        "Who is referred: age",
        f"Referrals received by the person's age when referred, {scope.period.label}",
        counts,
        row_label="Age",
        count_label="Referrals",
        extra=[
            (Column("Share of referrals", STAT), lambda label, n, total: share(n, total) if label else "")
        ],
        notes=[POPULATION_NOTE],
    )


def referred_by_sex(scope: Scope) -> Table:
    found = dict(referrals_in(scope).values_list("person__sex").annotate(n=Count("id")))
    counts = {label: found.get(code, 0) for code, label in Sex.choices}
    counts["Not recorded"] = found.get("", 0)
    return one_way(
        "referred-by-sex",
        "Who is referred: sex",
        f"Referrals received by the person's recorded sex, {scope.period.label}",
        counts,
        row_label="Sex",
        count_label="Referrals",
        extra=[
            (Column("Share of referrals", STAT), lambda label, n, total: share(n, total) if label else "")
        ],
        notes=[POPULATION_NOTE],
    )


def _days(later, earlier):
    return ExpressionWrapper(
        TruncDate(later, output_field=DateField()) - TruncDate(earlier, output_field=DateField()),
        output_field=DurationField(),
    )


def waits(scope: Scope) -> Table:
    """One query: referrals grouped by (days to first contact, days to the first what matters
    conversation). Dates subtract, so the wait between the two is the difference of the two waits."""
    first_contact = ContactAttempt.objects.filter(
        referral=OuterRef("pk"), outcome=ContactOutcome.REACHED
    ).order_by("attempted_at")
    first_conversation = WhatMatters.objects.filter(episode=OuterRef("episode")).order_by("recorded_at")
    found = (
        referrals_in(scope)
        .annotate(
            first_contact=Subquery(first_contact.values("attempted_at")[:1]),
            first_conversation=Subquery(first_conversation.values("recorded_at")[:1]),
        )
        .annotate(
            to_contact=_days("first_contact", "received_at"),
            to_conversation=_days("first_conversation", "received_at"),
        )
        .values_list("to_contact", "to_conversation")
        .annotate(n=Count("id"))
    )
    spreads: list[dict[int, int]] = [{}, {}, {}]
    for to_contact, to_conversation, n in found:
        if to_contact is None:  # not reached yet: they have not waited for anything measured here
            continue
        contact = _whole_days(to_contact)
        conversation = None if to_conversation is None else _whole_days(to_conversation)
        for spread, days in zip(
            spreads,
            (contact, conversation, None if conversation is None else conversation - contact),
            strict=True,
        ):
            if days is not None:
                spread[days] = spread.get(days, 0) + n
    labels = [
        "Referral to first contact",
        "Referral to what matters conversation",
        "First contact to what matters conversation",
    ]
    rows = []
    for label, spread in zip(labels, spreads, strict=True):
        ordered = sorted(spread.items())
        people = sum(spread.values())
        rows.append((label, [people, _in_days(percentile(ordered, 0.5)), _in_days(percentile(ordered, 0.9))]))
    return standalone(
        "waits",
        "Waits",
        f"Days waited by people referred in {scope.period.label}, counting only those who got that far",
        rows,
        row_label="Wait",
        columns=[Column("People"), Column("Median", STAT), Column("90th percentile", STAT)],
        notes=[
            "Half of people waited no longer than the median; nine in ten no longer than the 90th percentile."
        ],
    )


def _whole_days(wait) -> int:
    return wait.days if isinstance(wait, dt.timedelta) else int(wait)


def _in_days(days: int | None) -> str:
    if days is None:
        return ""
    return "1 day" if days == 1 else f"{days} days"


#: Tables on the referrals page, in order.
REFERRAL_TABLES = [referrals_by_month, referrals_by_practice, referrals_by_reason]
WHO_TABLES = [referred_by_simd, referred_by_age, referred_by_sex]
