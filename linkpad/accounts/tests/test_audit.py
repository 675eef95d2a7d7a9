import pytest
from auditlog.models import LogEntry

from linkpad.accounts.models import Role
from linkpad.accounts.tests.factories import (
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
    user_with_role,
)
from linkpad.core.audit import views_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def practice():
    return OrganisationFactory(name="Saracen Cross Medical Practice")


@pytest.fixture
def admin(practice):
    return user_with_role(Role.ADMIN, practice, full_name="Ada Admin")


@pytest.fixture
def colleague(practice):
    user = UserFactory(full_name="Colm Colleague")
    MembershipFactory(user=user, organisation=practice, role=Role.PRACTICE_STAFF)
    return user


def test_viewing_a_colleagues_details_is_recorded_in_the_audit_log(verified_client, admin, colleague):
    response = verified_client(admin).get(f"/account/team/{colleague.pk}/")
    assert response.status_code == 200
    assert colleague.email in response.content.decode()
    entry = views_of(colleague).get()
    assert entry.actor == admin
    assert entry.action == LogEntry.Action.ACCESS
    assert entry.additional_data == {"purpose": "team member"}


def test_the_team_list_records_a_view_of_each_person_listed(verified_client, admin, colleague):
    verified_client(admin).get("/account/team/")
    assert views_of(colleague).count() == 1


def test_someone_outside_the_organisation_cannot_see_them_and_nothing_is_recorded(verified_client, colleague):
    outsider = user_with_role(Role.ADMIN, OrganisationFactory(), full_name="Otto Outsider")
    assert verified_client(outsider).get(f"/account/team/{colleague.pk}/").status_code == 404
    assert not views_of(colleague).exists()


def test_changes_to_accounts_are_recorded_with_the_changed_fields(colleague):
    colleague.full_name = "Colm Renamed"
    colleague.save()
    entry = LogEntry.objects.get_for_object(colleague).filter(action=LogEntry.Action.UPDATE).get()
    assert "full_name" in entry.changes_dict
    assert "password" not in entry.changes_dict
