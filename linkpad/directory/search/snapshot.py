"""The search index held in memory, once per process: a float32 matrix of vectors and arrays of facts.

A query is then one embedding plus one matrix-vector product, and every filter is a NumPy mask, so
no query joins the HSDS tables. The snapshot is reloaded when `SearchIndexState.token` changes (one
primary-key read per query). At 100,000 services it holds about 150 MB of vectors and loads in a
few seconds; past that, the architecture's scale path moves vectors into PostgreSQL (pgvector).
"""

from __future__ import annotations

import datetime as dt
import re
import threading
from collections import Counter, defaultdict
from dataclasses import dataclass, field

import numpy as np
from django.conf import settings
from django.db import connection

from ..models import CategoryPhrase, SearchIndexState, ServiceSearchIndex
from .documents import DAYS
from .encoder import DIMENSIONS, MODEL_NAME
from .said import Said, said_build

WORD = re.compile(r"[a-z0-9]+")
NO_AGE_LIMIT = 1000


@dataclass
class Sessions:
    """One row per (opening session, day it runs on); opens/closes in minutes, -1 when not given."""

    rows: np.ndarray
    day: np.ndarray
    opens: np.ndarray
    closes: np.ndarray


@dataclass
class Snapshot:
    token: str
    index_ids: np.ndarray  # ServiceSearchIndex ids, ascending: the FTS rowids
    service_ids: list[str]
    names: list[str]
    vectors: np.ndarray  # (n, 384) float32, unit rows
    active: np.ndarray
    assured: np.ndarray  # date ordinal, 0 when never assured
    min_age: np.ndarray
    max_age: np.ndarray
    taking_referrals: np.ndarray
    free: np.ndarray
    point_rows: np.ndarray
    point_lat: np.ndarray
    point_lon: np.ndarray
    point_location_ids: list[str]
    rows_by_area: dict[str, np.ndarray]
    rows_by_category: dict[str, np.ndarray]
    sessions: Sessions
    access: list[str]
    said: Said  # what people say about each category (search/said.py)
    vocabulary: Counter = field(default_factory=Counter)
    _by_initial: dict[str, list[str]] | None = None

    @property
    def size(self) -> int:
        return len(self.service_ids)

    def rows_for_index_ids(self, ids: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Snapshot rows of these index ids, and a mask of which ids were found."""
        positions = np.searchsorted(self.index_ids, ids)
        positions = np.minimum(positions, max(self.size - 1, 0))
        found = self.index_ids[positions] == ids if self.size else np.zeros(len(ids), dtype=bool)
        return positions, found

    def words_starting(self, initial: str) -> list[str]:
        if self._by_initial is None:
            grouped: dict[str, list[str]] = defaultdict(list)
            for word in self.vocabulary:
                grouped[word[0]].append(word)
            self._by_initial = dict(grouped)
        return self._by_initial.get(initial, [])


def _ordinal(value: str | None) -> int:
    return dt.date.fromisoformat(value).toordinal() if value else 0


def build_snapshot(token: str) -> Snapshot:
    rows = ServiceSearchIndex.objects.order_by("id").values_list(
        "id", "service_id", "embedding", "facts", "document"
    )
    index_ids, service_ids, blobs, facts_list, vocabulary = [], [], [], [], Counter()
    for index_id, service_id, blob, facts, document in rows.iterator(chunk_size=5000):
        index_ids.append(index_id)
        service_ids.append(service_id)
        blobs.append(bytes(blob))
        facts_list.append(facts)
        vocabulary.update(set(WORD.findall(document.lower())))
    n = len(service_ids)
    vectors = (
        np.frombuffer(b"".join(blobs), dtype=np.float32).reshape(n, DIMENSIONS)
        if n
        else np.zeros((0, DIMENSIONS), dtype=np.float32)
    )
    point_rows, point_lat, point_lon, point_ids = [], [], [], []
    areas: dict[str, list[int]] = defaultdict(list)
    categories: dict[str, list[int]] = defaultdict(list)
    session_rows, session_day, session_opens, session_closes = [], [], [], []
    for row, facts in enumerate(facts_list):
        for lat, lon, location_id in facts.get("points", []):
            point_rows.append(row)
            point_lat.append(lat)
            point_lon.append(lon)
            point_ids.append(location_id)
        for code in facts.get("areas", []):
            areas[code].append(row)
        for slug in facts.get("categories", []):
            categories[slug].append(row)
        for days, opens, closes in facts.get("sessions", []):
            for day in days:
                session_rows.append(row)
                session_day.append(DAYS.index(day))
                session_opens.append(-1 if opens is None else opens)
                session_closes.append(-1 if closes is None else closes)

    def column(key: str, default, dtype) -> np.ndarray:
        return np.array(
            [default if facts.get(key) is None else facts[key] for facts in facts_list], dtype=dtype
        )

    return Snapshot(
        token=token,
        index_ids=np.array(index_ids, dtype=np.int64),
        service_ids=service_ids,
        names=[facts.get("name", "") for facts in facts_list],
        vectors=vectors,
        active=np.array([facts.get("status") == "active" for facts in facts_list], dtype=bool),
        assured=np.array([_ordinal(facts.get("assured")) for facts in facts_list], dtype=np.int64),
        min_age=column("min_age", 0, np.int32),
        max_age=column("max_age", NO_AGE_LIMIT, np.int32),
        taking_referrals=np.array(
            [facts.get("capacity") in ("", None, "taking_referrals") for facts in facts_list], dtype=bool
        ),
        free=np.array([bool(facts.get("free")) for facts in facts_list], dtype=bool),
        point_rows=np.array(point_rows, dtype=np.int64),
        point_lat=np.array(point_lat, dtype=np.float64),
        point_lon=np.array(point_lon, dtype=np.float64),
        point_location_ids=point_ids,
        rows_by_area={code: np.array(found, dtype=np.int64) for code, found in areas.items()},
        rows_by_category={slug: np.array(found, dtype=np.int64) for slug, found in categories.items()},
        sessions=Sessions(
            rows=np.array(session_rows, dtype=np.int64),
            day=np.array(session_day, dtype=np.int8),
            opens=np.array(session_opens, dtype=np.int32),
            closes=np.array(session_closes, dtype=np.int32),
        ),
        access=[facts.get("access", "") for facts in facts_list],
        said=_said([facts.get("categories", []) for facts in facts_list]),
        vocabulary=vocabulary,
    )


def _said(service_categories: list[list[str]]) -> Said:
    phrases = CategoryPhrase.objects.filter(hidden=False, model_name=MODEL_NAME).values_list(
        "category", "embedding"
    )
    return said_build(
        [(category, np.frombuffer(bytes(blob), dtype=np.float32)) for category, blob in phrases],
        service_categories,
    )


_snapshot: Snapshot | None = None
_lock = threading.Lock()
_refresh: threading.Thread | None = None


def current_token() -> str:
    return SearchIndexState.objects.filter(pk=1).values_list("token", flat=True).first() or ""


def get_snapshot() -> Snapshot:
    """This process's copy of the index, reloaded if the index changed since it was loaded.

    A directory of up to LINKPAD_SEARCH_INLINE_RELOAD_MAX services is reloaded before the search
    that notices the change (a fraction of a second). A larger one keeps answering from the copy it
    has while a background thread loads the new one (about 5 s at 100,000 services), so no search
    waits: results catch up with an edit within seconds. Deleted services are skipped either way.
    """
    global _snapshot
    token = current_token()
    snapshot = _snapshot
    if (
        snapshot is not None
        and snapshot.token != token
        and snapshot.size > settings.LINKPAD_SEARCH_INLINE_RELOAD_MAX
    ):
        _reload_in_background(token)
        return snapshot
    if snapshot is None or snapshot.token != token:
        with _lock:
            if _snapshot is None or _snapshot.token != token:
                _snapshot = build_snapshot(token)
                _warm_category_names()
            snapshot = _snapshot
    return snapshot


def _reload_in_background(token: str) -> None:
    global _refresh
    with _lock:
        if _refresh is not None and _refresh.is_alive():
            return
        _refresh = threading.Thread(target=_reload, args=(token,), name="search-snapshot-reload", daemon=True)
        _refresh.start()


def _reload(token: str) -> None:
    global _snapshot
    try:
        fresh = build_snapshot(token)
        with _lock:
            _snapshot = fresh
        _warm_category_names()
    finally:
        connection.close()  # this thread's own connection


def wait_for_reload(timeout: float | None = None) -> None:
    """Block until a background reload (if any) has finished: for tests and benchmarks."""
    if _refresh is not None:
        _refresh.join(timeout)


def _warm_category_names() -> None:
    # The "why" line picks the category closest to the query; embed the names now, not mid-query.
    from ..models import TaxonomyTerm
    from .why import remember_category_names

    remember_category_names(list(TaxonomyTerm.objects.values_list("name", flat=True)))


def forget_snapshot() -> None:
    global _snapshot
    _snapshot = None
