"""Keeping the search index current: `services_reindex` after services are imported or saved.

Call it after the change has committed, for the services that changed:

    transaction.on_commit(lambda: services_reindex(service_ids=changed_ids))

or with no ids (the whole directory, as `linkpad index-services` does) after a bulk import. It is
batched and resumable: each batch commits on its own, and a service whose document and facts are
unchanged is skipped, so an interrupted run picks up where it stopped and a re-run does nothing.
Only services whose text changed are re-embedded (20-50 a second on this 2-core machine); a change that
only touches facts (opening times, places, capacity) updates the row without the encoder.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from ..models import SearchIndexState, Service, ServiceSearchIndex
from .documents import document_hash, document_text, service_facts, services_for_index
from .encoder import MODEL_NAME, get_encoder

BATCH_SIZE = 256
STAGE = "Indexing services for search"

Progress = Callable[[str, int, int], None]


@dataclass
class ReindexResult:
    checked: int = 0
    embedded: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0

    @property
    def changed(self) -> bool:
        return bool(self.embedded or self.updated or self.removed)


def services_reindex(
    *,
    service_ids: Iterable[str] | None = None,
    progress: Progress | None = None,
    batch_size: int = BATCH_SIZE,
) -> ReindexResult:
    """Bring the search index up to date for these services (all when None); returns what it did."""
    if service_ids is None:
        ids = sorted(Service.objects.values_list("pk", flat=True))
    else:
        ids = sorted(set(service_ids))
    result = ReindexResult()
    total = len(ids)
    if progress:
        progress(STAGE, 0, total)
    for start in range(0, total, batch_size):
        _reindex_batch(ids[start : start + batch_size], result)
        if progress:
            progress(STAGE, min(start + batch_size, total), total)
    removed = _remove_orphans(None if service_ids is None else ids)
    if removed:
        result.removed += removed
        index_changed()
    return result


def _reindex_batch(ids: list[str], result: ReindexResult) -> None:
    services = services_for_index(ids)
    existing = {row.service_id: row for row in ServiceSearchIndex.objects.filter(service_id__in=ids)}
    to_embed, to_update = [], []
    if len(services) < len(ids):  # deleted services: their rows went by cascade, so say the index changed
        result.removed += len(ids) - len(services)
        index_changed()
    for service in services:
        result.checked += 1
        document = document_text(service)
        facts = service_facts(service)
        row = existing.get(service.pk)
        digest = document_hash(document)
        if row is None or row.document_hash != digest or row.model_name != MODEL_NAME:
            row = row or ServiceSearchIndex(service=service)
            row.document, row.document_hash, row.model_name, row.facts = document, digest, MODEL_NAME, facts
            to_embed.append(row)
        elif row.facts != facts:
            row.facts = facts
            to_update.append(row)
        else:
            result.unchanged += 1
    if not to_embed and not to_update:
        return
    vectors = get_encoder().encode([row.document for row in to_embed])
    now = timezone.now()
    for row, vector in zip(to_embed, vectors, strict=True):
        row.embedding = vector.tobytes()
    for row in (*to_embed, *to_update):
        row.updated_at = now
    with transaction.atomic():
        ServiceSearchIndex.objects.bulk_create([row for row in to_embed if row.pk is None])
        fields = ["document", "document_hash", "model_name", "embedding", "facts", "updated_at"]
        ServiceSearchIndex.objects.bulk_update([row for row in to_embed if row.pk is not None], fields)
        ServiceSearchIndex.objects.bulk_update(to_update, ["facts", "updated_at"])
        index_changed()
    result.embedded += len(to_embed)
    result.updated += len(to_update)


def _remove_orphans(ids: list[str] | None) -> int:
    """Rows whose service has gone (cascades do this already; this catches raw deletes)."""
    rows = ServiceSearchIndex.objects.exclude(service__in=Service.objects.all())
    if ids is not None:
        rows = rows.filter(service_id__in=ids)
    return rows.delete()[0]


def index_changed() -> None:
    """Tell every process that its in-memory copy of the index is out of date."""
    SearchIndexState.objects.update_or_create(
        pk=1, defaults={"token": uuid.uuid4().hex, "changed_at": timezone.now()}
    )
