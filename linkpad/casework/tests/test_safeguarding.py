"""Safeguarding: risk flags that are never hidden, escalations, and the automatic flag from a measure."""

import datetime as dt
import re

import pytest
from auditlog.models import LogEntry
from django.utils import timezone

from linkpad.accounts.models import Role
from linkpad.accounts.tests.factories import user_with_role

from .. import safeguarding_forms
from ..models import Escalation, RiskFlag, Task
from ..safeguarding import (
    ALREADY_RESOLVED,
    FLAG_OF_ANOTHER_EPISODE,
    RESOLUTION_NEEDED,
    escalation_record,
    risk_flag_raise,
    risk_flag_resolve,
)
from ..services import NOT_THEIR_CLP, STALE, EpisodeError, StaleEpisode, episode_close
from .factories import fresh, open_episode, practice_with_clp

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


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


def raise_flag(episode, **fields):
    values = {"kind": "to_self", "detail": "Said she has thought about ending her life."}
    return risk_flag_raise(
        episode=episode, by=episode.clp, version=fresh(episode).version, **{**values, **fields}
    )


def post(client, episode, action, prefix, **fields):
    data = {f"{prefix}-{name}": value for name, value in fields.items()}
    data.setdefault(f"{prefix}-version", fresh(episode).version)
    return client.post(f"/casework/{episode.pk}/{action}", data)


class TestRaisingAFlag:
    def test_the_clp_raises_a_flag_and_gets_a_reminder_due_today(self, episode):
        version = fresh(episode).version
        flag = raise_flag(episode, kind="domestic_abuse", detail="Partner controls her money.")
        assert (flag.raised_by, flag.source, flag.is_open) == (episode.clp, "clp", True)
        task = Task.objects.get(episode=episode)
        assert task.due_on == TODAY and task.created_by == episode.clp
        assert task.text == "Safety flag: domestic abuse, review now"
        assert fresh(episode).version == version + 1

    def test_the_automatic_path_needs_no_version_and_no_user(self, episode):
        version = fresh(episode).version
        flag = risk_flag_raise(
            episode=episode,
            by=None,
            kind="to_self",
            detail="Thoughts of self-harm on several days.",
            source="measure",
            reference="PHQ-9 item 9 answered 2",
        )
        assert flag.raised_by is None and flag.source == "measure"
        assert flag.reference == "PHQ-9 item 9 answered 2"
        task = Task.objects.get(episode=episode)
        assert task.text == "Safety flag: risk to self (PHQ-9 item 9 answered 2), review now"
        assert task.due_on == TODAY and task.created_by is None
        assert fresh(episode).version == version  # nothing the CLP is typing is made stale

    def test_a_stale_form_is_refused_and_nothing_is_saved(self, episode):
        with pytest.raises(StaleEpisode):
            risk_flag_raise(episode=episode, by=episode.clp, version=99, kind="to_self", detail="x")
        assert not RiskFlag.objects.exists() and not Task.objects.exists()

    def test_a_clp_action_without_a_version_is_a_programming_error(self, episode):
        with pytest.raises(TypeError):
            risk_flag_raise(episode=episode, by=episode.clp, kind="to_self", detail="x")

    def test_only_the_practices_clp_may_raise_one(self, episode):
        _, _, other_clp = practice_with_clp()
        with pytest.raises(EpisodeError, match=NOT_THEIR_CLP.format(user=other_clp, practice=".*")):
            risk_flag_raise(
                episode=episode, by=other_clp, version=fresh(episode).version, kind="other", detail="x"
            )
        assert not RiskFlag.objects.exists()

    def test_a_closed_episode_still_takes_a_flag(self, episode):
        episode_close(
            episode=episode, by=episode.clp, version=fresh(episode).version, reason="other", summary="Ok"
        )
        assert raise_flag(episode).is_open

    def test_an_empty_detail_is_refused(self, episode):
        with pytest.raises(EpisodeError, match="Describe the risk"):
            raise_flag(episode, detail="   ")

    def test_a_flag_is_never_deleted(self, episode):
        flag = raise_flag(episode)
        with pytest.raises(ValueError, match="never deleted"):
            flag.delete()
        assert RiskFlag.objects.filter(pk=flag.pk).exists()


class TestResolvingAndEscalating:
    def test_resolving_keeps_the_flag_with_who_and_what(self, episode):
        flag = raise_flag(episode)
        resolved = risk_flag_resolve(
            flag=flag, by=episode.clp, version=fresh(episode).version, resolution="GP saw her the same day."
        )
        assert not resolved.is_open and resolved.resolved_by == episode.clp
        assert RiskFlag.objects.get(pk=flag.pk).resolution == "GP saw her the same day."
        with pytest.raises(EpisodeError, match=ALREADY_RESOLVED):
            risk_flag_resolve(flag=flag, by=episode.clp, version=fresh(episode).version, resolution="Again")

    def test_resolving_needs_a_note(self, episode):
        flag = raise_flag(episode)
        with pytest.raises(EpisodeError, match=RESOLUTION_NEEDED):
            risk_flag_resolve(flag=flag, by=episode.clp, version=fresh(episode).version, resolution=" ")
        assert RiskFlag.objects.get(pk=flag.pk).is_open

    def test_an_escalation_about_a_flag(self, episode):
        flag = raise_flag(episode)
        row = escalation_record(
            episode=episode,
            by=episode.clp,
            version=fresh(episode).version,
            escalated_to="gp",
            to_whom="Dr Example, duty doctor",
            shared="What she told me about ending her life.",
            outcome="Seen the same afternoon.",
            flag=flag,
        )
        assert (row.flag, row.recorded_by, row.get_escalated_to_display()) == (flag, episode.clp, "GP")

    def test_an_escalation_cannot_point_at_another_episodes_flag(self, world, episode):
        practice, staff, clp = world
        other = open_episode(practice=practice, staff=staff, clp=clp)
        flag = raise_flag(other)
        with pytest.raises(EpisodeError, match=FLAG_OF_ANOTHER_EPISODE):
            escalation_record(
                episode=episode,
                by=clp,
                version=fresh(episode).version,
                escalated_to="police",
                to_whom="101",
                shared="x",
                flag=flag,
            )

    def test_an_escalation_in_the_future_is_refused(self, episode):
        with pytest.raises(EpisodeError, match="now or in the past"):
            escalation_record(
                episode=episode,
                by=episode.clp,
                version=fresh(episode).version,
                escalated_to="crisis_team",
                to_whom="Crisis team",
                shared="x",
                escalated_at=timezone.now() + dt.timedelta(days=1),
            )


class TestTheEpisodePage:
    def test_no_banner_without_open_flags(self, episode, client):
        text = client.get(f"/casework/{episode.pk}/").content.decode()
        assert "Open risk flags" not in text and "No risks recorded." in text

    def test_open_flags_show_in_a_red_banner_at_the_top_and_resolved_ones_stay_in_history(
        self, episode, client
    ):
        first = raise_flag(episode, kind="from_others", detail="Neighbour has threatened him.")
        raise_flag(episode, kind="to_self", detail="Stopped taking his tablets.")
        risk_flag_resolve(
            flag=first, by=episode.clp, version=fresh(episode).version, resolution="Police informed."
        )
        text = client.get(f"/casework/{episode.pk}/").content.decode()
        banner = text[text.index('id="open-risks"') : text.index('id="safeguarding"')]
        assert "nhsuk-card--care--urgent" in text and "Open risk flags (1)" in banner
        assert "Stopped taking his tablets." in banner and "Neighbour has threatened him." not in banner
        assert text.index('id="open-risks"') < text.index("What's next")
        history = text[text.index("Risk flags, open and resolved") :]
        assert "Neighbour has threatened him." in history and "Police informed." in history
        assert "Stopped taking his tablets." in history

    def test_the_banner_cannot_be_collapsed(self, episode, client):
        raise_flag(episode, detail="Stopped taking his tablets.")
        text = client.get(f"/casework/{episode.pk}/").content.decode()
        banner = text[text.index('id="open-risks"') : text.index("Stopped taking his tablets.")]
        opening = text[: text.index('id="open-risks"')]
        assert opening.endswith('<div class="nhsuk-card nhsuk-card--care nhsuk-card--care--urgent" ')
        assert "<details" not in banner and "<summary" not in banner
        assert not re.search(r"\shidden[\s>=]|display:\s*none", banner)

    def test_a_closed_episode_still_shows_its_open_flags(self, episode, client):
        raise_flag(episode, detail="Stopped taking his tablets.")
        post(client, episode, "close/", "close", reason="other", summary="Moved on")
        text = client.get(f"/casework/{episode.pk}/").content.decode()
        assert "Open risk flags (1)" in text and "Record a risk" in text

    def test_recording_a_risk_through_the_form(self, episode, client):
        response = post(client, episode, "risks/", "risk", kind="child_protection", detail="Bruising seen.")
        assert response.status_code == 302
        flag = RiskFlag.objects.get(episode=episode)
        assert (flag.kind, flag.raised_by) == ("child_protection", episode.clp)
        text = client.get(response.url).content.decode()
        assert "Risk recorded." in text and "Safety flag: child protection concern, review now" in text

    def test_a_risk_form_with_nothing_in_it_says_what_to_fix(self, episode, client):
        response = post(client, episode, "risks/", "risk")
        text = response.content.decode()
        assert response.status_code == 400
        assert safeguarding_forms.KIND_MISSING in text and safeguarding_forms.DETAIL_MISSING in text
        assert not RiskFlag.objects.exists()

    def test_a_stale_risk_form_is_kept(self, episode, client):
        response = post(client, episode, "risks/", "risk", kind="to_self", detail="Kept text", version=0)
        assert response.status_code == 409
        text = response.content.decode()
        assert STALE.split(".")[0] in text and "Kept text" in text

    def test_resolving_through_the_form(self, episode, client):
        flag = raise_flag(episode)
        response = post(client, episode, f"risks/{flag.pk}/resolve/", f"flag-{flag.pk}", resolution="Safe.")
        assert response.status_code == 302
        assert RiskFlag.objects.get(pk=flag.pk).resolution == "Safe."

    def test_recording_an_escalation_through_the_form(self, episode, client):
        flag = raise_flag(episode)
        response = post(
            client,
            episode,
            "escalations/",
            "escalation",
            escalated_to="duty_social_work",
            to_whom="Duty worker, Glasgow North",
            escalated_on=TODAY.strftime("%d/%m/%Y"),
            escalated_time="",
            shared="Concern about her grandchildren.",
            outcome="",
            flag=str(flag.pk),
        )
        assert response.status_code == 302
        row = Escalation.objects.get(episode=episode)
        assert row.flag == flag and row.to_whom == "Duty worker, Glasgow North"
        text = client.get(response.url).content.decode()
        assert "Concern about her grandchildren." in text and "Duty social work" in text

    def test_an_escalation_dated_tomorrow_is_refused_in_plain_english(self, episode, client):
        tomorrow = TODAY + dt.timedelta(days=1)
        response = post(
            client,
            episode,
            "escalations/",
            "escalation",
            escalated_to="gp",
            to_whom="Dr Example",
            escalated_on=tomorrow.strftime("%d/%m/%Y"),
            shared="x",
        )
        assert response.status_code == 400
        assert safeguarding_forms.ESCALATED_IN_FUTURE in response.content.decode()
        assert not Escalation.objects.exists()


class TestScopingAndAudit:
    @pytest.fixture
    def south(self, episode):
        flag = raise_flag(episode)
        return episode, flag

    def test_another_practices_clp_gets_404_on_every_url(self, south, verified_client):
        episode, flag = south
        _, _, other_clp = practice_with_clp()
        client = verified_client(other_clp)
        version = fresh(episode).version
        for url in (
            f"/casework/{episode.pk}/",
            f"/casework/{episode.pk}/risks/",
            f"/casework/{episode.pk}/risks/{flag.pk}/resolve/",
            f"/casework/{episode.pk}/escalations/",
        ):
            method = client.get if url.endswith(f"{episode.pk}/") else client.post
            assert method(url, {"version": version}).status_code == 404, url
        assert fresh(episode).version == version and RiskFlag.objects.get(pk=flag.pk).is_open
        assert not LogEntry.objects.filter(actor=other_clp, action=LogEntry.Action.ACCESS).exists()

    def test_a_flag_of_another_episode_is_not_found_through_mine(self, world, south, verified_client):
        episode, flag = south
        practice, staff, clp = world
        mine = open_episode(practice=practice, staff=staff, clp=clp)
        client = verified_client(clp)
        response = post(client, mine, f"risks/{flag.pk}/resolve/", f"flag-{flag.pk}", resolution="x")
        assert response.status_code == 404

    @pytest.mark.parametrize("role", [Role.PRACTICE_STAFF, Role.PROGRAMME_MANAGER, Role.COMMUNITY_STAFF])
    def test_nobody_but_the_practices_clps_sees_flags_or_escalations(self, south, role):
        episode, _ = south
        user = user_with_role(role, organisation=episode.practice)
        assert not RiskFlag.objects.visible_to(user).exists()
        assert not Escalation.objects.visible_to(user).exists()
        assert RiskFlag.objects.visible_to(episode.clp).count() == 1

    def test_each_read_of_flags_and_escalations_is_audited(self, south, client):
        episode, flag = south
        row = escalation_record(
            episode=episode,
            by=episode.clp,
            version=fresh(episode).version,
            escalated_to="gp",
            to_whom="Dr Example",
            shared="x",
        )
        client.get(f"/casework/{episode.pk}/")
        for obj in (flag, row):
            entry = LogEntry.objects.get_for_object(obj).get(action=LogEntry.Action.ACCESS)
            assert entry.actor == episode.clp and entry.additional_data == {"purpose": "safeguarding"}

    def test_changes_are_in_the_audit_log(self, south):
        _, flag = south
        risk_flag_resolve(
            flag=flag, by=flag.episode.clp, version=fresh(flag.episode).version, resolution="ok"
        )
        actions = set(LogEntry.objects.get_for_object(flag).values_list("action", flat=True))
        assert {LogEntry.Action.CREATE, LogEntry.Action.UPDATE} <= actions
