"""Two practices (north and south), each with staff, a CLP, and a person whose episode has a link; a
community organisation's staff and a programme manager. Clients hold bearer tokens made by the real
token service."""

import json

import pytest
from django.test import Client

from linkpad.accounts.models import Role
from linkpad.accounts.services import api_token_create
from linkpad.accounts.tests.factories import user_with_role
from linkpad.casework.tests.factories import (
    community_organisation_with_staff,
    link_to,
    open_episode,
    practice_with_clp,
    service_for_links,
)


class ApiClient:
    """A test client that sends a bearer token and JSON bodies."""

    def __init__(self, user):
        _, raw = api_token_create(user=user, name="tests")
        self.user = user
        self.client = Client(headers={"Authorization": f"Bearer {raw}"})

    def get(self, path: str, **params):
        return self.client.get(f"/api/v1{path}", params)

    def post(self, path: str, body: dict):
        return self.client.post(f"/api/v1{path}", json.dumps(body), content_type="application/json")


@pytest.fixture
def api():
    return ApiClient


@pytest.fixture
def world():
    organisation, community_staff = community_organisation_with_staff()
    result = {
        "community_staff": community_staff,
        "manager": user_with_role(Role.PROGRAMME_MANAGER, full_name="Morgan Manager"),
    }
    for name in ("north", "south"):
        practice, staff, clp = practice_with_clp()
        episode = open_episode(practice=practice, staff=staff, clp=clp)
        link = link_to(service_for_links(claimed_by=organisation), episode=episode, stage="referred")
        result[name] = {
            "practice": practice,
            "staff": staff,
            "clp": clp,
            "episode": episode,
            "person": episode.person,
            "referral": episode.referral,
            "link": link,
        }
    return result


def outsiders(world, of: str) -> dict:
    """Everyone who must not see the practice `of`'s people: the other practice's CLP and staff,
    community organisation staff, and a programme manager."""
    other = "south" if of == "north" else "north"
    return {
        "other_clp": world[other]["clp"],
        "other_staff": world[other]["staff"],
        "community_staff": world["community_staff"],
        "manager": world["manager"],
    }
