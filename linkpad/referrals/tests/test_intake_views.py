"""Practice staff refer someone; members of the public refer themselves."""

import datetime as dt

import pytest
from auditlog.models import LogEntry

from linkpad.accounts.models import OrganisationKind, Role
from linkpad.accounts.tests.factories import MembershipFactory, OrganisationFactory
from linkpad.referrals import forms
from linkpad.referrals.chi import CHI_BAD_CHECK_DIGIT, CHI_BAD_DATE, CHI_NOT_DIGITS, CHI_WRONG_LENGTH
from linkpad.referrals.models import Person, Referral, Source, Status
from linkpad.referrals.services import CHI_AT_ANOTHER_PRACTICE
from linkpad.referrals.views.intake import QUICK_EXIT_URL

from .factories import chi_for, clp_at, details, make_referral, practice_with_staff

pytestmark = pytest.mark.django_db

REFER = "/referrals/refer/"
SELF = "/referrals/self/"


@pytest.fixture
def practice_staff():
    return practice_with_staff()


@pytest.fixture
def staff_client(practice_staff, verified_client):
    return verified_client(practice_staff[1])


def referral_form(org, **overrides) -> dict:
    data = {
        "practice": str(org.pk),
        "given_name": "Isla",
        "family_name": "Synthetic",
        "date_of_birth": "15/03/1984",
        "chi_number": "",
        "postcode": "",
        "phone": "07700 900111",
        "email": "",
        "preferred_contact": "phone",
        "reasons": ["money", "loneliness"],
        "free_text": "Lost her job in the spring and stopped going out.",
        "urgency": "soon",
        "consent_to_share": "yes",
    }
    return {**data, **overrides}


def test_practice_staff_refer_someone_and_see_the_acknowledgement(practice_staff, staff_client):
    practice, staff = practice_staff
    page = staff_client.get(REFER)
    assert page.status_code == 200
    assert "Refer someone" in page.content.decode()
    response = staff_client.post(REFER, referral_form(practice, chi_number=chi_for(dt.date(1984, 3, 15))))
    referral = Referral.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/referrals/{referral.pk}/sent/"
    assert (referral.source, referral.referred_by, referral.urgency) == (Source.PRACTICE, staff, "soon")
    assert referral.person.date_of_birth == dt.date(1984, 3, 15)
    assert sorted(r.reason for r in referral.reasons.all()) == ["loneliness", "money"]
    sent = staff_client.get(response["Location"])
    text = sent.content.decode()
    assert "Referral sent" in text and "Isla Synthetic" in text and str(referral.pk) in text


def test_the_practice_is_fixed_for_staff_of_one_practice_and_chosen_by_staff_of_several(practice_staff):
    practice, staff = practice_staff
    one = forms.PracticeReferralForm(practices=[practice])
    assert one.fields["practice"].initial == str(practice.pk)
    second = OrganisationFactory()
    MembershipFactory(user=staff, organisation=second, role=Role.PRACTICE_STAFF)
    several = forms.PracticeReferralForm(practices=[practice, second])
    assert len(several.fields["practice"].choices) == 2


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("given_name", "", forms.GIVEN_NAME_MISSING),
        ("family_name", "", forms.FAMILY_NAME_MISSING),
        ("date_of_birth", "", forms.BIRTH_DATE_MISSING),
        ("date_of_birth", "31/02/1984", forms.BIRTH_DATE_INVALID),
        ("date_of_birth", "next tuesday", forms.BIRTH_DATE_INVALID),
        ("date_of_birth", "01/01/2999", forms.BIRTH_DATE_FUTURE),
        ("date_of_birth", "01/01/1850", forms.BIRTH_DATE_TOO_OLD),
        ("chi_number", "12345", CHI_WRONG_LENGTH),
        ("chi_number", "15038412x4", CHI_NOT_DIGITS),
        ("chi_number", "3203841234", CHI_BAD_DATE),
        ("chi_number", "1503841230", CHI_BAD_CHECK_DIGIT),
        ("chi_number", chi_for(dt.date(1990, 1, 1)), forms.CHI_DOES_NOT_MATCH),
        ("postcode", "not a postcode", "Enter a full postcode, like G11 5AA"),
        ("postcode", "x" * 21, "This must be 20 characters or fewer"),
        ("given_name", "x" * 101, "This must be 100 characters or fewer"),
        ("phone", "", forms.CONTACT_DETAILS_MISSING),
        ("email", "isla-at-example", forms.EMAIL_INVALID),
        ("reasons", [], forms.REASONS_MISSING),
        ("reasons", ["astrology"], forms.REASONS_MISSING),
        ("urgency", "", forms.URGENCY_MISSING),
        ("urgency", "yesterday", forms.URGENCY_MISSING),
        ("consent_to_share", "", forms.CONSENT_MISSING),
        ("practice", "999999", forms.PRACTICE_MISSING),
    ],
)
def test_each_mistake_is_explained_in_plain_english(practice_staff, staff_client, field, value, message):
    practice, _ = practice_staff
    response = staff_client.post(REFER, referral_form(practice, **{field: value}))
    text = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in text and message in text.replace("&#x27;", "'")
    assert "<title>Error: " in text
    assert not Referral.objects.exists()


def test_no_phone_or_email_is_fine_when_they_prefer_a_letter(practice_staff, staff_client):
    practice, _ = practice_staff
    response = staff_client.post(REFER, referral_form(practice, phone="", preferred_contact="letter"))
    assert response.status_code == 302


def test_a_postcode_is_normalised_and_gives_the_decile(geography, practice_staff, staff_client):
    practice, _ = practice_staff
    staff_client.post(REFER, referral_form(practice, postcode="g11 5aa"))
    person = Person.objects.get()
    assert (person.postcode, person.simd_decile) == ("G11 5AA", 10)


class TestPossibleDuplicate:
    def test_the_form_shows_the_person_already_known_and_asks(self, practice_staff, staff_client):
        practice, staff = practice_staff
        first = make_referral(
            practice=practice,
            by=staff,
            details=details(given_name="Isla", family_name="Synthetic", date_of_birth=dt.date(1984, 3, 15)),
        )
        response = staff_client.post(REFER, referral_form(practice, given_name="isla"))
        text = response.content.decode()
        assert "This person may already have been referred" in text
        assert "15 March 1984" in text and 'name="duplicate_shown"' in text
        assert Referral.objects.count() == 1
        assert LogEntry.objects.filter(
            action=LogEntry.Action.ACCESS, object_pk=str(first.person.pk), actor=staff
        ).exists()

        again = staff_client.post(REFER, referral_form(practice, duplicate_shown="1"))
        assert forms.DUPLICATE_CHOICE_MISSING in again.content.decode()

        same = staff_client.post(REFER, referral_form(practice, duplicate_shown="1", duplicate="same"))
        assert same.status_code == 302
        assert first.person.referrals.count() == 2 and Person.objects.count() == 1

    def test_the_referrer_can_say_it_is_someone_else(self, practice_staff, staff_client):
        practice, staff = practice_staff
        make_referral(
            practice=practice,
            by=staff,
            details=details(given_name="Isla", family_name="Synthetic", date_of_birth=dt.date(1984, 3, 15)),
        )
        response = staff_client.post(REFER, referral_form(practice, duplicate_shown="1", duplicate="new"))
        assert response.status_code == 302 and Person.objects.count() == 2

    def test_a_chi_number_held_at_another_practice_is_explained(self, practice_staff, staff_client):
        practice, _ = practice_staff
        elsewhere, their_staff = practice_with_staff()
        chi = chi_for(dt.date(1984, 3, 15))
        make_referral(
            practice=elsewhere,
            by=their_staff,
            details=details(chi_number=chi, date_of_birth=dt.date(1984, 3, 15)),
        )
        response = staff_client.post(REFER, referral_form(practice, chi_number=chi))
        assert CHI_AT_ANOTHER_PRACTICE[:40] in response.content.decode().replace("&#x27;", "'")


class TestWhoMayRefer:
    def test_a_clp_without_a_practice_staff_role_may_not(self, verified_client):
        clp = clp_at(OrganisationFactory())
        assert verified_client(clp).get(REFER).status_code == 403

    def test_signed_out_people_are_asked_to_sign_in(self, client):
        response = client.get(REFER)
        assert response.status_code == 302 and "/account/sign-in/" in response["Location"]

    def test_staff_cannot_refer_to_a_practice_they_do_not_work_at(self, practice_staff, staff_client):
        elsewhere = OrganisationFactory()
        response = staff_client.post(REFER, referral_form(elsewhere))
        assert forms.PRACTICE_MISSING in response.content.decode()
        assert not Referral.objects.exists()

    def test_the_acknowledgement_of_another_practices_referral_is_not_found(self, staff_client):
        elsewhere, their_staff = practice_with_staff()
        referral = make_referral(practice=elsewhere, by=their_staff)
        assert staff_client.get(f"/referrals/{referral.pk}/sent/").status_code == 404


class TestSelfReferral:
    def form(self, practice, **overrides) -> dict:
        data = referral_form(practice, **overrides)
        for staff_only in ("chi_number", "urgency"):
            data.pop(staff_only)
        return data

    def test_the_page_has_a_quick_exit_that_works_without_javascript(self, client):
        OrganisationFactory(name="Possil Health Centre")
        text = client.get(SELF).content.decode()
        assert f'<a href="{QUICK_EXIT_URL}"' in text and "Leave this page quickly" in text
        assert text.index("Leave this page quickly") < text.index("<h1")
        assert "Possil Health Centre" in text

    def test_one_address_sending_the_form_too_often_is_asked_to_phone_instead(self, client, settings):
        from django.core.cache import cache

        cache.clear()
        settings.LINKPAD_PUBLIC_FORM_RATE = "2/hour"
        practice = OrganisationFactory(name="Possil Health Centre")
        sends = [client.post(SELF, self.form(practice), REMOTE_ADDR="192.0.2.20") for _ in range(3)]
        assert [r.status_code for r in sends] == [302, 302, 429]
        refused = sends[-1]
        assert "NHS 24 on 111" in refused.content.decode()
        assert int(refused["Retry-After"]) >= 60
        assert Referral.objects.count() == 2  # the refused send kept nothing
        assert (
            client.get(SELF, REMOTE_ADDR="192.0.2.20").status_code == 200
        )  # reading the page is never limited
        assert client.post(SELF, self.form(practice), REMOTE_ADDR="192.0.2.21").status_code == 302

    def test_only_gp_practices_can_be_chosen(self, client):
        charity = OrganisationFactory(kind=OrganisationKind.COMMUNITY_ORGANISATION, name="Friendly Charity")
        OrganisationFactory(name="Closed Practice", is_active=False)
        text = client.get(SELF).content.decode()
        assert "Friendly Charity" not in text and "Closed Practice" not in text
        response = client.post(SELF, self.form(charity))
        assert forms.PRACTICE_MISSING in response.content.decode()

    def test_someone_refers_themselves_and_sees_no_personal_data_after(self, client):
        practice = OrganisationFactory()
        response = client.post(SELF, self.form(practice))
        assert response.status_code == 302 and response["Location"] == "/referrals/self/sent/"
        referral = Referral.objects.get()
        assert (referral.source, referral.referred_by, referral.urgency, referral.practice) == (
            Source.SELF,
            None,
            "routine",
            practice,
        )
        assert referral.statuses.get().status == Status.RECEIVED
        text = client.get(response["Location"]).content.decode()
        assert "We have your request" in text and "Isla" not in text and "Leave this page quickly" in text

    def test_a_second_self_referral_never_shows_who_is_already_known(self, client):
        practice = OrganisationFactory()
        client.post(SELF, self.form(practice))
        response = client.post(SELF, self.form(practice))
        assert response.status_code == 302
        assert Referral.objects.count() == 2

    def test_mistakes_are_explained(self, client):
        practice = OrganisationFactory()
        response = client.post(SELF, self.form(practice, given_name="", reasons=[], consent_to_share=""))
        text = response.content.decode()
        for message in (forms.GIVEN_NAME_MISSING, forms.REASONS_MISSING, forms.CONSENT_MISSING):
            assert message in text
        assert not Referral.objects.exists()

    def test_bots_filling_the_hidden_field_are_thanked_and_ignored(self, client):
        practice = OrganisationFactory()
        response = client.post(SELF, {**self.form(practice), "website": "http://spam.example"})
        assert response.status_code == 302 and not Referral.objects.exists()
