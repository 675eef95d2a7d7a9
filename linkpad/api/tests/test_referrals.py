"""`POST /referrals` checks what the page's form checks and calls the same service; `GET /referrals` and
`GET /referrals/{id}` read what the pages would show, every read audited."""

import datetime as dt

import pytest
from auditlog.models import LogEntry

from linkpad.referrals import forms
from linkpad.referrals.chi import CHI_BAD_CHECK_DIGIT, CHI_WRONG_LENGTH
from linkpad.referrals.models import Person, Referral, Source
from linkpad.referrals.services import CHI_AT_ANOTHER_PRACTICE
from linkpad.referrals.tests.factories import chi_for, details, make_referral

from ..v1.referrals import MAY_BE_DUPLICATE, NOT_A_REFERRER
from .conftest import outsiders

pytestmark = pytest.mark.django_db

BORN = dt.date(1984, 3, 15)


def referral_body(org, **overrides) -> dict:
    body = {
        "practice": org.pk,
        "given_name": "Isla",
        "family_name": "Synthetic",
        "date_of_birth": BORN.isoformat(),
        "phone": "07700 900111",
        "reasons": ["money", "loneliness"],
        "free_text": "Lost her job in the spring and stopped going out.",
        "urgency": "soon",
        "consent_to_share": True,
    }
    return {**body, **overrides}


def errors(response) -> dict[str, str]:
    return {e["loc"][-1]: e["msg"] for e in response.json()["detail"]}


@pytest.mark.parametrize("who", ["staff", "clp"])
def test_practice_staff_and_the_practices_clp_refer_someone(world, api, who):
    north = world["north"]
    response = api(north[who]).post("/referrals", referral_body(north["practice"], chi_number=chi_for(BORN)))
    assert response.status_code == 201, response.json()
    body = response.json()
    referral = Referral.objects.get(pk=body["id"])
    assert (referral.source, referral.referred_by, referral.urgency) == (Source.PRACTICE, north[who], "soon")
    assert referral.person.chi_number == chi_for(BORN) and referral.person.sex == "male"
    assert body["reasons"] == ["loneliness", "money"]
    assert body["status"] == "received" and body["history"][0]["by"] == str(north[who])
    assert body["person"]["date_of_birth"] == "1984-03-15"


@pytest.mark.parametrize("who", ["community_staff", "manager"])
def test_people_who_are_not_referrers_are_refused(world, api, who):
    response = api(world[who]).post("/referrals", referral_body(world["north"]["practice"]))
    assert response.status_code == 403
    assert response.json() == {"detail": NOT_A_REFERRER}
    assert Person.objects.count() == 2


@pytest.mark.parametrize("who", ["staff", "clp"])
def test_referring_to_another_practice_is_refused_as_the_page_does(world, api, who):
    response = api(world["south"][who]).post("/referrals", referral_body(world["north"]["practice"]))
    assert response.status_code == 422
    assert errors(response) == {"practice": forms.PRACTICE_MISSING}
    assert Person.objects.count() == 2


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("given_name", "", forms.GIVEN_NAME_MISSING),
        ("date_of_birth", "2999-01-01", forms.BIRTH_DATE_FUTURE),
        ("chi_number", "12345", CHI_WRONG_LENGTH),
        ("chi_number", "1503841230", CHI_BAD_CHECK_DIGIT),
        ("chi_number", chi_for(dt.date(1990, 1, 1)), forms.CHI_DOES_NOT_MATCH),
        ("postcode", "not a postcode", "Enter a full postcode, like G11 5AA"),
        ("phone", "", forms.CONTACT_DETAILS_MISSING),
        ("email", "isla-at-example", forms.EMAIL_INVALID),
    ],
)
def test_each_mistake_answers_422_with_the_pages_message(world, api, field, value, message):
    north = world["north"]
    response = api(north["staff"]).post("/referrals", referral_body(north["practice"], **{field: value}))
    assert response.status_code == 422
    assert errors(response)[field] == message
    assert response.json()["detail"][0]["loc"] == ["body", "payload", field]
    assert Person.objects.count() == 2


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("date_of_birth", "31/02/1984"),
        ("reasons", []),
        ("reasons", ["astrology"]),
        ("urgency", "yesterday"),
        ("consent_to_share", "perhaps"),
        ("practice", "north"),
        ("duplicate", "maybe"),
    ],
)
def test_wrongly_typed_fields_answer_422_naming_them(world, api, field, value):
    north = world["north"]
    response = api(north["staff"]).post("/referrals", referral_body(north["practice"], **{field: value}))
    assert response.status_code == 422
    assert field in {str(part) for e in response.json()["detail"] for part in e["loc"]}


def test_a_missing_field_and_a_body_that_is_not_json_are_refused_plainly(world, api):
    north = world["north"]
    client = api(north["staff"])
    body = referral_body(north["practice"])
    del body["consent_to_share"]
    response = client.post("/referrals", body)
    assert response.status_code == 422 and "consent_to_share" in errors(response)
    broken = client.client.post("/api/v1/referrals", "{not json", content_type="application/json")
    assert broken.status_code in (400, 422)


class TestPossibleDuplicate:
    def test_a_possible_duplicate_answers_409_with_the_person_and_audits_the_view(self, world, api):
        north = world["north"]
        known = make_referral(
            practice=north["practice"],
            by=north["staff"],
            details=details(given_name="Isla", family_name="Synthetic", date_of_birth=BORN),
        ).person
        client = api(north["staff"])
        response = client.post("/referrals", referral_body(north["practice"], given_name="isla"))
        assert response.status_code == 409
        assert response.json()["detail"] == MAY_BE_DUPLICATE
        assert response.json()["possible_duplicate"]["id"] == known.pk
        assert LogEntry.objects.get_for_object(known).filter(actor=north["staff"]).exists()
        assert known.referrals.count() == 1

    def test_the_referrer_chooses_the_same_person_or_someone_new(self, world, api):
        north = world["north"]
        known = make_referral(
            practice=north["practice"],
            by=north["staff"],
            details=details(given_name="Isla", family_name="Synthetic", date_of_birth=BORN),
        ).person
        client = api(north["staff"])
        same = client.post("/referrals", referral_body(north["practice"], duplicate="same"))
        assert same.status_code == 201 and same.json()["person"]["id"] == known.pk
        new = client.post("/referrals", referral_body(north["practice"], duplicate="new"))
        assert new.status_code == 201 and new.json()["person"]["id"] not in (known.pk,)

    def test_a_chi_number_known_at_another_practice_is_a_field_error(self, world, api):
        chi = chi_for(BORN)
        make_referral(
            practice=world["south"]["practice"], details=details(date_of_birth=BORN, chi_number=chi)
        )
        north = world["north"]
        response = api(north["staff"]).post("/referrals", referral_body(north["practice"], chi_number=chi))
        assert response.status_code == 422
        assert errors(response) == {"chi_number": CHI_AT_ANOTHER_PRACTICE}


def test_reading_one_referral_is_audited_and_others_get_404(world, api):
    north = world["north"]
    referral = north["referral"]
    response = api(north["staff"]).get(f"/referrals/{referral.pk}")
    assert response.status_code == 200
    body = response.json()
    assert (body["id"], body["status"], body["person"]["id"]) == (
        referral.pk,
        "contacted",
        north["person"].pk,
    )
    assert [row["status"] for row in body["history"]] == ["received", "triaged", "allocated", "contacted"]
    assert LogEntry.objects.get_for_object(referral).filter(actor=north["staff"]).exists()
    for who, user in outsiders(world, "north").items():
        assert api(user).get(f"/referrals/{referral.pk}").status_code == 404, who
        assert not LogEntry.objects.get_for_object(referral).filter(actor=user).exists()


def test_listing_referrals_by_status_is_scoped_and_audited(world, api):
    north = world["north"]
    waiting = make_referral(practice=north["practice"], by=north["staff"])
    client = api(north["clp"])
    everything = client.get("/referrals").json()
    assert {r["id"] for r in everything["items"]} == {waiting.pk, north["referral"].pk}
    received = client.get("/referrals", status="received").json()
    assert [r["id"] for r in received["items"]] == [waiting.pk]
    assert LogEntry.objects.get_for_object(waiting).filter(actor=north["clp"]).exists()
    assert client.get("/referrals", status="lost").status_code == 422
    for who, user in outsiders(world, "north").items():
        ids = {r["id"] for r in api(user).get("/referrals").json()["items"]}
        assert ids.isdisjoint({waiting.pk, north["referral"].pk}), who
