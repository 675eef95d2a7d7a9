"""Intake, duplicates, the status state machine and the no-response rule."""

import datetime as dt

import pytest

from linkpad.accounts.models import OrganisationKind
from linkpad.accounts.tests.factories import OrganisationFactory
from linkpad.core.history import STATUS_ROWS_ARE_IMMUTABLE
from linkpad.referrals.models import (
    ContactOutcome,
    ReasonCode,
    ReferralStatus,
    Source,
    Status,
)
from linkpad.referrals.services import (
    CHI_AT_ANOTHER_PRACTICE,
    NO_RESPONSE_REASON,
    NOT_A_PRACTICE,
    NOT_ALLOCATED,
    PossibleDuplicate,
    ReferralError,
    contact_attempt_record,
    current_status,
    referral_allocate,
    referral_create,
    referral_decline,
    referral_triage,
)

from .factories import chi_for, clp_at, details, make_referral, practice_with_staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def practice_staff():
    return practice_with_staff()


@pytest.fixture
def referral(practice_staff):
    practice, staff = practice_staff
    return make_referral(practice=practice, by=staff)


def statuses(referral) -> list[tuple[str, str]]:
    return [(row.status, str(row.created_by or "")) for row in referral.statuses.all()]


def test_a_referral_is_received_with_its_coded_reasons_by_its_referrer(practice_staff):
    practice, staff = practice_staff
    referral = make_referral(practice=practice, by=staff, reasons=["money", "debt", "money"], urgency="soon")
    assert sorted(r.reason for r in referral.reasons.all()) == [ReasonCode.DEBT, ReasonCode.MONEY]
    assert (referral.source, referral.urgency, referral.consent_to_share) == (Source.PRACTICE, "soon", True)
    assert statuses(referral) == [(Status.RECEIVED, str(staff))]
    assert current_status(referral) == Status.RECEIVED


def test_a_self_referral_has_no_referrer(practice_staff):
    practice, _ = practice_staff
    referral = make_referral(practice=practice, source=Source.SELF)
    assert referral.referred_by is None
    assert statuses(referral) == [(Status.RECEIVED, "")]


def test_the_chi_number_gives_the_persons_sex(practice_staff):
    practice, staff = practice_staff
    born = dt.date(1984, 3, 15)
    referral = make_referral(
        practice=practice,
        by=staff,
        details=details(date_of_birth=born, chi_number=chi_for(born, sex_digit=4)),
    )
    assert referral.person.sex == "female"


def test_the_postcode_gives_the_simd_decile(geography, practice_staff):
    practice, staff = practice_staff
    referral = make_referral(practice=practice, by=staff, details=details(postcode="g115aa"))
    assert referral.person.postcode == "G11 5AA"
    assert referral.person.simd_decile == 10


def test_an_unknown_or_missing_postcode_leaves_the_decile_empty(geography, practice_staff):
    practice, staff = practice_staff
    first = make_referral(practice=practice, by=staff, details=details(given_name="A", postcode="EH99 9ZZ"))
    second = make_referral(practice=practice, by=staff, details=details(given_name="B", postcode=""))
    assert first.person.simd_decile is None and second.person.simd_decile is None


def test_only_gp_practices_take_referrals(practice_staff):
    _, staff = practice_staff
    charity = OrganisationFactory(kind=OrganisationKind.COMMUNITY_ORGANISATION)
    with pytest.raises(ReferralError, match=NOT_A_PRACTICE):
        make_referral(practice=charity, by=staff)


class TestDuplicates:
    def test_the_same_name_and_birth_date_at_the_practice_is_a_possible_duplicate(self, practice_staff):
        practice, staff = practice_staff
        first = make_referral(practice=practice, by=staff, details=details())
        with pytest.raises(PossibleDuplicate) as found:
            make_referral(
                practice=practice, by=staff, details=details(given_name="MORAG ", family_name="testperson")
            )
        assert found.value.person == first.person

    def test_the_same_chi_number_is_a_possible_duplicate_even_with_another_name(self, practice_staff):
        practice, staff = practice_staff
        born = dt.date(1961, 4, 12)
        chi = chi_for(born)
        first = make_referral(practice=practice, by=staff, details=details(chi_number=chi))
        with pytest.raises(PossibleDuplicate) as found:
            make_referral(practice=practice, by=staff, details=details(given_name="Mo", chi_number=chi))
        assert found.value.person == first.person
        with pytest.raises(
            PossibleDuplicate
        ):  # the same CHI is the same person: it cannot be confirmed as new
            make_referral(
                practice=practice,
                by=staff,
                details=details(given_name="Mo", chi_number=chi),
                confirmed_new_person=True,
            )

    def test_the_referrer_can_use_the_existing_person(self, practice_staff):
        practice, staff = practice_staff
        first = make_referral(practice=practice, by=staff, details=details())
        again = make_referral(practice=practice, by=staff, details=details(), existing_person=first.person)
        assert again.person == first.person
        assert first.person.referrals.count() == 2

    def test_the_referrer_can_confirm_it_is_someone_else(self, practice_staff):
        practice, staff = practice_staff
        first = make_referral(practice=practice, by=staff, details=details())
        other = make_referral(practice=practice, by=staff, details=details(), confirmed_new_person=True)
        assert other.person != first.person

    def test_people_at_other_practices_are_not_duplicates(self, practice_staff):
        practice, staff = practice_staff
        elsewhere, their_staff = practice_with_staff()
        make_referral(practice=elsewhere, by=their_staff, details=details())
        assert make_referral(practice=practice, by=staff, details=details()).person.practice == practice

    def test_a_chi_number_known_at_another_practice_is_refused(self, practice_staff):
        practice, staff = practice_staff
        elsewhere, their_staff = practice_with_staff()
        chi = chi_for(dt.date(1961, 4, 12))
        make_referral(practice=elsewhere, by=their_staff, details=details(chi_number=chi))
        with pytest.raises(ReferralError, match=CHI_AT_ANOTHER_PRACTICE[:40]):
            make_referral(practice=practice, by=staff, details=details(given_name="Other", chi_number=chi))


class TestStateMachine:
    def test_received_triaged_allocated_contacted_each_by_the_clp(self, referral):
        clp = clp_at(referral.practice)
        referral_triage(referral=referral, priority=1, by=clp)
        referral_allocate(referral=referral, practitioner=clp, by=clp)
        contact_attempt_record(referral=referral, method="phone", outcome=ContactOutcome.REACHED, by=clp)
        assert [s for s, _ in statuses(referral)] == ["received", "triaged", "allocated", "contacted"]
        assert all(by == str(clp) for _, by in statuses(referral)[1:])
        referral.refresh_from_db()
        assert (referral.priority, referral.allocated_to) == (1, clp)

    @pytest.mark.parametrize(
        ("steps", "attempt", "message"),
        [
            ([], "allocate", "This referral is received, so it cannot be marked as allocated."),
            (["triage"], "triage", "This referral is triaged, so it cannot be marked as triaged."),
            (["decline"], "triage", "This referral is declined, so it cannot be marked as triaged."),
            (["decline"], "decline", "This referral is declined, so it cannot be marked as declined."),
        ],
    )
    def test_invalid_transitions_are_refused_with_a_clear_error(self, referral, steps, attempt, message):
        clp = clp_at(referral.practice)
        actions = {
            "triage": lambda: referral_triage(referral=referral, priority=2, by=clp),
            "allocate": lambda: referral_allocate(referral=referral, practitioner=clp, by=clp),
            "decline": lambda: referral_decline(referral=referral, reason="Moved away", by=clp),
        }
        for step in steps:
            actions[step]()
        before = referral.statuses.count()
        with pytest.raises(ReferralError, match=message):
            actions[attempt]()
        assert referral.statuses.count() == before

    def test_a_decline_needs_a_reason(self, referral):
        clp = clp_at(referral.practice)
        with pytest.raises(ReferralError, match="Say why"):
            referral_decline(referral=referral, reason="  ", by=clp)
        referral_decline(referral=referral, reason="Already getting help from the council", by=clp)
        assert referral.statuses.latest().reason == "Already getting help from the council"

    def test_contact_attempts_need_an_allocated_referral(self, referral):
        clp = clp_at(referral.practice)
        with pytest.raises(ReferralError, match=NOT_ALLOCATED):
            contact_attempt_record(referral=referral, method="phone", outcome="no_answer", by=clp)

    def test_only_the_practices_clp_can_act(self, referral):
        other_clp = clp_at(practice_with_staff()[0])
        with pytest.raises(ReferralError, match="is not a community links practitioner at"):
            referral_triage(referral=referral, priority=1, by=other_clp)
        _, staff = referral.practice, referral.referred_by
        with pytest.raises(ReferralError):
            referral_decline(referral=referral, reason="No", by=staff)

    def test_allocation_is_only_to_a_clp_of_the_practice(self, referral):
        clp = clp_at(referral.practice)
        referral_triage(referral=referral, priority=1, by=clp)
        with pytest.raises(ReferralError):
            referral_allocate(referral=referral, practitioner=referral.referred_by, by=clp)

    def test_status_rows_cannot_be_changed(self, referral):
        row = referral.statuses.get()
        row.status = Status.DECLINED
        with pytest.raises(ValueError, match=STATUS_ROWS_ARE_IMMUTABLE):
            row.save()
        assert ReferralStatus.objects.get(pk=row.pk).status == Status.RECEIVED


class TestNoResponseRule:
    def allocated(self, referral):
        clp = clp_at(referral.practice)
        referral_triage(referral=referral, priority=2, by=clp)
        referral_allocate(referral=referral, practitioner=clp, by=clp)
        return clp

    def test_three_failed_attempts_by_default_mean_no_response_and_a_letter_and_gp_note(self, referral):
        clp = self.allocated(referral)
        for outcome in ("no_answer", "left_message"):
            contact_attempt_record(referral=referral, method="phone", outcome=outcome, by=clp)
            assert current_status(referral) == Status.ALLOCATED
        contact_attempt_record(referral=referral, method="text", outcome="no_answer", by=clp)
        latest = referral.statuses.latest()
        assert (latest.status, latest.created_by) == (Status.NO_RESPONSE, clp)
        assert latest.reason == NO_RESPONSE_REASON.format(attempts=3)
        assert "letter" in latest.reason and "GP" in latest.reason
        with pytest.raises(ReferralError, match=NOT_ALLOCATED):
            contact_attempt_record(referral=referral, method="phone", outcome="no_answer", by=clp)

    def test_the_number_of_attempts_is_a_setting(self, referral, settings):
        settings.LINKPAD_NO_RESPONSE_ATTEMPTS = 1
        clp = self.allocated(referral)
        contact_attempt_record(referral=referral, method="phone", outcome="no_answer", by=clp)
        assert current_status(referral) == Status.NO_RESPONSE

    def test_reaching_them_after_failed_attempts_means_contacted(self, referral):
        clp = self.allocated(referral)
        contact_attempt_record(referral=referral, method="phone", outcome="no_answer", by=clp)
        contact_attempt_record(
            referral=referral, method="phone", outcome="reached", by=clp, notes="Call back Tues"
        )
        assert current_status(referral) == Status.CONTACTED
        assert referral.contact_attempts.count() == 2


def test_referral_create_writes_nothing_when_it_finds_a_duplicate(practice_staff):
    practice, staff = practice_staff
    make_referral(practice=practice, by=staff, details=details())
    with pytest.raises(PossibleDuplicate):
        referral_create(
            practice=practice,
            details=details(),
            reasons=["food"],
            source=Source.PRACTICE,
            consent_to_share=True,
            referred_by=staff,
        )
    assert practice.referrals.count() == 1
