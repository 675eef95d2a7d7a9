"""Calibration from the service's own records: synthetic people made through the real services."""

import datetime as dt
import tomllib

import pytest
from auditlog.models import LogEntry
from django.core.management import CommandError, call_command
from django.utils import timezone

from linkpad.accounts.models import Organisation, OrganisationKind
from linkpad.casework.services import contact_record, episode_close
from linkpad.casework.tests.factories import fresh, open_episode, practice_with_clp
from linkpad.impact import calibration, intervals
from linkpad.impact.calibration import calibrate, to_toml
from linkpad.impact.scenarios import ScenarioError, load, parse
from linkpad.outcomes.models import Administration
from linkpad.outcomes.tests.factories import record
from linkpad.referrals.models import Person, Referral

TODAY = timezone.localdate()
SCENARIO = """
[study]
title = "Toy"
practices = 10
{extra}
[[option]]
name = "Keep"
fte = 10
[[option]]
name = "Cut"
fte = 6
"""


def _episode(practice, staff, clp, *, contacts: int, swemwbs: tuple[list, list] | None = None):
    episode = open_episode(practice=practice, staff=staff, clp=clp)
    if swemwbs:
        record(episode, "swemwbs", swemwbs[0], on=TODAY - dt.timedelta(days=10))
        record(episode, "swemwbs", swemwbs[1], timepoint="closure", on=TODAY)
    for day in range(contacts):
        contact_record(
            episode=episode,
            by=clp,
            version=fresh(episode).version,
            happened_on=TODAY - dt.timedelta(days=day),
            mode="phone",
            duration_minutes=30,
        )
    episode_close(
        episode=episode, by=clp, version=fresh(episode).version, reason="goals_met", summary="Done."
    )
    return episode


@pytest.fixture
def service(db):
    """One practice: 6 people engaged (3 contacts), 5 not (1 contact); 5 answered SWEMWBS twice; each waited
    two weeks for the first contact; 9 women and 2 men."""
    practice, staff, clp = practice_with_clp()
    episodes = [
        _episode(
            practice, staff, clp, contacts=3 if n < 6 else 1, swemwbs=([2] * 7, [4] * 7) if n < 5 else None
        )
        for n in range(11)
    ]
    referrals = Referral.objects.filter(practice=practice)
    for referral in referrals:
        first = referral.contact_attempts.get().attempted_at
        referrals.filter(pk=referral.pk).update(received_at=first - dt.timedelta(weeks=2))
    people = Person.objects.filter(referrals__practice=practice)
    people.update(sex="female", simd_decile=1)
    people.filter(pk__in=[e.person_id for e in episodes[:2]]).update(sex="male")
    return practice, episodes


def _practices():
    return Organisation.objects.filter(kind=OrganisationKind.GP_PRACTICE)


def _calibrate(**kwargs):
    return calibrate(practices=_practices(), start=TODAY - dt.timedelta(weeks=52), end=TODAY, **kwargs)


def test_engagement_is_the_share_with_three_or_more_contacts_with_a_wilson_interval(service):
    found = _calibrate().estimate("engaged_share")
    assert (found.value, found.people) == (6 / 11, 11)
    assert (found.low, found.high) == intervals.wilson(6, 11)
    assert found.distribution.kind == "beta" and found.distribution.args == {"alpha": 6.5, "beta": 5.5}


def test_contacts_per_episode_and_referral_rate(service):
    found = _calibrate()
    contacts = found.estimate("contacts_per_episode")
    assert contacts.value == pytest.approx((6 * 3 + 5) / 11)
    assert contacts.low < contacts.value < contacts.high
    weeks = (52 * 7 + 1) / 7
    yearly = found.estimate("referrals_per_practice_year")
    assert yearly.value == pytest.approx(11 / weeks * calibration.WEEKS_PER_YEAR)
    assert yearly.interval_method == "Poisson" and yearly.low < yearly.value < yearly.high


def test_waits_and_swemwbs_change(service):
    found = _calibrate()
    wait = found.estimate("wait_weeks_to_first_contact")
    assert wait.value == pytest.approx(2.0) and wait.people == 11
    scores = dict(Administration.objects.filter(timepoint="closure").values_list("episode", "score"))
    base = dict(Administration.objects.filter(timepoint="baseline").values_list("episode", "score"))
    change = found.estimate("engaged_swemwbs_change")
    assert change.people == 5 and change.value == pytest.approx(
        scores[service[1][0].pk] - base[service[1][0].pk]
    )
    assert change.value > 5  # raw 14 -> 28 is a large metric change


def test_an_estimate_from_fewer_than_five_people_is_not_written(db):
    practice, staff, clp = practice_with_clp()
    for n in range(4):
        _episode(practice, staff, clp, contacts=3 if n < 2 else 1)
    found = _calibrate()
    assert found.estimate("engaged_share").suppressed
    assert found.estimate("wait_weeks_to_first_contact").suppressed
    text = to_toml(found)
    assert "[calibrated.engaged_share]" not in text
    assert "this service: not written (fewer than 5 people)" in text
    assert "an estimate from fewer than 5 people is NOT written" in text


def test_a_share_that_would_reveal_a_small_group_is_not_written(db):
    practice, staff, clp = practice_with_clp()
    for n in range(8):
        _episode(practice, staff, clp, contacts=3 if n < 6 else 1)  # 2 not engaged: a small group
    found = _calibrate()
    assert found.estimate("engaged_share").suppressed
    assert found.estimate("contacts_per_episode").value == pytest.approx(20 / 8)


def test_the_file_has_literature_defaults_beside_estimates_and_suppressed_equality(service, tmp_path):
    text = to_toml(_calibrate())
    data = tomllib.loads(text)
    assert data["calibrated"]["engaged_share"]["alpha"] == 6.5
    assert "Linkpad records" in data["calibrated"]["engaged_share"]["source"]
    assert "literature default: beta(alpha 130, beta 158)" in text
    assert data["observed"]["wait_weeks_to_first_contact"]["n"] == 11
    # 9 women and 2 men: "2" is hidden, and "9" too, since 11 - 9 would give it away.
    assert data["equality"]["sex"] == {"Not recorded": 0.0, "hidden": ["Female", "Male"]}
    assert data["equality"]["simd_quintile"]["1 (most deprived)"] == 1.0
    assert "Testperson" not in text and str(service[1][0].person.date_of_birth) not in text


def test_a_scenario_uses_the_file_or_an_inline_block(service, tmp_path):
    (tmp_path / "params.toml").write_text(to_toml(_calibrate()))
    scenario_path = tmp_path / "s.toml"
    scenario_path.write_text(SCENARIO.format(extra='parameters_file = "params.toml"'))
    scenario = load(scenario_path)
    assert scenario.parameters["engaged_share"].distribution.args == {"alpha": 6.5, "beta": 5.5}
    assert "engaged_share" in scenario.calibrated and scenario.equality.from_service
    assert scenario.equality.dimensions["simd_quintile"]["1 (most deprived)"] == 1.0
    assert scenario.equality.hidden["sex"] == ("Female", "Male")

    chosen = SCENARIO.format(extra='parameters_file = "params.toml"\nuse_calibrated = ["mean_episode_weeks"]')
    scenario_path.write_text(chosen)
    assert load(scenario_path).calibrated == ("mean_episode_weeks",)

    block = tomllib.loads((tmp_path / "params.toml").read_text())["calibrated"]["engaged_share"]
    inline = (
        SCENARIO.format(extra="")
        + "[calibrated.engaged_share]\n"
        + "\n".join(f"{k} = {v!r}".replace("'", '"') for k, v in block.items())
    )
    assert parse(inline).parameters["engaged_share"].distribution.args["alpha"] == 6.5


def test_scenario_mistakes_with_calibration_are_named(tmp_path):
    with pytest.raises(ScenarioError, match="only be used in a scenario file on disk"):
        parse(SCENARIO.format(extra='parameters_file = "params.toml"'))
    (tmp_path / "s.toml").write_text(SCENARIO.format(extra='parameters_file = "missing.toml"'))
    with pytest.raises(ScenarioError, match="cannot read missing.toml"):
        load(tmp_path / "s.toml")
    with pytest.raises(ScenarioError, match="use_calibrated names 'uptake'"):
        parse(SCENARIO.format(extra='use_calibrated = ["uptake"]'))


def test_the_read_is_audited_against_each_practice(service):
    _calibrate()
    entry = LogEntry.objects.get_for_object(service[0]).get(action=LogEntry.Action.ACCESS)
    assert "aggregates" in entry.additional_data["purpose"]


def test_the_command_writes_the_file_atomically(service, tmp_path, capsys):
    out = tmp_path / "params.toml"
    sizes = tmp_path / "sizes.csv"
    sizes.write_text(f"code,list_size\n{service[0].code},5000\n")
    call_command("impact", "calibrate", "--out", str(out), "--list-sizes", str(sizes))
    data = tomllib.loads(out.read_text())
    assert data["calibrated"]["engaged_share"]["n"] == 11
    assert data["observed"]["referrals_per_1000_list_year"]["estimate"] == pytest.approx(
        11 / 5 / ((52 * 7) / 7 / calibration.WEEKS_PER_YEAR), rel=0.01
    )
    assert {p.name for p in tmp_path.iterdir()} == {"params.toml", "sizes.csv"}  # no temporary file left
    assert "from 1 practices" in capsys.readouterr().out
    with pytest.raises(CommandError, match="--to must be a date"):
        call_command("impact", "calibrate", "--out", str(out), "--to", "yesterday")
