"""CSV and XLSX files of the tables (already suppressed) and of the core dataset."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from openpyxl import Workbook
from openpyxl.styles import Font

from .tables import COUNT, Table

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _text(value):
    """Text a spreadsheet would run as a formula (names come from imported directory data) is quoted.

    >>> _text("=HYPERLINK(1)"), _text("Money"), _text(12)
    ("'=HYPERLINK(1)", 'Money', 12)
    """
    if isinstance(value, str) and value[:1] in FORMULA_START:
        return "'" + value
    return value


def table_rows(table: Table) -> list[list]:
    """Counts as numbers (hidden ones as the mark), statistics as written on the page."""
    rows = []
    for row in table.rows:
        values = []
        for column, value in zip(table.columns, row.values, strict=True):
            if column.kind == COUNT:
                values.append("*" if value is None else value)
            else:
                values.append(value or "")
        rows.append([_text(row.label), *(_text(value) for value in values)])
    return rows


def table_csv(table: Table) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(table.header())
    writer.writerows(table_rows(table))
    return out.getvalue()


def table_xlsx(table: Table) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = table.slug[:31]
    sheet.append([table.title])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append([table.caption])
    sheet.append([])
    sheet.append(table.header())
    for cell in sheet[4]:
        cell.font = Font(bold=True)
    for row in table_rows(table):
        sheet.append(row)
    sheet.append([])
    for note in [*table.notes, table.explanation]:
        sheet.append([note])
    sheet.column_dimensions["A"].width = 40
    return _save(book)


def records_csv(fields: list[str], records: Iterable[dict]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=fields)
    writer.writeheader()
    writer.writerows({key: _text(value) for key, value in record.items()} for record in records)
    return out.getvalue()


def records_xlsx(fields: list[str], records: Iterable[dict], *, title: str) -> bytes:
    book = Workbook(write_only=True)
    sheet = book.create_sheet(title[:31])
    sheet.append(fields)
    for record in records:
        sheet.append([_text(record[field]) for field in fields])
    return _save(book)


def _save(book: Workbook) -> bytes:
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
