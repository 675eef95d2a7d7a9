"""The manager's dashboards, gaps view and downloads: scoped, audited, and never showing a count of 1 to 4."""

import csv
import io
import re

import pytest
from auditlog.models import LogEntry
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from linkpad.accounts.models import Role
from linkpad.accounts.tests.factories import user_with_role
from linkpad.reporting.periods import last_twelve_months, recent_quarters
from linkpad.reporting.selectors import EXTRACTABLE, SECTIONS, Scope
from linkpad.reporting.selectors.casework import closures_by_reason

COUNT_CELL = re.compile(r'data-kind="count">([^<]*)<')
SMALL = {"1", "2", "3", "4"}


def count_cells(html: str) -> list[str]:
    return COUNT_CELL.findall(html)


def assert_no_small_counts_in_page(html: str) -> None:
    cells = count_cells(html)
    assert cells, "the page shows no counts at all"
    assert not SMALL & set(cells), f"a count of 1 to 4 is visible: {sorted(SMALL & set(cells))}"
    bar_labels = re.findall(r'fill="#212b32">([\d,]+)</text>', html)
    assert not SMALL & set(bar_labels), "a chart labels a bar with a count of 1 to 4"


@pytest.mark.parametrize("section", list(SECTIONS))
def test_every_dashboard_page_shows_tables_and_charts_with_no_small_counts(manager_client, section):
    response = manager_client.get(reverse("reporting:section", args=[section]))
    html = response.content.decode()
    assert response.status_code == 200
    assert f"<h1>{SECTIONS[section].title}</h1>" in html
    assert "<svg" in html and "<title id=" in html and "<desc id=" in html and "<caption" in html
    assert_no_small_counts_in_page(html)


def test_filtering_to_one_practice_and_a_quarter_narrows_the_counts(manager_client, programme):
    practice = programme.practices[0]
    everything = manager_client.get(reverse("reporting:dashboard")).content.decode()
    quarter, period = recent_quarters(timezone.localdate())[1]
    response = manager_client.get(
        reverse("reporting:dashboard"), {"practice": practice.pk, "period": quarter}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "for 1 practice." in html and period.label in html
    assert html != everything
    assert_no_small_counts_in_page(html)


def test_a_practice_outside_the_programme_cannot_be_chosen(manager_client):
    other = user_with_role(Role.LINK_PRACTITIONER).memberships.get().organisation
    response = manager_client.get(reverse("reporting:dashboard"), {"practice": other.pk})
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()


def test_a_custom_period_needs_both_dates_in_order(manager_client):
    response = manager_client.get(
        reverse("reporting:dashboard"), {"period": "custom", "start": "2025-06-01", "end": "2025-05-01"}
    )
    assert response.status_code == 400
    assert "The start date must be on or before the end date." in response.content.decode()


def test_people_who_are_not_programme_managers_are_turned_away(client, clp_user, verified_client):
    response = verified_client(clp_user).get(reverse("reporting:dashboard"))
    assert response.status_code == 403


def test_the_dashboard_is_recorded_in_the_audit_log_against_each_practice(manager_client, programme):
    manager_client.get(reverse("reporting:section", args=["waits"]))
    entries = LogEntry.objects.filter(actor=programme.manager, action=LogEntry.Action.ACCESS)
    assert {int(e.object_pk) for e in entries} == {p.pk for p in programme.practices}
    assert all("programme report: waits" in e.additional_data["purpose"] for e in entries)


@pytest.mark.parametrize("slug", list(EXTRACTABLE))
def test_every_table_downloads_as_csv_and_xlsx_with_no_small_counts(manager_client, slug):
    url = reverse("reporting:table", args=[slug, "csv"])
    response = manager_client.get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="linkpad-{slug}.csv"'
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][0] and (len(rows) >= 2 or slug == "listings-by-district")  # no districts without geography
    values = [cell for row in rows[1:] for cell in row[1:]]
    assert not SMALL & set(values), f"{slug}.csv shows a count of 1 to 4"
    book = load_workbook(
        io.BytesIO(manager_client.get(reverse("reporting:table", args=[slug, "xlsx"])).content)
    )
    numbers = [cell.value for row in book.active.iter_rows() for cell in row if isinstance(cell.value, int)]
    assert not {1, 2, 3, 4} & set(numbers), f"{slug}.xlsx shows a count of 1 to 4"
    assert [cell.value for cell in book.active[4]] == rows[0]


def test_an_unknown_table_or_format_is_not_found(manager_client):
    assert manager_client.get(reverse("reporting:table", args=["nothing", "csv"])).status_code == 404
    assert manager_client.get(reverse("reporting:table", args=["waits", "pdf"])).status_code == 404


def test_extract_columns_match_the_tables_on_the_page(manager_client, programme):
    scope = Scope(tuple(p.pk for p in programme.practices), last_twelve_months(timezone.localdate()))
    table = closures_by_reason(scope)
    response = manager_client.get(reverse("reporting:table", args=[table.slug, "csv"]))
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == table.header()
    assert rows[-1][:2] == ["Episodes closed", str(table.rows[-1].values[0])]
    page = manager_client.get(reverse("reporting:section", args=["outcomes"])).content.decode()
    assert f'data-kind="count">{table.rows[-1].values[0]:,}<' in page
