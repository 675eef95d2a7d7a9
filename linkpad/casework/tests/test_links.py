"""Links: the state machine, the closed loop through an inbox or an emailed link, and the emailed token."""

import re
import time

import pytest
from django.core import mail, signing
from django.test import override_settings

from ..link_services import (
    ALREADY_LINKED,
    ANSWER_SALT,
    FIRST_STEP_NEEDED,
    INVALID_LINK_TRANSITION,
    LINK_EXPIRED,
    LINK_INVALID,
    LINK_USED,
    NOT_YOURS_TO_ANSWER,
    REASON_NEEDED,
    Answer,
    Answerer,
    LinkExpired,
    LinkInvalid,
    answer_token,
    current_link_stage,
    link_answer,
    link_for_token,
    link_move,
    link_suggest,
)
from ..models import LinkStatus, Task
from ..services import STALE, EpisodeError, StaleEpisode
from .factories import (
    community_organisation_with_staff,
    fresh,
    link_to,
    open_episode,
    practice_with_clp,
    service_for_links,
)

pytestmark = pytest.mark.django_db

DAY = 24 * 60 * 60


@pytest.fixture
def episode():
    practice, staff, clp = practice_with_clp()
    return open_episode(practice=practice, staff=staff, clp=clp)


def move(link, stage, **kwargs):
    episode = link.episode
    return link_move(link=link, stage=stage, by=episode.clp, version=fresh(episode).version, **kwargs)


def token_in_email() -> str:
    return re.search(r"/casework/answer/(\S+)/", mail.outbox[-1].body).group(1)


class TestTheStateMachine:
    def test_a_suggestion_moves_through_every_stage_each_row_by_its_clp(self, episode):
        link = link_to(service_for_links(), episode=episode, stage="referred")
        for stage in ("first_step", "attended", "ongoing", "stopped"):
            move(link, stage)
        rows = list(LinkStatus.objects.filter(link=link))
        assert [r.stage for r in rows] == [
            "suggested", "agreed", "referred", "first_step", "attended", "ongoing", "stopped"
        ]  # fmt: skip
        assert {r.created_by for r in rows} == {episode.clp}

    def test_invalid_moves_are_refused_in_plain_words(self, episode):
        link = link_to(service_for_links(), episode=episode)
        with pytest.raises(
            EpisodeError, match=INVALID_LINK_TRANSITION.format(current="suggested", new="attended")
        ):
            move(link, "attended")
        assert current_link_stage(link) == "suggested"

    def test_declining_needs_a_reason(self, episode):
        link = link_to(service_for_links(), episode=episode)
        with pytest.raises(EpisodeError, match=REASON_NEEDED):
            move(link, "declined")
        move(link, "declined", reason="Would rather go with her sister")
        assert LinkStatus.objects.filter(link=link).last().reason == "Would rather go with her sister"

    def test_nothing_follows_a_decline(self, episode):
        link = link_to(service_for_links(), episode=episode)
        move(link, "declined", reason="Not now")
        with pytest.raises(EpisodeError, match="declined, so it cannot move to agreed"):
            move(link, "agreed")

    def test_referring_needs_a_first_step(self, episode):
        link = link_suggest(
            episode=episode, service=service_for_links(), by=episode.clp, version=fresh(episode).version
        )
        move(link, "agreed")
        with pytest.raises(EpisodeError, match=FIRST_STEP_NEEDED):
            move(link, "referred")

    def test_the_same_service_twice_is_refused_while_the_first_is_open(self, episode):
        service = service_for_links()
        link_to(service, episode=episode)
        with pytest.raises(EpisodeError, match=ALREADY_LINKED.format(service=service.name)):
            link_suggest(episode=episode, service=service, by=episode.clp, version=fresh(episode).version)

    def test_a_stale_version_is_refused_and_nothing_is_written(self, episode):
        link = link_to(service_for_links(), episode=episode)
        stale = fresh(episode).version - 1
        with pytest.raises(StaleEpisode, match=STALE):
            link_move(link=link, stage="agreed", by=episode.clp, version=stale)
        assert current_link_stage(link) == "suggested"

    def test_every_link_change_raises_the_episode_version(self, episode):
        before = fresh(episode).version
        link = link_to(service_for_links(), episode=episode)
        assert fresh(episode).version == before + 2  # suggested, then the first step planned
        move(link, "agreed")
        assert fresh(episode).version == before + 3

    def test_status_rows_are_history(self, episode):
        row = LinkStatus.objects.filter(link=link_to(service_for_links(), episode=episode)).first()
        row.note = "changed"
        with pytest.raises(ValueError):
            row.save()


class TestClosedLoopThroughTheInbox:
    def test_a_claimed_service_gets_no_email_and_its_staff_answer_for_the_organisation(self, episode):
        organisation, staff = community_organisation_with_staff()
        link = link_to(service_for_links(claimed_by=organisation), episode=episode, stage="referred")
        assert mail.outbox == [] and link.referred_at and not link.answer_key
        version = fresh(episode).version
        row = link_answer(
            link=link, answer=Answer.ACCEPT, answerer=Answerer(user=staff, organisation=organisation)
        )
        assert (row.stage, row.created_by, row.organisation, row.by_email_link) == (
            "first_step", staff, organisation, False
        )  # fmt: skip
        assert fresh(episode).version == version + 1
        task = Task.objects.get(episode=episode)
        assert task.created_by is None and "accepted the referral" in task.text

    def test_another_organisation_cannot_answer(self, episode):
        organisation, _ = community_organisation_with_staff()
        other, other_staff = community_organisation_with_staff("Another Trust")
        link = link_to(service_for_links(claimed_by=organisation), episode=episode, stage="referred")
        with pytest.raises(EpisodeError, match=NOT_YOURS_TO_ANSWER):
            link_answer(
                link=link, answer=Answer.ATTENDED, answerer=Answerer(user=other_staff, organisation=other)
            )

    def test_a_link_not_yet_referred_cannot_be_answered(self, episode):
        organisation, staff = community_organisation_with_staff()
        link = link_to(service_for_links(claimed_by=organisation), episode=episode, stage="agreed")
        with pytest.raises(EpisodeError, match=NOT_YOURS_TO_ANSWER):
            link_answer(
                link=link, answer=Answer.ACCEPT, answerer=Answerer(user=staff, organisation=organisation)
            )


class TestClosedLoopByEmail:
    def test_referring_emails_a_link_to_the_service(self, episode, django_capture_on_commit_callbacks):
        with django_capture_on_commit_callbacks(execute=True):
            link = link_to(
                service_for_links(email="walks@example.org", name="Men's Shed & Walks"),
                episode=episode,
                stage="referred",
            )
        assert [m.to for m in mail.outbox] == [["walks@example.org"]]
        assert link.emailed_to == "walks@example.org"
        body = mail.outbox[0].body
        assert episode.person.family_name not in body and episode.person.given_name not in body
        assert f"has referred someone to {link.service.name}." in body  # plain text, not HTML-escaped
        assert link_for_token(token_in_email()) == link

    def test_a_service_without_an_email_address_is_referred_without_one(self, episode):
        link = link_to(service_for_links(email=""), episode=episode, stage="referred")
        assert link.referred_at and not link.emailed_to and not link.answer_key

    def test_the_answer_is_attributed_to_the_email_link_and_reaches_the_clp(self, episode):
        link = link_to(service_for_links(), episode=episode, stage="referred")
        row = link_answer(
            link=link_for_token(answer_token(link)), answer=Answer.ATTENDED, answerer=Answerer()
        )
        assert (row.stage, row.created_by, row.by_email_link) == ("attended", None, True)
        assert Task.objects.get(episode=episode).text.endswith(
            f"confirmed that {episode.person.given_name} came"
        )

    def test_declining_by_email_needs_a_reason_and_ends_the_token(self, episode):
        link = link_to(service_for_links(), episode=episode, stage="referred")
        token = answer_token(link)
        with pytest.raises(EpisodeError, match=REASON_NEEDED):
            link_answer(link=link, answer=Answer.DECLINE, answerer=Answerer())
        link_answer(link=link, answer=Answer.DECLINE, answerer=Answerer(), reason="We are full until June")
        with pytest.raises(LinkInvalid, match=LINK_USED):
            link_for_token(token)

    def test_accepting_keeps_the_token_for_confirming_attendance(self, episode):
        link = link_to(service_for_links(), episode=episode, stage="referred")
        token = answer_token(link)
        link_answer(link=link_for_token(token), answer=Answer.ACCEPT, answerer=Answerer())
        link_answer(link=link_for_token(token), answer=Answer.ATTENDED, answerer=Answerer())
        with pytest.raises(LinkInvalid, match=LINK_USED):
            link_for_token(token)
        assert Task.objects.filter(episode=episode).count() == 2

    @override_settings(LINKPAD_CLOSED_LOOP_DAYS=14)
    def test_the_token_expires(self, episode, monkeypatch):
        link = link_to(service_for_links(), episode=episode, stage="referred")
        token = answer_token(link)
        now = time.time()
        monkeypatch.setattr(signing.time, "time", lambda: now + 14 * DAY - 60)
        assert link_for_token(token) == link
        monkeypatch.setattr(signing.time, "time", lambda: now + 14 * DAY + 60)
        with pytest.raises(LinkExpired, match=LINK_EXPIRED):
            link_for_token(token)

    def test_a_tampered_token_does_not_work(self, episode):
        link = link_to(service_for_links(), episode=episode, stage="referred")
        other = link_to(service_for_links(), episode=episode, stage="referred")
        value, _, signature = answer_token(link).partition(":")
        forged = f"{other.pk}.{link.answer_key}:{answer_token(link).split(':', 1)[1]}"
        for token in (forged, answer_token(link) + "x", "nonsense", f"{value}:{signature[:-2]}"):
            with pytest.raises(LinkInvalid, match=LINK_INVALID):
                link_for_token(token)

    def test_a_token_signed_for_another_purpose_does_not_work(self, episode):
        link = link_to(service_for_links(), episode=episode, stage="referred")
        value = f"{link.pk}.{link.answer_key}"
        for salt in ("", "linkpad.directory.shortlist"):
            with pytest.raises(LinkInvalid):
                link_for_token(signing.TimestampSigner(salt=salt).sign(value))
        assert link_for_token(signing.TimestampSigner(salt=ANSWER_SALT).sign(value)) == link
