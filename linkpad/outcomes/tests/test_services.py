"""Recording measures: scored on the way in, refused when incomplete or stale, and the PHQ-9 item 9 safety flag."""

import datetime as dt

import pytest
from django.utils import timezone

from linkpad.accounts.models import Role
from linkpad.accounts.tests.factories import user_with_role
from linkpad.casework.models import Episode, RiskFlag, Task
from linkpad.casework.services import EPISODE_CLOSED, EpisodeError, StaleEpisode, episode_close
from linkpad.casework.tests.factories import fresh, open_episode, practice_with_clp

from ..models import Administration
from ..selectors import changes, person_changes
from ..services import COMPLETED_IN_FUTURE, MeasureError, administration_record
from .factories import record

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
PHQ9_ITEM_9_SEVERAL_DAYS = [1, 1, 0, 0, 0, 0, 0, 0, 1]


class TestRecording:
    def test_the_answers_are_scored_and_kept_as_they_were(self, episode):
        administration = record(episode, "swemwbs", [3, 3, 3, 3, 3, 3, 3])
        saved = Administration.objects.get(pk=administration.pk)
        assert (saved.measure, saved.timepoint, saved.answers) == ("swemwbs", "baseline", [3] * 7)
        assert (saved.raw, saved.score, saved.band, saved.flags) == (21, 19.25, "", [])
        assert saved.completed_on == TODAY and saved.recorded_by == episode.clp

    def test_bands_are_stored(self, episode):
        assert record(episode, "PHQ-9", [2, 2, 2, 2, 2, 0, 0, 0, 0]).band == "moderate"
        assert record(episode, "gad7", [3, 3, 3, 3, 3, 0, 0]).band == "severe"

    def test_ons4_keeps_its_four_answers_without_a_total(self, episode):
        saved = record(episode, "ons4", [7, 8, 4, 6])
        assert (saved.raw, saved.score, saved.answers) == (None, None, [7, 8, 4, 6])

    def test_a_missing_answer_saves_nothing(self, episode):
        version = fresh(episode).version
        with pytest.raises(
            MeasureError, match="SWEMWBS item 7 is missing: answer it with a number from 1 to 5"
        ):
            record(episode, "swemwbs", [3, 3, 3, 3, 3, 3])
        assert not Administration.objects.exists()
        assert fresh(episode).version == version  # the whole transaction rolled back

    def test_an_answer_out_of_range_names_the_item(self, episode):
        with pytest.raises(MeasureError, match="GAD-7 item 2 must be a whole number from 0 to 3, not 4"):
            record(episode, "gad7", [0, 4, 0, 0, 0, 0, 0])

    def test_an_unknown_measure(self, episode):
        with pytest.raises(MeasureError, match="There is no measure called 'PAM'"):
            record(episode, "PAM", [1])

    def test_not_completed_in_the_future(self, episode):
        with pytest.raises(MeasureError, match=COMPLETED_IN_FUTURE):
            record(episode, "goal", [5], on=TODAY + dt.timedelta(days=1))

    def test_a_stale_form_is_refused(self, episode):
        version = fresh(episode).version
        record(episode, "goal", [5])
        with pytest.raises(StaleEpisode):
            administration_record(
                episode=episode,
                by=episode.clp,
                version=version,
                measure="goal",
                timepoint="review",
                answers=[7],
            )
        assert Administration.objects.count() == 1

    def test_only_the_practices_clp_may_record(self, episode):
        other_clp = user_with_role(Role.LINK_PRACTITIONER, full_name="Other Practitioner")
        with pytest.raises(EpisodeError, match="is not a community links practitioner"):
            administration_record(
                episode=episode,
                by=other_clp,
                version=fresh(episode).version,
                measure="goal",
                timepoint="baseline",
                answers=[5],
            )

    def test_not_after_closure(self, episode):
        episode_close(
            episode=episode,
            by=episode.clp,
            version=fresh(episode).version,
            reason="goals_met",
            summary="Done.",
        )
        with pytest.raises(EpisodeError, match=EPISODE_CLOSED):
            record(episode, "goal", [5], timepoint="closure")


class TestSafetyFlag:
    def test_phq9_item_9_above_0_raises_a_risk_to_self_flag_and_a_reminder_for_today(self, episode):
        administration = record(episode, "phq9", PHQ9_ITEM_9_SEVERAL_DAYS)
        assert administration.flags == ["risk_to_self"]
        flag = RiskFlag.objects.get(episode=episode)
        assert (flag.kind, flag.source, flag.raised_by) == ("to_self", "measure", None)
        assert flag.reference == "PHQ-9 item 9 answered 1"
        assert '"Several days" to item 9' in flag.detail
        reminder = Task.objects.get(episode=episode)
        assert reminder.due_on == TODAY and "review now" in reminder.text

    @pytest.mark.parametrize("answer", [2, 3])
    def test_the_reference_gives_the_answer(self, episode, answer):
        record(episode, "phq9", [0] * 8 + [answer])
        assert RiskFlag.objects.get(episode=episode).reference == f"PHQ-9 item 9 answered {answer}"

    def test_no_flag_when_item_9_is_0_however_high_the_total(self, episode):
        record(episode, "phq9", [3, 3, 3, 3, 3, 3, 3, 3, 0])
        assert not RiskFlag.objects.exists()

    def test_the_flag_and_the_administration_stand_or_fall_together(self, episode, monkeypatch):
        from .. import services

        def broken(**kwargs):
            raise RuntimeError("the safeguarding service failed")

        monkeypatch.setattr(services, "risk_flag_raise", broken)
        with pytest.raises(RuntimeError):
            record(episode, "phq9", PHQ9_ITEM_9_SEVERAL_DAYS)
        assert not Administration.objects.exists()


class TestChange:
    def test_statements_for_each_verdict(self, episode):
        record(episode, "swemwbs", [3, 3, 3, 3, 3, 3, 4], on=TODAY - dt.timedelta(days=60))  # 19.98
        record(episode, "swemwbs", [4, 4, 4, 4, 3, 3, 3], timepoint="review")  # 22.35: up 2.37
        found = changes(Administration.objects.all())["swemwbs"]
        assert found.verdict == "no meaningful change"
        assert found.statement == (
            "SWEMWBS went from 19.98 to 22.35 (up 2.37): no meaningful change "
            "(a change of 3 or more counts as meaningful)."
        )
        record(episode, "swemwbs", [4, 4, 4, 4, 4, 3, 3], timepoint="closure")  # raw 26: 23.21, up 3.23
        assert changes(Administration.objects.all())["swemwbs"].verdict == "meaningful improvement"

    def test_a_falling_phq9_is_an_improvement(self, episode):
        record(episode, "phq9", [2, 2, 2, 2, 2, 2, 0, 0, 0], on=TODAY - dt.timedelta(days=30))  # 12
        record(episode, "phq9", [1, 1, 1, 1, 0, 0, 0, 0, 0], timepoint="review")  # 4
        found = changes(Administration.objects.all())["phq9"]
        assert (found.difference, found.verdict) == (-8, "meaningful improvement")

    def test_a_meaningful_decline(self, episode):
        record(episode, "wemwbs", [4] * 14, on=TODAY - dt.timedelta(days=30))  # 56
        record(episode, "wemwbs", [3] * 13 + [4], timepoint="review")  # 43
        assert changes(Administration.objects.all())["wemwbs"].verdict == "meaningful decline"

    def test_baseline_is_the_one_marked_baseline_and_latest_the_newest(self, episode):
        record(episode, "goal", [9], timepoint="review", on=TODAY - dt.timedelta(days=90))
        baseline = record(episode, "goal", [2], on=TODAY - dt.timedelta(days=60))
        latest = record(episode, "goal", [6], timepoint="review", on=TODAY)
        found = changes(Administration.objects.all())["goal"]
        assert (found.baseline, found.latest, found.verdict) == (baseline, latest, "meaningful improvement")

    def test_recorded_once_means_no_change_yet(self, episode):
        record(episode, "gad7", [1] * 7)
        assert changes(Administration.objects.all()) == {}

    def test_ons4_shows_each_question_without_a_verdict(self, episode):
        record(episode, "ons4", [4, 5, 3, 8], on=TODAY - dt.timedelta(days=30))
        record(episode, "ons4", [7, 7, 6, 4], timepoint="review")
        found = changes(Administration.objects.all())["ons4"]
        assert found.verdict is None
        assert found.statement.startswith(
            "ONS4: life satisfaction from 4 to 7; worthwhile from 5 to 7; happiness from 3 to 6; anxiety from 8 to 4."
        )


class TestPersonChanges:
    def test_by_episode_for_those_who_may_see_it_and_the_view_is_recorded(self, episode):
        from linkpad.core.audit import views_of

        record(episode, "goal", [2], on=TODAY - dt.timedelta(days=30))
        record(episode, "goal", [8], timepoint="closure")
        found = person_changes(user=episode.clp, person=episode.person)
        assert found[episode.pk]["goal"].verdict == "meaningful improvement"
        assert views_of(episode.person).filter(actor=episode.clp).exists()

    def test_another_practices_clp_sees_nothing(self, episode):
        record(episode, "goal", [2])
        practice, staff, clp = practice_with_clp()
        assert person_changes(user=clp, person=episode.person) == {}
        assert Administration.objects.visible_to(clp).count() == 0
        assert Administration.objects.visible_to(episode.clp).count() == 1
        other = open_episode(practice=practice, staff=staff, clp=clp)
        record(other, "goal", [3])
        assert list(Administration.objects.visible_to(clp)) == list(
            Administration.objects.filter(episode=other)
        )
        assert Episode.objects.count() == 2


def test_the_model_refuses_a_measure_not_in_the_registry(episode):
    from django.core.exceptions import ValidationError

    row = Administration(
        episode=episode,
        measure="pam",
        timepoint="baseline",
        answers=[1],
        completed_on=TODAY,
        recorded_by=episode.clp,
    )
    with pytest.raises(ValidationError, match="There is no measure called 'pam'"):
        row.full_clean()
