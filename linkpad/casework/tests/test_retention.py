"""Retention: people whose support ended more than N years ago are anonymised, coded data stays, and the
audit log's old values go too. Only synthetic people."""

import datetime as dt
import json
from io import StringIO

import pytest
from auditlog.models import LogEntry
from django.core.management import CommandError, call_command
from django.db.models import Q
from django.utils import timezone

from linkpad.core.audit import audit_view
from linkpad.outcomes.models import Administration
from linkpad.referrals.models import (
    ContactAttempt,
    GpMessage,
    Person,
    Referral,
    ReferralReason,
    ReferralStatus,
)
from linkpad.referrals.services import referral_decline
from linkpad.referrals.tests.factories import details, make_referral

from ..models import (
    Closure,
    Contact,
    Episode,
    EpisodeStatus,
    Escalation,
    Goal,
    GoalNote,
    Link,
    LinkStatus,
    Need,
    RiskFlag,
    Task,
    WhatMatters,
)
from ..retention import MARKER, PURPOSE, SCRUBS, postcode_district, retention_apply
from .factories import practice_with_clp
from .whole_record import BORN, person_with_everything

pytestmark = pytest.mark.django_db

LONG_AGO = timezone.now() - dt.timedelta(days=365 * 8)
RECENTLY = timezone.now() - dt.timedelta(days=200)
NAMES = ("Quarrier", "Ogilvie", "Menzies", "Drummond")


def ended_at(episode: Episode, when: dt.datetime) -> None:
    """Back-date the episode's closure (as the demo does, with .update())."""
    EpisodeStatus.objects.filter(episode=episode).update(created_at=when)
    Closure.objects.filter(episode=episode).update(closed_at=when)


@pytest.fixture
def world(geography):
    """Quarrier: closed 8 years ago (due). Ogilvie: closed 200 days ago. Menzies: one episode closed 8 years
    ago, a second referral still waiting. Drummond: a referral declined 8 years ago, no episode (due)."""
    practice, staff, clp = practice_with_clp()
    people = {}
    quarrier = person_with_everything(
        practice=practice, staff=staff, clp=clp, given_name="Isla", family_name="Quarrier"
    )
    ended_at(quarrier, LONG_AGO)
    ogilvie = person_with_everything(
        practice=practice, staff=staff, clp=clp, given_name="Rab", family_name="Ogilvie", serial=30
    )
    ended_at(ogilvie, RECENTLY)
    menzies = person_with_everything(
        practice=practice, staff=staff, clp=clp, given_name="Ailsa", family_name="Menzies", serial=50
    )
    ended_at(menzies, LONG_AGO)
    make_referral(practice=practice, by=staff, existing_person=menzies.person, details=details())
    declined = make_referral(
        practice=practice,
        by=staff,
        details=details(given_name="Tam", family_name="Drummond", postcode="G22 5AD"),
        free_text="Tam Drummond wants help with his garden",
    )
    referral_decline(referral=declined, reason="Drummond moved to Fife", by=clp)
    ReferralStatus.objects.filter(referral=declined).update(created_at=LONG_AGO)
    for episode in (quarrier, ogilvie, menzies):
        people[episode.person.family_name] = episode.person
    people["Drummond"] = declined.person
    audit_view(actor=clp, objects=people.values(), purpose="episode")  # views name them too
    return people


def everything_about(person: Person) -> str:
    """Every text value stored about the person and every audit entry of their records, as one string."""
    rows = []
    for scrub in SCRUBS:
        rows.extend(scrub.rows([person.pk]).values())
    for model, path in [(ReferralReason, "referral__person"), (Need, "conversation__episode__person")]:
        rows.extend(model.objects.filter(**{path: person}).values())
    return json.dumps(rows, default=str) + json.dumps(list(audit_entries_of(person).values()), default=str)


def audit_entries_of(person: Person):
    matches = Q(pk__in=[])
    for scrub in SCRUBS:
        model = scrub.model_class()
        pks = [str(pk) for pk in scrub.rows([person.pk]).values_list("pk", flat=True)]
        matches |= Q(content_type__model=model._meta.model_name, object_pk__in=pks)
    return LogEntry.objects.filter(matches)


def test_only_people_whose_support_all_ended_before_the_cutoff_are_anonymised(world):
    report = retention_apply(years=7)
    assert sorted(report.people) == sorted([world["Quarrier"].pk, world["Drummond"].pk])
    for name in ("Quarrier", "Drummond"):
        text = everything_about(world[name])
        assert name not in text
        assert "07700 900" not in text  # the phone number
        assert "5AA" not in text and "5AD" not in text  # the full postcode
    for name in ("Ogilvie", "Menzies"):
        person = Person.objects.get(pk=world[name].pk)
        assert person.family_name == name
        assert name in everything_about(person)


def test_identifying_fields_are_replaced_and_coded_data_stays(world):
    before = Person.objects.get(pk=world["Quarrier"].pk)
    assert before.simd_decile is not None
    retention_apply(years=7)
    person = Person.objects.get(pk=world["Quarrier"].pk)
    assert (person.given_name, person.family_name) == (MARKER, MARKER)
    assert (person.chi_number, person.phone, person.email) == ("", "", "")
    assert person.date_of_birth == dt.date(BORN.year, 1, 1)
    assert person.postcode == "G22"
    assert (person.simd_decile, person.sex, person.practice_id) == (
        before.simd_decile,
        before.sex,
        before.practice_id,
    )
    episode = Episode.objects.get(person=person)
    assert list(EpisodeStatus.objects.filter(episode=episode).values_list("stage", flat=True))[-1] == "closed"
    assert Closure.objects.get(episode=episode).reason == "goals_met"
    assert Closure.objects.get(episode=episode).summary == MARKER
    assert set(Need.objects.filter(conversation__episode=episode).values_list("domain", flat=True)) == {
        "loneliness",
        "bereavement",
    }
    assert list(ReferralReason.objects.filter(referral__person=person).values_list("reason", flat=True)) == [
        "loneliness"
    ]
    assert WhatMatters.objects.get(episode=episode).narrative == MARKER
    assert WhatMatters.objects.get(episode=episode).risks == ""  # empty stays empty
    assert Goal.objects.get(episode=episode).text == MARKER
    assert GoalNote.objects.get(goal__episode=episode).note == MARKER
    contact = Contact.objects.get(episode=episode)
    assert (contact.note, contact.mode, contact.duration_minutes) == (MARKER, "walk_and_talk", 45)
    assert set(Task.objects.filter(episode=episode).values_list("text", flat=True)) == {MARKER}
    flags = RiskFlag.objects.filter(episode=episode).order_by("pk")
    assert [(f.kind, f.detail) for f in flags] == [("to_self", MARKER), ("from_others", MARKER)]
    escalation = Escalation.objects.get(episode=episode)
    assert (escalation.escalated_to, escalation.shared, escalation.outcome) == ("gp", MARKER, MARKER)
    assert Administration.objects.get(episode=episode).raw == 9  # coded answers stay for reporting
    message = GpMessage.objects.get(episode=episode)
    assert (message.snomed_code, message.summary, message.content) == ("871731000000106", MARKER, {})
    link = Link.objects.get(episode=episode)
    assert link.first_step_note == MARKER and link.service.name == "Springburn Bowling Club"
    assert list(LinkStatus.objects.filter(link=link).values_list("stage", flat=True)) == [
        "suggested",
        "agreed",
    ]
    assert Referral.objects.get(person=person).details == MARKER
    assert ContactAttempt.objects.get(referral__person=person).outcome == "reached"
    drummond = Referral.objects.get(person=world["Drummond"].pk)
    assert drummond.statuses.last().reason == MARKER and drummond.statuses.last().status == "declined"


def test_the_audit_log_keeps_no_old_values_and_records_the_run(world):
    quarrier = world["Quarrier"]
    assert "Quarrier" in json.dumps(list(audit_entries_of(quarrier).values("changes", "object_repr")))
    retention_apply(years=7)
    entries = audit_entries_of(quarrier)
    person_created = entries.get(content_type__model="person", action=LogEntry.Action.CREATE)
    assert person_created.changes["family_name"] == [MARKER, MARKER]
    assert person_created.changes["simd_decile"] != [MARKER, MARKER]  # coded changes stay
    assert person_created.object_repr == f"{MARKER} {MARKER}"
    goal_created = entries.get(content_type__model="goal", action=LogEntry.Action.CREATE)
    assert goal_created.object_repr == MARKER and goal_created.changes["text"] == [MARKER, MARKER]
    run = entries.get(additional_data__purpose=PURPOSE)
    assert run.additional_data["retention_years"] == 7
    assert run.actor is None and "Quarrier" not in json.dumps(run.changes)


def test_running_again_changes_nothing(world):
    retention_apply(years=7)
    snapshot = everything_about(world["Quarrier"])
    entries = LogEntry.objects.count()
    report = retention_apply(years=7)
    assert report.people == []
    assert everything_about(world["Quarrier"]) == snapshot
    assert LogEntry.objects.count() == entries


def test_a_dry_run_reports_and_changes_nothing(world):
    before = {name: everything_about(person) for name, person in world.items()}
    entries = LogEntry.objects.count()
    report = retention_apply(years=7, dry_run=True)
    assert sorted(report.people) == sorted([world["Quarrier"].pk, world["Drummond"].pk])
    # Quarrier: names, CHI number, birthday, postcode, phone, email (7); Drummond has no CHI number or email (5).
    assert report.fields_changed["referrals.Person"] == 7 + 5
    assert {name: everything_about(person) for name, person in world.items()} == before
    assert LogEntry.objects.count() == entries


def test_the_period_sets_the_cutoff(world):
    due_now = {world["Quarrier"].pk, world["Drummond"].pk}
    assert set(retention_apply(years=1, dry_run=True).people) == due_now
    in_200_days = timezone.now() + dt.timedelta(days=200)
    assert set(retention_apply(years=1, dry_run=True, now=in_200_days).people) == due_now | {
        world["Ogilvie"].pk
    }
    assert retention_apply(years=20, dry_run=True).people == []


def test_the_command_prints_what_it_would_do_then_does_it(world, settings):
    settings.LINKPAD_RETENTION_YEARS = 7
    out = StringIO()
    call_command("retention", "--dry-run", stdout=out)
    assert "Would anonymise 2 people" in out.getvalue()
    assert "Dry run: nothing was changed." in out.getvalue()
    assert Person.objects.get(pk=world["Quarrier"].pk).family_name == "Quarrier"
    out = StringIO()
    call_command("retention", stdout=out)
    assert "Anonymised 2 people" in out.getvalue()
    assert "change records scrubbed" in out.getvalue()
    assert Person.objects.get(pk=world["Quarrier"].pk).family_name == MARKER
    out = StringIO()
    call_command("retention", "--years", "7", stdout=out)
    assert "Anonymised 0 people." in out.getvalue()


def test_the_command_refuses_a_period_under_a_year(db):
    with pytest.raises(CommandError, match="at least one year"):
        call_command("retention", "--years", "0")


def test_postcode_districts():
    assert [postcode_district(p) for p in ("G22 5AA", "EH11 1AB", "g1 1aa", "G22")] == [
        "G22",
        "EH11",
        "G1",
        "G22",
    ]
