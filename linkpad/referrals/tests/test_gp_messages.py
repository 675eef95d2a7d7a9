"""Messages back to the GP: built from the record, coded in SNOMED CT, sent by themselves at key points."""

import datetime as dt

import pytest
from django.utils import timezone

from linkpad.accounts.models import Role
from linkpad.accounts.tests.factories import user_with_role
from linkpad.casework.link_services import link_move
from linkpad.casework.services import contact_record, episode_close, goal_add, what_matters_record
from linkpad.casework.tests.factories import (
    fresh,
    link_to,
    open_episode,
    practice_with_clp,
    service_for_links,
)
from linkpad.outcomes.tests.factories import record
from linkpad.referrals.gp_messages import (
    NOT_CLOSED,
    NOT_PRACTICE_STAFF,
    NOT_THEIR_CLP,
    GpMessageError,
    gp_message_compose,
    gp_message_export,
    gp_message_mark_read,
    gp_message_send,
)
from linkpad.referrals.models import GpMessage, GpMessageKind
from linkpad.referrals.services import (
    NOT_THEIR_REFERRAL,
    NOT_WAITING,
    WITHDRAW_REASON_NEEDED,
    ReferralError,
    contact_attempt_record,
    current_status,
    no_response_attempts,
    referral_allocate,
    referral_decline,
    referral_triage,
    referral_withdraw,
)

from .factories import clp_at, make_referral, practice_with_staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def team():
    return practice_with_clp()


@pytest.fixture
def worked_episode(team):
    """An episode with a conversation, a goal, a contact and a link the person went to."""
    practice, staff, clp = team
    episode = open_episode(practice=practice, staff=staff, clp=clp, reasons=["loneliness", "money"])
    what_matters_record(
        episode=episode,
        by=clp,
        version=fresh(episode).version,
        narrative="Wants to get out of the house and meet people again.",
        needs=["loneliness", "physical_activity"],
        strengths="Loves gardening",
    )
    goal_add(
        episode=episode,
        by=clp,
        version=fresh(episode).version,
        text="Go to the walking group every week",
        review_on=timezone.localdate() + dt.timedelta(days=28),
    )
    contact_record(
        episode=episode,
        by=clp,
        version=fresh(episode).version,
        happened_on=timezone.localdate(),
        mode="phone",
    )
    link = link_to(service_for_links(name="Springburn Strollers"), episode=episode, stage="referred")
    link_move(link=link, stage="attended", by=clp, version=fresh(episode).version)
    return fresh(episode)


def test_composing_pulls_what_was_recorded_into_the_prsb_fields(worked_episode):
    message = gp_message_compose(
        referral=worked_episode.referral, kind=GpMessageKind.UPDATE, by=worked_episode.clp
    )
    content = message.content
    assert message.pk is None and message.episode == worked_episode
    assert content["person"]["name"] == str(worked_episode.person)
    assert content["referral"]["reasons"] == ["Loneliness", "Money"]
    assert content["what_matters"]["narrative"] == "Wants to get out of the house and meet people again."
    assert content["what_matters"]["needs"] == ["Loneliness", "Physical activity"]
    assert [goal["text"] for goal in content["goals"]] == ["Go to the walking group every week"]
    [support] = content["supports"]
    assert support["service"] == "Springburn Strollers"
    assert support["first_step"] == "Accompanied by the CLP"
    assert support["status"] == "Attended" and support["attended"] is True
    assert content["contacts"] == {"count": 1, "did_not_attend": 0}
    assert content["clp"] == {"name": str(worked_episode.clp), "email": worked_episode.clp.email}
    assert content["closure"] is None


@pytest.mark.parametrize(
    ("kind", "code", "display"),
    [
        (GpMessageKind.DECLINED, "871711000000103", "Social prescribing declined"),
        (GpMessageKind.CLOSURE, "871731000000106", "Referral to social prescribing service"),
        (GpMessageKind.RECEIVED, "871731000000106", "Referral to social prescribing service"),
    ],
)
def test_each_message_carries_its_snomed_ct_code(worked_episode, kind, code, display):
    message = gp_message_compose(referral=worked_episode.referral, kind=kind, by=worked_episode.clp)
    assert (message.snomed_code, message.snomed_display) == (code, display)


def test_closing_an_episode_sends_the_closure_message_to_the_practice(worked_episode):
    episode_close(
        episode=worked_episode,
        by=worked_episode.clp,
        version=worked_episode.version,
        reason="goals_met",
        summary="Goes to the walking group every week and feels less alone.",
    )
    message = GpMessage.objects.get()
    assert message.kind == GpMessageKind.CLOSURE and message.episode_id == worked_episode.pk
    assert message.snomed_code == "871731000000106"
    assert message.content["closure"]["reason"] == "Goals met"
    assert "feels less alone" in message.summary
    assert message.read_at is None and message.created_by == worked_episode.clp


def test_declining_a_referral_sends_the_declined_message(team):
    practice, staff, clp = team
    referral = make_referral(practice=practice, by=staff)
    referral_decline(referral=referral, reason="Already seeing the council's wellbeing team", by=clp)
    message = GpMessage.objects.get(referral=referral)
    assert message.kind == GpMessageKind.DECLINED and message.snomed_code == "871711000000103"
    assert "Already seeing the council's wellbeing team" in message.summary


def test_the_no_response_rule_sends_a_not_contacted_message(team):
    practice, staff, clp = team
    referral = make_referral(practice=practice, by=staff)
    referral_triage(referral=referral, priority=2, by=clp)
    referral_allocate(referral=referral, practitioner=clp, by=clp)
    for _ in range(no_response_attempts() - 1):
        contact_attempt_record(referral=referral, method="phone", outcome="no_answer", by=clp)
    assert not GpMessage.objects.exists()
    contact_attempt_record(referral=referral, method="phone", outcome="no_answer", by=clp)
    message = GpMessage.objects.get()
    assert message.kind == GpMessageKind.NOT_CONTACTED
    assert f"after {no_response_attempts()} attempts" in message.summary


def test_without_consent_to_share_the_message_carries_the_code_only(team):
    practice, staff, clp = team
    episode = open_episode(practice=practice, staff=staff, clp=clp, consent_to_share=False)
    what_matters_record(episode=episode, by=clp, version=fresh(episode).version, narrative="Private story")
    message = gp_message_send(referral=episode.referral, kind=GpMessageKind.UPDATE, by=clp)
    assert "what_matters" not in message.content and "reasons" not in message.content["referral"]
    assert "Private story" not in str(message.content) and "code only" in message.summary
    assert message.snomed_code == "871731000000106"


def test_only_the_practice_clp_sends_and_closure_needs_a_closed_episode(worked_episode):
    other_clp = clp_at(practice_with_staff()[0])
    with pytest.raises(GpMessageError) as refused:
        gp_message_send(referral=worked_episode.referral, kind=GpMessageKind.UPDATE, by=other_clp)
    assert str(refused.value) == NOT_THEIR_CLP.format(practice=worked_episode.practice)
    with pytest.raises(GpMessageError, match=NOT_CLOSED):
        gp_message_send(referral=worked_episode.referral, kind=GpMessageKind.CLOSURE, by=worked_episode.clp)
    assert not GpMessage.objects.exists()


def test_the_export_has_the_snomed_coding_and_the_fields(worked_episode):
    message = gp_message_send(
        referral=worked_episode.referral, kind=GpMessageKind.UPDATE, by=worked_episode.clp
    )
    data = gp_message_export(message)
    assert data["coding"] == [
        {
            "system": "http://snomed.info/sct",
            "code": "871731000000106",
            "display": "Referral to social prescribing service",
        }
    ]
    assert data["kind"] == "update" and data["supports"][0]["service"] == "Springburn Strollers"


def test_only_practice_staff_mark_a_message_read_and_the_first_reading_is_kept(worked_episode):
    staff = worked_episode.referral.referred_by
    message = gp_message_send(
        referral=worked_episode.referral, kind=GpMessageKind.UPDATE, by=worked_episode.clp
    )
    with pytest.raises(GpMessageError, match=NOT_PRACTICE_STAFF):
        gp_message_mark_read(message=message, by=worked_episode.clp)
    gp_message_mark_read(message=message, by=staff)
    first = GpMessage.objects.get().read_at
    colleague = user_with_role(Role.PRACTICE_STAFF, worked_episode.practice)
    gp_message_mark_read(message=message, by=colleague)
    again = GpMessage.objects.get()
    assert again.read_by == staff and again.read_at == first


def test_practice_staff_withdraw_a_waiting_referral_with_a_reason(team):
    practice, staff, clp = team
    referral = make_referral(practice=practice, by=staff)
    with pytest.raises(ReferralError, match=WITHDRAW_REASON_NEEDED):
        referral_withdraw(referral=referral, reason="  ", by=staff)
    with pytest.raises(ReferralError, match=NOT_THEIR_REFERRAL):
        referral_withdraw(referral=referral, reason="Moved away", by=clp)
    referral_withdraw(referral=referral, reason="Moved to Aberdeen", by=staff)
    assert current_status(referral) == "withdrawn"
    assert referral.statuses.last().reason == "Moved to Aberdeen"


def test_a_referral_no_longer_waiting_cannot_be_withdrawn(team):
    practice, staff, clp = team
    referral = open_episode(practice=practice, staff=staff, clp=clp).referral
    with pytest.raises(ReferralError) as refused:
        referral_withdraw(referral=referral, reason="Changed mind", by=staff)
    assert str(refused.value) == NOT_WAITING.format(current="contacted")


def test_outcome_measures_answered_twice_are_in_the_message(worked_episode):
    record(worked_episode, "swemwbs", [2] * 7, on=timezone.localdate() - dt.timedelta(days=60))
    record(worked_episode, "swemwbs", [4] * 7, timepoint="closure", on=timezone.localdate())
    message = gp_message_compose(
        referral=worked_episode.referral, kind=GpMessageKind.UPDATE, by=worked_episode.clp
    )
    [measure] = message.content["outcome_measures"]
    assert measure["measure"] == "SWEMWBS" and measure["latest"] > measure["baseline"]
    assert measure["verdict"] == "meaningful improvement"
    assert measure["statement"].startswith("SWEMWBS went from")
