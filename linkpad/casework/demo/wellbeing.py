"""Outcome measures and safeguarding in the demo.

Everyone who has a what matters conversation fills in SWEMWBS then, again at a review in follow-up,
and at closure if they end well: most improve by more than the 3-point change threshold, one in five
does not change. Some also answer ONS4, and a few with low mood PHQ-9 and GAD-7. One person's PHQ-9 at
review, today, answers item 9 above 0, so Linkpad raises a risk-to-self flag for the CLP to review now;
another person tells the CLP about a concern, which is passed to duty social work and resolved.
"""

from linkpad.casework.models import EscalatedTo, RiskFlag, RiskKind, Task
from linkpad.casework.safeguarding import escalation_record, risk_flag_raise, risk_flag_resolve
from linkpad.outcomes.models import Timepoint
from linkpad.outcomes.services import administration_record
from linkpad.referrals.models import ReasonCode

from .journey import Journey
from .stories import CONCERN, CONCERN_OUTCOME, CONCERN_RESOLVED, CONCERN_SHARED

B, R, C = Timepoint.BASELINE, Timepoint.REVIEW, Timepoint.CLOSURE
#: Answers at baseline, review and closure, for someone who improves.
IMPROVING = {
    "swemwbs": {B: [2, 2, 2, 3, 2, 2, 2], R: [3, 3, 3, 3, 3, 4, 3], C: [4, 3, 4, 4, 4, 3, 4]},
    "ons4": {B: [4, 5, 3, 7], R: [6, 6, 6, 5], C: [7, 8, 7, 3]},
    "phq9": {B: [2, 2, 2, 2, 1, 2, 1, 1, 0], R: [1, 1, 1, 1, 1, 1, 0, 0, 0], C: [1, 0, 1, 1, 0, 1, 0, 0, 0]},
    "gad7": {B: [2, 2, 2, 2, 1, 1, 1], R: [1, 1, 1, 1, 1, 1, 0], C: [1, 1, 1, 1, 0, 0, 0]},
}
#: For someone whose wellbeing has not changed, give or take a point.
UNCHANGED = {
    "swemwbs": {B: [2, 3, 2, 2, 3, 2, 2], R: [2, 2, 3, 2, 3, 2, 2], C: [3, 2, 2, 2, 3, 2, 2]},
    "ons4": {B: [5, 5, 4, 6], R: [5, 4, 5, 6], C: [5, 5, 5, 6]},
    "phq9": {B: [1, 2, 1, 2, 1, 1, 1, 0, 0], R: [1, 2, 2, 1, 1, 1, 1, 0, 0], C: [1, 2, 1, 2, 1, 1, 0, 0, 0]},
    "gad7": {B: [1, 2, 1, 2, 1, 1, 1], R: [2, 1, 1, 2, 1, 1, 1], C: [1, 2, 1, 1, 1, 1, 1]},
}
PHQ9_ITEM_9_SEVERAL_DAYS = [2, 2, 2, 2, 1, 2, 1, 1, 1]


def measures_of(journey: Journey) -> list[str]:
    span, story = journey.person.started_days_ago, journey.person.story
    measures = ["swemwbs"]
    if span % 3 == 0:
        measures.append("ons4")
    if ReasonCode.MENTAL_WELLBEING in story.needs and span % 2 == 0:
        measures += ["phq9", "gad7"]
    return measures


def record(journey: Journey, day: int, timepoint: str, *, measures: list[str] | None = None) -> None:
    answers = UNCHANGED if journey.person.started_days_ago % 5 == 0 else IMPROVING
    for measure in measures or measures_of(journey):
        journey.step(
            day,
            lambda measure=measure: administration_record(
                episode=journey.episode,
                by=journey.clp,
                version=journey.version(),
                measure=measure,
                timepoint=timepoint,
                answers=answers[measure][timepoint],
                completed_on=journey.date(day),
            ),
        )


def risk_at_review_today(journey: Journey) -> None:
    """PHQ-9 at a review today, answering item 9 "several days": Linkpad raises the flag and a reminder,
    left open for the CLP to act on when they sign in."""
    day = journey.person.started_days_ago
    journey.step(
        day,
        lambda: administration_record(
            episode=journey.episode,
            by=journey.clp,
            version=journey.version(),
            measure="phq9",
            timepoint=R,
            answers=PHQ9_ITEM_9_SEVERAL_DAYS,
            completed_on=journey.date(day),
        ),
    )


def concern_escalated_and_resolved(journey: Journey, day: int) -> None:
    flag = journey.step(
        day,
        lambda: risk_flag_raise(
            episode=journey.episode,
            by=journey.clp,
            version=journey.version(),
            kind=RiskKind.ADULT_PROTECTION,
            detail=journey.text(CONCERN),
        ),
    )
    journey.due_on(Task.objects.filter(episode=journey.episode, text__startswith="Safety flag"), day)
    journey.step(
        day,
        lambda: escalation_record(
            episode=journey.episode,
            by=journey.clp,
            version=journey.version(),
            escalated_to=EscalatedTo.DUTY_SOCIAL_WORK,
            to_whom="Duty social worker, north east social work office (demo)",
            shared=journey.text(CONCERN_SHARED),
            escalated_at=journey.moment(day),
            outcome=CONCERN_OUTCOME,
            flag=flag,
        ),
    )
    for task in Task.objects.filter(episode=journey.episode, text__startswith="Safety flag", done=False):
        journey.complete(day + 1, task)
    flag = RiskFlag.objects.get(pk=flag.pk)
    journey.step(
        day + 9,
        lambda: risk_flag_resolve(
            flag=flag, by=journey.clp, version=journey.version(), resolution=journey.text(CONCERN_RESOLVED)
        ),
    )
