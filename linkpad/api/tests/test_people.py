"""`GET /people` and `GET /people/{id}`: what the pages would show, a page at a time, every read audited."""

import pytest
from auditlog.models import LogEntry

from linkpad.referrals.tests.factories import chi_for, details, make_referral

from .conftest import outsiders

pytestmark = pytest.mark.django_db

OUTSIDERS = ["other_clp", "other_staff", "community_staff", "manager"]


def viewed(user, obj) -> bool:
    return LogEntry.objects.get_for_object(obj).filter(actor=user, action=LogEntry.Action.ACCESS).exists()


def test_a_clp_lists_the_people_of_their_practice_and_each_listing_is_audited(world, api):
    north = world["north"]
    response = api(north["clp"]).get("/people")
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1
    assert [p["id"] for p in body["items"]] == [north["person"].pk]
    assert body["items"][0]["practice"] == {"id": north["practice"].pk, "name": north["practice"].name}
    assert viewed(north["clp"], north["person"])
    assert not viewed(north["clp"], world["south"]["person"])


def test_practice_staff_see_the_people_their_practice_referred(world, api):
    north = world["north"]
    body = api(north["staff"]).get("/people").json()
    assert [p["id"] for p in body["items"]] == [north["person"].pk]


@pytest.mark.parametrize("who", OUTSIDERS)
def test_outsiders_list_nobody_and_get_404_by_id(world, api, who):
    user = outsiders(world, "north")[who]
    client = api(user)
    listed = [p["id"] for p in client.get("/people").json()["items"]]
    assert world["north"]["person"].pk not in listed
    response = client.get(f"/people/{world['north']['person'].pk}")
    assert response.status_code == 404
    assert not viewed(user, world["north"]["person"])


def test_filtering_by_practice_searching_by_name_and_chi_and_paging(world, api):
    north = world["north"]
    practice, staff = north["practice"], north["staff"]
    born = details().date_of_birth
    make_referral(practice=practice, by=staff, details=details(given_name="Ailsa", family_name="Brodie"))
    chi = chi_for(born)
    make_referral(
        practice=practice,
        by=staff,
        details=details(given_name="Hamish", family_name="Brodie", chi_number=chi),
    )
    second_clp_practice = world["south"]["practice"]
    client = api(north["clp"])
    assert client.get("/people", practice=second_clp_practice.pk).json()["count"] == 0
    assert client.get("/people", practice=practice.pk).json()["count"] == 3
    by_name = client.get("/people", q="brodie ailsa").json()
    assert [p["given_name"] for p in by_name["items"]] == ["Ailsa"]
    by_chi = client.get("/people", q=chi[:6]).json()
    assert [p["chi_number"] for p in by_chi["items"]] == [chi]
    first = client.get("/people", limit=2).json()
    rest = client.get("/people", limit=2, offset=2).json()
    assert (first["count"], len(first["items"]), len(rest["items"])) == (3, 2, 1)
    assert {p["id"] for p in first["items"]}.isdisjoint({p["id"] for p in rest["items"]})


def test_one_person_with_the_referrals_and_episodes_the_user_may_see(world, api):
    north = world["north"]
    person = north["person"]
    as_clp = api(north["clp"]).get(f"/people/{person.pk}")
    assert as_clp.status_code == 200
    body = as_clp.json()
    assert (body["given_name"], body["family_name"]) == (person.given_name, person.family_name)
    assert body["referrals"] == [
        {
            "id": north["referral"].pk,
            "status": "contacted",
            "received_at": body["referrals"][0]["received_at"],
        }
    ]
    assert [(e["id"], e["stage"]) for e in body["episodes"]] == [(north["episode"].pk, "contacted")]
    assert viewed(north["clp"], person)
    as_staff = api(north["staff"]).get(f"/people/{person.pk}").json()
    assert as_staff["episodes"] == []  # casework is for the CLPs alone
    assert [r["id"] for r in as_staff["referrals"]] == [north["referral"].pk]


@pytest.mark.parametrize("params", [{"limit": 0}, {"limit": 101}, {"offset": -1}, {"practice": "north"}])
def test_bad_paging_or_filters_answer_422_naming_the_parameter(world, api, params):
    response = api(world["north"]["clp"]).get("/people", **params)
    assert response.status_code == 422
    assert [e["loc"][-1] for e in response.json()["detail"]] == list(params)
