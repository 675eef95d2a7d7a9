"""Reads for programme reporting: every table is counted in the database and suppressed before it
leaves here, and every read is recorded against the practices whose data it summarises."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from linkpad.accounts.models import Organisation
from linkpad.core.audit import audit_view

from ..tables import Table
from .activity import REFERRAL_TABLES, WHO_TABLES, waits
from .base import Scope
from .casework import ENGAGEMENT_TABLES, LINK_TABLES, OUTCOME_TABLES
from .dataset import FIELDS as CORE_DATASET_FIELDS
from .dataset import core_dataset
from .gaps import (
    DEFAULT_RADIUS_KM,
    RADII_KM,
    full_supports,
    gap_counts,
    gaps_by_need,
    gaps_by_neighbourhood,
    listings_by_district,
    map_points,
)

__all__ = [
    "CORE_DATASET_FIELDS",
    "DEFAULT_RADIUS_KM",
    "RADII_KM",
    "SECTIONS",
    "Scope",
    "core_dataset_extract",
    "gaps_report",
    "section_tables",
    "table_extract",
]


@dataclass(frozen=True)
class Section:
    title: str
    description: str
    tables: list[Callable[[Scope], Table]]


SECTIONS: dict[str, Section] = {
    "referrals": Section(
        "Referrals", "How many people were referred, by month, practice, source and reason.", REFERRAL_TABLES
    ),
    "people": Section(
        "Who is referred", "Referrals by deprivation, age and sex, against Scotland where known.", WHO_TABLES
    ),
    "waits": Section(
        "Waits and engagement",
        "How long people wait, how many come to three or more contacts, and how contacts happen.",
        [waits, *ENGAGEMENT_TABLES],
    ),
    "links": Section(
        "Links and answers",
        "Supports people were linked to, how the first step was taken, whether they went, and how "
        "community organisations answered.",
        LINK_TABLES,
    ),
    "outcomes": Section(
        "Outcomes and closures",
        "Change in outcome measures from baseline to closure, and why episodes closed.",
        OUTCOME_TABLES,
    ),
}


def _record(user, scope: Scope, purpose: str) -> None:
    audit_view(actor=user, objects=Organisation.objects.filter(pk__in=scope.practice_ids), purpose=purpose)


def section_tables(*, user, scope: Scope, section: str) -> list[Table]:
    """The suppressed tables of one dashboard page. Records the view."""
    _record(user, scope, f"programme report: {section}, {scope.period.label}")
    return [build(scope) for build in SECTIONS[section].tables]


def gaps_report(*, user, scope: Scope, radius_km: float) -> dict:
    """Needs without assured support nearby, by neighbourhood and need; stale and full listings. Records the view."""
    _record(user, scope, f"programme report: gaps, {scope.period.label}")
    counted = gap_counts(scope, radius_km)
    by_neighbourhood = gaps_by_neighbourhood(scope, radius_km, counted)
    return {
        "by_neighbourhood": by_neighbourhood,
        "by_need": gaps_by_need(scope, radius_km, counted),
        "listings": listings_by_district(scope, radius_km),
        "full": full_supports(scope, radius_km),
        "points": map_points(by_neighbourhood),
    }


EXTRACTABLE: dict[str, Callable[[Scope, float], Table]] = {
    **{
        build.__name__.replace("_", "-"): (lambda b: lambda scope, radius: b(scope))(build)
        for section in SECTIONS.values()
        for build in section.tables
    },
    "gaps-by-neighbourhood": lambda scope, radius: gaps_by_neighbourhood(scope, radius),
    "gaps-by-need": lambda scope, radius: gaps_by_need(scope, radius),
    "listings-by-district": lambda scope, radius: listings_by_district(scope, radius),
}


def table_extract(*, user, scope: Scope, slug: str, radius_km: float = DEFAULT_RADIUS_KM) -> Table | None:
    """One suppressed table for download, or None for an unknown table. Records the extract."""
    build = EXTRACTABLE.get(slug)
    if build is None:
        return None
    _record(user, scope, f"programme report extract: {slug}, {scope.period.label}")
    return build(scope, radius_km)


def core_dataset_extract(*, user, scope: Scope) -> Iterator[dict]:
    """The minimum core dataset for the period, one pseudonymised row per episode. Records the extract."""
    _record(user, scope, f"core dataset extract: {scope.period.label}")
    return core_dataset(scope)
