# ruff: noqa: F811  (pytest fixtures imported from test_search_factories are then used as arguments)
"""Changing when and where a listing runs: opening times and addresses, moderated like other edits."""

import datetime as dt
import json
from dataclasses import asdict

import pytest

from linkpad.accounts.models import OrganisationKind, Role
from linkpad.accounts.tests.factories import OrganisationFactory, user_with_role
from linkpad.directory.forms import CHOOSE_A_DAY, CHOOSE_ONE_DAY, CLOSES_AFTER_OPENS
from linkpad.directory.hsds.exporter import service_to_hsds, services_for_export
from linkpad.directory.hsds.validate import ORUK_SERVICE, problems
from linkpad.directory.models import ListingChange, ReviewState, Schedule, Service
from linkpad.directory.opening_times import Session
from linkpad.directory.selectors import search_services
from linkpad.directory.stewardship import listing_place_edit
from linkpad.directory.venues import places_of

from .hsds_factories import ScheduleFactory, ServiceAtLocationFactory, ServiceFactory
from .test_search_factories import directory, sample_geography  # noqa: F401  (fixtures)

pytestmark = pytest.mark.django_db


@pytest.fixture
def listing():
    service = ServiceFactory(name="Tuesday Shed")
    at = ServiceAtLocationFactory(service=service, location__name="Possil Hall")
    ScheduleFactory(service_at_location=at, byday="TU", opens_at=dt.time(10), closes_at=dt.time(12))
    return service


@pytest.fixture
def place_url(listing):
    return f"/directory/manage/services/{listing.pk}/places/{listing.service_at_locations.get().pk}/"


@pytest.fixture
def editor(verified_client):
    user = user_with_role(Role.DIRECTORY_EDITOR, full_name="Ruth Editor")
    return user, verified_client(user)


@pytest.fixture
def owner(verified_client, listing):
    shed = OrganisationFactory(name="Possil Shed", kind=OrganisationKind.COMMUNITY_ORGANISATION)
    user = user_with_role(Role.COMMUNITY_STAFF, shed, full_name="Kenny Owner")
    listing.organization.claimed_by = shed
    listing.organization.save()
    return user, verified_client(user)


def form_data(listing, rows=None, **place):
    """What the page would post: the place and sessions as shown, with `rows` replacing the sessions."""
    shown = next(shown for shown in places_of(listing) if shown.service_at_location)
    address = shown.address
    data = {
        "name": shown.service_at_location.location.name,
        "address_1": address.address_1 if address else "",
        "city": address.city if address else "",
        "postal_code": address.postal_code if address else "",
        **place,
    }
    if rows is None:
        rows = [asdict(session) for session in shown.sessions]
    data.update({"sessions-TOTAL_FORMS": len(rows), "sessions-INITIAL_FORMS": len(shown.sessions)})
    for number, row in enumerate(rows):
        for name, value in row.items():
            if value not in (None, "", ()):
                text = value.strftime("%H:%M") if isinstance(value, dt.time) else value
                data[f"sessions-{number}-{name}"] = list(text) if isinstance(text, tuple) else text
    return data


def schedule_of(listing) -> Schedule:
    return Schedule.objects.get(service_at_location__service=listing)


def test_an_editor_moves_a_session_to_wednesday_at_once_and_the_history_says_so(editor, listing, place_url):
    user, client = editor
    before = Service.objects.get(pk=listing.pk).last_modified
    row = {
        "id": schedule_of(listing).pk,
        "how_often": "weekly",
        "days": ["WE"],
        "opens": "10:00",
        "closes": "12:00",
    }
    response = client.post(place_url, form_data(listing, [row]))
    assert response.status_code == 302
    schedule = schedule_of(listing)
    assert (schedule.freq, schedule.byday, schedule.description) == (
        "WEEKLY",
        "WE",
        "Wednesdays, 10am to midday",
    )
    assert Service.objects.get(pk=listing.pk).last_modified != before
    record = ListingChange.objects.get()
    assert record.state == ReviewState.APPROVED and record.reviewed_by == user
    history = client.get(f"/directory/manage/services/{listing.pk}/history/").content.decode()
    assert "Opening times (Possil Hall): Tuesdays, 10am to midday → Wednesdays, 10am to midday" in history


def test_an_owners_new_times_wait_for_an_editor_who_approves_them(owner, editor, listing, place_url):
    _, owner_client = owner
    rows = [
        {
            "id": schedule_of(listing).pk,
            "how_often": "weekly",
            "days": ["TU"],
            "opens": "10:00",
            "closes": "12:00",
        },
        {"how_often": "-1", "days": ["FR"], "opens": "13:30", "closes": "15:00", "note": "Lunch included"},
    ]
    owner_client.post(place_url, form_data(listing, rows))
    assert Schedule.objects.filter(service_at_location__service=listing).count() == 1
    change = ListingChange.objects.get(state=ReviewState.PENDING)
    _, editor_client = editor
    queue = editor_client.get("/directory/manage/").content.decode()
    assert "Tuesdays, 10am to midday → Tuesdays, 10am to midday; Lunch included" not in queue
    assert "Last Friday of the month, 1:30pm to 3pm" in queue
    editor_client.post(f"/directory/manage/changes/{change.pk}/", {"decision": "approve"})
    monthly = Schedule.objects.get(service_at_location__service=listing, freq="MONTHLY")
    assert (monthly.byday, monthly.opens_at, monthly.description) == (
        "-1FR",
        dt.time(13, 30),
        "Lunch included",
    )
    assert schedule_of_tuesday(listing).byday == "TU"


def schedule_of_tuesday(listing) -> Schedule:
    return Schedule.objects.get(service_at_location__service=listing, freq="WEEKLY")


def test_a_rejected_change_leaves_everything_as_it_was(owner, editor, listing, place_url):
    _, owner_client = owner
    owner_client.post(place_url, form_data(listing, [], name="The Big Hall"))
    change = ListingChange.objects.get()
    assert {"opening_times", "address"} <= set(change.changes)
    _, editor_client = editor
    editor_client.post(f"/directory/manage/changes/{change.pk}/", {"decision": "reject"})
    assert schedule_of(listing).byday == "TU"
    assert listing.service_at_locations.get().location.name == "Possil Hall"
    change.refresh_from_db()
    assert change.state == ReviewState.REJECTED


def test_an_editor_removes_a_session(editor, listing, place_url):
    _, client = editor
    data = form_data(listing)
    data["sessions-0-DELETE"] = "on"
    client.post(place_url, data)
    assert not Schedule.objects.filter(service_at_location__service=listing).exists()


@pytest.mark.parametrize(
    ("row", "error"),
    [
        ({"how_often": "weekly", "days": ["TU"], "opens": "12:00", "closes": "10:00"}, CLOSES_AFTER_OPENS),
        ({"how_often": "weekly", "opens": "10:00", "closes": "12:00"}, CHOOSE_A_DAY),
        ({"how_often": "2", "days": ["MO", "TU"], "opens": "10:00", "closes": "12:00"}, CHOOSE_ONE_DAY),
        (
            {"how_often": "weekly", "days": ["TU"], "opens": "ten", "closes": "12:00"},
            "Enter a time like 10:00",
        ),
    ],
)
def test_impossible_times_are_explained_and_nothing_changes(editor, listing, place_url, row, error):
    _, client = editor
    page = client.post(place_url, form_data(listing, [row])).content.decode()
    assert "There is a problem" in page and f"Session 1: {error}" in page
    assert schedule_of(listing).byday == "TU" and not ListingChange.objects.exists()


def test_adding_a_row_keeps_what_was_typed_and_saves_nothing(editor, listing, place_url):
    _, client = editor
    data = form_data(listing, [{"how_often": "weekly", "days": ["SA"], "opens": "09:00", "closes": "11:00"}])
    page = client.post(place_url, {**data, "add": "1"})
    html = page.content.decode()
    assert "Session 1" in html and "Add a session" in html and 'value="09:00"' in html
    assert "There is a problem" not in html
    assert schedule_of(listing).byday == "TU"


def test_a_schedule_the_rows_cannot_say_is_shown_and_kept(editor, listing, place_url):
    at = listing.service_at_locations.get()
    ScheduleFactory(service_at_location=at, freq="MONTHLY", byday="", bymonthday="15", description="The 15th")
    _, client = editor
    assert "The 15th" in client.get(place_url).content.decode()
    client.post(place_url, form_data(listing, []))
    assert list(Schedule.objects.filter(service_at_location=at).values_list("bymonthday", flat=True)) == [
        "15"
    ]


def test_a_new_postcode_moves_the_place_to_its_centroid(editor, listing, place_url, sample_geography):
    _, client = editor
    data = form_data(listing, address_1="1 Saracen Street", city="Glasgow", postal_code="g22 5aa")
    client.post(place_url, data)
    location = listing.service_at_locations.get().location
    address = location.addresses.get()
    assert (address.address_1, address.postal_code) == ("1 Saracen Street", "G22 5AA")
    assert location.latitude == pytest.approx(55.884, abs=0.01) and location.longitude == pytest.approx(
        -4.256, abs=0.01
    )


def test_an_unknown_postcode_is_explained(editor, listing, place_url, sample_geography):
    _, client = editor
    page = client.post(place_url, form_data(listing, postal_code="ZZ9 9ZZ")).content.decode()
    assert "We could not find the postcode" in page
    assert not listing.service_at_locations.get().location.addresses.exists()


def test_someone_who_does_not_own_a_listing_cannot_change_its_times(verified_client, listing, place_url):
    stranger = user_with_role(
        Role.COMMUNITY_STAFF, OrganisationFactory(kind=OrganisationKind.COMMUNITY_ORGANISATION)
    )
    client = verified_client(stranger)
    assert client.get(place_url).status_code == 403
    assert client.post(place_url, {"sessions-TOTAL_FORMS": 0, "sessions-INITIAL_FORMS": 0}).status_code == 403
    assert not ListingChange.objects.exists()


def test_a_place_of_another_listing_is_not_found(editor, listing):
    _, client = editor
    other = ServiceAtLocationFactory()
    assert client.get(f"/directory/manage/services/{listing.pk}/places/{other.pk}/").status_code == 404


def test_search_by_day_sees_the_new_times(directory, django_capture_on_commit_callbacks):
    shed = directory["shed"]
    place = next(place for place in places_of(shed) if place.sessions)
    editor = user_with_role(Role.DIRECTORY_EDITOR)
    assert "Possil Men's Shed" not in [r.service.name for r in search_services(day="SU", limit=50).results]
    sunday = Session("weekly", ("SU",), dt.time(14), dt.time(16))
    with django_capture_on_commit_callbacks(execute=True):
        listing_place_edit(service=shed, place=place, sessions=[sunday], address=None, user=editor)
    results = search_services(day="SU", limit=50).results
    assert "Possil Men's Shed" in [result.service.name for result in results]


def test_the_changed_listing_still_exports_as_valid_open_referral(editor, listing, place_url):
    _, client = editor
    rows = [{"how_often": "fortnightly", "days": ["MO", "TH"], "opens": "18:00", "closes": "20:00"}]
    client.post(place_url, form_data(listing, rows, address_1="1 High St", city="Glasgow"))
    services = services_for_export(Service.objects.filter(pk=listing.pk))
    document = json.loads(json.dumps(service_to_hsds(services[0])))
    assert problems(document, ORUK_SERVICE) == []
    schedules = document["service_at_locations"][0]["schedules"]
    assert [(s["freq"], s["interval"], s["byday"]) for s in schedules] == [("WEEKLY", 2, "MO,TH")]
