"""Professionals outside the practice refer someone through a public form, with the quick exit."""

import pytest

from linkpad.accounts.tests.factories import OrganisationFactory
from linkpad.referrals.models import Referral, Source, Status
from linkpad.referrals.professional_forms import REFERRER_CONTACT_MISSING, REFERRER_NAME_MISSING
from linkpad.referrals.services import current_status
from linkpad.referrals.views.intake import QUICK_EXIT_URL

from .factories import clp_at, practice_with_staff

pytestmark = pytest.mark.django_db

URL = "/referrals/professional/"


def professional_form(practice, **overrides) -> dict:
    data = {
        "referrer_name": "Hamish Visitor",
        "referrer_role": "Health visitor",
        "referrer_organisation": "NHS Greater Glasgow and Clyde",
        "referrer_phone": "0141 496 0000",
        "referrer_email": "",
        "practice": str(practice.pk),
        "given_name": "Isla",
        "family_name": "Synthetic",
        "date_of_birth": "15/03/1990",
        "postcode": "",
        "phone": "07700 900222",
        "email": "",
        "preferred_contact": "phone",
        "reasons": ["caring", "money"],
        "free_text": "New baby and struggling with bills.",
        "consent_to_share": "yes",
    }
    return {**data, **overrides}


def test_the_form_is_public_with_a_quick_exit(client):
    OrganisationFactory(name="Possilpark Health Centre")
    page = client.get(URL)
    body = page.content.decode()
    assert page.status_code == 200
    assert "Refer someone to a community links practitioner" in body
    assert QUICK_EXIT_URL in body and "Possilpark Health Centre" in body and "Your job or role" in body


def test_a_professional_refers_someone_and_the_clp_sees_who_referred(client, verified_client):
    practice = OrganisationFactory()
    response = client.post(URL, professional_form(practice))
    assert response.status_code == 302 and response["Location"] == "/referrals/professional/sent/"
    referral = Referral.objects.get()
    assert referral.source == Source.PROFESSIONAL and referral.referred_by is None
    assert (referral.referrer_name, referral.referrer_role) == ("Hamish Visitor", "Health visitor")
    assert referral.referrer_organisation == "NHS Greater Glasgow and Clyde"
    assert referral.referrer_phone == "0141 496 0000"
    assert sorted(r.reason for r in referral.reasons.all()) == ["caring", "money"]
    assert current_status(referral) == Status.RECEIVED
    sent = client.get(response["Location"]).content.decode()
    assert "Referral sent" in sent and "Isla" not in sent
    page = verified_client(clp_at(practice)).get(f"/referrals/{referral.pk}/").content.decode()
    assert "Another professional: Hamish Visitor, Health visitor, NHS Greater Glasgow and Clyde" in page


def test_the_referrer_must_say_who_they_are_and_how_to_reach_them(client):
    practice = OrganisationFactory()
    page = client.post(URL, professional_form(practice, referrer_name="", referrer_phone="")).content.decode()
    assert REFERRER_NAME_MISSING in page and REFERRER_CONTACT_MISSING in page
    assert not Referral.objects.exists()


def test_a_bot_filling_the_hidden_field_is_thanked_and_nothing_kept(client):
    practice = OrganisationFactory()
    response = client.post(URL, {**professional_form(practice), "website": "http://spam.example"})
    assert response.status_code == 302 and not Referral.objects.exists()


def test_practice_staff_do_not_see_other_professionals_referrals_in_your_referrals(client, verified_client):
    practice, staff = practice_with_staff()
    client.post(URL, professional_form(practice))
    page = verified_client(staff).get("/referrals/yours/").content.decode()
    assert "Isla Synthetic" not in page


def test_the_professional_form_is_limited_per_address_too(client, settings):
    from django.core.cache import cache

    cache.clear()
    settings.LINKPAD_PUBLIC_FORM_RATE = "1/hour"
    first = client.post("/referrals/professional/", {}, REMOTE_ADDR="192.0.2.30")
    second = client.post("/referrals/professional/", {}, REMOTE_ADDR="192.0.2.30")
    assert (first.status_code, second.status_code) == (200, 429)  # the first shows its errors
