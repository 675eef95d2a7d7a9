"""Small-number suppression for anything shown beyond the case team (pure Python, no Django).

Public Health Scotland's rule of thumb: counts from 1 to 4 are not shown (primary suppression),
and further cells are hidden (secondary suppression) wherever a shown total would let a reader
work a hidden count out by subtraction. Zeros are shown: an empty cell reveals nobody.

Every table is a set of additive groups: each row's cells add up to the row total, each column's
to the column total, and the row totals (and the column totals) add up to the grand total. The
rule applied to every group is simple: **no group may have exactly one hidden number**. Where one
does, the smallest other number in the group (a non-zero cell first, a total last) is hidden too,
and the groups are checked again until none has exactly one. This stops subtraction; it does not
claim to stop every linear-programming attack on a large table, which is why tables shown beyond
the case team are small, coarse and rounded to whole people.

Hidden numbers are `None`; templates show them as "*" ("fewer than 5, or hidden to protect a
number that is"), the same mark for primary and secondary suppression so one cannot tell which.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass

THRESHOLD = 5
MARK = "*"
EXPLANATION = "* fewer than 5, or hidden so that a number fewer than 5 cannot be worked out"


def is_small(count: int, threshold: int = THRESHOLD) -> bool:
    """1 to threshold - 1 is small; 0 is not.

    >>> [is_small(n) for n in (0, 1, 4, 5)]
    [False, True, True, False]
    """
    return 0 < count < threshold


def _protect(values: dict[Hashable, int], hidden: set[Hashable], groups: list[tuple[list, Hashable]]) -> None:
    """Hide more keys until no group (its parts and their sum) has exactly one hidden value."""
    changed = True
    while changed:
        changed = False
        for parts, total in groups:
            members = [*parts, total]
            unknown = [key for key in members if key in hidden]
            if len(unknown) != 1:
                continue
            candidates = [key for key in parts if key not in hidden]
            # the smallest non-zero part first (hiding a zero protects nothing when zeros are shown
            # elsewhere), then any part, and the group's total only when no part is left.
            nonzero = [key for key in candidates if values[key] > 0]
            pool = nonzero or candidates or ([total] if total not in hidden else [])
            if not pool:
                continue
            hidden.add(min(pool, key=lambda key: (values[key], str(key))))
            changed = True


def suppress_counts(counts: Mapping[Hashable, int], threshold: int = THRESHOLD) -> tuple[dict, int | None]:
    """A one-way table with its total shown: (counts with hidden ones as None, the total or None).

    >>> suppress_counts({"money": 12, "housing": 3, "loneliness": 9})
    ({'money': 12, 'housing': None, 'loneliness': None}, 24)
    >>> suppress_counts({"money": 12, "housing": 0, "loneliness": 9})
    ({'money': 12, 'housing': 0, 'loneliness': 9}, 21)
    >>> suppress_counts({"money": 2, "housing": 1})
    ({'money': None, 'housing': None}, None)
    """
    values = {("cell", key): int(count) for key, count in counts.items()}
    values[("total",)] = sum(counts.values())
    hidden = {key for key, count in values.items() if is_small(count, threshold)}
    _protect(values, hidden, [([("cell", key) for key in counts], ("total",))])
    shown = {key: None if ("cell", key) in hidden else count for key, count in counts.items()}
    return shown, None if ("total",) in hidden else values[("total",)]


@dataclass(frozen=True)
class SuppressedTable:
    """A two-way table after suppression. Hidden numbers are None."""

    rows: list
    columns: list
    cells: dict  # (row, column) -> int | None
    row_totals: dict
    column_totals: dict
    total: int | None

    def cell(self, row, column) -> int | None:
        return self.cells[(row, column)]


def suppress_table(
    cells: Mapping[tuple[Hashable, Hashable], int],
    rows: Sequence[Hashable],
    columns: Sequence[Hashable],
    threshold: int = THRESHOLD,
) -> SuppressedTable:
    """A two-way table with row, column and grand totals shown, made safe to publish.

    >>> table = suppress_table({("A", "x"): 10, ("A", "y"): 3, ("B", "x"): 8, ("B", "y"): 7},
    ...                        rows=["A", "B"], columns=["x", "y"])
    >>> table.cells
    {('A', 'x'): None, ('A', 'y'): None, ('B', 'x'): None, ('B', 'y'): None}
    >>> table.row_totals, table.column_totals, table.total
    ({'A': 13, 'B': 15}, {'x': 18, 'y': 10}, 28)
    """
    values: dict[Hashable, int] = {}
    for row in rows:
        for column in columns:
            values[("cell", row, column)] = int(cells.get((row, column), 0))
    for row in rows:
        values[("row", row)] = sum(values[("cell", row, column)] for column in columns)
    for column in columns:
        values[("column", column)] = sum(values[("cell", row, column)] for row in rows)
    values[("total",)] = sum(values[("row", row)] for row in rows)
    hidden = {key for key, count in values.items() if is_small(count, threshold)}
    groups = [([("cell", row, column) for column in columns], ("row", row)) for row in rows]
    groups += [([("cell", row, column) for row in rows], ("column", column)) for column in columns]
    groups += [([("row", row) for row in rows], ("total",)), ([("column", c) for c in columns], ("total",))]
    _protect(values, hidden, groups)

    def shown(key):
        return None if key in hidden else values[key]

    return SuppressedTable(
        rows=list(rows),
        columns=list(columns),
        cells={(row, column): shown(("cell", row, column)) for row in rows for column in columns},
        row_totals={row: shown(("row", row)) for row in rows},
        column_totals={column: shown(("column", column)) for column in columns},
        total=shown(("total",)),
    )


def shown(value: int | None) -> str:
    """How a count is written: the number, or the suppression mark.

    >>> shown(12), shown(None), shown(0)
    ('12', '*', '0')
    """
    return MARK if value is None else f"{value:,}"
