"""Tables as managers see them: every count already through small-number suppression.

A table is built from raw counts by `one_way` or `two_way` (which call `disclosure`), so no code path
can show an unsuppressed count. Statistics (medians, shares, averages) are shown only where the counts
they rest on are shown, and are written with their unit so they are never mistaken for counts.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from .disclosure import EXPLANATION, THRESHOLD, is_small, shown, suppress_counts, suppress_table

COUNT, STAT = "count", "stat"
NOT_SHOWN = "–"


@dataclass(frozen=True)
class Column:
    label: str
    kind: str = COUNT


@dataclass
class Row:
    label: str
    values: list  # counts: int | None (hidden); statistics: str
    is_total: bool = False


@dataclass
class Table:
    slug: str
    title: str
    caption: str
    row_label: str
    columns: list[Column]
    rows: list[Row]
    notes: list[str] = field(default_factory=list)
    #: the column a chart plots (a count column), and words for its axis
    chart_column: int = 0
    explanation: str = EXPLANATION

    def cells(self, row: Row) -> list[tuple[str, str]]:
        """(kind, text) for each value in a row, as a page or an extract writes it."""
        return [
            (column.kind, shown(value) if column.kind == COUNT else (NOT_SHOWN if value is None else value))
            for column, value in zip(self.columns, row.values, strict=True)
        ]

    @property
    def body(self) -> list[Row]:
        return [row for row in self.rows if not row.is_total]

    def header(self) -> list[str]:
        return [self.row_label, *(column.label for column in self.columns)]


def share(part: int | None, whole: int | None) -> str:
    """A percentage, only when both counts are shown and the whole is not small.

    >>> share(12, 40), share(None, 40), share(0, 0)
    ('30%', '–', '–')
    """
    if part is None or not whole:
        return NOT_SHOWN
    return f"{100 * part / whole:.0f}%"


def primary_only(value: int) -> int | None:
    """For a count standing alone (in no shown sum): hide 1 to 4.

    >>> primary_only(3), primary_only(0), primary_only(7)
    (None, 0, 7)
    """
    return None if is_small(value, THRESHOLD) else value


def one_way(
    slug: str,
    title: str,
    caption: str,
    counts: Mapping[str, int],
    *,
    row_label: str,
    count_label: str,
    total_label: str = "Total",
    extra: Sequence[tuple[Column, Callable[[str, int | None, int | None], str]]] = (),
    notes: Sequence[str] = (),
) -> Table:
    """A count per category and their total, suppressed; `extra` adds statistic columns computed from
    each row's shown count and the shown total."""
    cells, total = suppress_counts(counts)
    columns = [Column(count_label), *(column for column, _ in extra)]
    rows = [
        Row(label, [cells[label], *(f(label, cells[label], total) for _, f in extra)]) for label in counts
    ]
    rows.append(Row(total_label, [total, *(f("", total, total) for _, f in extra)], is_total=True))
    return Table(slug, title, caption, row_label, columns, rows, list(notes))


def two_way(
    slug: str,
    title: str,
    caption: str,
    cells: Mapping[tuple[str, str], int],
    *,
    rows: Sequence[str],
    columns: Sequence[str],
    row_label: str,
    total_label: str = "Total",
    extra: Sequence[tuple[Column, Callable[[str, dict, int | None], str]]] = (),
    notes: Sequence[str] = (),
) -> Table:
    """Counts by row and column with row, column and grand totals, suppressed. The chart plots the row
    totals (the last count column); `extra` adds statistics from a row's shown cells and total."""
    table = suppress_table(cells, rows=rows, columns=columns)
    header = [*(Column(c) for c in columns), Column(total_label), *(column for column, _ in extra)]
    body = []
    for row in rows:
        shown_cells = {column: table.cell(row, column) for column in columns}
        stats = [f(row, shown_cells, table.row_totals[row]) for _, f in extra]
        body.append(Row(row, [*shown_cells.values(), table.row_totals[row], *stats]))
    stats = [f("", dict(table.column_totals), table.total) for _, f in extra]
    body.append(Row(total_label, [*table.column_totals.values(), table.total, *stats], is_total=True))
    return Table(slug, title, caption, row_label, header, body, list(notes), chart_column=len(columns))


def standalone(
    slug: str,
    title: str,
    caption: str,
    rows: Sequence[tuple[str, Sequence[int | str]]],
    *,
    row_label: str,
    columns: Sequence[Column],
    notes: Sequence[str] = (),
) -> Table:
    """Counts that are not parts of a shown sum (overlapping areas, separate measures): each count is
    hidden if 1 to 4. Statistics in a row are hidden when the row's first count is."""
    body = []
    for label, values in rows:
        first_hidden: bool | None = None
        out: list = []
        for column, value in zip(columns, values, strict=True):
            if column.kind == COUNT:
                out.append(primary_only(int(value)))
                first_hidden = out[-1] is None if first_hidden is None else first_hidden
            else:
                out.append(NOT_SHOWN if first_hidden else value)
        body.append(Row(label, out))
    return Table(slug, title, caption, row_label, list(columns), body, list(notes))
