"""One person's journey played through the real services, each step back-dated to when it happened.

DEMO DATA ONLY - BACK-DATING: the services stamp what they write with the current time, as they must in
real use. So that the demo shows realistic timelines, `Journey.backdate` moves the rows each step wrote
(status rows included) back to when the story says it happened, with queryset `.update()`; a reminder
or review date the services set from today is moved the same way. Nothing outside this package does
that, and nothing should. The audit log is left alone: it truthfully says when the demo loader wrote
the rows.
"""

import datetime as dt
from collections.abc import Callable

from django.db.models import Case, DateTimeField, F, Value, When
from django.utils import timezone

from linkpad.accounts.models import Organisation, User
from linkpad.casework.models import (
    Closure,
    Contact,
    ContactMode,
    Episode,
    EpisodeStatus,
    Escalation,
    Goal,
    GoalNote,
    Link,
    LinkStatus,
    RiskFlag,
    Stage,
    Task,
    WhatMatters,
)
from linkpad.casework.services import (
    contact_record,
    episode_close,
    episode_move,
    episode_open,
    goal_add,
    goal_update,
    task_add,
    task_complete,
    what_matters_record,
)
from linkpad.outcomes.models import Administration
from linkpad.referrals.gp_messages import gp_message_mark_read, gp_message_send
from linkpad.referrals.models import (
    ContactMethod,
    GpMessage,
    GpMessageKind,
    Person,
    Priority,
    Referral,
    ReferralStatus,
    Source,
    Urgency,
)
from linkpad.referrals.services import (
    PersonDetails,
    ReferrerDetails,
    contact_attempt_record,
    referral_allocate,
    referral_create,
    referral_decline,
    referral_triage,
    referral_withdraw,
)

from .people import DemoPerson, referral_source
from .stories import CLOSURES, PROFESSIONALS, WITHDRAWN

UNREAD_DAYS = 10  # the practice has not yet opened messages it would have read in the last ten days


def _weekday(day: dt.date) -> dt.date:
    """CLPs work Monday to Friday: a weekend step happened on the Friday before."""
    return day - dt.timedelta(days=max(0, day.weekday() - 4))


class Journey:
    """One person's journey played through the real services, each step back-dated to when it happened.

    DEMO DATA ONLY: see the module docstring. `step` notes the real time and the story's time and runs
    the service; `backdate`, once the journey is played, moves every row each step wrote to its story time.
    """

    def __init__(self, person: DemoPerson, *, today: dt.date, clp: User, postcode: str, staff: User | None):
        self.person, self.today, self.clp, self.postcode = person, today, clp, postcode
        self.staff = staff  # the practice's demo staff user, if it has one
        self.concern = self.risk_today = False  # the one or two people with a safeguarding story
        self.when = timezone.now()
        self.start = today - dt.timedelta(days=person.started_days_ago)
        self.referral: Referral | None = None
        self.episode: Episode | None = None
        self.sequence, self.last_date = 0, None
        self.steps: list[tuple[dt.datetime, dt.datetime]] = []  # (when it began, when the story says)
        self.name = person.given_name

    def date(self, day: int) -> dt.date:
        """The working day `day` days after the referral arrived (never after today)."""
        return min(_weekday(self.start + dt.timedelta(days=day)), self.today)

    def moment(self, day: int) -> dt.datetime:
        date = self.date(day)
        self.sequence = self.sequence + 1 if date == self.last_date else 1
        self.last_date = date  # steps on the same day follow each other through the working day
        at = dt.datetime.combine(date, dt.time(9, 0)) + dt.timedelta(minutes=17 * self.sequence)
        return min(timezone.make_aware(at), timezone.now() - dt.timedelta(minutes=1))

    def step(self, day: int, call: Callable):
        self.when = self.moment(day)
        self.steps.append((timezone.now(), self.when))
        return call()

    def backdate(self) -> None:
        """Move each row written since a step began to the time of that step, a query per table.

        Steps ran one after another, so a row's real timestamp says which step wrote it: the latest
        step that began at or before it. Rows already written with a story time (the referral's
        arrival, contact attempts) are older than every step and keep their time."""
        if not self.steps:
            return
        rows = self._referral_rows()
        if self.episode is None:
            self.episode = Episode.objects.filter(referral=self.referral).first()
        if self.episode is not None:
            rows += self._episode_rows()
        for queryset, field in rows:
            when = [When(**{f"{field}__gte": mark}, then=Value(at)) for mark, at in reversed(self.steps)]
            queryset.filter(**{f"{field}__gte": self.steps[0][0]}).update(
                **{field: Case(*when, default=F(field), output_field=DateTimeField())}
            )

    @staticmethod
    def _backdate(rows, when: dt.datetime, mark: dt.datetime) -> None:
        for queryset, field in rows:
            queryset.filter(**{f"{field}__gte": mark}).update(**{field: when})

    def _referral_rows(self):
        referral = self.referral
        return [
            (Person.objects.filter(pk=referral.person_id), "created_at"),
            (Referral.objects.filter(pk=referral.pk), "received_at"),
            (ReferralStatus.objects.filter(referral=referral), "created_at"),
            (GpMessage.objects.filter(referral=referral), "created_at"),
            (GpMessage.objects.filter(referral=referral), "read_at"),
        ]

    def _episode_rows(self):
        episode = self.episode
        return [
            (Episode.objects.filter(pk=episode.pk), "opened_at"),
            (EpisodeStatus.objects.filter(episode=episode), "created_at"),
            (WhatMatters.objects.filter(episode=episode), "recorded_at"),
            (Goal.objects.filter(episode=episode), "created_at"),
            (GoalNote.objects.filter(goal__episode=episode), "created_at"),
            (Contact.objects.filter(episode=episode), "recorded_at"),
            (Task.objects.filter(episode=episode), "created_at"),
            (Task.objects.filter(episode=episode), "done_at"),
            (Closure.objects.filter(episode=episode), "closed_at"),
            (Link.objects.filter(episode=episode), "created_at"),
            (Link.objects.filter(episode=episode), "referred_at"),
            (LinkStatus.objects.filter(link__episode=episode), "created_at"),
            (Administration.objects.filter(episode=episode), "recorded_at"),
            (RiskFlag.objects.filter(episode=episode), "raised_at"),
            (RiskFlag.objects.filter(episode=episode), "resolved_at"),
            (Escalation.objects.filter(episode=episode), "recorded_at"),
        ]

    def text(self, template: str) -> str:
        return template.format(name=self.name)

    def version(self) -> int:
        return Episode.objects.values_list("version", flat=True).get(pk=self.episode.pk)

    # The journey, a service call at a time.

    def refer(self, practice: Organisation) -> None:
        person, story = self.person, self.person.story
        details = PersonDetails(
            given_name=person.given_name,
            family_name=person.family_name,
            date_of_birth=person.date_of_birth,
            chi_number=person.chi_number,
            postcode=self.postcode,
            phone=f"07700 900{int(person.chi_number[-3:]):03d}",
            email=f"{person.given_name}.{person.family_name}".lower().replace("'", "") + "@example.com",
            preferred_contact="text" if person.chi_number[-1] in "05" else "phone",
        )
        source = referral_source(person)
        if source == Source.PRACTICE and self.staff is None:
            source = Source.SELF
        urgency = Urgency.SOON if person.chi_number[-2] in "12" and source != Source.SELF else Urgency.ROUTINE
        mark = timezone.now()
        self.referral = referral_create(
            practice=practice,
            details=details,
            reasons=story.reasons,
            source=source,
            consent_to_share=True,
            referred_by=self.staff if source == Source.PRACTICE else None,
            free_text=story.referral,
            urgency=urgency,
            confirmed_new_person=True,
            referrer=self._professional() if source == Source.PROFESSIONAL else None,
        )
        self._backdate(self._referral_rows(), self.moment(0), mark)
        self.referral.refresh_from_db()

    def _professional(self) -> ReferrerDetails:
        number = int(self.person.chi_number[-3:])
        name, role, organisation = PROFESSIONALS[number % len(PROFESSIONALS)]
        email = name.lower().replace(" ", ".") + "@example.org"
        return ReferrerDetails(name, role, organisation, phone=f"0141 496 0{number:03d}", email=email)

    def triage(self, day: int) -> None:
        priority = Priority.HIGH if self.referral.urgency != Urgency.ROUTINE else Priority.MEDIUM
        self.step(day, lambda: referral_triage(referral=self.referral, priority=priority, by=self.clp))

    def allocate(self, day: int) -> None:
        self.step(day, lambda: referral_allocate(referral=self.referral, practitioner=self.clp, by=self.clp))

    def attempt(self, day: int, outcome: str, method: str = ContactMethod.PHONE, notes: str = "") -> None:
        self.step(
            day,
            lambda: contact_attempt_record(
                referral=self.referral,
                method=method,
                outcome=outcome,
                by=self.clp,
                notes=notes,
                attempted_at=self.when,
            ),
        )

    def decline(self, day: int, reason: str) -> None:
        self.step(day, lambda: referral_decline(referral=self.referral, reason=reason, by=self.clp))
        self.read_messages(day + 2)

    def withdraw(self, day: int) -> None:
        self.step(day, lambda: referral_withdraw(referral=self.referral, reason=WITHDRAWN, by=self.staff))

    def read_messages(self, day: int) -> None:
        """Practice staff open the messages from the CLP in their inbox, if the practice has demo staff;
        the last week's or so are still unread."""
        if self.staff is None or self.person.started_days_ago - day < UNREAD_DAYS:
            return
        for message in GpMessage.objects.filter(referral=self.referral, read_at__isnull=True):
            self.step(day, lambda message=message: gp_message_mark_read(message=message, by=self.staff))

    def due_on(self, tasks, day: int) -> None:
        """A reminder the services set for today, due when the story says it was set (demo only)."""
        tasks.update(due_on=self.date(day))

    def complete(self, day: int, task: Task) -> None:
        task.refresh_from_db()  # with its back-dated times, which task_complete saves again
        self.step(day, lambda: task_complete(task=task, by=self.clp, version=self.version()))

    def open(self, day: int) -> None:
        self.referral.refresh_from_db()  # episode_open copies its (back-dated) arrival time
        self.episode = self.step(day, lambda: episode_open(referral=self.referral, by=self.clp))

    def move(self, day: int, stage: str, note: str = "") -> None:
        self.step(
            day,
            lambda: episode_move(
                episode=self.episode, stage=stage, by=self.clp, version=self.version(), note=note
            ),
        )

    def contact(self, day: int, note: str, *, mode=ContactMode.FACE_TO_FACE, minutes=45, dna=False) -> None:
        self.step(
            day,
            lambda: contact_record(
                episode=self.episode,
                by=self.clp,
                version=self.version(),
                happened_on=self.date(day),
                mode=mode,
                duration_minutes=minutes,
                did_not_attend=dna,
                note=self.text(note),
            ),
        )

    def what_matters(self, day: int) -> None:
        story = self.person.story
        self.move(day, Stage.WHAT_MATTERS)
        self.contact(day, "What matters conversation at the practice.", minutes=60)
        self.step(
            day,
            lambda: what_matters_record(
                episode=self.episode,
                by=self.clp,
                version=self.version(),
                narrative=self.text(story.narrative),
                needs=story.needs,
                strengths=self.text(story.strengths),
                risks=story.risks,
            ),
        )

    def plan(self, day: int, review_in: int = 42) -> list[Goal]:
        self.move(day, Stage.PLAN, note="Goals agreed together.")
        goals = []
        for text in self.person.story.goals:
            review_on = self.date(day) + dt.timedelta(days=review_in)
            goal = self.step(
                day,
                lambda text=text, review_on=review_on: goal_add(
                    episode=self.episode,
                    by=self.clp,
                    version=self.version(),
                    text=self.text(text),
                    review_on=max(review_on, timezone.localdate()),  # the service refuses past dates...
                ),
            )
            Goal.objects.filter(pk=goal.pk).update(review_on=review_on)  # ...so back-date it (demo only)
            goal.refresh_from_db()  # with its back-dated times, which goal_update saves again
            goals.append(goal)
        return goals

    def goal_progress(self, day: int, goal: Goal, status: str, note: str) -> None:
        self.step(
            day,
            lambda: goal_update(
                goal=goal, by=self.clp, version=self.version(), status=status, note=self.text(note)
            ),
        )

    def task(self, day: int, text: str, due_on: dt.date, *, done_day: int | None = None) -> None:
        task = self.step(
            day,
            lambda: task_add(
                episode=self.episode, by=self.clp, version=self.version(), text=self.text(text), due_on=due_on
            ),
        )
        if done_day is not None:
            self.complete(done_day, task)

    def close(self, day: int, reason: str) -> None:
        summary = CLOSURES[reason].format(outcome=self.text(self.person.story.outcome), name=self.name)
        self.step(
            day,
            lambda: episode_close(
                episode=self.episode, by=self.clp, version=self.version(), reason=reason, summary=summary
            ),
        )
        self.read_messages(day + 3)

    def gp_update(self, day: int) -> None:
        """Send the practice a linking update from the episode, as the CLP does from its page."""
        self.step(
            day,
            lambda: gp_message_send(
                referral=self.referral, kind=GpMessageKind.UPDATE, by=self.clp, episode=self.episode
            ),
        )
        self.read_messages(day + 3)
