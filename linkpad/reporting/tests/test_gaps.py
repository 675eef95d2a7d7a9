# ruff: noqa: F811
"""Gaps in provision over the search tests' small directory around north Glasgow."""

import pytest
from django.urls import reverse
from django.utils import timezone

from linkpad.casework.models import Need
from linkpad.directory.tests.test_search_factories import directory, sample_geography  # noqa: F401
from linkpad.reporting.periods import last_twelve_months
from linkpad.reporting.selectors import Scope
from linkpad.reporting.selectors.gaps import FOUND, MISSING, gap_counts, gaps_by_need, listings_by_district
from linkpad.reporting.synthetic import synthetic_programme

from .test_pages import assert_no_small_counts_in_page


@pytest.fixture
def north_glasgow(directory):
    """People living at G22 5AA (Keppochhill), with needs of every kind."""
    return synthetic_programme(episodes=300, practices=2, postcodes=("G22 5AA",))


@pytest.fixture
def scope(north_glasgow):
    return Scope(tuple(p.pk for p in north_glasgow.practices), last_twelve_months(timezone.localdate()))


def test_bereavement_support_is_near_keppochhill_but_help_getting_online_is_not(scope):
    counted = {row["domain"]: row for row in gap_counts(scope, 5)}
    assert counted["bereavement"]["missing"] == 0  # the Springburn Grief Cafe, checked last month
    assert counted["digital"]["missing"] == counted["digital"]["n"] > 0


def test_gaps_by_need_count_every_need_raised(scope):
    table = gaps_by_need(scope, 5)
    columns = [c.label for c in table.columns]
    raised = Need.objects.filter(
        conversation__episode__practice__in=scope.practice_ids,
        conversation__recorded_at__gte=scope.since,
        conversation__recorded_at__lt=scope.until,
    ).count()
    assert table.rows[-1].values[columns.index("Needs raised")] == raised
    online = next(row for row in table.body if row.label == "Getting online")
    assert online.values[columns.index(FOUND)] == 0
    assert online.values[columns.index(MISSING)] != 0


def test_stale_and_full_listings_are_counted_near_the_district(scope):
    table = listings_by_district(scope, 5)
    g22 = next(row for row in table.rows if row.label == "G22")
    assert g22.values[0] is not None and g22.values[0] >= 5  # several active listings near G22
    assert g22.values[1] is None  # one stale listing (Keppoch Loss Group): hidden, as 1 to 4


def test_the_gaps_page_maps_neighbourhoods_and_shows_no_small_counts(north_glasgow, client):
    client.force_login(north_glasgow.manager)
    response = client.get(reverse("reporting:gaps"), {"within": "5"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Gaps in provision</h1>" in html
    assert "Keppochhill" in html and 'id="gaps-map-title"' in html
    assert "Kelvin Alcohol Support" in html  # full, and within 5 km of G22
    assert_no_small_counts_in_page(html)


def test_links_are_counted_by_the_top_level_category_of_their_support(scope, directory, north_glasgow):
    from linkpad.casework.models import Episode, Link
    from linkpad.reporting.selectors.casework import links_by_category

    episodes = Episode.objects.filter(practice__in=scope.practice_ids, opened_at__gte=scope.since)[:6]
    Link.objects.bulk_create(
        [Link(episode=e, service=directory["grief"], created_by=north_glasgow.clp) for e in episodes]
    )
    table = links_by_category(scope)
    rows = {row.label: row.values[0] for row in table.body}
    assert rows["Health & Social Care Services"] == 6  # bereavement sits under end-of-life care, under health


def test_the_distance_chosen_is_kept_and_five_km_is_the_default(north_glasgow, client):
    client.force_login(north_glasgow.manager)
    html = client.get(reverse("reporting:gaps")).content.decode()
    assert '<option value="5" selected' in html
    html = client.get(reverse("reporting:gaps"), {"within": "10"}).content.decode()
    assert '<option value="10" selected' in html and "within 10 km" in html
