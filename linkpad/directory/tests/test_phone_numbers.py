"""Changing a listing's phone numbers: checked in plain words, moderated like other edits."""

import json

import pytest
from django.core.exceptions import ValidationError

from linkpad.accounts.models import OrganisationKind, Role
from linkpad.accounts.tests.factories import OrganisationFactory, user_with_role
from linkpad.directory.forms import ENTER_AN_EXTENSION
from linkpad.directory.hsds.exporter import service_to_hsds, services_for_export
from linkpad.directory.hsds.validate import ORUK_SERVICE, problems
from linkpad.directory.models import ListingChange, Phone, ReviewState, Service
from linkpad.directory.phones import NOT_A_PHONE, PhoneRow, phones_of
from linkpad.directory.stewardship import listing_phones_edit

from .hsds_factories import LocationFactory, ServiceAtLocationFactory, ServiceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def listing():
    service = ServiceFactory(name="Tuesday Shed")
    Phone.objects.create(service=service, number="0141 496 0000", type="voice", description="Reception")
    return service


@pytest.fixture
def phones_url(listing):
    return f"/directory/manage/services/{listing.pk}/phones/"


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


def form_data(listing, rows=None, deleted=()):
    """What the page would post: the numbers as shown, with `rows` replacing them."""
    shown = phones_of(listing)
    if rows is None:
        rows = [
            {"id": row.id, "number": row.number, "type": row.type, "description": row.description}
            for row in shown
        ]
    data = {"phones-TOTAL_FORMS": len(rows), "phones-INITIAL_FORMS": len(shown)}
    for number, row in enumerate(rows):
        for name, value in {"type": "voice", **row}.items():
            if value not in (None, ""):
                data[f"phones-{number}-{name}"] = value
        if number in deleted:
            data[f"phones-{number}-DELETE"] = "on"
    return data


def numbers(listing) -> list[str]:
    return list(Phone.objects.filter(service=listing).order_by("number").values_list("number", flat=True))


def test_the_edit_page_shows_the_numbers_and_links_to_change_them(editor, listing, phones_url):
    _, client = editor
    page = client.get(f"/directory/manage/services/{listing.pk}/edit/").content.decode()
    assert "0141 496 0000: Reception" in page and phones_url in page
    assert 'value="0141 496 0000"' in client.get(phones_url).content.decode()


def test_an_editor_changes_a_number_at_once_and_the_history_says_so(
    editor, listing, phones_url, django_capture_on_commit_callbacks
):
    user, client = editor
    before = Service.objects.get(pk=listing.pk).last_modified
    row = {"id": phones_of(listing)[0].id, "number": "01414960001", "description": "Reception"}
    with django_capture_on_commit_callbacks() as callbacks:
        response = client.post(phones_url, form_data(listing, [row]))
    assert response.status_code == 302
    assert callbacks, "the listing is re-indexed after the change is committed"
    assert numbers(listing) == ["0141 496 0001"]
    assert Service.objects.get(pk=listing.pk).last_modified != before
    record = ListingChange.objects.get()
    assert record.state == ReviewState.APPROVED and record.reviewed_by == user
    history = client.get(f"/directory/manage/services/{listing.pk}/history/").content.decode()
    assert "Phone: 0141 496 0000: Reception → 0141 496 0001: Reception" in history


def test_an_editor_adds_and_removes_numbers(editor, listing, phones_url):
    _, client = editor
    rows = [
        {"id": phones_of(listing)[0].id, "number": "0141 496 0000"},
        {"number": "+44 7700 900123", "type": "text", "extension": "", "description": "Texts only"},
    ]
    client.post(phones_url, form_data(listing, rows, deleted=(0,)))
    phone = Phone.objects.get(service=listing)
    assert (phone.number, phone.type, phone.description) == ("07700 900123", "text", "Texts only")


def test_an_owners_change_waits_for_an_editor_who_approves_it(owner, editor, listing, phones_url):
    _, owner_client = owner
    kept = phones_of(listing)[0]
    rows = [
        {"id": kept.id, "number": kept.number, "description": "Reception"},
        {"number": "116 123", "extension": "", "description": "Samaritans"},
    ]
    owner_client.post(phones_url, form_data(listing, rows))
    assert numbers(listing) == ["0141 496 0000"]
    change = ListingChange.objects.get(state=ReviewState.PENDING)
    assert change.changes["phones"]["rows"][1]["number"] == "116 123"
    _, editor_client = editor
    queue = editor_client.get("/directory/manage/").content.decode()
    assert "0141 496 0000: Reception → 0141 496 0000: Reception; 116 123: Samaritans" in queue
    editor_client.post(f"/directory/manage/changes/{change.pk}/", {"decision": "approve"})
    assert numbers(listing) == ["0141 496 0000", "116 123"]
    assert Phone.objects.get(pk=kept.id).description == "Reception"


def test_an_owners_rejected_change_leaves_the_numbers_as_they_were(owner, editor, listing, phones_url):
    _, owner_client = owner
    owner_client.post(phones_url, form_data(listing, deleted=(0,)))
    change = ListingChange.objects.get()
    assert change.changes["phones"]["after"] == []
    _, editor_client = editor
    editor_client.post(f"/directory/manage/changes/{change.pk}/", {"decision": "reject"})
    assert numbers(listing) == ["0141 496 0000"]


@pytest.mark.parametrize(
    ("row", "error"),
    [
        ({"number": "12345"}, NOT_A_PHONE),
        ({"number": "0141 496 000"}, NOT_A_PHONE),
        ({"number": "phone us"}, NOT_A_PHONE),
        ({"number": "0141 496 0001", "extension": "two"}, ENTER_AN_EXTENSION),
    ],
)
def test_invalid_input_is_explained_and_nothing_changes(editor, listing, phones_url, row, error):
    _, client = editor
    row = {"id": phones_of(listing)[0].id, **row}
    page = client.post(phones_url, form_data(listing, [row])).content.decode()
    assert "There is a problem" in page and f"Number 1: {error}" in page
    assert numbers(listing) == ["0141 496 0000"] and not ListingChange.objects.exists()


def test_a_change_the_database_cannot_hold_is_refused_as_a_whole(editor, listing):
    user, _ = editor
    too_long = PhoneRow("0" * 51)
    with pytest.raises(ValidationError):
        listing_phones_edit(service=listing, rows=[too_long], user=user)
    assert numbers(listing) == ["0141 496 0000"] and not ListingChange.objects.exists()


def test_saving_the_page_unchanged_changes_nothing(editor, listing, phones_url):
    Phone.objects.filter(service=listing).update(number="0141-496-0000 (ask for Jo)", type="")
    _, client = editor
    assert "Not said" in client.get(phones_url).content.decode()
    response = client.post(phones_url, form_data(listing))
    assert response.status_code == 302
    assert numbers(listing) == ["0141-496-0000 (ask for Jo)"] and not ListingChange.objects.exists()


def test_adding_a_row_keeps_what_was_typed_and_saves_nothing(editor, listing, phones_url):
    _, client = editor
    rows = [{"id": phones_of(listing)[0].id, "number": "0141 496 0000"}, {"number": "0800 123 4567"}]
    html = client.post(phones_url, {**form_data(listing, rows), "add": "1"}).content.decode()
    assert 'value="0800 123 4567"' in html and "Add a number" in html and "There is a problem" not in html
    assert numbers(listing) == ["0141 496 0000"]


def test_someone_who_does_not_own_the_listing_cannot_change_its_numbers(verified_client, listing, phones_url):
    stranger = user_with_role(
        Role.COMMUNITY_STAFF, OrganisationFactory(kind=OrganisationKind.COMMUNITY_ORGANISATION)
    )
    client = verified_client(stranger)
    assert client.get(phones_url).status_code == 403
    assert client.post(phones_url, form_data(listing, [{"number": "111"}])).status_code == 403
    assert numbers(listing) == ["0141 496 0000"] and not ListingChange.objects.exists()


def test_the_changed_listing_still_exports_as_valid_open_referral(editor, listing, phones_url):
    _, client = editor
    rows = [
        {"id": phones_of(listing)[0].id, "number": "0141 496 0001", "extension": "204", "type": "textphone"},
        {"number": "0800 1111", "description": "Free to call"},
    ]
    client.post(phones_url, form_data(listing, rows))
    services = services_for_export(Service.objects.filter(pk=listing.pk))
    document = json.loads(json.dumps(service_to_hsds(services[0])))
    assert problems(document, ORUK_SERVICE) == []
    assert sorted(phone["number"] for phone in document["phones"]) == ["0141 496 0001", "0800 1111"]


# The numbers of a place where the listing runs, like the venue's reception.


@pytest.fixture
def venue(listing):
    at = ServiceAtLocationFactory(
        service=listing, location=LocationFactory(name="Broomview Community Centre")
    )
    Phone.objects.create(service_at_location=at, number="0141 496 0380", description="Reception at the venue")
    return at


@pytest.fixture
def venue_phones_url(listing, venue):
    return f"/directory/manage/services/{listing.pk}/places/{venue.pk}/phones/"


def venue_numbers(venue) -> list[str]:
    phones = Phone.objects.filter(service_at_location=venue).order_by("number")
    return list(phones.values_list("number", flat=True))


def test_the_edit_page_lists_each_places_numbers_with_a_link_to_change_them(
    editor, listing, venue_phones_url
):
    _, client = editor
    page = client.get(f"/directory/manage/services/{listing.pk}/edit/").content.decode()
    assert "0141 496 0380: Reception at the venue" in page and venue_phones_url in page
    assert "Change phone numbers at Broomview Community Centre" in page
    form = client.get(venue_phones_url).content.decode()
    assert "Phone numbers at Broomview Community Centre" in form
    assert 'value="0141 496 0380"' in form and 'value="0141 496 0000"' not in form


def test_an_editor_changes_a_places_number_at_once_and_the_history_says_so(
    editor, listing, venue, venue_phones_url, django_capture_on_commit_callbacks
):
    user, client = editor
    row = {"id": phones_of(venue)[0].id, "number": "01414960381", "description": "Reception at the venue"}
    with django_capture_on_commit_callbacks() as callbacks:
        response = client.post(venue_phones_url, form_data(venue, [row]))
    assert response.status_code == 302
    assert callbacks, "the listing is re-indexed after the change is committed"
    assert venue_numbers(venue) == ["0141 496 0381"] and numbers(listing) == ["0141 496 0000"]
    record = ListingChange.objects.get()
    assert record.state == ReviewState.APPROVED and list(record.changes) == [f"phones_at:{venue.pk}"]
    history = client.get(f"/directory/manage/services/{listing.pk}/history/").content.decode()
    assert (
        "Phone at Broomview Community Centre: 0141 496 0380: Reception at the venue"
        " → 0141 496 0381: Reception at the venue"
    ) in history


def test_an_owners_change_to_a_places_numbers_waits_and_applies_on_approval(
    owner, editor, listing, venue, venue_phones_url
):
    _, owner_client = owner
    kept = phones_of(venue)[0]
    rows = [
        {"id": kept.id, "number": kept.number, "description": kept.description},
        {"number": "0800 123 4567", "description": "Evenings"},
    ]
    assert owner_client.post(venue_phones_url, form_data(venue, rows)).status_code == 302
    assert venue_numbers(venue) == ["0141 496 0380"]
    change = ListingChange.objects.get(state=ReviewState.PENDING)
    _, editor_client = editor
    queue = editor_client.get("/directory/manage/").content.decode()
    assert "Phone at Broomview Community Centre" in queue
    assert "0141 496 0380: Reception at the venue; 0800 123 4567: Evenings" in queue
    editor_client.post(f"/directory/manage/changes/{change.pk}/", {"decision": "approve"})
    assert venue_numbers(venue) == ["0141 496 0380", "0800 123 4567"]
    assert numbers(listing) == ["0141 496 0000"]
    assert Phone.objects.get(pk=kept.id).description == "Reception at the venue"


def test_a_change_to_a_place_that_has_gone_is_refused_on_approval(
    owner, editor, listing, venue, venue_phones_url
):
    _, owner_client = owner
    owner_client.post(venue_phones_url, form_data(venue, deleted=(0,)))
    change = ListingChange.objects.get()
    venue.delete()
    _, editor_client = editor
    response = editor_client.post(
        f"/directory/manage/changes/{change.pk}/", {"decision": "approve"}, follow=True
    )
    assert "This place is no longer part of the listing." in response.content.decode()
    change.refresh_from_db()
    assert change.state == ReviewState.PENDING and numbers(listing) == ["0141 496 0000"]


def test_a_bad_number_at_a_place_is_explained_and_nothing_changes(editor, venue, venue_phones_url):
    _, client = editor
    row = {"id": phones_of(venue)[0].id, "number": "0141 496 038"}
    page = client.post(venue_phones_url, form_data(venue, [row])).content.decode()
    assert "There is a problem" in page and f"Number 1: {NOT_A_PHONE}" in page
    assert venue_numbers(venue) == ["0141 496 0380"] and not ListingChange.objects.exists()


def test_a_place_of_another_listing_is_not_found(editor, owner, listing, venue):
    elsewhere = ServiceAtLocationFactory()
    Phone.objects.create(service_at_location=elsewhere, number="0141 496 0999")
    url = f"/directory/manage/services/{listing.pk}/places/{elsewhere.pk}/phones/"
    for _, client in (editor, owner):
        assert client.get(url).status_code == 404
        assert client.post(url, form_data(elsewhere, [{"number": "111"}])).status_code == 404
    assert venue_numbers(elsewhere) == ["0141 496 0999"] and not ListingChange.objects.exists()
    with pytest.raises(ValidationError):
        listing_phones_edit(service=listing, rows=[], user=editor[0], place=elsewhere)
    assert venue_numbers(elsewhere) == ["0141 496 0999"]


def test_someone_who_does_not_own_the_listing_cannot_change_a_places_numbers(
    verified_client, venue, venue_phones_url
):
    stranger = user_with_role(
        Role.COMMUNITY_STAFF, OrganisationFactory(kind=OrganisationKind.COMMUNITY_ORGANISATION)
    )
    client = verified_client(stranger)
    assert client.get(venue_phones_url).status_code == 403
    assert client.post(venue_phones_url, form_data(venue, [{"number": "111"}])).status_code == 403
    assert venue_numbers(venue) == ["0141 496 0380"] and not ListingChange.objects.exists()


def test_saving_a_places_numbers_unchanged_changes_nothing(editor, venue, venue_phones_url):
    Phone.objects.filter(service_at_location=venue).update(number="0141 496 0380 (front desk)", type="")
    _, client = editor
    response = client.post(venue_phones_url, form_data(venue))
    assert response.status_code == 302
    assert venue_numbers(venue) == ["0141 496 0380 (front desk)"] and not ListingChange.objects.exists()
