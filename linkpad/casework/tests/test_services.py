"""The episode's journey: opening, the stage state machine, records, optimistic locking and closure."""

import datetime as dt

import pytest
from django.utils import timezone

from linkpad.accounts.models import Role
from linkpad.accounts.tests.factories import user_with_role
from linkpad.core.history import STATUS_ROWS_ARE_IMMUTABLE
from linkpad.referrals.tests.factories import make_referral

from ..models import EpisodeStatus, GoalStatus, Stage
from ..services import (
    ALREADY_OPEN,
    EPISODE_CLOSED,
    NOT_CONTACTED,
    REVIEW_DATE_PAST,
    STALE,
    TRANSITIONS,
    EpisodeError,
    StaleEpisode,
    contact_record,
    current_stage,
    episode_close,
    episode_move,
    episode_open,
    goal_add,
    goal_update,
    task_add,
    task_complete,
    what_matters_record,
)
from .factories import contacted_referral, fresh, open_episode, practice_with_clp

pytestmark = pytest.mark.django_db

TOMORROW = timezone.localdate() + dt.timedelta(days=1)


@pytest.fixture
def world():
    return practice_with_clp()


@pytest.fixture
def episode(world):
    practice, staff, clp = world
    return open_episode(practice=practice, staff=staff, clp=clp)


def walk(episode, clp, *stages):
    for stage in stages:
        episode_move(episode=episode, stage=stage, by=clp, version=fresh(episode).version)


class TestOpening:
    def test_a_contacted_referral_opens_an_episode_with_its_history_so_far(self, world):
        practice, staff, clp = world
        referral = contacted_referral(practice=practice, staff=staff, clp=clp)
        episode = episode_open(referral=referral, by=clp)
        assert (episode.person, episode.practice, episode.clp) == (referral.person, practice, clp)
        history = [(row.stage, row.created_by) for row in episode.statuses.all()]
        assert history == [(Stage.REFERRED, staff), (Stage.CONTACTED, clp)]
        assert current_stage(episode) == Stage.CONTACTED

    def test_only_a_contacted_referral_can_open_one(self, world):
        practice, staff, clp = world
        with pytest.raises(EpisodeError, match=NOT_CONTACTED):
            episode_open(referral=make_referral(practice=practice, by=staff), by=clp)

    def test_a_referral_opens_one_episode_only(self, episode):
        with pytest.raises(EpisodeError, match=ALREADY_OPEN):
            episode_open(referral=episode.referral, by=episode.clp)

    def test_only_the_practices_clp_can_open_one(self, world):
        practice, staff, clp = world
        referral = contacted_referral(practice=practice, staff=staff, clp=clp)
        other = practice_with_clp()[2]
        with pytest.raises(EpisodeError, match="is not a community links practitioner"):
            episode_open(referral=referral, by=other)
        with pytest.raises(EpisodeError):
            episode_open(referral=referral, by=staff)


class TestStateMachine:
    def test_the_journey_forward_with_a_step_back(self, episode):
        clp = episode.clp
        walk(episode, clp, Stage.WHAT_MATTERS, Stage.PLAN, Stage.LINKING, Stage.FOLLOW_UP, Stage.LINKING)
        assert current_stage(episode) == Stage.LINKING
        assert [row.created_by for row in episode.statuses.all()][1:] == [clp] * 6

    @pytest.mark.parametrize("stage", [Stage.PLAN, Stage.LINKING, Stage.FOLLOW_UP, Stage.REFERRED])
    def test_skipping_ahead_or_back_to_the_start_is_refused_in_plain_words(self, episode, stage):
        with pytest.raises(EpisodeError, match="This episode is at contacted, so it cannot move to"):
            episode_move(episode=episode, stage=stage, by=episode.clp, version=episode.version)
        assert current_stage(episode) == Stage.CONTACTED

    def test_the_stage_form_cannot_close_an_episode_without_a_reason(self, episode):
        with pytest.raises(EpisodeError, match="cannot move to closed"):
            episode_move(episode=episode, stage=Stage.CLOSED, by=episode.clp, version=episode.version)

    def test_closed_is_final_and_every_open_stage_can_close(self):
        assert TRANSITIONS[Stage.CLOSED] == frozenset()
        assert all(Stage.CLOSED in TRANSITIONS[s] for s in Stage if s != Stage.CLOSED)

    def test_status_rows_are_history(self, episode):
        row = episode.statuses.first()
        row.note = "changed"
        with pytest.raises(ValueError, match=STATUS_ROWS_ARE_IMMUTABLE):
            row.save()

    def test_practice_staff_cannot_move_an_episode(self, world, episode):
        with pytest.raises(EpisodeError):
            episode_move(episode=episode, stage=Stage.WHAT_MATTERS, by=world[1], version=episode.version)
        assert EpisodeStatus.objects.filter(episode=episode).count() == 2


class TestOptimisticLocking:
    def test_each_change_raises_the_version(self, episode):
        before = fresh(episode).version
        task_add(episode=episode, by=episode.clp, version=before, text="Ring back", due_on=TOMORROW)
        assert fresh(episode).version == before + 1

    def test_a_stale_form_is_refused_and_nothing_is_written(self, episode):
        seen = episode.version
        colleague = user_with_role(Role.LINK_PRACTITIONER, organisation=episode.practice)
        episode_move(episode=fresh(episode), stage=Stage.WHAT_MATTERS, by=colleague, version=seen)
        with pytest.raises(StaleEpisode, match="Someone else changed this episode"):
            what_matters_record(episode=fresh(episode), by=episode.clp, version=seen, narrative="Gardening")
        assert not episode.conversations.exists()
        assert str(StaleEpisode()) == STALE

    def test_the_version_check_holds_for_every_kind_of_change(self, episode):
        stale = episode.version
        task_add(episode=episode, by=episode.clp, version=stale, text="Ring back", due_on=TOMORROW)
        clp = episode.clp
        attempts = [
            lambda: goal_add(episode=episode, by=clp, version=stale, text="Walk", review_on=TOMORROW),
            lambda: contact_record(
                episode=episode, by=clp, version=stale, happened_on=timezone.localdate(), mode="phone"
            ),
            lambda: episode_close(episode=episode, by=clp, version=stale, reason="other", summary="x"),
        ]
        for attempt in attempts:
            with pytest.raises(StaleEpisode):
                attempt()


class TestRecords:
    def test_what_matters_keeps_needs_by_domain(self, episode):
        conversation = what_matters_record(
            episode=episode,
            by=episode.clp,
            version=episode.version,
            narrative="Wants to get out of the house",
            needs=["loneliness", "money", "loneliness"],
            strengths="Loves her dog",
            risks="None noted",
        )
        assert [n.domain for n in conversation.needs.all()] == ["loneliness", "money"]

    def test_goals_are_reviewed_with_progress_notes(self, episode):
        clp = episode.clp
        goal = goal_add(
            episode=episode, by=clp, version=episode.version, text="Join a walk", review_on=TOMORROW
        )
        goal_update(
            goal=goal, by=clp, version=fresh(episode).version, status=GoalStatus.OPEN, note="Went once"
        )
        goal_update(goal=goal, by=clp, version=fresh(episode).version, status=GoalStatus.ACHIEVED)
        goal.refresh_from_db()
        assert goal.status == GoalStatus.ACHIEVED
        assert [(n.note, n.status) for n in goal.notes.all()] == [
            ("Went once", "open"),
            ("Achieved", "achieved"),
        ]

    def test_a_review_date_in_the_past_is_refused(self, episode):
        with pytest.raises(EpisodeError, match=REVIEW_DATE_PAST):
            goal_add(
                episode=episode,
                by=episode.clp,
                version=episode.version,
                text="Walk",
                review_on=timezone.localdate() - dt.timedelta(days=1),
            )

    def test_a_contact_not_attended_has_no_duration(self, episode):
        contact = contact_record(
            episode=episode,
            by=episode.clp,
            version=episode.version,
            happened_on=timezone.localdate(),
            mode="home_visit",
            duration_minutes=45,
            did_not_attend=True,
        )
        assert contact.did_not_attend and contact.duration_minutes is None

    def test_a_task_is_done_once(self, episode):
        task = task_add(
            episode=episode, by=episode.clp, version=episode.version, text="Post leaflet", due_on=TOMORROW
        )
        task_complete(task=task, by=episode.clp, version=fresh(episode).version)
        assert task.done and task.done_at
        with pytest.raises(EpisodeError, match="already done"):
            task_complete(task=task, by=episode.clp, version=fresh(episode).version)


class TestClosure:
    def test_closing_records_why_and_writes_the_closed_status(self, episode):
        closure = episode_close(
            episode=episode,
            by=episode.clp,
            version=episode.version,
            reason="goals_met",
            summary="Walking weekly",
        )
        assert closure.get_reason_display() == "Goals met"
        assert current_stage(episode) == Stage.CLOSED
        assert episode.statuses.last().created_by == episode.clp

    def test_nothing_more_can_be_added_to_a_closed_episode(self, episode):
        episode_close(
            episode=episode, by=episode.clp, version=episode.version, reason="declined", summary="No"
        )
        with pytest.raises(EpisodeError, match=EPISODE_CLOSED):
            task_add(
                episode=episode, by=episode.clp, version=fresh(episode).version, text="x", due_on=TOMORROW
            )
        with pytest.raises(EpisodeError, match=EPISODE_CLOSED):
            episode_move(
                episode=episode, stage=Stage.FOLLOW_UP, by=episode.clp, version=fresh(episode).version
            )
