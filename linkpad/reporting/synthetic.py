"""Synthetic programme data in bulk, for the benchmark and for tests that need volume. Nobody here is real.

Rows are written with bulk_create straight into the tables (no services, no status history), so a
hundred thousand episodes take a minute rather than hours. Only the fields reporting reads are filled.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from linkpad.accounts.models import Membership, Organisation, OrganisationKind, Role, User
from linkpad.casework.models import (
    Closure,
    ClosureReason,
    Contact,
    ContactMode,
    Episode,
    FirstStep,
    Link,
    LinkStage,
    LinkStatus,
    Need,
    WhatMatters,
)
from linkpad.directory.models import Organization, Service
from linkpad.outcomes.models import Administration, Timepoint
from linkpad.referrals.models import ContactAttempt, Person, ReasonCode, Referral, ReferralReason, Source

BATCH = 5000


@dataclass
class Programme:
    programme: Organisation
    practices: list[Organisation]
    clp: User
    manager: User


def _bulk(model, rows: list) -> list:
    return model.objects.bulk_create(rows, batch_size=BATCH)


@transaction.atomic
def synthetic_programme(
    *, episodes: int, practices: int = 20, seed: int = 7, today: dt.date | None = None, postcodes=("",)
) -> Programme:
    """A programme with practices, a CLP and a manager, and `episodes` episodes over the past two years."""
    rng = random.Random(seed)
    today = today or timezone.localdate()
    programme = Organisation.objects.create(
        name=f"Synthetic programme {seed}", kind=OrganisationKind.PROGRAMME
    )
    surgeries = _bulk(
        Organisation,
        [
            Organisation(
                name=f"Synthetic Practice {seed}-{n:02d}",
                kind=OrganisationKind.GP_PRACTICE,
                code=f"S{seed}{n:04d}",
                programme=programme,
            )
            for n in range(practices)
        ],
    )
    clp = User.objects.create_user(email=f"clp{seed}@synthetic.example.org", full_name="Synthetic CLP")
    manager = User.objects.create_user(
        email=f"manager{seed}@synthetic.example.org", full_name="Synthetic Manager"
    )
    Membership.objects.create(user=manager, organisation=programme, role=Role.PROGRAMME_MANAGER)
    _bulk(Membership, [Membership(user=clp, organisation=p, role=Role.LINK_PRACTITIONER) for p in surgeries])
    organization, _ = Organization.objects.get_or_create(
        id="synthetic-org", defaults={"name": "Synthetic Trust"}
    )
    service, _ = Service.objects.get_or_create(
        id="synthetic-service", defaults={"organization": organization, "name": "Synthetic Walking Group"}
    )
    _episodes(rng, surgeries, clp, service, episodes, today, postcodes)
    return Programme(programme, surgeries, clp, manager)


def _moment(day: dt.date, hour: int = 10) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def _episodes(rng, surgeries, clp, service, count, today, postcodes) -> None:
    reasons = list(ReasonCode.values)
    received = [today - dt.timedelta(days=rng.randrange(730)) for _ in range(count)]
    people = _bulk(
        Person,
        [
            Person(
                given_name="Synthetic",
                family_name=f"Person {n}",
                date_of_birth=dt.date(1940 + rng.randrange(65), rng.randrange(1, 13), rng.randrange(1, 29)),
                sex=rng.choice(["female", "male", ""]),
                simd_decile=rng.choice([None, *range(1, 11)]),
                postcode=rng.choice(postcodes),
                practice=surgeries[n % len(surgeries)],
            )
            for n in range(count)
        ],
    )
    referrals = _bulk(
        Referral,
        [
            Referral(
                person=person,
                practice=person.practice,
                source=rng.choice(Source.values),
                consent_to_share=True,
                received_at=_moment(received[n]),
            )
            for n, person in enumerate(people)
        ],
    )
    _bulk(
        ReferralReason,
        [
            ReferralReason(referral=r, reason=reason)
            for r in referrals
            for reason in rng.sample(reasons, rng.randint(1, 2))
        ],
    )
    waits = [rng.randrange(30) for _ in referrals]
    _bulk(
        ContactAttempt,
        [
            ContactAttempt(
                referral=r,
                attempted_at=_moment(received[n] + dt.timedelta(days=waits[n])),
                method="phone",
                outcome="reached",
                made_by=clp,
            )
            for n, r in enumerate(referrals)
        ],
    )
    episodes = _bulk(
        Episode,
        [
            Episode(
                person=r.person,
                referral=r,
                practice=r.practice,
                clp=clp,
                opened_at=_moment(received[n] + dt.timedelta(days=waits[n])),
            )
            for n, r in enumerate(referrals)
        ],
    )
    conversations = _bulk(
        WhatMatters,
        [
            WhatMatters(
                episode=e,
                narrative="Synthetic",
                recorded_by=clp,
                recorded_at=e.opened_at + dt.timedelta(days=rng.randrange(21)),
            )
            for e in episodes
        ],
    )
    _bulk(
        Need,
        [
            Need(conversation=c, domain=d)
            for c in conversations
            for d in rng.sample(reasons, rng.randint(1, 2))
        ],
    )
    modes = ContactMode.values
    _bulk(
        Contact,
        [
            Contact(
                episode=e,
                happened_on=(e.opened_at + dt.timedelta(days=7 * k)).date(),
                mode=rng.choice(modes),
                did_not_attend=rng.random() < 0.1,
                recorded_by=clp,
            )
            for e in episodes
            for k in range(rng.randrange(6))
        ],
    )
    linked = [e for e in episodes if rng.random() < 0.6]
    links = _bulk(
        Link,
        [
            Link(
                episode=e,
                service=service,
                first_step=rng.choice([*FirstStep.values, ""]),
                created_by=clp,
                created_at=e.opened_at + dt.timedelta(days=14),
                referred_at=e.opened_at + dt.timedelta(days=15),
            )
            for e in linked
        ],
    )
    _bulk(
        LinkStatus,
        [
            LinkStatus(
                link=link,
                stage=rng.choice([LinkStage.FIRST_STEP, LinkStage.DECLINED, LinkStage.ATTENDED]),
                by_email_link=True,
                created_at=link.created_at + dt.timedelta(days=3),
            )
            for link in links
            if rng.random() < 0.7
        ],
    )
    closed = [e for e in episodes if rng.random() < 0.5]
    _bulk(
        Closure,
        [
            Closure(
                episode=e,
                reason=rng.choice(ClosureReason.values),
                summary="Synthetic",
                closed_by=clp,
                closed_at=e.opened_at + dt.timedelta(days=60 + rng.randrange(60)),
            )
            for e in closed
        ],
    )
    measured = [e for e in closed if rng.random() < 0.6]
    _bulk(
        Administration,
        [
            Administration(
                episode=e,
                measure="swemwbs",
                timepoint=timepoint,
                answers=[3] * 7,
                raw=21,
                score=round(rng.uniform(12, 30), 2),
                completed_on=(e.opened_at + dt.timedelta(days=days)).date(),
                recorded_by=clp,
            )
            for e in measured
            for timepoint, days in ((Timepoint.BASELINE, 1), (Timepoint.CLOSURE, 59))
        ],
    )
