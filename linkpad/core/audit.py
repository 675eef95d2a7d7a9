"""Who looked at what: the one place that records views of personal data.

Changes are recorded by django-auditlog for every registered model. Reads are recorded here,
called from the scoped selectors that hand personal data to a page, API call or export.
"""

from collections.abc import Iterable

from auditlog.cid import get_cid
from auditlog.context import auditlog_value
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.encoding import smart_str


def _remote_addr() -> str | None:
    context = auditlog_value.get(None) or {}
    return context.get("remote_addr")


def audit_view(*, actor, objects: Iterable[models.Model], purpose: str = "") -> list[LogEntry]:
    """Record that `actor` saw each of `objects`. Returns the entries written."""
    entries = []
    for obj in objects:
        entries.append(
            LogEntry(
                content_type=ContentType.objects.get_for_model(obj),
                object_pk=str(obj.pk),
                object_id=obj.pk if isinstance(obj.pk, int) else None,
                object_repr=smart_str(obj)[:200],
                action=LogEntry.Action.ACCESS,
                actor=actor if getattr(actor, "is_authenticated", False) else None,
                remote_addr=_remote_addr(),
                cid=get_cid(),
                additional_data={"purpose": purpose} if purpose else None,
            )
        )
    return LogEntry.objects.bulk_create(entries)


def views_of(obj: models.Model):
    """The recorded views of one object, newest first."""
    return LogEntry.objects.get_for_object(obj).filter(action=LogEntry.Action.ACCESS).order_by("-timestamp")
