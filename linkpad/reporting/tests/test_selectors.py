"""The dashboard numbers, counted in the database, agree with counting the synthetic records one by one."""

import csv
import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from linkpad.accounts.models import Membership, Organisation, OrganisationKind, Role
from linkpad.accounts.tests.factories import UserFactory
from linkpad.casework.models import Contact, Episode, Link
from linkpad.outcomes.models import Administration
from linkpad.outcomes.selectors import changes
from linkpad.referrals.models import Referral
from linkpad.reporting.periods import custom, last_twelve_months
from linkpad.reporting.scope import manager_practices
from linkpad.reporting.selectors import Scope
from linkpad.reporting.selectors.activity import referrals_by_month, referred_by_age, waits
from linkpad.reporting.selectors.base import percentile
from linkpad.reporting.selectors.casework import community_responses, engagement, outcome_change
from linkpad.reporting.selectors.dataset import FIELDS, open_during
from linkpad.reporting.synthetic import synthetic_programme


@pytest.fixture
def scope(programme):
    return Scope(tuple(p.pk for p in programme.practices), last_twelve_months(timezone.localdate()))


def in_period(moment, scope):
    return scope.since <= moment < scope.until


def test_referrals_by_month_add_up_to_every_referral_in_the_period(scope):
    expected = sum(
        in_period(r.received_at, scope) for r in Referral.objects.filter(practice__in=scope.practice_ids)
    )
    table = referrals_by_month(scope)
    assert expected > 50
    assert table.rows[-1].values[-1] == expected  # the grand total
    assert [row.label for row in table.body][:1] == [f"{scope.period.start:%B %Y}"]


def test_median_and_90th_percentile_waits_match_the_records(scope):
    waits_found = []
    for referral in Referral.objects.filter(practice__in=scope.practice_ids).prefetch_related(
        "contact_attempts"
    ):
        if in_period(referral.received_at, scope):
            first = min(a.attempted_at for a in referral.contact_attempts.all())
            waits_found.append(
                (timezone.localtime(first).date() - timezone.localtime(referral.received_at).date()).days
            )
    waits_found.sort()
    n = len(waits_found)
    row = waits(scope).rows[0]
    assert row.values[0] == n
    assert row.values[1] == f"{waits_found[(n + 1) // 2 - 1]} days"
    assert row.values[2] == f"{waits_found[-(-9 * n // 10) - 1]} days"


def test_percentile_is_nearest_rank():
    assert percentile([(1, 1), (2, 1), (3, 1), (4, 1)], 0.5) == 2
    assert percentile([(5, 10)], 0.9) == 5


def test_engagement_counts_episodes_by_contacts_attended(scope):
    bands = {"None yet": 0, "One or two": 0, "Three or more": 0}
    for episode in Episode.objects.filter(practice__in=scope.practice_ids):
        if in_period(episode.opened_at, scope):
            n = Contact.objects.filter(episode=episode, did_not_attend=False).count()
            bands["Three or more" if n >= 3 else "One or two" if n else "None yet"] += 1
    table = engagement(scope)
    shown = {row.label: row.values[0] for row in table.body}
    assert all(shown[band] in (None, count) for band, count in bands.items())
    assert table.rows[-1].values[0] == sum(bands.values())


def test_age_bands_use_age_on_the_day_of_referral(scope):
    table = referred_by_age(scope)
    bands = {label: 0 for label in (row.label for row in table.body)}
    for referral in Referral.objects.filter(practice__in=scope.practice_ids).select_related("person"):
        if in_period(referral.received_at, scope):
            on, born = timezone.localtime(referral.received_at).date(), referral.person.date_of_birth
            age = on.year - born.year - ((on.month, on.day) < (born.month, born.day))
            label = (
                "Under 25"
                if age < 25
                else "25 to 44"
                if age < 45
                else "45 to 64"
                if age < 65
                else "65 to 74"
                if age < 75
                else "75 and over"
            )
            bands[label] += 1
    for row in table.body:
        assert row.values[0] in (None, bands[row.label])


def test_outcome_change_agrees_with_the_outcomes_app_verdicts(scope):
    verdicts = {}
    for episode in Episode.objects.filter(
        practice__in=scope.practice_ids, closure__isnull=False
    ).select_related("closure"):
        if in_period(episode.closure.closed_at, scope):
            change = changes(Administration.objects.filter(episode=episode)).get("swemwbs")
            if change:
                verdicts[change.verdict.capitalize()] = verdicts.get(change.verdict.capitalize(), 0) + 1
    table = outcome_change(scope)
    row = next(row for row in table.body if row.label == "SWEMWBS")
    columns = [column.label for column in table.columns]
    for verdict, count in verdicts.items():
        assert row.values[columns.index(verdict)] in (None, count)
    assert row.values[columns.index("Episodes")] == sum(verdicts.values())


def test_community_responses_cover_every_link_referred(scope):
    referred = [
        link
        for link in Link.objects.filter(episode__practice__in=scope.practice_ids)
        if in_period(link.referred_at, scope)
    ]
    assert community_responses(scope).rows[-1].values[0] == len(referred)


def test_a_manager_at_a_clp_employer_reports_on_its_programme_practices(programme):
    employer = Organisation.objects.create(
        name="Links Team", kind=OrganisationKind.CLP_EMPLOYER, programme=programme.programme
    )
    manager = UserFactory()
    Membership.objects.create(user=manager, organisation=employer, role=Role.PROGRAMME_MANAGER)
    other = synthetic_programme(episodes=1, practices=1, seed=99)
    assert set(manager_practices(manager)) == set(programme.practices)
    assert other.practices[0] not in manager_practices(manager)


def test_the_core_dataset_has_one_pseudonymous_row_per_episode_open_in_the_quarter(manager_client, programme):
    start = timezone.localdate() - dt.timedelta(days=200)
    scope = Scope(tuple(p.pk for p in programme.practices), custom(start, start + dt.timedelta(days=90)))
    response = manager_client.get(
        reverse("reporting:core-dataset", args=["csv"]),
        {"period": "custom", "start": scope.period.start.isoformat(), "end": scope.period.end.isoformat()},
    )
    text = response.content.decode()
    rows = list(csv.DictReader(io.StringIO(text)))
    assert list(rows[0]) == FIELDS
    assert len(rows) == open_during(scope).count() > 0
    assert len({row["episode_ref"] for row in rows}) == len(rows)
    assert "Synthetic" not in text and "Person" not in text  # no names
    assert "linkpad-core-dataset-" in response["Content-Disposition"]


def test_a_clp_team_keeps_the_practices_its_clps_work_at(manager_client, programme):
    team = Organisation.objects.create(
        name="North Team", kind=OrganisationKind.CLP_EMPLOYER, programme=programme.programme
    )
    Membership.objects.create(user=programme.clp, organisation=team, role=Role.LINK_PRACTITIONER)
    Membership.objects.filter(user=programme.clp, organisation=programme.practices[2]).delete()
    html = manager_client.get(reverse("reporting:dashboard"), {"team": team.pk}).content.decode()
    assert "for 2 practices." in html
    assert programme.practices[2].name not in html.split("<h2", 1)[1]


def test_the_core_dataset_extract_is_audited_and_has_no_personal_identifiers(manager_client, programme):
    from auditlog.models import LogEntry

    response = manager_client.get(reverse("reporting:core-dataset", args=["xlsx"]))
    assert response.status_code == 200
    purposes = {e.additional_data["purpose"] for e in LogEntry.objects.filter(actor=programme.manager)}
    assert purposes == {"core dataset extract: the last 12 months"}
    assert not {"given_name", "family_name", "chi_number", "postcode", "date_of_birth"} & set(FIELDS)


def test_a_programme_allowed_aggregates_only_turns_the_core_dataset_off(manager_client, programme, settings):
    from auditlog.models import LogEntry

    page = manager_client.get(reverse("reporting:dashboard")).content.decode()
    assert reverse("reporting:core-dataset", args=["csv"]) in page
    settings.LINKPAD_CORE_DATASET = False
    page = manager_client.get(reverse("reporting:dashboard")).content.decode()
    assert "core dataset" not in page.lower()
    before = LogEntry.objects.count()
    assert manager_client.get(reverse("reporting:core-dataset", args=["csv"])).status_code == 404
    assert LogEntry.objects.count() == before  # nothing read, nothing recorded


def test_a_manager_at_one_practice_reports_on_that_practice_alone(programme):
    manager = UserFactory()
    Membership.objects.create(user=manager, organisation=programme.practices[1], role=Role.PROGRAMME_MANAGER)
    assert list(manager_practices(manager)) == [programme.practices[1]]
