"""Looking after listings: editors edit and moderate; listing owners propose; everything is recorded."""

from datetime import date, timedelta

import pytest
from auditlog.models import LogEntry

from linkpad.accounts.models import OrganisationKind, Role
from linkpad.accounts.tests.factories import OrganisationFactory, user_with_role
from linkpad.directory.models import ListingChange, ListingClaim, ListingProblem, ReviewState
from linkpad.directory.stewardship import ALREADY_CLAIMED

from .hsds_factories import OrganizationFactory, ServiceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def shed():
    return OrganisationFactory(name="Springburn Men's Shed", kind=OrganisationKind.COMMUNITY_ORGANISATION)


@pytest.fixture
def listing():
    return ServiceFactory(name="Tuesday Shed", assured_date=date.today() - timedelta(days=500))


@pytest.fixture
def editor(verified_client):
    user = user_with_role(Role.DIRECTORY_EDITOR, full_name="Ruth Editor")
    return user, verified_client(user)


@pytest.fixture
def owner(verified_client, shed, listing):
    user = user_with_role(Role.COMMUNITY_STAFF, shed, full_name="Kenny Owner")
    listing.organization.claimed_by = shed
    listing.organization.save()
    return user, verified_client(user)


def edit_data(service, **changes):
    fields = ["name", "description", "first_visit", "eligibility_description", "fees_description"]
    data = {name: getattr(service, name) for name in fields}
    data.update(referral_route=service.referral_route, capacity=service.capacity, status=service.status)
    data.update(changes)
    return data


def test_an_editor_edits_a_listing_at_once_and_the_change_is_in_its_history(editor, listing):
    user, client = editor
    response = client.post(
        f"/directory/manage/services/{listing.pk}/edit/", edit_data(listing, capacity="full", checked="on")
    )
    assert response.status_code == 302
    listing.refresh_from_db()
    assert listing.capacity == "full" and listing.assured_date == date.today()
    entry = LogEntry.objects.get_for_object(listing).filter(action=LogEntry.Action.UPDATE).latest("timestamp")
    assert entry.actor == user and "capacity" in entry.changes_dict
    assert "Capacity" in client.get(f"/directory/manage/services/{listing.pk}/history/").content.decode()


def test_an_owners_edit_waits_for_an_editor_who_approves_it(owner, editor, listing):
    _, owner_client = owner
    owner_client.post(f"/directory/manage/services/{listing.pk}/edit/", edit_data(listing, name="The Shed"))
    listing.refresh_from_db()
    assert listing.name == "Tuesday Shed"
    change = ListingChange.objects.get(state=ReviewState.PENDING)
    assert change.changes == {"name": "The Shed"}
    _, editor_client = editor
    assert "The Shed" in editor_client.get("/directory/manage/").content.decode()
    editor_client.post(f"/directory/manage/changes/{change.pk}/", {"decision": "approve"})
    listing.refresh_from_db()
    assert listing.name == "The Shed"


def test_someone_who_does_not_own_a_listing_cannot_edit_it(verified_client, listing):
    stranger = user_with_role(
        Role.COMMUNITY_STAFF, OrganisationFactory(kind=OrganisationKind.COMMUNITY_ORGANISATION)
    )
    client = verified_client(stranger)
    assert client.get(f"/directory/manage/services/{listing.pk}/edit/").status_code == 403
    assert (
        client.post(f"/directory/manage/services/{listing.pk}/edit/", edit_data(listing)).status_code == 403
    )
    assert not ListingChange.objects.exists()


def test_an_impossible_age_range_is_explained(editor, listing):
    _, client = editor
    page = client.post(
        f"/directory/manage/services/{listing.pk}/edit/", edit_data(listing, minimum_age=60, maximum_age=18)
    )
    assert "The oldest age must be the same as or more than the youngest age" in page.content.decode()


def test_a_community_organisation_claims_a_listing_and_an_editor_approves(verified_client, shed, editor):
    organization = OrganizationFactory(name="Springburn Shed Listing")
    ServiceFactory(organization=organization)
    staff = user_with_role(Role.COMMUNITY_STAFF, shed)
    client = verified_client(staff)
    client.post(f"/directory/manage/organizations/{organization.pk}/claim/", {"claimant": shed.pk})
    claim = ListingClaim.objects.get()
    _, editor_client = editor
    editor_client.post(f"/directory/manage/claims/{claim.pk}/", {"decision": "approve"})
    organization.refresh_from_db()
    assert organization.claimed_by == shed


def test_a_claimed_listing_cannot_be_claimed_again(verified_client, owner, listing):
    other = OrganisationFactory(kind=OrganisationKind.COMMUNITY_ORGANISATION, name="Another Group")
    client = verified_client(user_with_role(Role.COMMUNITY_STAFF, other))
    response = client.post(
        f"/directory/manage/organizations/{listing.organization.pk}/claim/",
        {"claimant": other.pk},
        follow=True,
    )
    assert ALREADY_CLAIMED.format(organisation="").strip() in response.content.decode()
    assert not ListingClaim.objects.exists()


def test_owners_see_their_listings_due_for_review_and_confirm_them(owner, listing):
    _, client = owner
    dashboard = client.get("/directory/manage/").content.decode()
    assert "Due to be checked (1)" in dashboard and "Tuesday Shed" in dashboard
    client.post(f"/directory/manage/services/{listing.pk}/checked/")
    listing.refresh_from_db()
    assert listing.assured_date == date.today()


def test_an_editor_resolves_a_problem_report(editor, listing):
    problem = ListingProblem.objects.create(service=listing, kind="closed", reporter_email="a@example.org")
    _, client = editor
    assert "a@example.org" in client.get("/directory/manage/").content.decode()
    client.post(f"/directory/manage/problems/{problem.pk}/", {"resolution": "Phoned them: still open."})
    problem.refresh_from_db()
    assert problem.resolved_at and problem.resolution == "Phoned them: still open."


def test_people_without_a_directory_role_cannot_moderate(verified_client, listing):
    clp = user_with_role(Role.LINK_PRACTITIONER)
    client = verified_client(clp)
    assert client.get("/directory/manage/").status_code == 403


def test_owners_are_reminded_by_email_of_listings_due_for_review(owner, listing):
    from io import StringIO

    from django.core import mail
    from django.core.management import call_command

    out = StringIO()
    call_command("review-reminders", stdout=out)
    assert "Sent 1 review reminders." in out.getvalue()
    assert mail.outbox[0].to == [owner[0].email]
    assert "Tuesday Shed" in mail.outbox[0].body
    listing.assured_date = date.today()
    listing.save()
    call_command("review-reminders", stdout=StringIO())
    assert len(mail.outbox) == 1  # nothing due, nothing sent
