"""Casework is for the practice's CLPs only: everyone else sees nothing, and every read is audited."""

import datetime as dt

import pytest
from auditlog.models import LogEntry
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from linkpad.accounts.models import Role
from linkpad.accounts.tests.factories import user_with_role

from ..models import Closure, Contact, Episode, EpisodeStatus, Goal, GoalNote, Need, Task, WhatMatters
from ..services import (
    contact_record,
    episode_close,
    goal_add,
    goal_update,
    task_add,
    what_matters_record,
)
from .factories import fresh, open_episode, practice_with_clp

pytestmark = pytest.mark.django_db

MODELS = (Episode, EpisodeStatus, WhatMatters, Need, Goal, GoalNote, Contact, Task, Closure)
TOMORROW = timezone.localdate() + dt.timedelta(days=1)


def fill(episode):
    """One row of every casework model, through the services."""
    clp = episode.clp

    def v():
        return fresh(episode).version

    what_matters_record(episode=episode, by=clp, version=v(), narrative="Cooking", needs=["food"])
    goal = goal_add(episode=episode, by=clp, version=v(), text="Cook twice a week", review_on=TOMORROW)
    goal_update(goal=goal, by=clp, version=v(), status="open", note="Made soup")
    contact_record(episode=episode, by=clp, version=v(), happened_on=timezone.localdate(), mode="phone")
    task = task_add(episode=episode, by=clp, version=v(), text="Ring the food larder", due_on=TOMORROW)
    return goal, task


@pytest.fixture
def world():
    """Two practices, each with a CLP and an episode holding one row of every model; north's is closed."""
    result = {}
    for name in ("north", "south"):
        practice, staff, clp = practice_with_clp()
        episode = open_episode(practice=practice, staff=staff, clp=clp)
        goal, task = fill(episode)
        result[name] = {"practice": practice, "staff": staff, "clp": clp, "episode": episode}
        result[name].update(goal=goal, task=task)
    north = result["north"]["episode"]
    episode_close(episode=north, by=north.clp, version=fresh(north).version, reason="other", summary="Done")
    return result


def episodes_seen(user, model) -> set[int]:
    rows = model.objects.visible_to(user)
    if model is Episode:
        return set(rows.values_list("pk", flat=True))
    if model is Need:
        return set(rows.values_list("conversation__episode", flat=True))
    if model is GoalNote:
        return set(rows.values_list("goal__episode", flat=True))
    return set(rows.values_list("episode", flat=True))


@pytest.mark.parametrize("model", MODELS)
def test_a_clp_sees_casework_at_their_practices_only(world, model):
    assert episodes_seen(world["north"]["clp"], model) == {world["north"]["episode"].pk}


@pytest.mark.parametrize("model", MODELS)
@pytest.mark.parametrize(
    "role",
    [Role.PRACTICE_STAFF, Role.PROGRAMME_MANAGER, Role.COMMUNITY_STAFF, Role.DIRECTORY_EDITOR, Role.ADMIN],
)
def test_everyone_else_sees_nothing_even_at_the_practice(world, model, role):
    user = user_with_role(role, organisation=world["north"]["practice"])
    assert episodes_seen(user, model) == set()


@pytest.mark.parametrize("model", MODELS)
def test_signed_out_visitors_see_nothing(world, model):
    assert episodes_seen(AnonymousUser(), model) == set()


def urls_of(case) -> list[tuple[str, str]]:
    e, g, t = case["episode"].pk, case["goal"].pk, case["task"].pk
    return [
        ("get", f"/casework/{e}/"),
        ("post", f"/casework/{e}/stage/"),
        ("post", f"/casework/{e}/what-matters/"),
        ("post", f"/casework/{e}/goals/"),
        ("post", f"/casework/{e}/goals/{g}/"),
        ("post", f"/casework/{e}/contacts/"),
        ("post", f"/casework/{e}/tasks/"),
        ("post", f"/casework/{e}/tasks/{t}/done/"),
        ("post", f"/casework/{e}/close/"),
    ]


@pytest.mark.parametrize("who", ["other_clp", "staff"])
def test_other_practices_clps_and_practice_staff_get_404_on_every_url(world, verified_client, who):
    south = world["south"]
    user = world["north"]["clp"] if who == "other_clp" else south["staff"]
    client = verified_client(user)
    version = fresh(south["episode"]).version
    for method, url in urls_of(south):
        response = getattr(client, method)(url, {"version": version})
        assert response.status_code == 404, url
    assert fresh(south["episode"]).version == version
    assert not LogEntry.objects.filter(actor=user, action=LogEntry.Action.ACCESS).exists()


def test_a_goal_or_task_of_another_episode_is_not_found_through_mine(world, verified_client):
    north, south = world["north"], world["south"]
    clp = south["clp"]
    other = open_episode(practice=south["practice"], staff=south["staff"], clp=clp)
    client = verified_client(north["clp"])
    assert client.post(f"/casework/{north['episode'].pk}/goals/{south['goal'].pk}/").status_code == 404
    client = verified_client(clp)
    assert client.post(f"/casework/{other.pk}/tasks/{south['task'].pk}/done/").status_code == 404


def test_starting_casework_on_another_practices_referral_is_not_found(world, verified_client):
    referral = world["south"]["episode"].referral
    assert (
        verified_client(world["north"]["clp"]).post(f"/casework/from-referral/{referral.pk}/").status_code
        == 404
    )


def test_each_read_of_an_episode_is_audited(world, verified_client):
    south = world["south"]
    client = verified_client(south["clp"])
    client.get(f"/casework/{south['episode'].pk}/")
    client.get(f"/casework/{south['episode'].pk}/")
    for obj in (south["episode"], south["episode"].person):
        entries = LogEntry.objects.get_for_object(obj).filter(
            action=LogEntry.Action.ACCESS, actor=south["clp"]
        )
        assert entries.count() == 2
        assert entries.first().additional_data == {"purpose": "episode"}


def test_each_person_on_the_caseload_is_audited(world, verified_client):
    south = world["south"]
    verified_client(south["clp"]).get("/casework/")
    entry = LogEntry.objects.get_for_object(south["episode"].person).get(
        actor=south["clp"], action=LogEntry.Action.ACCESS
    )
    assert entry.additional_data == {"purpose": "caseload"}


def test_changes_are_in_the_audit_log(world):
    task = world["south"]["task"]
    assert LogEntry.objects.get_for_object(task).filter(action=LogEntry.Action.CREATE).exists()
