"""A synthetic person with a row in every kind of record, made through the real services. Nobody here is real."""

import datetime as dt

from django.utils import timezone

from linkpad.outcomes.services import administration_record
from linkpad.referrals.tests.factories import chi_for, details

from ..models import Episode
from ..safeguarding import escalation_record, risk_flag_raise, risk_flag_resolve
from ..services import contact_record, episode_close, goal_add, goal_update, task_add, what_matters_record
from .factories import fresh, link_to, open_episode, service_for_links

BORN = dt.date(1958, 9, 23)


def person_with_everything(
    *, practice, staff, clp, given_name: str, family_name: str, serial: int = 12, close: bool = True
) -> Episode:
    """An episode with every kind of record, each holding words that name the person (`family_name`)."""
    episode = open_episode(
        practice=practice,
        staff=staff,
        clp=clp,
        details=details(
            given_name=given_name,
            family_name=family_name,
            date_of_birth=BORN,
            chi_number=chi_for(BORN, serial=serial),
            postcode="G22 5AA",
            phone="07700 900987",
            email=f"{given_name.lower()}@example.org",
        ),
        free_text=f"{given_name} {family_name} has been very isolated since a bereavement",
    )

    def v():
        return fresh(episode).version

    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    what_matters_record(
        episode=episode,
        by=clp,
        version=v(),
        narrative=f"{family_name} wants to get back to the bowling club",
        needs=["loneliness", "bereavement"],
        strengths=f"{family_name} is a keen baker",
        risks="",
    )
    goal = goal_add(
        episode=episode, by=clp, version=v(), text=f"{family_name} goes bowling weekly", review_on=tomorrow
    )
    goal_update(goal=goal, by=clp, version=v(), status="open", note=f"{family_name} went once")
    contact_record(
        episode=episode,
        by=clp,
        version=v(),
        happened_on=timezone.localdate(),
        mode="walk_and_talk",
        duration_minutes=45,
        note=f"Walked with {family_name} round the park",
    )
    task_add(episode=episode, by=clp, version=v(), text=f"Ring {family_name} about the club", due_on=tomorrow)
    link_to(service_for_links(name="Springburn Bowling Club"), episode=episode, stage="agreed")
    administration_record(
        episode=episode, by=clp, version=v(), measure="PHQ-9", timepoint="baseline", answers=[1] * 9
    )  # item 9 above 0 raises a flag automatically
    flag = risk_flag_raise(
        episode=episode, by=clp, version=v(), kind="from_others", detail=f"{family_name} fears a neighbour"
    )
    escalation_record(
        episode=episode,
        by=clp,
        version=v(),
        flag=flag,
        escalated_to="gp",
        to_whom="Dr Duty",
        shared=f"Told the GP that {family_name} fears a neighbour",
        outcome=f"GP will see {family_name} this week",
    )
    risk_flag_resolve(flag=flag, by=clp, version=v(), resolution=f"{family_name} has moved flat")
    if close:
        episode_close(
            episode=episode,
            by=clp,
            version=v(),
            reason="goals_met",
            summary=f"{family_name} now bowls weekly",
        )
    return fresh(episode)
