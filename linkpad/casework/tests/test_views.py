"""The episode page and caseload: happy paths, plain-English errors, and stale forms kept, not lost."""

import datetime as dt

import pytest
from django.utils import timezone

from linkpad.accounts.models import Role
from linkpad.accounts.tests.factories import user_with_role
from linkpad.referrals.tests.factories import make_referral

from .. import forms
from ..models import Episode, Stage
from ..services import STALE, current_stage, episode_move, task_add
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


@pytest.fixture
def client(episode, verified_client):
    return verified_client(episode.clp)


def page(episode, action="") -> str:
    return f"/casework/{episode.pk}/{action}"


def post(client, episode, action, prefix, **fields):
    data = {f"{prefix}-{name}": value for name, value in fields.items()}
    data.setdefault(f"{prefix}-version", fresh(episode).version)
    return client.post(page(episode, action), data)


class TestStartingCasework:
    def test_the_referral_page_offers_to_start_casework_once_contacted(self, world, verified_client):
        practice, staff, clp = world
        referral = contacted_referral(practice=practice, staff=staff, clp=clp)
        client = verified_client(clp)
        assert "Start casework" in client.get(f"/referrals/{referral.pk}/").content.decode()
        response = client.post(f"/casework/from-referral/{referral.pk}/")
        episode = Episode.objects.get(referral=referral)
        assert response.status_code == 302 and response.url == page(episode)
        text = client.get(f"/referrals/{referral.pk}/").content.decode()
        assert "Start casework" not in text and page(episode) in text

    def test_not_before_the_person_is_contacted(self, world, verified_client):
        practice, staff, clp = world
        referral = make_referral(practice=practice, by=staff)
        client = verified_client(clp)
        assert "Start casework" not in client.get(f"/referrals/{referral.pk}/").content.decode()
        response = client.post(f"/casework/from-referral/{referral.pk}/", follow=True)
        assert "Casework starts once the person has been contacted" in response.content.decode()
        assert not Episode.objects.exists()

    def test_practice_staff_are_not_offered_it(self, world, verified_client):
        practice, staff, clp = world
        referral = contacted_referral(practice=practice, staff=staff, clp=clp)
        text = verified_client(staff).get(f"/referrals/{referral.pk}/").content.decode()
        assert "Start casework" not in text


class TestEpisodePage:
    def test_shows_the_person_stage_whats_next_and_history(self, episode, client):
        response = client.get(page(episode))
        text = response.content.decode()
        assert response.status_code == 200
        assert str(episode.person) in text and "Contacted" in text
        assert "next</h2>" in text
        assert "what matters to you" in text

    def test_moving_the_stage(self, episode, client):
        response = post(client, episode, "stage/", "stage", stage="what_matters", note="Booked for Tuesday")
        assert response.status_code == 302
        assert current_stage(episode) == Stage.WHAT_MATTERS
        assert "Booked for Tuesday" in client.get(page(episode)).content.decode()

    def test_a_move_the_journey_does_not_allow_is_explained(self, episode, client):
        response = post(client, episode, "stage/", "stage", stage="follow_up")
        assert response.status_code == 400
        assert "This episode is at contacted, so it cannot move to follow-up." in response.content.decode()

    def test_recording_what_matters(self, episode, client):
        response = post(
            client,
            episode,
            "what-matters/",
            "what-matters",
            narrative="Her garden",
            needs=["loneliness", "food"],
        )
        assert response.status_code == 302
        text = client.get(page(episode)).content.decode()
        assert "Her garden" in text and "Food, Loneliness" in text

    def test_what_matters_needs_a_narrative(self, episode, client):
        response = post(client, episode, "what-matters/", "what-matters", narrative="")
        assert response.status_code == 400
        assert forms.NARRATIVE_MISSING in response.content.decode()

    def test_adding_and_updating_a_goal(self, episode, client):
        review = TOMORROW.strftime("%d/%m/%Y")
        assert (
            post(client, episode, "goals/", "goal", text="Walk to the shops", review_on=review).status_code
            == 302
        )
        goal = episode.goals.get()
        response = post(
            client, episode, f"goals/{goal.pk}/", f"goal-{goal.pk}", status="achieved", note="Did it"
        )
        assert response.status_code == 302
        goal.refresh_from_db()
        assert goal.status == "achieved"
        assert "Did it" in client.get(page(episode)).content.decode()

    def test_a_goal_needs_a_review_date_in_plain_words(self, episode, client):
        response = post(client, episode, "goals/", "goal", text="Walk", review_on="31/02/2026")
        assert response.status_code == 400 and forms.DATE_INVALID in response.content.decode()
        assert not episode.goals.exists()

    def test_recording_a_contact(self, episode, client):
        response = post(
            client,
            episode,
            "contacts/",
            "contact",
            happened_on=timezone.localdate().strftime("%d/%m/%Y"),
            mode="walk_and_talk",
            duration_minutes="40",
            note="Round the park",
        )
        assert response.status_code == 302
        contact = episode.contacts.get()
        assert (contact.mode, contact.duration_minutes, contact.did_not_attend) == (
            "walk_and_talk",
            40,
            False,
        )

    def test_a_contact_needs_a_mode_and_a_sensible_duration(self, episode, client):
        response = post(
            client, episode, "contacts/", "contact", happened_on="01/01/2026", duration_minutes="900"
        )
        text = response.content.decode()
        assert response.status_code == 400
        assert forms.MODE_MISSING in text and forms.DURATION_INVALID in text

    def test_adding_and_completing_a_reminder(self, episode, client):
        due = TOMORROW.strftime("%d/%m/%Y")
        assert post(client, episode, "tasks/", "task", text="Send leaflet", due_on=due).status_code == 302
        task = episode.tasks.get()
        assert post(client, episode, f"tasks/{task.pk}/done/", f"task-{task.pk}").status_code == 302
        task.refresh_from_db()
        assert task.done

    def test_closing_the_episode_hides_the_forms(self, episode, client):
        response = post(
            client, episode, "close/", "close", reason="goals_met", summary="Walking group weekly"
        )
        assert response.status_code == 302
        assert current_stage(episode) == Stage.CLOSED
        text = client.get(page(episode)).content.decode()
        assert "Goals met" in text and "Walking group weekly" in text
        assert 'action="' + page(episode, "stage/") not in text

    def test_closing_needs_a_reason_and_summary(self, episode, client):
        response = post(client, episode, "close/", "close", summary="")
        text = response.content.decode()
        assert response.status_code == 400
        assert forms.CLOSURE_REASON_MISSING in text and forms.SUMMARY_MISSING in text

    def test_a_stale_form_is_refused_with_what_was_typed_kept(self, episode, client):
        seen = fresh(episode).version
        colleague = user_with_role(Role.LINK_PRACTITIONER, organisation=episode.practice)
        task_add(episode=episode, by=colleague, version=seen, text="Colleague's reminder", due_on=TOMORROW)
        response = post(
            client, episode, "what-matters/", "what-matters", version=seen, narrative="Her grandchildren"
        )
        text = response.content.decode()
        assert response.status_code == 409
        assert STALE.replace("'", "&#x27;") in text or STALE in text
        assert "Her grandchildren" in text and "Colleague" in text
        assert f'value="{fresh(episode).version}"' in text  # sending again saves it
        assert not episode.conversations.exists()


class TestCaseload:
    def test_open_episodes_by_stage_with_reminders_counted(self, world, episode, verified_client):
        practice, staff, clp = world
        other = open_episode(practice=practice, staff=staff, clp=clp)
        episode_move(episode=other, stage=Stage.WHAT_MATTERS, by=clp, version=other.version)
        overdue = timezone.localdate() - dt.timedelta(days=2)
        task_add(episode=episode, by=clp, version=fresh(episode).version, text="a", due_on=overdue)
        task_add(episode=episode, by=clp, version=fresh(episode).version, text="b", due_on=TOMORROW)
        text = verified_client(clp).get("/casework/").content.decode()
        assert (
            text.index(str(episode.person))
            < text.index('id="stage-what_matters"')
            < text.index(str(other.person))
        )
        assert "2 to do" in text and "1 overdue" in text

    def test_closed_episodes_leave_the_caseload(self, episode, client):
        post(client, episode, "close/", "close", reason="moved_away", summary="Moved to Fife")
        assert str(episode.person) not in client.get("/casework/").content.decode()

    @pytest.mark.parametrize("role", [Role.PRACTICE_STAFF, Role.PROGRAMME_MANAGER, Role.COMMUNITY_STAFF])
    def test_only_clps_have_a_caseload(self, role, verified_client):
        assert verified_client(user_with_role(role)).get("/casework/").status_code == 403

    def test_the_clp_home_links_to_it(self, episode, client):
        assert 'href="/casework/"' in client.get("/").content.decode()
