"""`search_services`: the one search behind the pages, the API, the CLI and the guides.

A query is: filters and place as NumPy masks over the in-memory snapshot; one embedding of the text
and one matrix-vector product for meaning; one full-text query ranking the words of the candidates
closest in meaning; a blend of the two, lowered for stale listings and for distance; then only the
requested page's services are read from the database, with what a result shows prefetched. At
100,000 services that is about 7 small queries and 25-35 ms (bench/search_latency.py).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Literal

import numpy as np
from django.conf import settings
from django.db.models import Prefetch

from linkpad.geography.distance import EARTH_RADIUS_KM
from linkpad.geography.places import Place

from ..models import Location, Service, ServiceAtLocation, TaxonomyTerm
from .documents import DAYS, categories_by_service
from .encoder import get_encoder, single_threaded_blas
from .lexical import lexical_scores, query_terms
from .places import UnknownPlace, area_codes, find_place
from .said import category_scores, service_scores
from .snapshot import Snapshot, get_snapshot
from .why import remember_category_names, why_line

#: Tuned on bench/queries/labelled_queries.toml (bench/search_quality.py --sweep). 05-stack's starting
#: point, 0.6/0.4, scored nDCG@10 0.455 there: max-normalised BM25 over lay words rewards incidental
#: matches ("get out the house" -> housing advice). 0.9/0.1 scored 0.608 (semantic alone 0.578).
SEMANTIC_WEIGHT = 0.9
LEXICAL_WEIGHT = 0.1
#: A result must be at least this relevant to count (blended score, before stale and distance), and at
#: least this share of the best result's relevance. MiniLM gives clearly relevant lay queries cosines
#: as low as 0.2 ("can't stop crying since my mum passed" to a bereavement café), so the floor is low.
MIN_RELEVANCE = 0.1
MIN_SHARE_OF_BEST = 0.3
#: Listings not assured within LINKPAD_DIRECTORY_STALE_MONTHS keep this share of their score.
STALE_FACTOR = 0.85
#: With a place, a service at the edge of the radius keeps (1 - DISTANCE_WEIGHT) of its score.
DISTANCE_WEIGHT = 0.15
DEFAULT_RADIUS_KM = 5.0
#: The full-text query ranks only this many candidates, those closest in meaning; ranking every
#: full-text match took most of a query at 100,000 services. Words add at most LEXICAL_WEIGHT, so a
#: service outside the pool could reach a page only if its cosine were within 0.11 of that page's,
#: but the words' scores are also divided by the pool's best rather than the directory's: at 100,000
#: generated services (random vectors, so meaning barely separates them) 16-20 of the top 20 were
#: the same as with every match ranked. With no more candidates than this (the demo directory, or
#: tight filters) the blend is exactly as when every match is ranked.
LEXICAL_POOL = 1000
#: What people say about a service's categories (search/said.py): the cosine of the nearest phrase
#: adds this share. Chosen on the tuned-on queries only (--sweep-said: 0.3 +0.262, 0.4 +0.280, 0.5
#: +0.284, 0.6 +0.279 over lexical), then checked on the held-out and fresh sets.
SAID_WEIGHT = 0.5

Mode = Literal["hybrid", "lexical", "semantic"]
MatchedBy = Literal["area", "distance"]

__all__ = ["SearchQuery", "SearchResult", "SearchResults", "UnknownPlace", "run_search", "search_services"]


@dataclass
class SearchResult:
    service: Service  # with organization, locations, schedules and (with a place) service areas
    score: float
    distance_km: float | None  # to the nearest location; None when no location of it is known
    nearest_location: Location | None
    why: str
    is_stale: bool
    matched_by: MatchedBy | None  # None when the search had no place
    categories: list[TaxonomyTerm] = field(default_factory=list)


@dataclass
class SearchResults:
    results: list[SearchResult]
    total: int
    place: Place | None = None
    radius_km: float | None = None
    terms: list[str] = field(default_factory=list)  # the words matched, after typo correction
    limit: int = 20
    offset: int = 0

    def __iter__(self):
        return iter(self.results)

    def __len__(self) -> int:
        return len(self.results)


@dataclass(frozen=True)
class SearchQuery:
    text: str = ""
    place: str | None = None
    radius_km: float | None = None
    age: int | None = None
    ages: tuple[int, int] | None = None
    day: str | None = None
    time: dt.time | None = None
    categories: Sequence[str] = ()
    free: bool = False
    accessibility: Sequence[str] = ()
    taking_referrals: bool = False
    include_stale: bool = True
    limit: int = 20
    offset: int = 0


def search_services(
    *,
    text: str = "",
    place: str | None = None,
    radius_km: float | None = None,
    age: int | None = None,
    ages: tuple[int, int] | None = None,
    day: str | None = None,
    time: dt.time | None = None,
    categories: Sequence[str] = (),
    free: bool = False,
    accessibility: Sequence[str] = (),
    taking_referrals: bool = False,
    include_stale: bool = True,
    limit: int = 20,
    offset: int = 0,
) -> SearchResults:
    """Active services that fit what the person said, where they are and when they can go, best first.

    `text` is what's going on, in anyone's words. `place` is a full postcode, a district or sector
    ("G21") or a Glasgow neighbourhood ("Possil Park"); an unknown one raises UnknownPlace (a
    ValueError with a message to show). With a place, a service counts when one of its locations is
    within `radius_km` (default 5) or one of its service areas covers the place's council, HSCP or
    health board. `age` keeps services that take someone that age; `ages` (youngest, oldest) those that
    take someone somewhere in that range (a guide for adults, 26 to 64, leaves out youth-only groups
    but keeps over-50s ones). `day` is "MO".."SU" (or a day name); `time` with it means open at that time (with
    no day: on some day). `categories` are taxonomy slugs, each including its sub-categories.
    `accessibility` words must each appear in a location's accessibility details. Stale listings
    (not assured for LINKPAD_DIRECTORY_STALE_MONTHS) rank lower, or are left out with include_stale=False.
    With no text, results are nearest first (or by name with no place).
    """
    query = SearchQuery(
        text=text,
        place=place,
        radius_km=radius_km,
        age=age,
        ages=ages,
        day=day,
        time=time,
        categories=tuple(categories),
        free=free,
        accessibility=tuple(accessibility),
        taking_referrals=taking_referrals,
        include_stale=include_stale,
        limit=limit,
        offset=offset,
    )
    return run_search(query)


def run_search(query: SearchQuery, *, mode: Mode = "hybrid") -> SearchResults:
    """search_services with a choice of ranking ("lexical" and "semantic" alone are for benchmarks)."""
    snapshot = get_snapshot()
    with single_threaded_blas():  # small products: threads cost more than they give (see encoder)
        return _run_search(query, mode, snapshot)


def _run_search(query: SearchQuery, mode: Mode, snapshot: Snapshot) -> SearchResults:
    mask = snapshot.active.copy()
    _apply_filters(mask, query, snapshot)
    stale = snapshot.assured < stale_cutoff().toordinal()
    if not query.include_stale:
        mask &= ~stale
    place = find_place(query.place) if query.place else None
    radius = (query.radius_km if query.radius_km is not None else DEFAULT_RADIUS_KM) if place else None
    distance = nearest = within = None
    codes = area_codes(place) if place is not None else set()
    if place is not None:
        distance, nearest = _distances(snapshot, place, mask)
        within = distance <= radius
        mask &= within | _area_rows(snapshot, codes)
    rows = np.flatnonzero(mask)
    terms: list[str] = []
    if query.text.strip():
        relevance, terms = _relevance(query.text, rows, snapshot, mode, query.offset + query.limit)
        best = float(relevance.max()) if len(relevance) else 0.0
        floor = max(MIN_RELEVANCE, MIN_SHARE_OF_BEST * best) if mode != "lexical" else 1e-9
        keep = relevance >= floor
        rows, score = rows[keep], relevance[keep]
    else:
        score = np.ones(len(rows), dtype=np.float32)
    score = score * np.where(stale[rows], STALE_FACTOR, 1.0)
    if place is not None:
        score = score * _proximity(distance[rows], within[rows], radius)
    page = _page(rows, score, query, snapshot, distance, has_text=bool(query.text.strip()))
    results = _results(page, score, rows, snapshot, query, codes, distance, nearest, within, stale)
    return SearchResults(
        results=results,
        total=len(rows),
        place=place,
        radius_km=radius,
        terms=terms,
        limit=query.limit,
        offset=query.offset,
    )


def stale_cutoff(today: dt.date | None = None) -> dt.date:
    """Assured before this date means stale (the same rule as presenters.stale_since)."""
    today = today or dt.date.today()
    months = today.year * 12 + today.month - 1 - settings.LINKPAD_DIRECTORY_STALE_MONTHS
    year, month = divmod(months, 12)
    try:
        return dt.date(year, month + 1, today.day)
    except ValueError:  # 31 March minus a month: every day of February is before the cut-off
        return dt.date(year + (month + 1) // 12, (month + 1) % 12 + 1, 1)


@lru_cache(maxsize=256)
def query_vector(text: str) -> np.ndarray:
    """The text's vector; cached, as a page of results and the next page ask for the same text."""
    vector = get_encoder().encode_one(text)
    vector.setflags(write=False)
    return vector


# Filters -----------------------------------------------------------------------------------------


def _apply_filters(mask: np.ndarray, query: SearchQuery, snapshot: Snapshot) -> None:
    if query.age is not None:
        mask &= (snapshot.min_age <= query.age) & (snapshot.max_age >= query.age)
    if query.ages is not None:
        youngest, oldest = query.ages
        mask &= (snapshot.min_age <= oldest) & (snapshot.max_age >= youngest)
    if query.taking_referrals:
        mask &= snapshot.taking_referrals
    if query.free:
        mask &= snapshot.free
    if query.categories:
        mask &= _rows_mask(snapshot, _category_rows(snapshot, query.categories))
    if query.day or query.time:
        mask &= _rows_mask(snapshot, _open_rows(snapshot, query.day, query.time))
    for word in (word.strip().lower() for word in query.accessibility):
        if word:
            for row in np.flatnonzero(mask):
                if word not in snapshot.access[row]:
                    mask[row] = False


def _rows_mask(snapshot: Snapshot, rows: np.ndarray) -> np.ndarray:
    mask = np.zeros(snapshot.size, dtype=bool)
    mask[rows] = True
    return mask


def _category_rows(snapshot: Snapshot, wanted: Sequence[str]) -> np.ndarray:
    """Services in any of these categories or below them in the tree."""
    terms = list(TaxonomyTerm.objects.values_list("pk", "slug", "parent_id"))
    children: dict[str | None, list[tuple[str, str]]] = {}
    for pk, slug, parent in terms:
        children.setdefault(parent, []).append((pk, slug))
    keys = {key for pk, slug, _ in terms if slug in wanted or pk in wanted for key in (pk, slug)}
    keys |= set(wanted)
    frontier = [pk for pk, slug, _ in terms if slug in wanted or pk in wanted]
    while frontier:
        for pk, slug in children.get(frontier.pop(), []):
            if pk not in keys:
                keys |= {pk, slug}
                frontier.append(pk)
    found = [snapshot.rows_by_category[key] for key in keys if key in snapshot.rows_by_category]
    return np.unique(np.concatenate(found)) if found else np.zeros(0, dtype=np.int64)


def day_code(day: str) -> str:
    code = day.strip().upper()[:2]
    if code not in DAYS:
        raise ValueError(f"Choose a day of the week, not {day}.")
    return code


def _open_rows(snapshot: Snapshot, day: str | None, time: dt.time | None) -> np.ndarray:
    sessions = snapshot.sessions
    selected = np.ones(len(sessions.rows), dtype=bool)
    if day:
        selected &= sessions.day == DAYS.index(day_code(day))
    if time is not None:
        minute = time.hour * 60 + time.minute
        selected &= (sessions.opens >= 0) & (sessions.opens <= minute) & (sessions.closes > minute)
    return sessions.rows[selected]


# Place ---------------------------------------------------------------------------------------------


def _distances(snapshot: Snapshot, place: Place, mask: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each candidate service's distance to its nearest location (inf when none, or not a candidate),
    and that location's point index. Points are stored in row order, so a service's points are a run."""
    distance = np.full(snapshot.size, np.inf)
    nearest = np.full(snapshot.size, -1, dtype=np.int64)
    points = np.flatnonzero(mask[snapshot.point_rows]) if len(snapshot.point_rows) else []
    if not len(points):
        return distance, nearest
    km = _haversine(place.latitude, place.longitude, snapshot.point_lat[points], snapshot.point_lon[points])
    rows = snapshot.point_rows[points]
    starts = np.flatnonzero(np.r_[True, rows[1:] != rows[:-1]])
    if len(starts) == len(rows):  # one location each: the usual case
        distance[rows], nearest[rows] = km, points
        return distance, nearest
    best = np.minimum.reduceat(km, starts)
    distance[rows[starts]] = best
    hits = np.flatnonzero(km == np.repeat(best, np.diff(np.r_[starts, len(rows)])))
    first = hits[np.unique(rows[hits], return_index=True)[1]]
    nearest[rows[first]] = points[first]
    return distance, nearest


def _haversine(lat: float, lon: float, lats: np.ndarray, lons: np.ndarray) -> np.ndarray:
    phi1, phi2 = math.radians(lat), np.radians(lats)
    h = (
        np.sin((phi2 - phi1) / 2) ** 2
        + math.cos(phi1) * np.cos(phi2) * np.sin(np.radians(lons - lon) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.minimum(1.0, np.sqrt(h)))


def _area_rows(snapshot: Snapshot, codes: set[str]) -> np.ndarray:
    found = [snapshot.rows_by_area[code] for code in codes if code in snapshot.rows_by_area]
    return _rows_mask(snapshot, np.concatenate(found) if found else np.zeros(0, dtype=np.int64))


def _proximity(distance: np.ndarray, within: np.ndarray, radius: float) -> np.ndarray:
    """1 at the place, falling to 1 - DISTANCE_WEIGHT at the radius; area-only matches sit at the floor,
    except those with no building at all (phone and online services), which sit half way."""
    share = np.where(within, distance / max(radius, 0.1), 1.0)
    share = np.where(np.isinf(distance), 0.5, share)
    return 1.0 - DISTANCE_WEIGHT * share


# Ranking -------------------------------------------------------------------------------------------


def _relevance(
    text: str, rows: np.ndarray, snapshot: Snapshot, mode: Mode, end: int
) -> tuple[np.ndarray, list[str]]:
    """Each row's relevance to the text: cosine, max-normalised full-text rank, or their blend."""
    terms = query_terms(text, snapshot, drop_common=mode != "lexical")
    if mode == "lexical":  # the benchmark's baseline: plain full-text rank over every match
        return _lexical(terms, rows, snapshot, None), terms
    vector = query_vector(text)
    if len(rows) * 2 < snapshot.size:
        cosine = snapshot.vectors[rows] @ vector
    else:
        cosine = (snapshot.vectors @ vector)[rows]
    if mode == "semantic":
        return cosine, terms
    semantic = SEMANTIC_WEIGHT * cosine + SAID_WEIGHT * service_scores(snapshot.said, vector, rows)
    lexical = _lexical(terms, rows, snapshot, _lexical_pool(semantic, end))
    return semantic + LEXICAL_WEIGHT * lexical, terms


def _lexical_pool(semantic: np.ndarray, end: int) -> np.ndarray:
    """Positions of the candidates whose words are ranked (see LEXICAL_POOL): all of them, or the
    LEXICAL_POOL closest in meaning (more when the page asked for ends further down)."""
    size = max(LEXICAL_POOL, 2 * end)
    if len(semantic) <= size:
        return np.arange(len(semantic))
    return np.argpartition(-semantic, size - 1)[:size]


def _lexical(terms: list[str], rows: np.ndarray, snapshot: Snapshot, among: np.ndarray | None) -> np.ndarray:
    """Full-text rank of rows[among] (others 0), divided by the best of them. With among=None, of the
    directory's best LEXICAL_LIMIT full-text matches that are in rows."""
    lexical = np.zeros(len(rows), dtype=np.float32)
    if among is None:
        among = np.arange(len(rows))
        ids = None
    else:
        ids = snapshot.index_ids[rows[among]].tolist()
    if not terms or not len(among):
        return lexical
    hits = lexical_scores(terms, among=ids)
    if not hits:
        return lexical
    ids = np.array([index_id for index_id, _ in hits], dtype=np.int64)
    values = np.array([value for _, value in hits], dtype=np.float32)
    positions, found = snapshot.rows_for_index_ids(ids)
    by_row = np.zeros(snapshot.size, dtype=np.float32)
    by_row[positions[found]] = values[found]
    lexical[among] = by_row[rows[among]]
    top = lexical.max()
    return lexical / top if top > 0 else lexical


def _page(
    rows: np.ndarray,
    score: np.ndarray,
    query: SearchQuery,
    snapshot: Snapshot,
    distance: np.ndarray | None,
    *,
    has_text: bool,
) -> np.ndarray:
    """Positions (into rows) of the requested page, in order: top-k by argpartition, then sorted."""
    end = query.offset + query.limit
    if end <= 0 or not len(rows):
        return np.zeros(0, dtype=np.int64)
    if has_text:
        key = -score
    elif distance is not None:
        key = distance[rows] - score  # nearest first; the stale penalty breaks ties
    else:
        names = [(snapshot.names[row].casefold(), snapshot.service_ids[row]) for row in rows]
        return np.array(sorted(range(len(rows)), key=names.__getitem__)[query.offset : end], dtype=np.int64)
    if end < len(rows):
        candidates = np.argpartition(key, end - 1)[:end]
    else:
        candidates = np.arange(len(rows))
    ordered = candidates[np.lexsort((rows[candidates], key[candidates]))]
    return ordered[query.offset : end]


# Results -------------------------------------------------------------------------------------------


def services_for_results(service_ids: Sequence[str], *, with_areas: bool = True) -> dict[str, Service]:
    """The page's services with what a result shows: organisation, locations, opening times (for the
    "why" line) and, when the search had a place, service areas. Each query here costs a few
    milliseconds, so other related rows are left to whoever needs them."""
    locations = ServiceAtLocation.objects.select_related("location").prefetch_related("schedules")
    related = [Prefetch("service_at_locations", queryset=locations), "schedules"]
    if with_areas:
        related.append("service_areas")
    services = Service.objects.select_related("organization").prefetch_related(*related)
    return {service.pk: service for service in services.filter(pk__in=list(service_ids))}


def _results(
    page, score, rows, snapshot, query, codes, distance, nearest, within, stale
) -> list[SearchResult]:
    has_place = distance is not None
    page_rows = rows[page]
    ids = [snapshot.service_ids[row] for row in page_rows]
    services = services_for_results(ids, with_areas=has_place)
    categories = categories_by_service(ids, with_parents=False)
    vector = query_vector(query.text) if query.text.strip() else None
    said = None
    if vector is not None:
        remember_category_names([term.name for terms in categories.values() for term in terms])
        said = dict(
            zip(snapshot.said.categories, category_scores(snapshot.said, vector).tolist(), strict=False)
        )
    results = []
    for position, row in zip(page, page_rows, strict=True):
        service = services.get(snapshot.service_ids[row])
        if service is None:  # deleted since the snapshot was taken
            continue
        km = None if distance is None or not np.isfinite(distance[row]) else float(distance[row])
        location = None
        if nearest is not None and nearest[row] >= 0:
            location_id = snapshot.point_location_ids[nearest[row]]
            location = next(
                (
                    sal.location
                    for sal in service.service_at_locations.all()
                    if sal.location_id == location_id
                ),
                None,
            )
        matched_by = ("distance" if within[row] else "area") if has_place else None
        terms = categories.get(service.pk, [])
        result = SearchResult(
            service=service,
            score=round(float(score[position]), 4),
            distance_km=None if km is None else round(km, 2),
            nearest_location=location,
            why="",
            is_stale=bool(stale[row]),
            matched_by=matched_by,
            categories=terms,
        )
        result.why = why_line(result, query_vector=vector, said=said, day=query.day, area_codes=codes)
        results.append(result)
    return results
