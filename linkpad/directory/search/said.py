"""How close what a person typed is to what people say about each category, per service.

Each category has phrases (linkpad.directory.phrases), embedded like everything else. For a query,
a category scores the cosine of its nearest phrase (never below 0), and a service scores the best of
its categories. That is one (phrases x 384) product and a gather per query: about 0.1 ms for 2,000
phrases and 1 ms for 100,000 services.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np


@dataclass
class Said:
    """The phrases in search's snapshot, grouped by category."""

    vectors: np.ndarray  # (m, dimensions) float32 unit rows, grouped by category
    starts: np.ndarray  # where each category's run of rows starts in `vectors`
    categories: list[str]  # category keys, in the order of `starts`
    by_service: np.ndarray  # (services, k) int: each service's categories (len(categories) = none)

    @property
    def size(self) -> int:
        return len(self.vectors)


def said_build(
    phrases: Sequence[tuple[str, np.ndarray]], service_categories: Sequence[Sequence[str]]
) -> Said:
    """Group phrase vectors by category and index each service's categories.

    Only the categories a service is filed under count, not their parents: on the labelled queries
    a parent's broad phrases ("activity", "conditions") lifted every child's services alike and
    lowered nDCG@10 (bench/search_quality.py).

    >>> import numpy as np
    >>> v = np.eye(3, dtype=np.float32)
    >>> said = said_build([("b", v[1]), ("a", v[0]), ("a", v[2])], [["a"], ["c"], ["b", "a"]])
    >>> said.categories, said.starts.tolist()
    (['a', 'b'], [0, 2])
    >>> said.by_service.tolist()  # 2 stands for "no category with phrases"
    [[0, 2], [2, 2], [1, 0]]
    """
    ordered = sorted(phrases, key=lambda pair: pair[0])
    keys = [category for category, _ in ordered]
    categories = list(dict.fromkeys(keys))
    index = {category: number for number, category in enumerate(categories)}
    starts = np.array([i for i, key in enumerate(keys) if i == 0 or key != keys[i - 1]], dtype=np.int64)
    vectors = (
        np.vstack([vector for _, vector in ordered]).astype(np.float32)
        if ordered
        else np.zeros((0, 0), dtype=np.float32)
    )
    rows = [list(dict.fromkeys(index[key] for key in found if key in index)) for found in service_categories]
    width = max((len(found) for found in rows), default=0) or 1
    by_service = np.full((len(rows), width), len(categories), dtype=np.int32)
    for row, found in enumerate(rows):
        by_service[row, : len(found)] = found
    return Said(vectors=vectors, starts=starts, categories=categories, by_service=by_service)


def category_scores(said: Said, query_vector: np.ndarray) -> np.ndarray:
    """Each category's nearest-phrase cosine (at least 0), plus a trailing 0 for "no category".

    >>> import numpy as np
    >>> v = np.eye(3, dtype=np.float32)
    >>> said = said_build([("a", v[0]), ("a", v[2]), ("b", v[1])], [["a"]])
    >>> [round(float(x), 2) for x in category_scores(said, np.array([0.6, -0.8, 0.0], dtype=np.float32))]
    [0.6, 0.0, 0.0]
    """
    scores = np.zeros(len(said.categories) + 1, dtype=np.float32)
    if said.size:
        scores[:-1] = np.maximum(np.maximum.reduceat(said.vectors @ query_vector, said.starts), 0.0)
    return scores


def service_scores(said: Said, query_vector: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """For these snapshot rows, the best score among each service's categories.

    >>> import numpy as np
    >>> v = np.eye(3, dtype=np.float32)
    >>> said = said_build([("a", v[0]), ("b", v[1])], [["a"], ["b"], [], ["a", "b"]])
    >>> [round(float(x), 2) for x in service_scores(said, np.array([0.8, 0.6, 0.0], dtype=np.float32), np.arange(4))]
    [0.8, 0.6, 0.0, 0.8]
    """
    if not said.size or not len(rows):
        return np.zeros(len(rows), dtype=np.float32)
    return category_scores(said, query_vector)[said.by_service[rows]].max(axis=1)
