"""Who sees links: the practice's CLPs; a community organisation only what was referred to its services,
with minimum data; nobody else. Other organisations' links answer 404, and every read is audited."""

import dataclasses

import pytest
from auditlog.models import LogEntry
from django.contrib.auth.models import AnonymousUser
from django.test import Client

from linkpad.accounts.models import Role
from linkpad.accounts.tests.factories import user_with_role

from ..link_selectors import ReferralForService, inbox
from ..link_services import answer_token, current_link_stage
from ..models import Link, LinkStatus
from .factories import (
    community_organisation_with_staff,
    fresh,
    link_to,
    open_episode,
    practice_with_clp,
    service_for_links,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    """Two practices and two community organisations. Each practice's person has a link referred to
    each organisation's service, and one only suggested to the first organisation's."""
    orgs = {
        "east": community_organisation_with_staff("East Trust"),
        "west": community_organisation_with_staff("West Trust"),
    }
    services = {name: service_for_links(claimed_by=org) for name, (org, _) in orgs.items()}
    result = {"orgs": orgs}
    for name in ("north", "south"):
        practice, staff, clp = practice_with_clp()
        episode = open_episode(practice=practice, staff=staff, clp=clp)
        links = {o: link_to(services[o], episode=episode, stage="referred") for o in services}
        links["suggested"] = link_to(service_for_links(claimed_by=orgs["east"][0]), episode=episode)
        result[name] = {"practice": practice, "staff": staff, "clp": clp, "episode": episode, "links": links}
    return result


def seen(user) -> set[int]:
    return set(Link.objects.visible_to(user).values_list("pk", flat=True))


def test_a_clp_sees_the_links_of_their_practice_only(world):
    north = world["north"]
    expected = {link.pk for link in north["links"].values()}
    assert seen(north["clp"]) == expected
    assert set(LinkStatus.objects.visible_to(north["clp"]).values_list("link", flat=True)) == expected


def test_community_staff_see_only_links_referred_to_their_services(world):
    staff = world["orgs"]["east"][1]
    expected = {world[p]["links"]["east"].pk for p in ("north", "south")}
    assert seen(staff) == expected
    assert set(LinkStatus.objects.visible_to(staff).values_list("link", flat=True)) == expected


@pytest.mark.parametrize(
    "role", [Role.PRACTICE_STAFF, Role.PROGRAMME_MANAGER, Role.DIRECTORY_EDITOR, Role.ADMIN]
)
def test_everyone_else_sees_no_links(world, role):
    assert seen(user_with_role(role, organisation=world["north"]["practice"])) == set()
    assert seen(AnonymousUser()) == set()


def test_community_staff_get_minimum_data_and_each_read_is_audited(world):
    staff = world["orgs"]["east"][1]
    referrals = inbox(user=staff)
    fields = {f.name for f in dataclasses.fields(ReferralForService)}
    assert fields.isdisjoint({"date_of_birth", "chi_number", "postcode", "phone", "email", "family_name"})
    assert all(isinstance(r, ReferralForService) for r in referrals) and len(referrals) == 2
    for name in ("north", "south"):
        link = world[name]["links"]["east"]
        for obj in (link, link.episode.person):
            entry = LogEntry.objects.get_for_object(obj).get(action=LogEntry.Action.ACCESS, actor=staff)
            assert entry.additional_data == {"purpose": "inbox"}


def test_the_emailed_link_page_read_is_audited_without_an_actor(world):
    link = link_to(service_for_links(), episode=world["north"]["episode"], stage="referred")
    Client().get(f"/casework/answer/{answer_token(link)}/")
    entry = LogEntry.objects.get_for_object(link.episode.person).get(action=LogEntry.Action.ACCESS)
    assert entry.actor is None and entry.additional_data == {"purpose": "closed-loop email link"}


def test_finding_support_is_audited(world, verified_client):
    north = world["north"]
    verified_client(north["clp"]).get(f"/casework/{north['episode'].pk}/find-support/")
    entry = LogEntry.objects.get_for_object(north["episode"].person).get(action=LogEntry.Action.ACCESS)
    assert entry.additional_data == {"purpose": "find support"}


def test_another_practices_clp_gets_404_on_every_link_url(world, verified_client):
    south = world["south"]
    client = verified_client(world["north"]["clp"])
    e, link = south["episode"].pk, south["links"]["suggested"]
    version = fresh(south["episode"]).version
    for url in (f"/casework/{e}/links/", f"/casework/{e}/links/{link.pk}/first-step/"):
        assert client.post(url, {"version": version}).status_code == 404, url
    assert client.post(f"/casework/{e}/links/{link.pk}/status/").status_code == 404
    assert client.get(f"/casework/{e}/find-support/").status_code == 404
    assert fresh(south["episode"]).version == version
    assert not LogEntry.objects.filter(actor=world["north"]["clp"], action=LogEntry.Action.ACCESS).exists()


def test_a_link_of_another_episode_is_not_found_through_mine(world, verified_client):
    north, south = world["north"], world["south"]
    other = open_episode(practice=south["practice"], staff=south["staff"], clp=south["clp"])
    client = verified_client(south["clp"])
    assert client.post(f"/casework/{other.pk}/links/{south['links']['east'].pk}/status/").status_code == 404
    assert (
        client.post(f"/casework/{south['episode'].pk}/links/{north['links']['east'].pk}/status/").status_code
        == 404
    )


def test_another_organisations_staff_get_404_and_change_nothing(world, verified_client):
    west_staff = world["orgs"]["west"][1]
    link = world["north"]["links"]["east"]
    client = verified_client(west_staff)
    response = client.post(f"/casework/inbox/{link.pk}/", {f"answer-{link.pk}-answer": "attended"})
    assert response.status_code == 404 and current_link_stage(link) == "referred"
    text = client.get("/casework/inbox/").content.decode()
    assert (
        f'id="referral-{link.pk}"' not in text
        and f'id="referral-{world["north"]["links"]["west"].pk}"' in text
    )


def test_community_staff_cannot_reach_the_casework_itself(world, verified_client):
    north = world["north"]
    staff = world["orgs"]["east"][1]
    client = verified_client(staff)
    link = north["links"]["east"]
    assert client.get(f"/casework/{north['episode'].pk}/").status_code == 404
    response = client.post(f"/casework/{north['episode'].pk}/links/{link.pk}/status/", {})
    assert response.status_code == 404
    suggested = north["links"]["suggested"]
    assert client.post(f"/casework/inbox/{suggested.pk}/", {}).status_code == 404  # not referred to them yet
