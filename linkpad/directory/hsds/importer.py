"""Import fully nested HSDS 3.0 services, and taxonomies, into the directory.

`hsds_import` is idempotent and atomic per service:

- every record's content hash is kept in `Service.extra["source_hash"]`; a record whose hash has
  not changed is counted as unchanged and not touched at all, so re-importing the same data
  changes nothing;
- a record that breaks the HSDS 3.0 schema, or holds a value Linkpad cannot store, is reported
  (by id, name and field) and none of it is written; the others still import;
- services are written a batch at a time with bulk statements (the children of changed services
  are deleted and written again); if the database refuses a batch, each of its services is written
  again on its own inside a savepoint, so only the bad one is left out.
"""

import hashlib
import json
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice

from django.db import DatabaseError, transaction
from django.db.models import Q
from django.db.models.fields.json import KT

from linkpad.directory.models import (
    Accessibility,
    Address,
    Attribute,
    Contact,
    CostOption,
    Language,
    Location,
    Organization,
    Phone,
    Schedule,
    Service,
    ServiceArea,
    ServiceAtLocation,
    Taxonomy,
    TaxonomyTerm,
)

from .rows import RecordError, ServiceRows, service_rows, taxonomy_term_rows
from .upsert import upsert
from .validate import HSDS_SERVICE, HSDS_TAXONOMY, Problem, problems, quick_check, warnings

#: Bump when the mapping from HSDS to rows changes, so the next import rewrites every service.
IMPORT_VERSION = "1"
BATCH_SIZE = 500
STAGE = "Importing services"

Progress = Callable[[str, int, int], None]

MISSING_ORGANIZATION = "names organisation {id}, which is neither in the record nor in the directory"
MISSING_LOCATION = "names location {id}, which is neither in the record nor in the directory"
MISSING_TERM = "names taxonomy term {id}, which is neither in the record nor in the directory"
DUPLICATE = "appears more than once in this import; the last one was kept"
DATABASE_REFUSED = "the database refused it: {error}"

#: The order rows are written in: parents before children.
WRITE_ORDER = [
    Taxonomy,
    TaxonomyTerm,
    Organization,
    Location,
    Service,
    ServiceAtLocation,
    Contact,
    Phone,
    Schedule,
    Language,
    Address,
    Accessibility,
    ServiceArea,
    CostOption,
    Attribute,
]


@dataclass
class ImportReport:
    """What an import did. `failed` names each record left out, with the field and the reason."""

    source: str
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    failed: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    changed_ids: list[str] = field(default_factory=list)  # new or updated services, for the search index
    taxonomy_terms: int = 0
    seconds: float = 0.0
    dry_run: bool = False

    @property
    def ok(self) -> bool:
        return not self.failed

    @property
    def total(self) -> int:
        return self.created + self.updated + self.unchanged + len(self.failed)

    def summary(self) -> str:
        rate = f" ({self.total / self.seconds:,.0f} a second)" if self.seconds and self.total else ""
        done = "Checked" if self.dry_run else "Imported"
        text = (
            f"{done} {self.total:,} services from {self.source} in {self.seconds:.1f} s{rate}: "
            f"{self.created:,} new, {self.updated:,} updated, {self.unchanged:,} unchanged, "
            f"{len(self.failed):,} failed."
        )
        return text + (" Nothing was saved (dry run)." if self.dry_run else "")


@dataclass
class Pending:
    record: dict
    digest: str
    rows: ServiceRows | None = None


def record_hash(record: dict) -> str:
    """A fingerprint of a record's content, the same whatever order its keys come in.

    >>> record_hash({"id": "1", "name": "A"}) == record_hash({"name": "A", "id": "1"})
    True
    """
    text = json.dumps(record, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)
    return hashlib.sha256((IMPORT_VERSION + text).encode()).hexdigest()


def _problem(record: dict, field_name: str, message: str) -> Problem:
    record = record if isinstance(record, dict) else {}
    return Problem(str(record.get("id") or ""), str(record.get("name") or ""), field_name, message)


def _batches(records: Iterable[dict], size: int) -> Iterator[list[dict]]:
    iterator = iter(records)
    while batch := list(islice(iterator, size)):
        yield batch


def hsds_import(
    *,
    records: Iterable[dict],
    source: str,
    progress: Progress | None = None,
    dry_run: bool = False,
    force: bool = False,
    batch_size: int = BATCH_SIZE,
) -> ImportReport:
    """Upsert fully nested HSDS 3.0 services. See the module docstring for the guarantees."""
    report = ImportReport(source=source, dry_run=dry_run)
    started = time.perf_counter()
    total = len(records) if hasattr(records, "__len__") else 0
    done = 0
    with transaction.atomic():
        for batch in _batches(records, batch_size):
            with transaction.atomic():
                _import_batch(batch, source=source, report=report, force=force)
            done += len(batch)
            if progress:
                progress(STAGE, done, max(total, done))
        if dry_run:
            transaction.set_rollback(True)
    report.seconds = time.perf_counter() - started
    return report


def _import_batch(batch: list[dict], *, source: str, report: ImportReport, force: bool) -> None:
    latest: dict[str, Pending] = {}
    for record in batch:
        record_id = str(record.get("id") or "") if isinstance(record, dict) else ""
        if record_id in latest:
            report.warnings.append(_problem(record, "id", DUPLICATE))
        latest[record_id] = Pending(record=record, digest=record_hash(record))
    existing = dict(
        Service.objects.filter(id__in=[key for key in latest if key])
        .annotate(source_hash=KT("extra__source_hash"))
        .values_list("id", "source_hash")
    )
    changed = []
    for record_id, pending in latest.items():
        if not force and record_id in existing and existing[record_id] == pending.digest:
            report.unchanged += 1
            continue
        if _prepare(pending, source=source, report=report):
            changed.append(pending)
    _resolve_links(changed, report)
    changed = [pending for pending in changed if pending.rows is not None]
    if not changed:
        return
    try:
        with transaction.atomic():
            _write(changed)
    except DatabaseError:
        changed = _write_one_by_one(changed, report)
    for pending in changed:
        report.changed_ids.append(pending.rows.service_id)
        if pending.rows.service_id in existing:
            report.updated += 1
        else:
            report.created += 1


def _prepare(pending: Pending, *, source: str, report: ImportReport) -> bool:
    record = pending.record
    found = problems(record, HSDS_SERVICE, strict_ids=False)
    if found:
        report.failed.extend(found)
        return False
    try:
        pending.rows = service_rows(record, source=source)
    except RecordError as error:
        report.failed.append(_problem(record, error.field, error.message))
        return False
    pending.rows.rows[Service][pending.rows.service_id]["extra"]["source_hash"] = pending.digest
    if not quick_check(HSDS_SERVICE, strict_ids=True)(record):
        report.warnings.extend(warnings(record))
    return True


# ---------------------------------------------------------------------------------------------
# Links to rows outside a record
# ---------------------------------------------------------------------------------------------
def _existing_ids(model, ids: set[str]) -> set[str]:
    found: set[str] = set()
    ids_list = sorted(ids)
    for start in range(0, len(ids_list), 900):
        found.update(model.objects.filter(id__in=ids_list[start : start + 900]).values_list("id", flat=True))
    return found


def _resolve_links(changed: list[Pending], report: ImportReport) -> None:
    """Check each record's links to rows it does not itself hold; drop optional ones that go nowhere."""
    in_batch: dict[type, set[str]] = {}
    wanted: dict[type, set[str]] = {
        model: set() for model in (Organization, Location, TaxonomyTerm, Taxonomy)
    }
    for pending in changed:
        rows = pending.rows.rows
        for model, by_id in rows.items():
            in_batch.setdefault(model, set()).update(by_id)
        wanted[Organization].add(pending.rows.organization_id)
        wanted[TaxonomyTerm].update(pending.rows.needed_terms)
        for values in rows.get(ServiceAtLocation, {}).values():
            wanted[Location].add(values.get("_ref_location_id") or "")
        for values in rows.get(Location, {}).values():
            wanted[Organization].add(values.get("_ref_organization_id") or "")
        for values in rows.get(Organization, {}).values():
            wanted[Organization].add(values.get("_ref_parent_organization_id") or "")
        for values in rows.get(TaxonomyTerm, {}).values():
            wanted[TaxonomyTerm].add(values.get("_ref_parent_id") or "")
            wanted[Taxonomy].add(values.get("_ref_taxonomy_detail_id") or "")
    known = {
        model: in_batch.get(model, set()) | _existing_ids(model, ids - in_batch.get(model, set()) - {""})
        for model, ids in wanted.items()
    }
    for pending in changed:
        _check_required(pending, known, report)
        if pending.rows is not None:
            _settle_optional(pending.rows, known)


def _check_required(pending: Pending, known: dict, report: ImportReport) -> None:
    rows = pending.rows
    checks = [("organization_id", MISSING_ORGANIZATION, rows.organization_id, Organization)]
    checks += [
        ("service_at_locations.location_id", MISSING_LOCATION, values["_ref_location_id"], Location)
        for values in rows.rows.get(ServiceAtLocation, {}).values()
        if values.get("_ref_location_id")
    ]
    checks += [
        ("attributes.taxonomy_term_id", MISSING_TERM, term, TaxonomyTerm) for term in rows.needed_terms
    ]
    for field_name, message, target, model in checks:
        if target not in known[model]:
            report.failed.append(_problem(pending.record, field_name, message.format(id=target)))
            pending.rows = None
            return


def _settle_optional(rows: ServiceRows, known: dict) -> None:
    for values in rows.rows.get(Location, {}).values():
        target = values.pop("_ref_organization_id", "")
        values["organization_id"] = target if target in known[Organization] else None
    for values in rows.rows.get(Organization, {}).values():
        target = values.pop("_ref_parent_organization_id", "")
        values["parent_organization_id"] = target if target in known[Organization] else None
        if target and target not in known[Organization]:
            values["extra"]["parent_organization_id"] = target  # kept for export, though not a link
    for values in rows.rows.get(ServiceAtLocation, {}).values():
        values.pop("_ref_location_id", None)
    for values in rows.rows.get(TaxonomyTerm, {}).values():
        parent = values.pop("_ref_parent_id", "")
        values["parent_id"] = parent if parent in known[TaxonomyTerm] else None
        taxonomy = values.pop("_ref_taxonomy_detail_id", "")
        if taxonomy and taxonomy not in known[Taxonomy] and values.get("taxonomy_name"):
            rows.add(Taxonomy, {"id": taxonomy, "name": values["taxonomy_name"]})
            known[Taxonomy].add(taxonomy)
        values["taxonomy_detail_id"] = taxonomy if taxonomy in known[Taxonomy] else None


# ---------------------------------------------------------------------------------------------
# Writing
# ---------------------------------------------------------------------------------------------
def _write_one_by_one(changed: list[Pending], report: ImportReport) -> list[Pending]:
    written = []
    for pending in changed:
        try:
            with transaction.atomic():
                _write([pending])
        except DatabaseError as error:
            message = DATABASE_REFUSED.format(
                error=str(error).splitlines()[0] if str(error) else type(error).__name__
            )
            report.failed.append(_problem(pending.record, "", message))
        else:
            written.append(pending)
    return written


def _write(changed: list[Pending]) -> None:
    service_ids = [pending.rows.service_id for pending in changed]
    merged: dict[type, dict[str, dict]] = {}
    for pending in changed:
        for model, by_id in pending.rows.rows.items():
            merged.setdefault(model, {}).update(by_id)
    service_ids = list(_existing_ids(Service, set(service_ids)))
    location_ids = list(_existing_ids(Location, set(merged.get(Location, {}))))
    organization_ids = list(_existing_ids(Organization, set(merged.get(Organization, {}))))
    if service_ids or location_ids or organization_ids:
        _delete_children(service_ids, location_ids, organization_ids, merged)
    for model in WRITE_ORDER:
        upsert(model, list(merged.get(model, {}).values()))


def _delete_children(
    service_ids: list[str], location_ids: list[str], organization_ids: list[str], merged
) -> None:
    """Remove what the changed services, their locations and organisations held, before writing it anew.

    Children are deleted leaf first with plain DELETE statements (`_raw_delete`): the cascade Django
    would otherwise work out row by row is spelled out here, and it is the slow part of an import.
    """
    owned_by = Q(service_id__in=service_ids) | Q(location_id__in=location_ids)
    sals = ServiceAtLocation.objects.filter(service_id__in=service_ids)
    contacts = Contact.objects.filter(
        owned_by | Q(organization_id__in=organization_ids) | Q(service_at_location__in=sals)
    )
    phones = Phone.objects.filter(
        owned_by
        | Q(organization_id__in=organization_ids)
        | Q(service_at_location__in=sals)
        | Q(contact__in=contacts)
    )
    Language.objects.filter(owned_by | Q(phone__in=phones)).delete()
    linked = [*service_ids, *location_ids, *organization_ids]
    phone_ids = list(phones.values_list("id", flat=True))
    contact_ids = list(contacts.values_list("id", flat=True))
    schedules = Schedule.objects.filter(owned_by | Q(service_at_location__in=sals))
    linked += phone_ids + contact_ids + list(schedules.values_list("id", flat=True))
    Phone.objects.filter(id__in=phone_ids)._raw_delete(Phone.objects.db)
    schedules._raw_delete(Schedule.objects.db)
    Contact.objects.filter(id__in=contact_ids)._raw_delete(Contact.objects.db)
    for model in (ServiceArea, CostOption):
        children = model.objects.filter(service_id__in=service_ids)
        linked += list(children.values_list("id", flat=True))
        children._raw_delete(model.objects.db)
    for model in (Address, Accessibility):
        children = model.objects.filter(location_id__in=location_ids)
        linked += list(children.values_list("id", flat=True))
        children._raw_delete(model.objects.db)
    linked += list(sals.values_list("id", flat=True))
    sals._raw_delete(ServiceAtLocation.objects.db)
    linked += [
        row_id for model in (ServiceAtLocation, Phone, Schedule, Contact) for row_id in merged.get(model, {})
    ]
    keep = list(merged.get(Attribute, {}))
    for start in range(0, len(linked), 900):
        Attribute.objects.filter(link_id__in=linked[start : start + 900]).exclude(id__in=keep)._raw_delete(
            Attribute.objects.db
        )


# ---------------------------------------------------------------------------------------------
# Taxonomies on their own
# ---------------------------------------------------------------------------------------------
@dataclass
class TaxonomyReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    failed: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failed


def hsds_taxonomy_import(*, taxonomies: Iterable[dict] = (), terms: Iterable[dict] = ()) -> TaxonomyReport:
    """Upsert HSDS taxonomies and taxonomy terms; rows whose values are already the same are not written."""
    report = TaxonomyReport()
    collected = ServiceRows(service_id="", organization_id="")
    for taxonomy in taxonomies:
        found = problems(taxonomy, HSDS_TAXONOMY, kind="taxonomy", strict_ids=False)
        if found:
            report.failed.extend(found)
            continue
        collected.add(
            Taxonomy,
            {key: taxonomy.get(key) or "" for key in ("id", "name", "description", "uri", "version")},
        )
    for term in terms:
        try:
            taxonomy_term_rows(collected, term, [])
        except (RecordError, KeyError, TypeError) as error:
            field_name = getattr(error, "field", "id")
            report.failed.append(
                Problem(
                    str(term.get("id", "")),
                    str(term.get("name", "")),
                    field_name,
                    getattr(error, "message", "is missing"),
                    "taxonomy_term",
                )
            )
    with transaction.atomic():
        known = {
            TaxonomyTerm: set(collected.rows.get(TaxonomyTerm, {}))
            | set(TaxonomyTerm.objects.values_list("id", flat=True)),
            Taxonomy: set(collected.rows.get(Taxonomy, {}))
            | set(Taxonomy.objects.values_list("id", flat=True)),
            Organization: set(),
        }
        _settle_optional(collected, known)
        for model in (Taxonomy, TaxonomyTerm):
            rows = collected.rows.get(model, {})
            current = {row["id"]: row for row in model.objects.filter(id__in=list(rows)).values()}
            changed = []
            for row_id, values in rows.items():
                before = current.get(row_id)
                if before is None:
                    report.created += 1
                elif any(before.get(key) != value for key, value in values.items()):
                    report.updated += 1
                else:
                    report.unchanged += 1
                    continue
                changed.append({**(before or {}), **values})
            upsert(model, changed)
    return report
