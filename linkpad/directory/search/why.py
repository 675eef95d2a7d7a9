"""The short line that says why a result is there: "bereavement support · 1.2 km · Tuesdays 10am–midday"."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

import numpy as np

from ..presenters import clock, days_text
from .documents import DAYS, schedule_days, service_schedules
from .encoder import get_encoder

if TYPE_CHECKING:
    from .query import SearchResult

SEPARATOR = " · "
ROUTES = {"drop_in": "drop in", "self_refer": "refer yourself", "needs_referral": "needs a referral"}


#: A category whose phrases (what people say) come this close to the query names the result; below
#: it, the category whose name is closest in meaning does.
SAID_NAMES_AT = 0.45


def why_line(
    result: SearchResult,
    *,
    query_vector: np.ndarray | None,
    day: str | None,
    area_codes: set[str],
    said: Mapping[str, float] | None = None,
) -> str:
    parts = [_category(result, query_vector, said or {}), _where(result, area_codes), _when(result, day)]
    return SEPARATOR.join(part for part in parts if part)


def _category(result: SearchResult, query_vector: np.ndarray | None, said: Mapping[str, float]) -> str:
    """The service's category that best fits what was asked: the one whose phrases came closest, or
    the one whose name is closest in meaning (or its first, with no text)."""
    terms = result.categories
    if not terms:
        return ""
    term = terms[0]
    by_said = max(terms, key=lambda candidate: said.get(candidate.slug or candidate.pk, 0.0))
    if said.get(by_said.slug or by_said.pk, 0.0) >= SAID_NAMES_AT:
        term = by_said
    elif query_vector is not None and len(terms) > 1:
        term = max(terms, key=lambda candidate: float(_name_vector(candidate.name) @ query_vector))
    return " ".join(word if word.isupper() and len(word) > 1 else word.lower() for word in term.name.split())


_name_vectors: dict[str, np.ndarray] = {}


def _name_vector(name: str) -> np.ndarray:
    if name not in _name_vectors:
        remember_category_names([name])
    return _name_vectors[name]


def remember_category_names(names: list[str]) -> None:
    """Embed the category names not seen yet in one batch (a results page asks for a dozen at once)."""
    new = sorted({name for name in names if name not in _name_vectors})
    if new:
        _name_vectors.update(zip(new, get_encoder().encode(new), strict=True))


def _where(result: SearchResult, area_codes: set[str]) -> str:
    if result.matched_by == "distance" and result.distance_km is not None:
        return f"{result.distance_km:.1f} km"
    if result.matched_by == "area":
        names = [area.name for area in result.service.service_areas.all() if area.area_code in area_codes]
        return f"covers {names[0]}" if names and names[0] else "covers your area"
    return ""


def _when(result: SearchResult, day: str | None) -> str:
    schedules = service_schedules(result.service)
    if day:
        code = day.strip().upper()[:2]
        schedules = [schedule for schedule in schedules if code in schedule_days(schedule)] or schedules
    for schedule in schedules:
        days = days_text(schedule.byday or "") or _daily(schedule)
        hours = f"{clock(schedule.opens_at)}–{clock(schedule.closes_at)}" if schedule.opens_at else ""
        text = " ".join(part for part in (days, hours) if part)
        if text:
            return text
    return ROUTES.get(result.service.referral_route, "")


def _daily(schedule) -> str:
    days = schedule_days(schedule)
    return "every day" if len(days) == len(DAYS) else ""
