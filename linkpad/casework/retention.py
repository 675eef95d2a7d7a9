"""Retention: anonymise people whose support ended more than `LINKPAD_RETENTION_YEARS` years ago.

A person is anonymised only when every one of their referrals has ended before the cutoff: its episode
closed, or (a referral that never became an episode) declined, withdrawn or closed for no response.
What identifies them (name, CHI number, day and month of birth, full postcode, phone, email) and the
free text written about them is replaced; the coded data reports need (stages, dates, reasons, outcomes,
SIMD decile, links to services) stays.

What is scrubbed is the registry `SCRUBS`: one `Scrub` per model, naming the model as "app_label.Model"
so that adding one is a single line. django-auditlog's change records keep old values, so the entries
for every scrubbed row are scrubbed too. Rows are changed with queryset `.update()`: on purpose, since a
`save()` would write a new change record holding the very values being removed (and status rows, which
are history, refuse `save()`).
"""

import datetime as dt
import json
import logging
from collections.abc import Callable
from dataclasses import dataclass, field

from auditlog.models import LogEntry
from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.db.models import OuterRef, Q, Subquery
from django.utils import timezone

from linkpad.referrals.models import Person, Referral, ReferralStatus, Status

from .models import EpisodeStatus, Stage

logger = logging.getLogger(__name__)

MARKER = "[removed]"
PURPOSE = "retention"
#: Referral statuses that end a referral which never became an episode.
ENDED = (Status.DECLINED, Status.NO_RESPONSE, Status.WITHDRAWN)
YEARS_TOO_FEW = "The retention period must be at least one year, not {years}."


def year_only(born: dt.date) -> dt.date:
    """Keep the year of birth (for age bands in reports); the day and month are dropped."""
    return born.replace(month=1, day=1)


def postcode_district(postcode: str) -> str:
    """The postcode district (outward code) only: "G22 5AA" -> "G22".

    >>> postcode_district("g22 5aa"), postcode_district("EH11AB"), postcode_district("")
    ('G22', 'EH1', '')
    """
    compact = postcode.replace(" ", "").upper()
    return compact[:-3] if len(compact) > 4 else compact


def free_text(*names: str) -> dict[str, str]:
    return dict.fromkeys(names, MARKER)


@dataclass(frozen=True)
class Scrub:
    """What to replace in one model's rows about a person: a new value, or a function of the old one."""

    model: str  # "app_label.ModelName"
    person_path: str  # the lookup from a row to its person ("pk" for the person themselves)
    fields: dict[str, str | Callable] = field(default_factory=dict)

    def model_class(self) -> type[models.Model]:
        return apps.get_model(self.model)

    def rows(self, people: list[int]) -> models.QuerySet:
        return self.model_class()._default_manager.filter(**{f"{self.person_path}__in": people})


#: Everything anonymised about a person. A new model holding identifying or free text joins with one line.
SCRUBS: list[Scrub] = [
    Scrub(
        "referrals.Person",
        "pk",
        {
            "given_name": MARKER,
            "family_name": MARKER,
            "chi_number": "",
            "date_of_birth": year_only,
            "postcode": postcode_district,
            "phone": "",
            "email": "",
        },
    ),
    Scrub(
        "referrals.Referral",
        "person",
        free_text("details", "referrer_name", "referrer_role", "referrer_organisation")
        | {"referrer_phone": "", "referrer_email": ""},
    ),
    Scrub("casework.RiskFlag", "episode__person", free_text("detail", "reference", "resolution")),
    Scrub("casework.Escalation", "episode__person", free_text("to_whom", "shared", "outcome")),
    Scrub("referrals.GpMessage", "referral__person", {"content": lambda old: {}, **free_text("summary")}),
    Scrub("referrals.ReferralStatus", "referral__person", free_text("reason")),
    Scrub("referrals.ContactAttempt", "referral__person", free_text("notes")),
    Scrub("casework.EpisodeStatus", "episode__person", free_text("note")),
    Scrub("casework.WhatMatters", "episode__person", free_text("narrative", "strengths", "risks")),
    Scrub("casework.Goal", "episode__person", free_text("text")),
    Scrub("casework.GoalNote", "goal__episode__person", free_text("note")),
    Scrub("casework.Contact", "episode__person", free_text("note")),
    Scrub("casework.Task", "episode__person", free_text("text")),
    Scrub("casework.Closure", "episode__person", free_text("summary")),
    Scrub("casework.Link", "episode__person", free_text("first_step_note")),
    Scrub("casework.LinkStatus", "link__episode__person", free_text("note", "reason")),
]


@dataclass
class RetentionReport:
    """What a retention run did (or, in a dry run, would do)."""

    years: int
    cutoff: dt.datetime
    dry_run: bool
    people: list[int] = field(default_factory=list)
    fields_changed: dict[str, int] = field(default_factory=dict)  # "app.Model" -> fields replaced
    audit_entries_scrubbed: int = 0

    def lines(self) -> list[str]:
        would = "Would anonymise" if self.dry_run else "Anonymised"
        lines = [
            f"Retention: {self.years} years, so support that ended before {self.cutoff:%d %b %Y}.",
            f"{would} {len(self.people):,} people"
            + (f": {', '.join(str(pk) for pk in self.people)}." if self.people else "."),
        ]
        for model, count in self.fields_changed.items():
            lines.append(f"  {model}: {count:,} fields {'to replace' if self.dry_run else 'replaced'}")
        if not self.dry_run and self.people:
            lines.append(f"  audit log: {self.audit_entries_scrubbed:,} change records scrubbed")
        if self.dry_run:
            lines.append("Dry run: nothing was changed.")
        return lines


def years_before(moment: dt.datetime, years: int) -> dt.datetime:
    try:
        return moment.replace(year=moment.year - years)
    except ValueError:  # 29 February
        return moment.replace(year=moment.year - years, day=28)


def _latest(rows: models.QuerySet, column: str) -> Subquery:
    return Subquery(rows.order_by("-created_at", "-pk").values(column)[:1])


def people_due(cutoff: dt.datetime) -> models.QuerySet:
    """People, not yet anonymised, all of whose referrals ended before the cutoff."""
    referral_statuses = ReferralStatus.objects.filter(referral=OuterRef("pk"))
    episode_statuses = EpisodeStatus.objects.filter(episode__referral=OuterRef("pk"))
    referrals = Referral.objects.annotate(
        status_now=_latest(referral_statuses, "status"),
        status_at=_latest(referral_statuses, "created_at"),
        stage_now=_latest(episode_statuses, "stage"),
        stage_at=_latest(episode_statuses, "created_at"),
    )
    ended = referrals.filter(
        Q(stage_now=Stage.CLOSED, stage_at__lt=cutoff)
        | Q(stage_now__isnull=True, status_now__in=ENDED, status_at__lt=cutoff)
    )
    still_open = Referral.objects.exclude(pk__in=ended.values("pk")).values("person")
    return (
        Person.objects.filter(referrals__isnull=False)
        .exclude(pk__in=still_open)
        .exclude(given_name=MARKER)
        .distinct()
        .order_by("pk")
    )


def _replace(scrub: Scrub, people: list[int], *, dry_run: bool) -> tuple[int, list[int]]:
    """Replace the scrub's fields in the people's rows. Returns (fields replaced, ids of the rows)."""
    rows = scrub.rows(people)
    changed = 0
    for name, new in scrub.fields.items():
        if callable(new):
            for pk, old in rows.values_list("pk", name):
                if old is not None and new(old) != old:
                    changed += 1
                    if not dry_run:
                        rows.filter(pk=pk).update(**{name: new(old)})
        else:
            differing = rows.exclude(**{name: new})
            if new == MARKER:  # empty text stays empty: a marker would say something had been written
                differing = differing.exclude(**{name: ""})
            changed += differing.update(**{name: new}) if not dry_run else differing.count()
    return changed, list(rows.values_list("pk", flat=True))


def _scrub_changes(changes, names: set[str]) -> dict | None:
    if isinstance(changes, str):
        changes = json.loads(changes or "null")
    if not isinstance(changes, dict):
        return changes
    return {name: [MARKER, MARKER] if name in names else value for name, value in changes.items()}


def _scrub_audit_log(scrub: Scrub, pks: list[int]) -> int:
    """Scrub the audit log's records of these rows: old values in changes, and the names they were shown by."""
    model = scrub.model_class()
    shown_as = {obj.pk: str(obj)[:200] for obj in model._default_manager.filter(pk__in=pks)}
    entries = LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(model), object_pk__in=[str(pk) for pk in pks]
    )
    scrubbed = []
    for entry in entries.iterator():
        entry.changes = _scrub_changes(entry.changes, set(scrub.fields))
        entry.changes_text = ""
        entry.serialized_data = None
        entry.object_repr = shown_as.get(int(entry.object_pk), MARKER)
        scrubbed.append(entry)
    LogEntry.objects.bulk_update(scrubbed, ["changes", "changes_text", "serialized_data", "object_repr"])
    return len(scrubbed)


def _record_run(report: RetentionReport) -> None:
    """One audit entry per person anonymised, saying why (and nothing about who they were)."""
    content_type = ContentType.objects.get_for_model(Person)
    LogEntry.objects.bulk_create(
        LogEntry(
            content_type=content_type,
            object_pk=str(pk),
            object_id=pk,
            object_repr=f"{MARKER} {MARKER}",
            action=LogEntry.Action.UPDATE,
            changes={},
            additional_data={
                "purpose": PURPOSE,
                "retention_years": report.years,
                "ended_before": report.cutoff.isoformat(),
            },
        )
        for pk in report.people
    )
    logger.info(
        "Retention anonymised %s people (%s years): %s", len(report.people), report.years, report.people
    )


@transaction.atomic
def retention_apply(*, years: int | None = None, dry_run: bool = False, now: dt.datetime | None = None):
    """Anonymise everyone whose support ended more than `years` (default: the setting) years ago.
    Running it again changes nothing more; a dry run reports what it would do and changes nothing."""
    years = settings.LINKPAD_RETENTION_YEARS if years is None else years
    if years < 1:
        raise ValueError(YEARS_TOO_FEW.format(years=years))
    cutoff = years_before(now or timezone.now(), years)
    report = RetentionReport(years=years, cutoff=cutoff, dry_run=dry_run)
    report.people = list(people_due(cutoff).values_list("pk", flat=True))
    if not report.people:
        return report
    for scrub in SCRUBS:
        changed, pks = _replace(scrub, report.people, dry_run=dry_run)
        report.fields_changed[scrub.model] = changed
        if not dry_run:
            report.audit_entries_scrubbed += _scrub_audit_log(scrub, pks)
    if not dry_run:
        _record_run(report)
    return report
