"""Suppression: no small count is shown, and no shown total lets one be worked out by subtraction."""

from hypothesis import given, settings
from hypothesis import strategies as st

from linkpad.reporting.disclosure import is_small, suppress_counts, suppress_table


def _recoverable(parts: list[int | None], total: int | None) -> bool:
    """True when exactly one number of an additive group is hidden (so subtraction reveals it)."""
    return [*parts, total].count(None) == 1


counts = st.integers(min_value=0, max_value=40)


@given(st.lists(counts, min_size=1, max_size=8))
def test_one_way_tables_hide_every_small_count_and_reveal_none(values):
    table, total = suppress_counts(dict(enumerate(values)))
    for key, value in enumerate(values):
        if is_small(value):
            assert table[key] is None
        if table[key] is not None:
            assert table[key] == value
    assert not _recoverable(list(table.values()), total)
    if total is not None:
        assert total == sum(values)


@settings(max_examples=300)
@given(st.integers(1, 5), st.integers(1, 5), st.data())
def test_two_way_tables_hide_every_small_count_and_reveal_none_by_subtraction(n_rows, n_cols, data):
    rows, cols = list(range(n_rows)), list("abcde"[:n_cols])
    cells = {(r, c): data.draw(counts) for r in rows for c in cols}
    table = suppress_table(cells, rows, cols)
    for key, value in cells.items():
        assert table.cells[key] is None if is_small(value) else table.cells[key] in (None, value)
    for total in [*table.row_totals.values(), *table.column_totals.values(), table.total]:
        assert total is None or not is_small(total)
    for r in rows:
        assert not _recoverable([table.cells[(r, c)] for c in cols], table.row_totals[r])
    for c in cols:
        assert not _recoverable([table.cells[(r, c)] for r in rows], table.column_totals[c])
    assert not _recoverable(list(table.row_totals.values()), table.total)
    assert not _recoverable(list(table.column_totals.values()), table.total)


def test_a_known_table_is_suppressed_as_a_statistician_would():
    # Practice A referred 1 person for housing: that cell, and the next smallest in its row and
    # column, are hidden; then the fourth cell, so no column of the pair can be subtracted.
    cells = {("A", "money"): 20, ("A", "housing"): 1, ("B", "money"): 30, ("B", "housing"): 12}
    table = suppress_table(cells, ["A", "B"], ["money", "housing"])
    assert table.cells[("A", "housing")] is None
    assert table.cells[("A", "money")] is None  # else A's total - money = housing
    assert table.cells[("B", "housing")] is None  # else housing total - B = A's housing
    assert table.cells[("B", "money")] is None
    assert table.row_totals == {"A": 21, "B": 42}
    assert table.total == 63
