"""The minimum core dataset: one pseudonymised row per episode open during a quarter (see docs/reporting.md).

Everything is read in a few queries (a row per episode with its aggregates computed in the database,
then one query each for reasons and needs); nothing names a person. References are keyed hashes, so
the same episode keeps its reference from quarter to quarter but cannot be turned back into an id
without the server's secret key.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Iterator

from django.conf import settings
from django.db.models import Count, Exists, F, IntegerField, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from linkpad.casework.models import Contact, Episode, Link, LinkStage, LinkStatus, Need, WhatMatters
from linkpad.outcomes.measures import MEASURES
from linkpad.outcomes.models import Administration
from linkpad.referrals.models import ContactAttempt, ContactOutcome, ReferralReason

from .activity import AGE_BANDS
from .base import Scope

SCORED = [m.key for m in MEASURES.values() if m.change_threshold is not None]
FIELDS = [
    "episode_ref",
    "person_ref",
    "practice_code",
    "referral_source",
    "referral_urgency",
    "referral_reasons",
    "referral_month",
    "age_band",
    "sex",
    "simd_quintile",
    "opened_month",
    "days_referral_to_first_contact",
    "days_referral_to_what_matters",
    "needs",
    "contacts_attended",
    "contacts_missed",
    "links_made",
    "links_attended",
    "closed_month",
    "closure_reason",
    *[f"{key}_{when}" for key in SCORED for when in ("baseline", "latest")],
]


def pseudonym(kind: str, pk: int) -> str:
    """A keyed hash: stable for one installation, meaningless elsewhere."""
    digest = hmac.new(settings.SECRET_KEY.encode(), f"{kind}:{pk}".encode(), hashlib.sha256)
    return digest.hexdigest()[:16]


def _count(model, **filters):
    return Coalesce(
        Subquery(
            model.objects.filter(**filters).values("episode").annotate(n=Count("pk")).values("n"),
            output_field=IntegerField(),
        ),
        0,
    )


def open_during(scope: Scope):
    """Episodes of the practices opened before the period ended and not closed before it began."""
    return Episode.objects.filter(practice__in=scope.practice_ids, opened_at__lt=scope.until).filter(
        Q(closure__isnull=True) | Q(closure__closed_at__gte=scope.since)
    )


def _first(queryset, field: str):
    return Subquery(queryset.order_by(field).values(field)[:1])


def core_dataset(scope: Scope) -> Iterator[dict]:
    episodes = open_during(scope)
    scores = {}
    for key in SCORED:
        rows = Administration.objects.filter(episode=OuterRef("pk"), measure=key)
        scores[f"{key}_baseline"] = Subquery(
            rows.order_by("completed_on", "recorded_at", "pk").values("score")[:1]
        )
        scores[f"{key}_latest"] = Subquery(
            rows.order_by("-completed_on", "-recorded_at", "-pk").values("score")[:1]
        )
    attended = LinkStatus.objects.filter(
        link=OuterRef("pk"), stage__in=[LinkStage.ATTENDED, LinkStage.ONGOING]
    )
    rows = episodes.annotate(
        first_contact=_first(
            ContactAttempt.objects.filter(referral=OuterRef("referral"), outcome=ContactOutcome.REACHED),
            "attempted_at",
        ),
        first_conversation=_first(WhatMatters.objects.filter(episode=OuterRef("pk")), "recorded_at"),
        contacts_attended=_count(Contact, episode=OuterRef("pk"), did_not_attend=False),
        contacts_missed=_count(Contact, episode=OuterRef("pk"), did_not_attend=True),
        links_made=_count(Link, episode=OuterRef("pk")),
        links_attended=Coalesce(
            Subquery(
                Link.objects.filter(episode=OuterRef("pk"))
                .filter(Exists(attended))
                .values("episode")
                .annotate(n=Count("pk"))
                .values("n"),
                output_field=IntegerField(),
            ),
            0,
        ),
        birth=F("person__date_of_birth"),
        **scores,
    ).values(
        "pk",
        "person_id",
        "practice__code",
        "referral__source",
        "referral__urgency",
        "referral__received_at",
        "referral_id",
        "person__sex",
        "person__simd_decile",
        "opened_at",
        "first_contact",
        "first_conversation",
        "contacts_attended",
        "contacts_missed",
        "links_made",
        "links_attended",
        "closure__closed_at",
        "closure__reason",
        "birth",
        *scores,
    )
    rows = list(rows.order_by("pk"))
    ids = [row["pk"] for row in rows]
    reasons: dict[int, list[str]] = {}
    for referral, reason in ReferralReason.objects.filter(referral__episode__in=ids).values_list(
        "referral", "reason"
    ):
        reasons.setdefault(referral, []).append(reason)
    needs: dict[int, set[str]] = {}
    for episode, domain in Need.objects.filter(conversation__episode__in=ids).values_list(
        "conversation__episode", "domain"
    ):
        needs.setdefault(episode, set()).add(domain)
    for row in rows:
        yield _record(row, sorted(reasons.get(row["referral_id"], [])), sorted(needs.get(row["pk"], set())))


def _day(moment):
    return timezone.localtime(moment).date()


def _days(later, earlier) -> int | str:
    return "" if later is None else (_day(later) - _day(earlier)).days


def _age_band(born, on) -> str:
    age = on.year - born.year - ((on.month, on.day) < (born.month, born.day))
    return next(label for low, label in reversed(AGE_BANDS) if age >= low)


def _record(row: dict, reasons: list[str], needs: list[str]) -> dict:
    received = row["referral__received_at"]
    decile = row["person__simd_decile"]
    closed = row["closure__closed_at"]
    record = {
        "episode_ref": pseudonym("episode", row["pk"]),
        "person_ref": pseudonym("person", row["person_id"]),
        "practice_code": row["practice__code"],
        "referral_source": row["referral__source"],
        "referral_urgency": row["referral__urgency"],
        "referral_reasons": ";".join(reasons),
        "referral_month": f"{_day(received):%Y-%m}",
        "age_band": _age_band(row["birth"], _day(received)),
        "sex": row["person__sex"],
        "simd_quintile": "" if decile is None else (decile + 1) // 2,
        "opened_month": f"{_day(row['opened_at']):%Y-%m}",
        "days_referral_to_first_contact": _days(row["first_contact"], received),
        "days_referral_to_what_matters": _days(row["first_conversation"], received),
        "needs": ";".join(needs),
        "contacts_attended": row["contacts_attended"],
        "contacts_missed": row["contacts_missed"],
        "links_made": row["links_made"],
        "links_attended": row["links_attended"],
        "closed_month": f"{_day(closed):%Y-%m}" if closed else "",
        "closure_reason": row["closure__reason"] or "",
    }
    for key in SCORED:
        for when in ("baseline", "latest"):
            value = row[f"{key}_{when}"]
            record[f"{key}_{when}"] = "" if value is None else round(value, 2)
    return record
