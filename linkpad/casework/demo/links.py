"""Links in the demo: supports suggested, agreed, referred with a planned first step, and the closed loop.

Referrals to Springburn Men's Shed reach the demo community organisation's Linkpad inbox, and its staff
user (community@example.org) answers there; every other service is not on Linkpad, so it is sent a
signed link by email and answers through that (the loader sends no real email: see `demo_people_load`).
Every kind of first step and every link stage appears somewhere.
"""

from linkpad.accounts.models import Membership, Organisation, Role
from linkpad.casework.link_services import (
    Answer,
    Answerer,
    link_answer,
    link_move,
    link_plan_first_step,
    link_suggest,
)
from linkpad.casework.models import FirstStep, Link, LinkStage, Task
from linkpad.directory.models import Service

from .journey import Journey
from .stories import ACCOMPANYING, LINK_DECLINED, LINK_ONGOING, LINK_STOPPED

FIRST_STEPS = [FirstStep.ACCOMPANIED, FirstStep.WARM_HANDOVER, FirstStep.PHONE, FirstStep.INFORMATION]


def supports_of(journey: Journey) -> list[Service]:
    """The story's supports that the demo directory has and are taking people."""
    names = journey.person.story.supports
    found = {s.name: s for s in Service.objects.filter(name__in=names, status="active")}
    return [found[name] for name in names if name in found]


def suggest(journey: Journey, day: int, service: Service, *, agree: bool = True) -> Link:
    link = journey.step(
        day,
        lambda: link_suggest(
            episode=journey.episode, service=service, by=journey.clp, version=journey.version()
        ),
    )
    if agree:
        move(journey, day, link, LinkStage.AGREED)
    return link


def move(journey: Journey, day: int, link: Link, stage: str, *, note: str = "") -> None:
    journey.step(
        day,
        lambda: link_move(
            link=link, stage=stage, by=journey.clp, version=journey.version(), note=journey.text(note)
        ),
    )


def refer(journey: Journey, day: int, link: Link, first_step: str) -> None:
    """Plan how they take the first step, then refer them: the service is asked for an answer."""
    plan(journey, day, link, first_step)
    move(journey, day, link, LinkStage.REFERRED)


def plan(journey: Journey, day: int, link: Link, first_step: str) -> None:
    note = ACCOMPANYING.format(clp=journey.clp.get_short_name(), name=journey.name)
    journey.step(
        day,
        lambda: link_plan_first_step(
            link=link,
            by=journey.clp,
            version=journey.version(),
            first_step=first_step,
            first_step_on=journey.date(day + 7),
            note=note if first_step == FirstStep.ACCOMPANIED else "",
        ),
    )


def _answerer(link: Link) -> Answerer:
    organisation_id = link.service.organization.claimed_by_id
    if organisation_id is None:
        return Answerer()  # by the emailed link
    organisation = Organisation.objects.get(pk=organisation_id)
    staff = Membership.objects.filter(organisation=organisation, role=Role.COMMUNITY_STAFF).first()
    return Answerer(user=staff.user if staff else None, organisation=organisation)


def answer(journey: Journey, day: int, link: Link, what: str) -> None:
    """The service answers; the CLP's reminder to follow it up is due that day, and done the next."""
    link.refresh_from_db()
    reason = journey.text(LINK_DECLINED) if what == Answer.DECLINE else ""
    journey.step(day, lambda: link_answer(link=link, answer=what, answerer=_answerer(link), reason=reason))
    reminder = Task.objects.filter(episode=journey.episode, created_by=None, done=False).order_by("-pk")[:1]
    task = reminder.get()
    journey.due_on(Task.objects.filter(pk=task.pk), day)
    journey.complete(day + 1, task)


def first_link(journey: Journey) -> Link | None:
    """The first support: suggested once the plan is agreed, referred when linking starts."""
    supports = supports_of(journey)
    if not supports:
        return None
    link = suggest(journey, 24, supports[0])
    refer(journey, 28, link, FIRST_STEPS[journey.person.started_days_ago % 3])  # all but information
    return link


def first_answer(journey: Journey, link: Link | None, *, attended: bool) -> None:
    """The service's answer: they came, or (for someone still being linked) the first step is arranged."""
    if link is not None:
        answer(journey, 36, link, Answer.ATTENDED) if attended else answer(journey, 31, link, Answer.ACCEPT)


def second_link(journey: Journey, span: int) -> None:
    """The second support, ending one of four ways: attended, declined by the service, stopped by the
    person, or agreed with information only (they will go along themselves, so nothing to refer)."""
    supports = supports_of(journey)[1:]
    if not supports:
        return
    way = span % 4
    link = suggest(journey, 38, supports[0])
    if way == 3:
        plan(journey, 38, link, FirstStep.INFORMATION)
        return
    refer(journey, 40, link, FirstStep.PHONE)
    if way == 0:
        answer(journey, 43, link, Answer.ACCEPT)
        answer(journey, 48, link, Answer.ATTENDED)
    elif way == 1:
        answer(journey, 44, link, Answer.DECLINE)
    elif way == 2:
        answer(journey, 45, link, Answer.ATTENDED)
        move(journey, 50, link, LinkStage.STOPPED, note=LINK_STOPPED)


def keep_going(journey: Journey, day: int, link: Link | None) -> None:
    if link is not None:
        move(journey, day, link, LinkStage.ONGOING, note=LINK_ONGOING)
