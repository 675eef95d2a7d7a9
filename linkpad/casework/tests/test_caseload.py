"""The CLP's caseload dashboard: summary counts, people by stage, search and filters, all scoped."""

import datetime as dt

import pytest
from auditlog.models import LogEntry
from django.utils import timezone

from linkpad.accounts.tests.factories import OrganisationFactory
from linkpad.referrals.tests.factories import chi_for, clp_at, details, make_referral, practice_with_staff

from ..models import Goal, Stage
from ..safeguarding import risk_flag_raise, risk_flag_resolve
from ..selectors import caseload
from ..services import episode_close, episode_move, goal_add, task_add
from .factories import fresh, open_episode

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
LAST_WEEK = TODAY - dt.timedelta(days=7)
BORN = dt.date(1970, 6, 1)


def person(given: str, family: str, chi: str = ""):
    return {"details": details(given_name=given, family_name=family, date_of_birth=BORN, chi_number=chi)}


@pytest.fixture
def world():
    """A CLP at two practices with people at several stages, and another practice's CLP with one."""
    (north, north_staff), (south, south_staff) = practice_with_staff(), practice_with_staff()
    clp = clp_at(north, south)
    other_practice, other_staff = practice_with_staff()
    other_clp = clp_at(other_practice)

    isla = open_episode(practice=north, staff=north_staff, clp=clp, **person("Isla", "Brodie", chi_for(BORN)))
    task_add(episode=isla, by=clp, version=fresh(isla).version, text="Ring Isla", due_on=TODAY)

    ewan = open_episode(practice=south, staff=south_staff, clp=clp, **person("Ewan", "Cameron"))
    episode_move(episode=ewan, stage=Stage.WHAT_MATTERS, by=clp, version=fresh(ewan).version)
    task_add(episode=ewan, by=clp, version=fresh(ewan).version, text="Letter", due_on=LAST_WEEK)
    goal = goal_add(episode=ewan, by=clp, version=fresh(ewan).version, text="Walk", review_on=TODAY)
    Goal.objects.filter(pk=goal.pk).update(review_on=LAST_WEEK)  # time has passed since it was set

    flora = open_episode(practice=north, staff=north_staff, clp=clp, **person("Flora", "Dunbar"))
    risk_flag_raise(episode=flora, by=None, kind="to_self", detail="PHQ-9", source="measure", reference="9")
    episode_close(episode=flora, by=clp, version=fresh(flora).version, reason="other", summary="Moved on")

    gone = open_episode(practice=north, staff=north_staff, clp=clp, **person("Hamish", "Gone"))
    episode_close(episode=gone, by=clp, version=fresh(gone).version, reason="goals_met", summary="Done")

    theirs = open_episode(
        practice=other_practice,
        staff=other_staff,
        clp=other_clp,
        **person("Mairi", "Elsewhere", "0101010000"),
    )
    task_add(episode=theirs, by=other_clp, version=fresh(theirs).version, text="Theirs", due_on=TODAY)
    risk_flag_raise(episode=theirs, by=None, kind="other", detail="Not ours")

    make_referral(practice=north, by=north_staff, **person("Waiting", "One"))
    make_referral(practice=south, by=south_staff, **person("Waiting", "Two"))
    make_referral(practice=other_practice, by=other_staff, **person("Waiting", "Elsewhere"))
    return {
        "clp": clp,
        "other_clp": other_clp,
        "north": north,
        "south": south,
        "isla": isla,
        "ewan": ewan,
        "flora": flora,
        "gone": gone,
        "theirs": theirs,
    }


def names(page) -> list[str]:
    return [str(e.person) for _, episodes in page.stages for e in episodes]


class TestSummaryCounts:
    def test_waiting_counts_referrals_at_the_clps_practices_only(self, world):
        assert caseload(user=world["clp"]).waiting == 2
        assert caseload(user=world["other_clp"]).waiting == 1

    def test_due_today_counts_reminders_including_those_from_risk_flags(self, world):
        # Ring Isla, and the reminder the automatic flag on Flora made.
        assert caseload(user=world["clp"]).due_today == 2

    def test_overdue_counts_reminders_and_goal_reviews(self, world):
        page = caseload(user=world["clp"])
        assert (page.tasks_overdue, page.reviews_overdue, page.overdue) == (1, 1, 2)

    def test_done_reminders_and_achieved_goals_are_not_overdue(self, world):
        Goal.objects.filter(episode=world["ewan"]).update(status="achieved")
        world["ewan"].tasks.update(done=True)
        assert caseload(user=world["clp"]).overdue == 0

    def test_open_flags_count_until_resolved(self, world):
        clp, isla = world["clp"], world["isla"]
        flag = risk_flag_raise(episode=isla, by=clp, version=fresh(isla).version, kind="to_self", detail="x")
        assert caseload(user=clp).open_flags == 2
        risk_flag_resolve(flag=flag, by=clp, version=fresh(isla).version, resolution="Seen by GP")
        assert caseload(user=clp).open_flags == 1


class TestPeopleByStage:
    def test_open_episodes_by_stage_and_a_closed_one_only_while_a_flag_is_open(self, world):
        page = caseload(user=world["clp"])
        stages = {stage: [str(e.person) for e in episodes] for stage, episodes in page.stages}
        assert stages[Stage.CONTACTED] == ["Isla Brodie"]
        assert stages[Stage.WHAT_MATTERS] == ["Ewan Cameron"]
        assert stages[Stage.CLOSED] == ["Flora Dunbar"]
        assert "Hamish Gone" not in names(page)
        flag = world["flora"].risk_flags.get()
        risk_flag_resolve(
            flag=flag, by=world["clp"], version=fresh(world["flora"]).version, resolution="GP aware"
        )
        assert Stage.CLOSED not in [stage for stage, _ in caseload(user=world["clp"]).stages]

    def test_another_practices_people_are_never_shown_or_counted(self, world):
        page = caseload(user=world["clp"])
        assert "Mairi Elsewhere" not in names(page)
        assert names(caseload(user=world["other_clp"])) == ["Mairi Elsewhere"]
        assert caseload(user=world["other_clp"]).open_flags == 1


class TestSearchAndFilters:
    @pytest.mark.parametrize(
        ("text", "found"),
        [
            ("isla", ["Isla Brodie"]),
            ("Ewan cam", ["Ewan Cameron"]),
            ("brodie isla", ["Isla Brodie"]),
            ("nobody", []),
        ],
    )
    def test_by_name(self, world, text, found):
        assert names(caseload(user=world["clp"], text=text)) == found

    def test_by_chi_number_with_or_without_spaces(self, world):
        chi = chi_for(BORN)
        assert names(caseload(user=world["clp"], text=chi)) == ["Isla Brodie"]
        assert names(caseload(user=world["clp"], text=f"{chi[:6]} {chi[6:]}")) == ["Isla Brodie"]

    def test_by_referral_or_episode_number(self, world):
        ewan = world["ewan"]
        assert names(caseload(user=world["clp"], text=f"referral {ewan.referral_id}")) == ["Ewan Cameron"]
        assert "Ewan Cameron" in names(caseload(user=world["clp"], text=str(ewan.pk)))

    def test_another_practices_chi_number_finds_nobody(self, world):
        assert names(caseload(user=world["clp"], text="0101010000")) == []

    def test_by_stage(self, world):
        assert names(caseload(user=world["clp"], stage=Stage.WHAT_MATTERS)) == ["Ewan Cameron"]

    def test_by_practice(self, world):
        assert names(caseload(user=world["clp"], practice=world["south"].pk)) == ["Ewan Cameron"]
        assert names(caseload(user=world["clp"], practice=world["north"].pk)) == [
            "Isla Brodie",
            "Flora Dunbar",
        ]

    def test_by_open_flag(self, world):
        assert names(caseload(user=world["clp"], flagged=True)) == ["Flora Dunbar"]

    def test_by_overdue(self, world):
        assert names(caseload(user=world["clp"], overdue=True)) == ["Ewan Cameron"]

    def test_by_due_today(self, world):
        assert sorted(names(caseload(user=world["clp"], due_today=True))) == ["Flora Dunbar", "Isla Brodie"]

    def test_filters_do_not_change_the_summary_counts(self, world):
        page = caseload(user=world["clp"], text="nobody")
        assert (page.found, page.waiting, page.due_today, page.open_flags) == (0, 2, 2, 1)


class TestThePage:
    @pytest.fixture
    def client(self, world, verified_client):
        return verified_client(world["clp"])

    def test_cards_link_to_the_waiting_list_and_the_filters(self, client):
        text = client.get("/casework/").content.decode()
        for link in (
            'href="/referrals/waiting-list/"',
            'href="?due_today=on"',
            'href="?overdue=on"',
            'href="?flagged=on"',
        ):
            assert link in text
        assert "1 reminders, 1 goal reviews" in text
        assert "Closed, with an open risk flag" in text

    def test_the_search_form_filters_by_get(self, world, client):
        response = client.get("/casework/", {"q": "isla", "practice": world["north"].pk, "stage": ""})
        text = response.content.decode()
        assert response.status_code == 200
        assert "Isla Brodie" in text and "Ewan Cameron" not in text and "1 person found" in text
        assert 'value="isla"' in text  # the search box keeps what was typed

    def test_another_practice_in_the_filter_is_refused_in_plain_english(self, client):
        elsewhere = OrganisationFactory()
        response = client.get("/casework/", {"practice": elsewhere.pk})
        assert response.status_code == 400
        assert "Select a valid choice" in response.content.decode()

    def test_only_the_people_shown_are_audited(self, world, client):
        client.get("/casework/", {"q": "Ewan"})
        seen = LogEntry.objects.filter(actor=world["clp"], action=LogEntry.Action.ACCESS)
        assert {e.object_repr for e in seen} == {"Ewan Cameron"}
        assert {e.additional_data["purpose"] for e in seen} == {"caseload"}
