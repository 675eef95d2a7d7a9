"""The demo people: who they are, where they are registered, and how far their journey has gone.

Names are random pairings from short lists; dates of birth and CHI numbers come from a fixed seed (CHI
numbers pass the modulus-11 check and start with the date of birth). The draws are the same every time
for the same seed, whatever the date, so loading again finds everyone already there.
"""

import datetime as dt
import random
from dataclasses import dataclass

from linkpad.casework.models import ClosureReason, Stage
from linkpad.referrals.chi import check_digit
from linkpad.referrals.models import Source

from .stories import STORIES, Story

DEMO_SEED = 20250417
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


# The journeys, in the order they are made, and where. "first three" are the CLP's practices.
# One of the triaged is withdrawn by the practice; the same draws as "triaged", so nobody else changes.
REFERRAL_ONLY = ["received"] * 4 + ["triaged", "withdrawn", "triaged"] + ["allocated"] * 4 + ["reached"] * 2
REFERRAL_ONLY += ["declined_triage"] * 2 + ["declined_contact"] * 3 + ["no_response"] * 3
EPISODES = [Stage.CONTACTED] * 3 + [Stage.WHAT_MATTERS] * 4 + [Stage.PLAN] * 4 + [Stage.LINKING] * 4
EPISODES += [Stage.FOLLOW_UP] * 6
CLOSED = [ClosureReason.GOALS_MET] * 3 + [r for r in ClosureReason if r != ClosureReason.GOALS_MET]
ELSEWHERE = 8  # just-received self-referrals at practices without a demo CLP

#: How long ago (in days) each kind of journey began: its referral's arrival.
STARTED = {
    "received": (0, 3),
    "triaged": (3, 8),
    "withdrawn": (3, 8),
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


def referral_source(person: DemoPerson) -> str:
    """Who referred them: practice staff at the two practices with demo staff, another professional for
    some, and the person themself for the rest (always at the practices without a demo CLP)."""
    digit = int(person.chi_number[-1])
    if person.practice_index == 0:
        return Source.SELF if person.self_referral else Source.PRACTICE
    if person.practice_index == 1:
        return Source.PRACTICE if digit % 2 == 0 else Source.PROFESSIONAL if digit in (1, 3) else Source.SELF
    if person.practice_index == 2:
        return Source.PROFESSIONAL if digit % 2 else Source.SELF
    return Source.SELF
