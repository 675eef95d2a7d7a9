"""Subject access: everything Linkpad holds about one person, as JSON (for machines) and PDF (for people).

What goes in is the registry `SECTIONS`: one `Section` per model holding data about the person, named by
"app_label.Model" so that adding a model is one line and this module imports no model. The audit trail
(django-auditlog's entries for every exported row: who viewed or changed it) is added at the end.

From a page, the export holds what the CLP may see (`visible_to`) and is recorded with the purpose
"subject access"; at the command line (`linkpad subject-access`, for an administrator) it holds everything.
"""

import datetime as dt
import json
from dataclasses import dataclass

from auditlog.models import LogEntry
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone

from linkpad.accounts.models import Role
from linkpad.core.audit import audit_view
from linkpad.core.pdf import render_pdf
from linkpad.referrals.models import Person, practices_served_by

FORMAT = "linkpad-subject-access"
FORMAT_VERSION = 1
PURPOSE = "subject access"
PURPOSE_COMMAND_LINE = "subject access (command line)"
AUDIT_TRAIL = "audit_trail"
EMPTY = "—"


@dataclass(frozen=True)
class Section:
    """One kind of record about a person: its JSON key, its heading, where it is, and what to show."""

    key: str
    label: str
    model: str  # "app_label.ModelName", looked up when used so this module imports no model
    person_path: str  # the lookup from a row to its person ("pk" for the person themselves)
    fields: tuple[str, ...]

    def model_class(self) -> type[models.Model]:
        return apps.get_model(self.model)

    def rows(self, person: Person, user=None) -> models.QuerySet:
        """This section's rows about the person; only those `user` may see, unless user is None."""
        model = self.model_class()
        rows = model._default_manager.all()
        if user is not None:
            rows = rows.visible_to(user)
        related = [f for f in self.fields if model._meta.get_field(f).is_relation]
        return rows.filter(**{self.person_path: person.pk}).select_related(*related).order_by("pk")


#: Everything held about a person, in the order a reader meets it. A new model joins with one line.
SECTIONS: list[Section] = [
    Section(
        "person",
        "Personal details",
        "referrals.Person",
        "pk",
        (
            "given_name",
            "family_name",
            "date_of_birth",
            "chi_number",
            "sex",
            "postcode",
            "simd_decile",
            "phone",
            "email",
            "preferred_contact",
            "practice",
            "created_at",
        ),
    ),
    Section(
        "referrals",
        "Referrals",
        "referrals.Referral",
        "person",
        ("received_at", "practice", "source", "referred_by", "details", "urgency", "consent_to_share")
        + ("priority", "allocated_to", "referrer_name", "referrer_role", "referrer_organisation")
        + ("referrer_phone", "referrer_email"),
    ),
    Section(
        "referral_reasons",
        "Reasons for referral",
        "referrals.ReferralReason",
        "referral__person",
        ("referral", "reason"),
    ),
    Section(
        "referral_statuses",
        "Referral status history",
        "referrals.ReferralStatus",
        "referral__person",
        ("referral", "status", "reason", "created_by", "created_at"),
    ),
    Section(
        "contact_attempts",
        "Attempts to contact",
        "referrals.ContactAttempt",
        "referral__person",
        ("referral", "attempted_at", "method", "outcome", "notes", "made_by"),
    ),
    Section(
        "episodes",
        "Episodes of support",
        "casework.Episode",
        "person",
        ("referral", "practice", "clp", "opened_at"),
    ),
    Section(
        "episode_statuses",
        "Episode stage history",
        "casework.EpisodeStatus",
        "episode__person",
        ("episode", "stage", "note", "created_by", "created_at"),
    ),
    Section(
        "what_matters",
        "What matters conversations",
        "casework.WhatMatters",
        "episode__person",
        ("episode", "recorded_at", "narrative", "strengths", "risks", "recorded_by"),
    ),
    Section("needs", "Needs", "casework.Need", "conversation__episode__person", ("conversation", "domain")),
    Section(
        "goals",
        "Goals",
        "casework.Goal",
        "episode__person",
        ("episode", "text", "review_on", "status", "created_by", "created_at"),
    ),
    Section(
        "goal_notes",
        "Goal progress notes",
        "casework.GoalNote",
        "goal__episode__person",
        ("goal", "note", "status", "created_by", "created_at"),
    ),
    Section(
        "contacts",
        "Contacts",
        "casework.Contact",
        "episode__person",
        ("episode", "happened_on", "mode", "duration_minutes", "did_not_attend", "note", "recorded_by"),
    ),
    Section(
        "tasks",
        "Tasks and reminders",
        "casework.Task",
        "episode__person",
        ("episode", "text", "due_on", "done", "done_at", "created_by", "created_at"),
    ),
    Section(
        "closures",
        "Closure",
        "casework.Closure",
        "episode__person",
        ("episode", "reason", "summary", "closed_by", "closed_at"),
    ),
    Section(
        "links",
        "Links to supports",
        "casework.Link",
        "episode__person",
        ("episode", "service", "first_step", "first_step_on", "first_step_note", "created_by", "created_at")
        + ("referred_at",),
    ),
    Section(
        "link_statuses",
        "Link status history",
        "casework.LinkStatus",
        "link__episode__person",
        ("link", "stage", "note", "reason", "created_by", "organisation", "by_email_link", "created_at"),
    ),
    Section(
        "risk_flags",
        "Risks recorded",
        "casework.RiskFlag",
        "episode__person",
        ("episode", "kind", "detail", "source", "reference", "raised_by", "raised_at")
        + ("resolved_at", "resolved_by", "resolution"),
    ),
    Section(
        "escalations",
        "Escalations",
        "casework.Escalation",
        "episode__person",
        ("episode", "flag", "escalated_to", "to_whom", "escalated_at", "shared", "outcome", "recorded_by"),
    ),
    Section(
        "outcome_measures",
        "Outcome measures",
        "outcomes.Administration",
        "episode__person",
        ("episode", "measure", "timepoint", "answers", "raw", "score", "band", "flags", "completed_on")
        + ("recorded_by",),
    ),
    Section(
        "gp_messages",
        "Messages to the GP practice",
        "referrals.GpMessage",
        "referral__person",
        ("referral", "episode", "kind", "snomed_code", "snomed_display", "summary", "content")
        + ("created_by", "created_at", "read_at", "read_by"),
    ),
]


@dataclass(frozen=True)
class Value:
    """One field of one record: its JSON key and value, and how a person reads it."""

    key: str
    label: str
    value: object
    text: str


def _text(value) -> str:
    if value is None or value == "":
        return EMPTY
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, dt.datetime):
        return f"{timezone.localtime(value):%d %b %Y %H:%M}"
    if isinstance(value, dt.date):
        return f"{value:%d %b %Y}"
    return str(value)


def _value(row: models.Model, name: str) -> list[Value]:
    field = row._meta.get_field(name)
    label = str(field.verbose_name)
    label = label[:1].upper() + label[1:]
    raw = getattr(row, name)
    if field.is_relation:
        related = None if raw is None else {"id": raw.pk, "name": str(raw)}
        return [Value(name, label, related, _text(raw))]
    if isinstance(raw, (dt.date, dt.datetime)):
        return [Value(name, label, raw.isoformat(), _text(raw))]
    if field.choices and raw not in (None, ""):
        shown = getattr(row, f"get_{name}_display")()
        return [Value(name, label, raw, shown), Value(f"{name}_label", "", shown, "")]
    return [Value(name, label, raw, _text(raw))]


def _record(row: models.Model, fields: tuple[str, ...]) -> list[Value]:
    values = [Value("id", "Record number", row.pk, str(row.pk))]
    for name in fields:
        values.extend(_value(row, name))
    return values


def _audit_trail(rows_by_model: dict[type[models.Model], list[int]]) -> list[list[Value]]:
    """Who viewed or changed each exported row, oldest first."""
    matches = models.Q(pk__in=[])
    for model, pks in rows_by_model.items():
        content_type = ContentType.objects.get_for_model(model)
        matches |= models.Q(content_type=content_type, object_pk__in=[str(pk) for pk in pks])
    entries = (
        LogEntry.objects.filter(matches).select_related("actor", "content_type").order_by("timestamp", "pk")
    )
    return [_audit_record(entry) for entry in entries]


def _audit_record(entry: LogEntry) -> list[Value]:
    action = entry.get_action_display()
    actor = str(entry.actor) if entry.actor else (entry.actor_email or "Linkpad")
    purpose = (
        (entry.additional_data or {}).get("purpose", "") if isinstance(entry.additional_data, dict) else ""
    )
    record = f"{entry.content_type.model_class()._meta.verbose_name} {entry.object_pk}"
    changes = entry.changes_dict or {}
    shown = "; ".join(f"{field}: {change}" for field, change in changes.items())
    return [
        Value("timestamp", "When", entry.timestamp.isoformat(), _text(entry.timestamp)),
        Value("action", "What", str(action).lower(), str(action)),
        Value("record", "Record", record, record),
        Value("actor", "Who", actor, actor),
        Value("purpose", "Why", purpose, purpose or EMPTY),
        Value("changes", "Changes", changes, shown or EMPTY),
    ]


@dataclass(frozen=True)
class Export:
    """Everything held about one person, section by section (the audit trail last)."""

    person: Person
    generated_at: dt.datetime
    generated_by: str
    scope: str
    sections: list[tuple[str, str, list[list[Value]]]]  # (key, heading, records)

    def as_json(self) -> bytes:
        document = {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "generated_at": self.generated_at.isoformat(),
            "generated_by": self.generated_by,
            "scope": self.scope,
            "person_id": self.person.pk,
            "sections": {
                key: [{value.key: value.value for value in record} for record in records]
                for key, _, records in self.sections
            },
        }
        return (json.dumps(document, indent=2, ensure_ascii=False) + "\n").encode("utf-8")

    def as_pdf(self) -> bytes:
        return render_pdf("casework/print/subject_access.jinja", {"export": self, "empty": EMPTY})


def subject_access_export(*, person: Person, user=None) -> Export:
    """Everything held about the person. With a user: what they may see, recorded as a subject access
    view by them. Without (an administrator at the command line): everything, recorded likewise."""
    sections, rows_by_model, seen = [], {}, []
    for section in SECTIONS:
        rows = list(section.rows(person, user))
        rows_by_model.setdefault(section.model_class(), []).extend(row.pk for row in rows)
        if section.model in {"referrals.Person", "referrals.Referral", "casework.Episode"}:
            seen.extend(rows)
        sections.append((section.key, section.label, [_record(row, section.fields) for row in rows]))
    sections.append((AUDIT_TRAIL, "Who viewed or changed these records", _audit_trail(rows_by_model)))
    audit_view(actor=user, objects=seen, purpose=PURPOSE if user is not None else PURPOSE_COMMAND_LINE)
    return Export(
        person=person,
        generated_at=timezone.now(),
        generated_by=str(user) if user is not None else "An administrator, at the command line",
        scope=(
            "The records this user may see, at the practices where they are a community links practitioner."
            if user is not None
            else "Everything Linkpad holds about this person."
        ),
        sections=sections,
    )


def person_for_subject_access(*, user, person_id: int) -> Person | None:
    """A person whose practice the user serves as a CLP; None for anyone else (the page answers 404)."""
    return (
        Person.objects.visible_to(user)
        .filter(pk=person_id, practice__in=practices_served_by(user, Role.LINK_PRACTITIONER))
        .first()
    )
