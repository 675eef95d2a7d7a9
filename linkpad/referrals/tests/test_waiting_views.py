"""The CLP's waiting list and referral page: who may see and do what, and that every read is audited."""

import datetime as dt

import pytest
from auditlog.models import LogEntry
from django.utils import timezone

from linkpad.accounts.models import Role
from linkpad.accounts.tests.factories import MembershipFactory, OrganisationFactory, user_with_role
from linkpad.referrals import forms
from linkpad.referrals.models import Status
from linkpad.referrals.services import (
    contact_attempt_record,
    current_status,
    referral_allocate,
    referral_decline,
    referral_triage,
)

from .factories import clp_at, details, make_referral, practice_with_staff

pytestmark = pytest.mark.django_db

WAITING = "/referrals/waiting-list/"


@pytest.fixture
def practice_staff():
    return practice_with_staff()


@pytest.fixture
def clp(practice_staff):
    return clp_at(practice_staff[0], full_name="Casey Linkworker")


@pytest.fixture
def referral(practice_staff):
    practice, staff = practice_staff
    return make_referral(
        practice=practice, by=staff, details=details(given_name="Isla", family_name="Synthetic")
    )


def accesses(user, obj=None):
    entries = LogEntry.objects.filter(action=LogEntry.Action.ACCESS, actor=user)
    return entries.filter(object_pk=str(obj.pk), content_type__model=obj._meta.model_name) if obj else entries


def page_of(referral) -> str:
    return f"/referrals/{referral.pk}/"


class TestWaitingList:
    def test_most_urgent_then_oldest_first_with_waiting_time_in_words(
        self, practice_staff, clp, verified_client
    ):
        practice, staff = practice_staff
        now = timezone.now()
        old = make_referral(practice=practice, by=staff, details=details(given_name="Old"))
        urgent = make_referral(
            practice=practice, by=staff, details=details(given_name="Urgent"), urgency="urgent"
        )
        new = make_referral(practice=practice, by=staff, details=details(given_name="New"))
        for referral, days in ((old, 12), (urgent, 1), (new, 0)):
            type(referral).objects.filter(pk=referral.pk).update(
                received_at=now - dt.timedelta(days=days, hours=1)
            )
        text = verified_client(clp).get(WAITING).content.decode()
        assert text.index("Urgent Testperson") < text.index("Old Testperson") < text.index("New Testperson")
        assert "12 days" in text and "1 day" in text and "Less than a day" in text

    def test_one_section_per_practice_served_and_nobody_elses(self, practice_staff, verified_client):
        practice, staff = practice_staff
        second, second_staff = practice_with_staff()
        elsewhere, elsewhere_staff = practice_with_staff()
        clp = clp_at(practice, second)
        make_referral(practice=practice, by=staff, details=details(given_name="Alpha"))
        make_referral(practice=second, by=second_staff, details=details(given_name="Bravo"))
        hidden = make_referral(practice=elsewhere, by=elsewhere_staff, details=details(given_name="Charlie"))
        text = verified_client(clp).get(WAITING).content.decode()
        assert practice.name in text and second.name in text and elsewhere.name not in text
        assert "Alpha" in text and "Bravo" in text and "Charlie" not in text
        assert not accesses(clp, hidden.person).exists()

    def test_people_no_longer_waiting_leave_the_list(self, referral, clp, verified_client):
        referral_decline(referral=referral, reason="Moved away", by=clp)
        text = verified_client(clp).get(WAITING).content.decode()
        assert "Isla" not in text and "Nobody is waiting." in text

    def test_every_person_shown_is_audited(self, practice_staff, clp, verified_client):
        practice, staff = practice_staff
        shown = [make_referral(practice=practice, by=staff) for _ in range(3)]
        verified_client(clp).get(WAITING)
        for referral in shown:
            entry = accesses(clp, referral.person).get()
            assert entry.additional_data == {"purpose": "waiting list"}

    @pytest.mark.parametrize("role", [Role.PRACTICE_STAFF, Role.PROGRAMME_MANAGER, Role.COMMUNITY_STAFF])
    def test_only_clps_have_a_waiting_list(self, role, verified_client):
        assert verified_client(user_with_role(role)).get(WAITING).status_code == 403


class TestReferralPage:
    def test_the_clp_sees_details_history_and_the_forms_for_now(self, referral, clp, verified_client):
        response = verified_client(clp).get(page_of(referral))
        text = response.content.decode()
        assert response.status_code == 200
        assert "Isla Synthetic" in text and "Loneliness" in text and "Received" in text
        assert f'action="/referrals/{referral.pk}/triage/"' in text
        assert f'action="/referrals/{referral.pk}/decline/"' in text
        assert "/contact/" not in text  # not allocated yet

    def test_each_view_is_audited(self, referral, clp, verified_client):
        client = verified_client(clp)
        client.get(page_of(referral))
        client.get(page_of(referral))
        assert accesses(clp, referral).count() == 2
        assert accesses(clp, referral.person).count() == 2

    def test_practice_staff_see_their_practices_referral_without_the_clps_forms(
        self, referral, practice_staff, verified_client
    ):
        colleague = user_with_role(Role.PRACTICE_STAFF, organisation=practice_staff[0])
        response = verified_client(colleague).get(page_of(referral))
        text = response.content.decode()
        assert response.status_code == 200 and "Isla Synthetic" in text
        assert "/triage/" not in text and "/decline/" not in text
        assert accesses(colleague, referral.person).exists()

    def test_practice_staff_cannot_act_on_referrals(self, referral, practice_staff, verified_client):
        client = verified_client(practice_staff[1])
        assert client.post(f"{page_of(referral)}triage/", {"priority": "1"}).status_code == 404
        assert current_status(referral) == Status.RECEIVED

    def test_practice_staff_do_not_see_self_referrals_to_their_practice(
        self, practice_staff, verified_client
    ):
        practice, staff = practice_staff
        self_referral = make_referral(practice=practice)
        assert verified_client(staff).get(page_of(self_referral)).status_code == 404

    @pytest.mark.parametrize("action", ["", "sent/", "triage/", "allocate/", "contact/", "decline/"])
    def test_another_practices_clp_gets_not_found_by_id(self, referral, action, verified_client):
        stranger = clp_at(OrganisationFactory())
        client = verified_client(stranger)
        response = client.post(page_of(referral) + action, {}) if action not in ("", "sent/") else None
        response = response or client.get(page_of(referral) + action)
        assert response.status_code == 404
        assert not accesses(stranger).exists()
        assert current_status(referral) == Status.RECEIVED

    @pytest.mark.parametrize("role", [Role.PRACTICE_STAFF, Role.PROGRAMME_MANAGER, Role.COMMUNITY_STAFF])
    def test_other_organisations_get_not_found(self, referral, role, verified_client):
        assert verified_client(user_with_role(role)).get(page_of(referral)).status_code == 404

    def test_a_missing_referral_is_not_found(self, clp, verified_client):
        assert verified_client(clp).get("/referrals/999999/").status_code == 404


class TestActions:
    def test_triage_allocate_and_record_a_contact_attempt(self, referral, clp, verified_client):
        client = verified_client(clp)
        assert client.post(f"{page_of(referral)}triage/", {"priority": "1"}).status_code == 302
        assert client.post(f"{page_of(referral)}allocate/", {"practitioner": str(clp.pk)}).status_code == 302
        response = client.post(
            f"{page_of(referral)}contact/", {"method": "phone", "outcome": "no_answer", "notes": "Rang at 10"}
        )
        assert response.status_code == 302
        page = client.get(page_of(referral)).content.decode()
        assert "Contact attempt recorded." in page and "No answer: Rang at 10" in page
        assert [row.status for row in referral.statuses.all()] == ["received", "triaged", "allocated"]
        assert {row.created_by for row in referral.statuses.all()[1:]} == {clp}

    def test_three_failed_attempts_show_no_response_and_the_letter_to_send(
        self, referral, clp, verified_client
    ):
        referral_triage(referral=referral, priority=2, by=clp)
        referral_allocate(referral=referral, practitioner=clp, by=clp)
        for _ in range(2):
            contact_attempt_record(referral=referral, method="phone", outcome="no_answer", by=clp)
        client = verified_client(clp)
        client.post(f"{page_of(referral)}contact/", {"method": "letter", "outcome": "no_answer"})
        text = client.get(page_of(referral)).content.decode()
        assert "No response after 3 attempts" in text and "note to the GP" in text

    def test_allocation_to_another_clp_of_the_practice(self, referral, clp, practice_staff, verified_client):
        colleague = clp_at(practice_staff[0], full_name="Robin Colleague")
        referral_triage(referral=referral, priority=2, by=clp)
        verified_client(clp).post(f"{page_of(referral)}allocate/", {"practitioner": str(colleague.pk)})
        referral.refresh_from_db()
        assert referral.allocated_to == colleague

    def test_allocation_only_offers_the_practices_clps(self, referral, clp, practice_staff, verified_client):
        outsider = clp_at(OrganisationFactory())
        referral_triage(referral=referral, priority=2, by=clp)
        response = verified_client(clp).post(
            f"{page_of(referral)}allocate/", {"practitioner": str(outsider.pk)}
        )
        assert response.status_code == 400 and forms.PRACTITIONER_MISSING in response.content.decode()

    def test_a_decline_records_the_reason(self, referral, clp, verified_client):
        verified_client(clp).post(
            f"{page_of(referral)}decline/", {"reason": "Already supported by a charity"}
        )
        latest = referral.statuses.latest()
        assert (latest.status, latest.reason, latest.created_by) == (
            Status.DECLINED,
            "Already supported by a charity",
            clp,
        )

    @pytest.mark.parametrize(
        ("action", "data", "message"),
        [
            ("triage", {}, forms.PRIORITY_MISSING),
            ("triage", {"priority": "9"}, forms.PRIORITY_MISSING),
            ("decline", {"reason": ""}, forms.DECLINE_REASON_MISSING),
        ],
    )
    def test_form_mistakes_are_shown_on_the_page(self, referral, clp, verified_client, action, data, message):
        response = verified_client(clp).post(f"{page_of(referral)}{action}/", data)
        text = response.content.decode()
        assert response.status_code == 400 and "There is a problem" in text and message in text

    def test_contact_attempt_mistakes_are_shown(self, referral, clp, verified_client):
        referral_triage(referral=referral, priority=2, by=clp)
        referral_allocate(referral=referral, practitioner=clp, by=clp)
        response = verified_client(clp).post(f"{page_of(referral)}contact/", {})
        text = response.content.decode()
        assert forms.METHOD_MISSING in text and forms.OUTCOME_MISSING in text

    def test_an_invalid_transition_is_explained(self, referral, clp, verified_client):
        response = verified_client(clp).post(f"{page_of(referral)}allocate/", {"practitioner": str(clp.pk)})
        text = response.content.decode()
        assert response.status_code == 400
        assert "This referral is received, so it cannot be marked as allocated." in text


def test_the_home_page_offers_each_role_its_first_action(verified_client, practice_staff, clp):
    assert "/referrals/waiting-list/" in verified_client(clp).get("/").content.decode()
    assert "/referrals/refer/" in verified_client(practice_staff[1]).get("/").content.decode()


def test_a_clp_who_is_also_practice_staff_elsewhere_sees_both(practice_staff, verified_client):
    practice, staff = practice_staff
    other, other_staff = practice_with_staff()
    MembershipFactory(user=staff, organisation=other, role=Role.LINK_PRACTITIONER)
    theirs = make_referral(practice=other, by=other_staff)
    own = make_referral(practice=practice, by=staff)
    client = verified_client(staff)
    assert client.get(page_of(theirs)).status_code == 200
    assert client.get(page_of(own)).status_code == 200
