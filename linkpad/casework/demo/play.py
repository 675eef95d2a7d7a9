"""Each demo person's journey, a service call at a time, at realistic intervals (days after referral)."""

import datetime as dt

from linkpad.casework.models import ClosureReason, ContactMode, GoalStatus, Stage
from linkpad.outcomes.models import Timepoint
from linkpad.referrals.models import ContactMethod, ContactOutcome

from . import links, wellbeing
from .journey import Journey
from .stories import CHECK_INS, DECLINE_AFTER_CONTACT, DECLINE_AT_TRIAGE, DNA_NOTE

REVIEW_DAY = 90  # the wellbeing review, the first follow-up contact from three months in
ENDS_WELL = (ClosureReason.GOALS_MET, ClosureReason.MOVED_ON)


def play(journey: Journey) -> None:
    """Take the person as far as their journey goes."""
    person, kind = journey.person, journey.person.journey
    span = person.started_days_ago
    if kind == "received":
        return
    if kind == "declined_triage":
        journey.decline(1, DECLINE_AT_TRIAGE[span % 2])
        return
    journey.triage(1)
    if kind == "triaged":
        return
    if kind == "withdrawn":
        journey.withdraw(min(3, span))
        return
    journey.allocate(2)
    if kind == "allocated":
        for day in range(3, min(span, 3 + span % 3 * 3), 3):  # some already tried once or twice
            journey.attempt(day, ContactOutcome.NO_ANSWER if day == 3 else ContactOutcome.LEFT_MESSAGE)
        return
    if kind == "no_response":  # the third try sends the GP a message
        journey.attempt(3, ContactOutcome.NO_ANSWER)
        journey.attempt(6, ContactOutcome.LEFT_MESSAGE, notes="Left a message with the CLP's number.")
        journey.attempt(10, ContactOutcome.NO_ANSWER, method=ContactMethod.TEXT, notes="Text sent.")
        journey.read_messages(13)
        return
    if span % 2:
        journey.attempt(3, ContactOutcome.NO_ANSWER)
    journey.attempt(min(5, span), ContactOutcome.REACHED, notes="Explained the service; happy to meet.")
    if kind == "reached":  # contacted, casework not started yet
        return
    if kind == "declined_contact":
        journey.decline(5, DECLINE_AFTER_CONTACT[span % len(DECLINE_AFTER_CONTACT)])
        return
    casework(journey, Stage(kind), span)


def casework(journey: Journey, stage: str, span: int) -> None:
    story, today, closure = journey.person.story, journey.today, journey.person.closure
    journey.open(5)
    if stage == Stage.CONTACTED:
        journey.task(5, "Book the what matters conversation with {name}", today - dt.timedelta(days=span % 3))
        return
    journey.what_matters(12)
    wellbeing.record(journey, 12, Timepoint.BASELINE)
    if stage == Stage.WHAT_MATTERS:
        journey.task(12, "Agree a plan with {name}", today + dt.timedelta(days=span % 4))
        return
    if closure == ClosureReason.DECLINED:
        journey.close(16, closure)
        return
    goals = journey.plan(20)
    if stage == Stage.PLAN:
        supports = links.supports_of(journey)
        if supports:
            links.suggest(journey, 22, supports[0], agree=span % 2 == 0)
        journey.task(20, "Phone {name} about the first goal", today - dt.timedelta(days=span % 5))
        return
    if closure == ClosureReason.MOVED_AWAY:
        journey.close(26, closure)
        return
    first = links.first_link(journey)
    journey.move(28, Stage.LINKING)
    journey.contact(28, story.linking[0], minutes=50)
    if stage == Stage.LINKING and span < 70:  # still waiting for the service's answer
        journey.task(28, "Ring {name} to see how the first visit went", today)
        return
    links.first_answer(journey, first, attended=stage != Stage.LINKING)
    journey.contact(38, story.linking[-1], mode=ContactMode.WALK_AND_TALK, minutes=90)
    journey.task(38, "Send the GP an update on {name}", journey.date(45), done_day=44)
    if stage == Stage.LINKING:
        journey.task(38, "Ring {name} to see how the first visit went", today - dt.timedelta(days=2))
        return
    links.second_link(journey, span)
    if span % 3 == 0:
        journey.gp_update(44)
    links.keep_going(journey, 50, first)
    if closure == ClosureReason.MOVED_ON:
        wellbeing.record(journey, 52, Timepoint.CLOSURE)
        journey.close(52, closure)
        return
    follow_up(journey, stage, span, goals)


def follow_up(journey: Journey, stage: str, span: int, goals: list) -> None:
    story, today, closure = journey.person.story, journey.today, journey.person.closure
    journey.move(55, Stage.FOLLOW_UP)
    if journey.concern:
        wellbeing.concern_escalated_and_resolved(journey, 58)
    end = span - 2 if stage == Stage.FOLLOW_UP else min(span - 14, 150)
    day, notes, reviewed = 62, [*story.follow_up, *CHECK_INS], False
    for count in range(99):
        if day >= end:
            break
        missed = closure == ClosureReason.NO_CONTACT and count >= 2 or (count + span) % 4 == 3
        if missed:
            journey.contact(day, DNA_NOTE, dna=True)
        else:
            mode = ContactMode.PHONE if count % 2 else ContactMode.FACE_TO_FACE
            journey.contact(day, notes[count % len(notes)], mode=mode, minutes=20 if count % 2 else 40)
            if day >= REVIEW_DAY and not reviewed:
                wellbeing.record(journey, day, Timepoint.REVIEW)
                reviewed = True
        if count == 1 and goals:
            journey.goal_progress(day, goals[0], GoalStatus.ACHIEVED, "Done. " + notes[0])
        day += 14 + (span + count) % 3 * 7
    if stage == Stage.FOLLOW_UP:
        journey.task(day - 14, "Review the goals with {name}", today - dt.timedelta(days=1 + span % 6))
        journey.task(day - 14, "Check {name} got the letter about the next appointment", today)
        if journey.risk_today:
            wellbeing.risk_at_review_today(journey)
        return
    if closure == ClosureReason.GOALS_MET:
        for goal in goals[1:]:
            journey.goal_progress(min(day, span - 10), goal, GoalStatus.ACHIEVED, "Achieved.")
    if closure in ENDS_WELL:
        wellbeing.record(journey, min(day, span - 10), Timepoint.CLOSURE)
    journey.close(min(day, span - 10), closure)
