"""Synthetic people at every stage of the CLP journey, for the demo. Nobody here is a real person.

About 60 made-up people, mostly at the three practices the demo CLP (clp@example.org) serves, whose
referrals and episodes have been played through the real services over the last nine months: just
received, triaged, allocated, reached, declined, no response after three tries, and casework at every
stage up to closure for each reason, with what-matters conversations, goals, contacts (some missed)
and tasks due today and overdue.

Names are random pairings from short lists; dates of birth and CHI numbers come from a fixed seed (CHI
numbers pass the modulus-11 check and start with the date of birth); postcodes are real postcodes in
each practice's own postcode sector, so SIMD deciles resolve; phone numbers are in Ofcom's range
reserved for drama (07700 900xxx) and email addresses are at example.com.

Loading twice changes nothing: a person whose CHI number is already there is skipped.

DEMO DATA ONLY - BACK-DATING: the services stamp what they write with the current time, as they must in
real use. So that the demo shows realistic timelines, `_Journey.backdate` moves the rows each step wrote
(status rows included) back to when the story says it happened, with queryset `.update()`.
Nothing outside this file does that, and nothing should. The audit log is left alone: it truthfully
says when the demo loader wrote the rows.
"""

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Case, DateTimeField, F, Value, When
from django.utils import timezone

from linkpad.accounts.models import Organisation, OrganisationKind, User
from linkpad.geography.models import Postcode
from linkpad.referrals.chi import check_digit
from linkpad.referrals.models import (
    ContactMethod,
    ContactOutcome,
    Person,
    Priority,
    ReasonCode,
    Referral,
    ReferralStatus,
    Source,
    Urgency,
)
from linkpad.referrals.services import (
    PersonDetails,
    contact_attempt_record,
    referral_allocate,
    referral_create,
    referral_decline,
    referral_triage,
)

from .models import (
    Closure,
    ClosureReason,
    Contact,
    ContactMode,
    Episode,
    EpisodeStatus,
    Goal,
    GoalNote,
    GoalStatus,
    Stage,
    Task,
    WhatMatters,
)
from .services import (
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

DEMO_SEED = 20250417
CLP_EMAIL = "clp@example.org"
PRACTICE_STAFF_EMAIL = "practice@example.org"

# Deliberately ordinary, so that no pairing points at anyone in particular.
FEMALE_NAMES = [
    "Agnes", "Aileen", "Amy", "Ann", "Carol", "Catherine", "Chloe", "Christine", "Donna", "Elaine",
    "Elizabeth", "Emma", "Fiona", "Gillian", "Helen", "Isla", "Jacqueline", "Janet", "Jean", "Julie",
    "Karen", "Kirsty", "Laura", "Lorraine", "Lynn", "Margaret", "Marion", "Morag", "Nicola", "Patricia",
    "Rachel", "Rose", "Sandra", "Shona", "Stephanie", "Tracy",
]  # fmt: skip
MALE_NAMES = [
    "Alan", "Alexander", "Andrew", "Brian", "Callum", "Colin", "Craig", "Daniel", "David", "Derek",
    "Douglas", "Gary", "Gordon", "Graham", "Hugh", "Ian", "James", "John", "Kevin", "Kyle", "Liam",
    "Malcolm", "Mark", "Martin", "Neil", "Paul", "Robert", "Ryan", "Scott", "Stephen", "Stuart",
    "Thomas", "William",
]  # fmt: skip
FAMILY_NAMES = [
    "Aitken", "Anderson", "Boyle", "Brown", "Cairns", "Campbell", "Connelly", "Docherty", "Donnelly",
    "Duffy", "Ferguson", "Gallacher", "Gibson", "Hamilton", "Harvey", "Hughes", "Kerr", "Lafferty",
    "Logan", "MacDonald", "MacLeod", "McAllister", "McBride", "McCann", "McGregor", "McInnes", "McKay",
    "McLaughlin", "McPhee", "Millar", "Mitchell", "Munro", "Murray", "O'Neill", "Paterson", "Quinn",
    "Reid", "Robertson", "Ross", "Shaw", "Sinclair", "Stewart", "Thomson", "Watt", "Young",
]  # fmt: skip


@dataclass(frozen=True)
class Story:
    """What is going on for someone, in the words each stage records. {name} is their first name."""

    reasons: tuple[str, ...]
    referral: str  # the referrer's words
    narrative: str  # what matters, as the CLP wrote it down
    needs: tuple[str, ...]
    strengths: str
    risks: str
    goals: tuple[str, ...]
    linking: tuple[str, ...]  # contact notes while linking
    follow_up: tuple[str, ...]  # contact notes at follow-up
    outcome: str  # how things stand at the end


R = ReasonCode
STORIES = [
    Story(
        reasons=(R.DEBT, R.MENTAL_WELLBEING),
        referral="Council tax arrears and catalogue debts. Not opening letters, not sleeping, low mood. "
        "Agreed to see the CLP.",
        narrative="{name} has a pile of unopened letters in a drawer and can't face them. Worried the "
        "sheriff officers will come to the door. Sleeping three or four hours a night. Says what matters "
        "most is 'getting on top of it so I can breathe again'.",
        needs=(R.DEBT, R.MONEY, R.MENTAL_WELLBEING),
        strengths="Honest about what is going on. Close to a sister in Balornock.",
        risks="No thoughts of self-harm when asked. Low mood for several months.",
        goals=(
            "Open the letters with someone and know exactly what I owe",
            "Get a payment plan for the council tax I can afford",
            "Sleep through more nights",
        ),
        linking=(
            "Went through the letters together at the practice. Booked with the money advice service; "
            "{name} wants me there for the first appointment.",
            "Went with {name} to the money advice appointment. They will deal with the council and the "
            "catalogue companies directly.",
        ),
        follow_up=(
            "Payment arrangement agreed for the council tax. {name} says the weight has lifted.",
            "Sleeping better. Has started opening the post every morning with a cup of tea.",
            "Checked in by phone. Still on track with payments.",
        ),
        outcome="Debts are in a payment plan and {name} is managing the post without help.",
    ),
    Story(
        reasons=(R.BEREAVEMENT, R.LONELINESS),
        referral="Wife died eight months ago after a long illness. Has stopped going out, lost weight. "
        "Daughter worried about them.",
        narrative="{name} nursed their partner for two years and now the days are empty. Hasn't been to "
        "the bowling club since the funeral. What matters: 'having a reason to get dressed in the "
        "morning'. Would like to talk to others who have been through it.",
        needs=(R.BEREAVEMENT, R.LONELINESS, R.FOOD),
        strengths="Good with their hands. Daughter phones every day. Used to be a club treasurer.",
        risks="Not eating proper meals. Says they 'wouldn't do anything daft'.",
        goals=(
            "Go to the bereavement group at least three times",
            "Get back to the bowling club before the season starts",
            "Cook a proper dinner most days",
        ),
        linking=(
            "Phoned the bereavement support group with {name} on speaker. First session is Thursday.",
            "Walked round to the bowling club together; the secretary remembered {name} and offered a lift.",
        ),
        follow_up=(
            "Went to the group twice. Found it hard but 'it helps knowing it's not just me'.",
            "Back at the bowling club on Saturdays. Eating better; daughter has noticed.",
            "Low week around the anniversary. Talked it through; still going to the group.",
        ),
        outcome="{name} goes to the bereavement group and the bowling club each week and is eating well.",
    ),
    Story(
        reasons=(R.LONELINESS, R.PHYSICAL_ACTIVITY),
        referral="Lives alone on the 14th floor. Lift often broken. Says nobody to talk to for days at a "
        "time. Frequent attender with minor complaints.",
        narrative="{name} hasn't left the flat some weeks because of the stairs when the lift is off. "
        "Watches the television all day. What matters: 'company, and getting my legs stronger so the "
        "stairs don't beat me'.",
        needs=(R.LONELINESS, R.PHYSICAL_ACTIVITY, R.HOUSING),
        strengths="Sharp sense of humour. Loves old films. Knows the area well.",
        risks="Fall last winter on the stairs. No pendant alarm.",
        goals=(
            "Get out of the flat at least twice a week",
            "Join a gentle exercise class to build up my legs",
            "Ask the housing association about a move to a lower floor",
        ),
        linking=(
            "Referred to the befriending service; a volunteer will visit on Tuesdays.",
            "Went with {name} to the seated exercise class at the community centre. Stayed for the tea "
            "after.",
        ),
        follow_up=(
            "Volunteer visiting weekly; they go to the cafe together.",
            "Housing association have {name} on the list for a ground-floor flat.",
            "Managing the stairs better. Goes to the class on Mondays and Thursdays.",
        ),
        outcome="{name} is out of the flat most days, has a befriender and is on the transfer list.",
    ),
    Story(
        reasons=(R.HOUSING, R.MENTAL_WELLBEING),
        referral="Damp and mould in the flat, youngest child's asthma worse. Housing association not "
        "responding. Very stressed.",
        narrative="Black mould in both bedrooms; {name} has reported it four times. Feels nobody "
        "listens. What matters: 'the weans breathing properly and a landlord that fixes things'.",
        needs=(R.HOUSING, R.MENTAL_WELLBEING, R.MONEY),
        strengths="Organised: has photos and dates of every report. Supportive neighbour.",
        risks="Child's asthma. High stress; not sleeping.",
        goals=(
            "Get the damp in the bedrooms properly fixed",
            "Find out if we can get help with the heating bills",
        ),
        linking=(
            "Helped {name} write a formal complaint with the photos. Referred to the housing advice service.",
            "Referred to the energy advice project for a heating check and grants.",
        ),
        follow_up=(
            "Surveyor visited; works booked for next month.",
            "Energy advice got the family onto the warm home discount.",
            "Work done in the big bedroom. Chasing the second room.",
        ),
        outcome="Damp treated, heating costs down, and {name} knows how to escalate if it comes back.",
    ),
    Story(
        reasons=(R.CARING, R.MENTAL_WELLBEING),
        referral="Full-time carer for husband with dementia. Exhausted, tearful in the surgery. No breaks.",
        narrative="{name} has cared for their husband day and night for three years. Hasn't had an "
        "evening off in a year. What matters: 'a couple of hours to myself without worrying' and "
        "knowing what happens if they get ill.",
        needs=(R.CARING, R.MENTAL_WELLBEING, R.MONEY),
        strengths="Deep love for her husband. A good friend from church.",
        risks="Carer strain. Not claiming Carer's Allowance. No emergency plan.",
        goals=(
            "Get a regular break each week",
            "Have a carer's emergency plan in place",
            "Check we are getting the benefits we are entitled to",
        ),
        linking=(
            "Referred to the carers centre for an adult carer support plan.",
            "Benefits check through the carers centre: Carer's Allowance claim made.",
        ),
        follow_up=(
            "Day centre place twice a week starting next month. {name} plans to go swimming again.",
            "Emergency plan done with the carers centre.",
            "Went to the carers' cafe; 'nice to be with people who get it'.",
        ),
        outcome="{name} has two breaks a week, an emergency plan and Carer's Allowance in payment.",
    ),
    Story(
        reasons=(R.EMPLOYMENT, R.MENTAL_WELLBEING),
        referral="Lost job in the warehouse six months ago. Low mood, up all night, not leaving the house.",
        narrative="{name} feels useless since losing the job and stays up gaming till five. What "
        "matters: 'a job, any job, and feeling like myself again'. Interested in forklift or driving.",
        needs=(R.EMPLOYMENT, R.MENTAL_WELLBEING, R.MONEY),
        strengths="Good with computers. Used to play five-a-side. Mum is supportive.",
        risks="Low mood; drinking energy drinks all night. Denies thoughts of self-harm.",
        goals=(
            "Get up before ten on weekdays",
            "Get on a course for my forklift licence",
            "Play football again",
        ),
        linking=(
            "Referred to the employability service; keyworker appointment booked.",
            "Found a Wednesday walking football group; {name} wants to try the under-40s one first.",
        ),
        follow_up=(
            "Keyworker has funded the forklift course. Starts in three weeks.",
            "Going to football on Wednesdays. Up by nine most days.",
            "Passed the forklift test. Applying for jobs with the keyworker.",
        ),
        outcome="{name} has a forklift licence, a routine, and is applying for work with a keyworker.",
    ),
    Story(
        reasons=(R.MONEY, R.FOOD),
        referral="Universal Credit sanctioned. Has used the food bank twice. Struggling with the PIP form.",
        narrative="{name} was sanctioned after missing an appointment while in hospital. Has £20 until "
        "the next payment. What matters: 'enough to eat and the electric on' and help with the PIP form.",
        needs=(R.MONEY, R.FOOD, R.DIGITAL),
        strengths="Determined. Keeps every letter. Good friends in the close.",
        risks="No gas or electric credit some days. Diabetic and skipping meals.",
        goals=(
            "Challenge the sanction",
            "Get the PIP form in on time",
            "Never be without food in the house",
        ),
        linking=(
            "Food bank voucher and fuel top-up today. Welfare rights appointment booked for the sanction.",
            "Filled in the PIP form together over two sessions.",
        ),
        follow_up=(
            "Sanction overturned on reconsideration; back pay due.",
            "PIP assessment letter arrived. Welfare rights will prepare {name} for it.",
            "Joined the community pantry: £3.50 a week for a bag of shopping.",
        ),
        outcome="Sanction overturned, PIP claim in, and {name} uses the community pantry each week.",
    ),
    Story(
        reasons=(R.LONELINESS, R.DIGITAL),
        referral="Moved to the area after separation. Knows nobody. Not online. Low confidence.",
        narrative="{name} moved here last year and says the days are long. Has never used a smartphone "
        "properly. What matters: 'meeting people, and being able to video call my grandchildren'.",
        needs=(R.LONELINESS, R.DIGITAL),
        strengths="Chatty once comfortable. Loves singing. Grandchildren in Aberdeen.",
        risks="Isolated; few people would notice if unwell.",
        goals=(
            "Learn to video call my grandchildren",
            "Join something where I can meet folk",
        ),
        linking=(
            "Booked onto the library's getting-online sessions; tablet on loan.",
            "Went with {name} to the community choir's open night.",
        ),
        follow_up=(
            "Video called the grandchildren for the first time. 'Grat my eyes out.'",
            "Going to choir every week and has been asked to the Christmas night out.",
        ),
        outcome="{name} video calls family every week and has friends from the choir.",
    ),
    Story(
        reasons=(R.PHYSICAL_ACTIVITY, R.MENTAL_WELLBEING),
        referral="Type 2 diabetes, weight rising, would like to get more active but anxious about gyms.",
        narrative="{name} gets breathless on the hill and feels self-conscious in a gym. What matters: "
        "'being fit enough to keep up with the grandweans in the park'.",
        needs=(R.PHYSICAL_ACTIVITY, R.MENTAL_WELLBEING, R.FOOD),
        strengths="Motivated. Has a dog that needs walking.",
        risks="Blood sugar not well controlled.",
        goals=(
            "Walk 30 minutes five days a week",
            "Try a walking group",
            "Learn some cheap healthy meals",
        ),
        linking=(
            "Went along to the first health walk in the park with {name}.",
            "Booked on the community cooking course at the church hall.",
        ),
        follow_up=(
            "Walking most days with the dog and the Tuesday group.",
            "Made the lentil soup from the course for the whole family.",
            "Missed two walks with a bad knee; back at it now.",
        ),
        outcome="{name} walks most days, cooks from scratch more and feels fitter.",
    ),
    Story(
        reasons=(R.SUBSTANCE_USE, R.LONELINESS),
        referral="Drinking more since retiring. Wife concerned. Wants to cut down and find something to do.",
        narrative="Since retiring from the buses {name} has been at the pub from opening. What matters: "
        "'something to get up for that isn't the pub' and staying healthy for the family.",
        needs=(R.SUBSTANCE_USE, R.LONELINESS, R.PHYSICAL_ACTIVITY),
        strengths="Practical. Good with wood. Wife and son supportive.",
        risks="Around 50 units a week. Raised liver tests.",
        goals=(
            "Cut down to the weekends only",
            "Find something to do with my hands",
        ),
        linking=(
            "Went with {name} to the men's shed on a Monday morning. Stayed two hours.",
            "Referred to the community alcohol service for support cutting down.",
        ),
        follow_up=(
            "At the shed three mornings a week making bird boxes for the school.",
            "Down to about 20 units. Alcohol worker seeing {name} fortnightly.",
        ),
        outcome="{name} is at the men's shed most mornings and drinking much less.",
    ),
    Story(
        reasons=(R.MENTAL_WELLBEING, R.MONEY, R.LONELINESS),
        referral="Young mum, isolated with a toddler, low mood, money tight since partner left.",
        narrative="{name} spends most days alone in the flat with the wee one. Feels judged at the park. "
        "What matters: 'other mums to talk to' and getting the money sorted.",
        needs=(R.MENTAL_WELLBEING, R.MONEY, R.LONELINESS),
        strengths="Devoted to her daughter. Her gran lives nearby.",
        risks="Postnatal depression last year. Health visitor involved.",
        goals=(
            "Go to a parent and toddler group",
            "Get a benefits check now I'm on my own",
        ),
        linking=(
            "Went with {name} to the stay-and-play at the family centre.",
            "Benefits check booked; she may be missing the Scottish Child Payment.",
        ),
        follow_up=(
            "Going to the stay-and-play on Fridays; swapped numbers with two mums.",
            "Scottish Child Payment and Best Start grant now in payment.",
        ),
        outcome="{name} has other parents to talk to and the money she was missing.",
    ),
    Story(
        reasons=(R.BEREAVEMENT, R.CARING, R.MONEY),
        referral="Mother died in spring after years of caring for her. Carer's Allowance stopped. Lost.",
        narrative="{name} cared for their mum for nine years and 'doesn't know who I am now'. Money has "
        "dropped with the Carer's Allowance gone. What matters: 'a purpose, and not losing the house'.",
        needs=(R.BEREAVEMENT, R.MONEY, R.EMPLOYMENT),
        strengths="Patient and kind; the neighbours call {name} 'the one who helps'.",
        risks="Grief; rent arrears building.",
        goals=(
            "Sort out the money so I can stay in the house",
            "Talk to someone about Mum",
            "Find volunteering I can do",
        ),
        linking=(
            "Housing officer agreed to pause arrears action while the benefit change goes through.",
            "Referred to bereavement counselling; and to the volunteer centre.",
        ),
        follow_up=(
            "Counselling started. Says it is the first time anyone asked about the caring years.",
            "Volunteering at the food pantry on Wednesdays.",
            "Rent back on track with the housing element sorted.",
        ),
        outcome="{name} has secure housing, counselling, and a volunteering role they love.",
    ),
]

DECLINE_AT_TRIAGE = [
    "Needs urgent mental health support rather than community links: passed back to the GP the same day "
    "to refer to the community mental health team.",
    "Lives outwith the practice area now and is registered elsewhere: signposted to their new practice.",
]
DECLINE_AFTER_CONTACT = [
    "Spoke to them: already getting help from the money advice service and doesn't want anything else "
    "just now. Happy to be referred again.",
    "Said the referral was the GP's idea and they feel fine. Left the door open.",
    "Going back to work next week and says there's no time. Gave the CLP's number in case.",
]

CLOSURES = {
    ClosureReason.GOALS_MET: "{outcome} Met the goals we set together and feels able to carry on without "
    "CLP support. Summary sent to the GP.",
    ClosureReason.MOVED_ON: "{name} is now supported week to week by the service we linked them to, who "
    "will be in touch with the practice if needed. Summary sent to the GP.",
    ClosureReason.DECLINED: "After the what matters conversation {name} decided they did not want more "
    "support just now. They know how to come back. GP informed.",
    ClosureReason.NO_CONTACT: "Missed the last appointments and not answering calls or texts. Letter sent "
    "inviting {name} to get back in touch. GP informed.",
    ClosureReason.MOVED_AWAY: "{name} has moved to Lanarkshire and registered with a new practice. Passed "
    "on the details of the link workers there, with their agreement.",
    ClosureReason.OTHER: "{name} has had a long hospital admission and the hospital social work team are "
    "now leading. Happy to pick up again on discharge.",
}
DNA_NOTE = "Did not come to the appointment. Texted to rebook."
CHECK_INS = (
    "Catch-up: things are steady. Talked about what is coming up this month.",
    "Quick call. {name} is keeping going with the plan; nothing new needed.",
    "Met at the practice. A harder fortnight, but still linked in and wants to carry on.",
)

# The journeys, in the order they are made, and where. "first three" are the CLP's practices.
REFERRAL_ONLY = ["received"] * 4 + ["triaged"] * 3 + ["allocated"] * 4 + ["reached"] * 2
REFERRAL_ONLY += ["declined_triage"] * 2 + ["declined_contact"] * 3 + ["no_response"] * 3
EPISODES = [Stage.CONTACTED] * 3 + [Stage.WHAT_MATTERS] * 4 + [Stage.PLAN] * 4 + [Stage.LINKING] * 4
EPISODES += [Stage.FOLLOW_UP] * 6
CLOSED = [ClosureReason.GOALS_MET] * 3 + [r for r in ClosureReason if r != ClosureReason.GOALS_MET]
ELSEWHERE = 8  # just-received self-referrals at practices without a demo CLP

#: How long ago (in days) each kind of journey began: its referral's arrival.
STARTED = {
    "received": (0, 3),
    "triaged": (3, 8),
    "allocated": (5, 16),
    "reached": (6, 12),
    "declined_triage": (20, 150),
    "declined_contact": (25, 200),
    "no_response": (30, 220),
    Stage.CONTACTED: (8, 20),
    Stage.WHAT_MATTERS: (20, 40),
    Stage.PLAN: (35, 60),
    Stage.LINKING: (55, 100),
    Stage.FOLLOW_UP: (110, 220),
    Stage.CLOSED: (150, 270),
}


@dataclass(frozen=True)
class DemoPerson:
    given_name: str
    family_name: str
    date_of_birth: dt.date
    chi_number: str
    practice_index: int
    journey: str
    story: Story
    started_days_ago: int
    self_referral: bool
    closure: str = ""


def demo_chi(rng: random.Random, date_of_birth: dt.date, sex: str) -> str:
    """A CHI number valid by the modulus-11 rule, starting with the date of birth, for this sex."""
    while True:
        first_nine = f"{date_of_birth:%d%m%y}{rng.randrange(100):02d}{rng.randrange(0, 10, 2) + (sex == 'm')}"
        check = check_digit(first_nine)
        if check is not None:
            return f"{first_nine}{check}"


def demo_people(seed: int = DEMO_SEED) -> list[DemoPerson]:
    """The demo people, the same every time for the same seed (and whatever the date)."""
    rng = random.Random(seed)
    journeys = [(j, "") for j in REFERRAL_ONLY] + [(s, "") for s in EPISODES]
    journeys += [(Stage.CLOSED, reason) for reason in CLOSED]
    people, used_names, chis = [], set(), set()
    total = len(journeys) + ELSEWHERE
    for index in range(total):
        journey, closure = journeys[index] if index < len(journeys) else ("received", "")
        practice_index = rng.choice([0, 0, 0, 1, 1, 2]) if index < len(journeys) else 3 + index % 9
        sex = rng.choice("fm")
        while True:
            given = rng.choice(FEMALE_NAMES if sex == "f" else MALE_NAMES)
            family = rng.choice(FAMILY_NAMES)
            if (given, family) not in used_names:
                used_names.add((given, family))
                break
        date_of_birth = dt.date(1938, 1, 1) + dt.timedelta(days=rng.randrange(365 * 68))
        chi = demo_chi(rng, date_of_birth, sex)
        while chi in chis:
            chi = demo_chi(rng, date_of_birth, sex)
        chis.add(chi)
        low, high = STARTED[journey]
        people.append(
            DemoPerson(
                given_name=given,
                family_name=family,
                date_of_birth=date_of_birth,
                chi_number=chi,
                practice_index=practice_index,
                journey=journey,
                story=STORIES[index % len(STORIES)],
                started_days_ago=rng.randint(low, high),
                self_referral=practice_index != 0 or rng.random() < 0.2,
                closure=closure,
            )
        )
    return people


def _weekday(day: dt.date) -> dt.date:
    """CLPs work Monday to Friday: a weekend step happened on the Friday before."""
    return day - dt.timedelta(days=max(0, day.weekday() - 4))


class _Journey:
    """One person's journey played through the real services, each step back-dated to when it happened.

    DEMO DATA ONLY: see the module docstring. `step` notes the real time and the story's time and runs
    the service; `backdate`, once the journey is played, moves every row each step wrote to its story time.
    """

    def __init__(self, person: DemoPerson, *, today: dt.date, clp: User, postcode: str):
        self.person, self.today, self.clp, self.postcode = person, today, clp, postcode
        self.when = timezone.now()
        self.start = today - dt.timedelta(days=person.started_days_ago)
        self.referral: Referral | None = None
        self.episode: Episode | None = None
        self.sequence = 0
        self.steps: list[tuple[dt.datetime, dt.datetime]] = []  # (when it began, when the story says)
        self.name = person.given_name

    def date(self, day: int) -> dt.date:
        """The working day `day` days after the referral arrived (never after today)."""
        return min(_weekday(self.start + dt.timedelta(days=day)), self.today)

    def moment(self, day: int) -> dt.datetime:
        self.sequence += 1  # steps on the same day follow each other through the working day
        at = dt.datetime.combine(self.date(day), dt.time(9, 0)) + dt.timedelta(minutes=17 * self.sequence)
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
        ]

    def text(self, template: str) -> str:
        return template.format(name=self.name)

    def version(self) -> int:
        return Episode.objects.values_list("version", flat=True).get(pk=self.episode.pk)

    # The journey, a service call at a time.

    def refer(self, practice: Organisation, staff: User | None) -> None:
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
        self_referral = person.self_referral or staff is None
        urgency = Urgency.SOON if person.chi_number[-2] in "12" and not self_referral else Urgency.ROUTINE
        mark = timezone.now()
        self.referral = referral_create(
            practice=practice,
            details=details,
            reasons=story.reasons,
            source=Source.SELF if self_referral else Source.PRACTICE,
            consent_to_share=True,
            referred_by=None if self_referral else staff,
            free_text=story.referral,
            urgency=urgency,
            confirmed_new_person=True,
        )
        self._backdate(self._referral_rows(), self.moment(0), mark)
        self.referral.refresh_from_db()

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
            task.refresh_from_db()  # with its back-dated times, which task_complete saves again
            self.step(done_day, lambda: task_complete(task=task, by=self.clp, version=self.version()))

    def close(self, day: int, reason: str) -> None:
        summary = CLOSURES[reason].format(outcome=self.text(self.person.story.outcome), name=self.name)
        self.step(
            day,
            lambda: episode_close(
                episode=self.episode, by=self.clp, version=self.version(), reason=reason, summary=summary
            ),
        )


def _play(journey: _Journey) -> None:
    """Take the person as far as their journey goes, at realistic intervals."""
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
    journey.allocate(2)
    if kind == "allocated":
        for day in range(3, min(span, 3 + span % 3 * 3), 3):  # some already tried once or twice
            journey.attempt(day, ContactOutcome.NO_ANSWER if day == 3 else ContactOutcome.LEFT_MESSAGE)
        return
    if kind == "no_response":
        journey.attempt(3, ContactOutcome.NO_ANSWER)
        journey.attempt(6, ContactOutcome.LEFT_MESSAGE, notes="Left a message with the CLP's number.")
        journey.attempt(10, ContactOutcome.NO_ANSWER, method=ContactMethod.TEXT, notes="Text sent.")
        return
    if span % 2:
        journey.attempt(3, ContactOutcome.NO_ANSWER)
    journey.attempt(min(5, span), ContactOutcome.REACHED, notes="Explained the service; happy to meet.")
    if kind == "reached":  # contacted, casework not started yet
        return
    if kind == "declined_contact":
        journey.decline(5, DECLINE_AFTER_CONTACT[span % len(DECLINE_AFTER_CONTACT)])
        return
    _casework(journey, Stage(kind), span)


def _casework(journey: _Journey, stage: str, span: int) -> None:
    story, today, closure = journey.person.story, journey.today, journey.person.closure
    journey.open(5)
    if stage == Stage.CONTACTED:
        journey.task(5, "Book the what matters conversation with {name}", today - dt.timedelta(days=span % 3))
        return
    journey.what_matters(12)
    if stage == Stage.WHAT_MATTERS:
        journey.task(12, "Agree a plan with {name}", today + dt.timedelta(days=span % 4))
        return
    if closure == ClosureReason.DECLINED:
        journey.close(16, closure)
        return
    goals = journey.plan(20)
    if stage == Stage.PLAN:
        journey.task(20, "Phone {name} about the first goal", today - dt.timedelta(days=span % 5))
        return
    if closure == ClosureReason.MOVED_AWAY:
        journey.close(26, closure)
        return
    journey.move(28, Stage.LINKING)
    journey.contact(28, story.linking[0], minutes=50)
    if stage == Stage.LINKING and span < 70:
        journey.task(28, "Ring {name} to see how the first visit went", today)
        return
    journey.contact(38, story.linking[-1], mode=ContactMode.WALK_AND_TALK, minutes=90)
    journey.task(38, "Send the GP an update on {name}", journey.date(45), done_day=44)
    if stage == Stage.LINKING:
        journey.task(38, "Ring {name} to see how the first visit went", today - dt.timedelta(days=2))
        return
    if closure == ClosureReason.MOVED_ON:
        journey.close(52, closure)
        return
    journey.move(55, Stage.FOLLOW_UP)
    end = span - 2 if stage == Stage.FOLLOW_UP else min(span - 14, 150)
    day, notes = 62, [*story.follow_up, *CHECK_INS]
    for count in range(99):
        if day >= end:
            break
        missed = closure == ClosureReason.NO_CONTACT and count >= 2 or (count + span) % 4 == 3
        if missed:
            journey.contact(day, DNA_NOTE, dna=True)
        else:
            mode = ContactMode.PHONE if count % 2 else ContactMode.FACE_TO_FACE
            journey.contact(day, notes[count % len(notes)], mode=mode, minutes=20 if count % 2 else 40)
        if count == 1 and goals:
            journey.goal_progress(day, goals[0], GoalStatus.ACHIEVED, "Done. " + notes[0])
        day += 14 + (span + count) % 3 * 7
    if stage == Stage.FOLLOW_UP:
        journey.task(day - 14, "Review the goals with {name}", today - dt.timedelta(days=1 + span % 6))
        journey.task(day - 14, "Check {name} got the letter about the next appointment", today)
        return
    if closure == ClosureReason.GOALS_MET:
        for goal in goals[1:]:
            journey.goal_progress(min(day, span - 10), goal, GoalStatus.ACHIEVED, "Achieved.")
    journey.close(min(day, span - 10), closure)


def _postcodes(practices: list[Organisation], seed: int) -> dict[int, list[str]]:
    """Live postcodes in each practice's own postcode sector that have a data zone (so SIMD resolves)."""
    found = {}
    for index, practice in enumerate(practices):
        sector = practice.postcode[:-2]  # "G22 5AP" -> "G22 5"
        codes = list(
            Postcode.objects.filter(postcode__range=(f"{sector}A", f"{sector}ZZ"), in_use=True)
            .filter(datazone__isnull=False)
            .order_by("postcode")
            .values_list("postcode", flat=True)
        )
        found[index] = codes or [practice.postcode]
    return found


@transaction.atomic
def demo_people_load(*, seed: int = DEMO_SEED, today: dt.date | None = None) -> dict[str, int]:
    """Create the demo people and their journeys, skipping anyone already there. Run after the demo
    accounts (demo_accounts_load). Returns how many were created, already there, and in all."""
    today = today or timezone.localdate()
    clp = User.objects.get(email=CLP_EMAIL)
    staff = User.objects.get(email=PRACTICE_STAFF_EMAIL)
    practices = list(
        Organisation.objects.filter(kind=OrganisationKind.GP_PRACTICE, code__startswith="DEMO").order_by(
            "code"
        )
    )
    people = demo_people(seed)
    existing = set(
        Person.objects.filter(chi_number__in=[p.chi_number for p in people]).values_list(
            "chi_number", flat=True
        )
    )
    postcodes, pick = _postcodes(practices, seed), random.Random(f"{seed}-postcodes")
    created = 0
    for person in people:
        postcode = pick.choice(postcodes[person.practice_index])  # drawn for everyone, so picks stay put
        if person.chi_number in existing:
            continue
        journey = _Journey(person, today=today, clp=clp, postcode=postcode)
        practice = practices[person.practice_index]
        journey.refer(practice, staff if person.practice_index == 0 else None)
        _play(journey)
        journey.backdate()
        created += 1
    return {"created": created, "existing": len(existing), "people": len(people)}
