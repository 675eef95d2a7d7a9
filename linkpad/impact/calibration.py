"""Calibrate the impact model from the service's own records: anonymised aggregates, small numbers suppressed.

`calibrate(...)` reads referrals, episodes, contacts, first contacts and SWEMWBS administrations for a set
of GP practices over a period, and returns estimates with 95% intervals. Nothing about any one person
leaves this module: only counts, means and intervals, and an estimate made from fewer than 5 people is
not given at all (`linkpad.reporting.disclosure`). `to_toml` writes them as a parameters file that a
scenario can use (`[study] parameters_file = "params.toml"`), with the literature default beside each.
The read is recorded in the audit log against each practice whose records were used.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field, replace

from django.db.models import Count, Min, Q, QuerySet
from django.utils import timezone

from linkpad.accounts.models import Organisation
from linkpad.casework.models import Episode
from linkpad.core import tomlfile
from linkpad.core.audit import audit_view
from linkpad.impact import intervals
from linkpad.impact.defaults import PARAMETERS
from linkpad.impact.model.psa import Distribution
from linkpad.impact.scenarios import EQUALITY_DIMENSIONS
from linkpad.outcomes.models import Administration
from linkpad.referrals.models import ContactOutcome, Referral
from linkpad.reporting.disclosure import THRESHOLD, suppress_counts

WEEKS_PER_YEAR = 52.1775
SOURCE = "Linkpad records, {start} to {end}, {practices} practices: {what}"
AGE_BANDS = ((0, 25, "Under 25"), (25, 45, "25 to 44"), (45, 65, "45 to 64"), (65, 75, "65 to 74"))
NOT_RECORDED = "Not recorded"
PURPOSE = "impact calibration: anonymised aggregates of referrals, episodes, contacts and outcome measures"


@dataclass(frozen=True)
class Estimate:
    """One figure from the records. `value` is None when it was suppressed (fewer than 5 people)."""

    key: str
    label: str
    unit: str
    interval_method: str
    people: int
    value: float | None = None
    low: float | None = None
    high: float | None = None
    parameter: str | None = None  # the model parameter it calibrates, if any
    distribution: Distribution | None = None
    note: str = ""

    @property
    def suppressed(self) -> bool:
        return self.value is None


@dataclass(frozen=True)
class Calibration:
    start: dt.date
    end: dt.date
    practices: int
    estimates: list[Estimate]
    equality: dict[str, tuple[dict[str, int | None], int | None]] = field(default_factory=dict)

    def estimate(self, key: str) -> Estimate:
        return next(e for e in self.estimates if e.key == key)


def _few(people: int) -> bool:
    return people < THRESHOLD


def calibrate(
    *,
    practices: QuerySet[Organisation],
    start: dt.date,
    end: dt.date,
    actor=None,
    list_sizes: dict[str, int] | None = None,
    seed: int = 2024,
) -> Calibration:
    """Estimates for the practices' referrals received from `start` up to and including `end`."""
    if end < start:
        raise ValueError("the end of the period must be on or after its start")
    window = (_midnight(start), _midnight(end + dt.timedelta(days=1)))
    in_period = Referral.objects.filter(received_at__gte=window[0], received_at__lt=window[1])
    # Practices with no referral in the period are left out: they may have had no CLP.
    practice_list = list(practices.filter(pk__in=in_period.values("practice")))
    audit_view(actor=actor, objects=practice_list, purpose=PURPOSE)
    referrals = in_period.filter(practice__in=practice_list)
    weeks = ((end - start).days + 1) / 7
    where = {"start": start.isoformat(), "end": end.isoformat(), "practices": len(practice_list)}
    estimates = [
        *_referral_rates(referrals, practice_list, weeks, list_sizes or {}, where),
        *_episodes(practice_list, window, where, seed),
        _waits(referrals, where, seed),
        _swemwbs(practice_list, window, where),
    ]
    return Calibration(start, end, len(practice_list), estimates, _equality(referrals, end))


def _midnight(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time()))


def _source(where: dict, what: str) -> str:
    return SOURCE.format(**where, what=what)


def _referral_rates(referrals, practices, weeks: float, list_sizes: dict, where: dict) -> list[Estimate]:
    counts = dict(referrals.values_list("practice").annotate(n=Count("pk")).order_by())
    total = sum(counts.values())
    per_week = [counts.get(p.pk, 0) / weeks for p in practices]
    weekly = Estimate("referrals_per_practice_week", "Referrals per practice per week", "a week", "", total)
    yearly = Estimate(
        "referrals_per_practice_year",
        PARAMETERS["referrals_per_practice_year"].label,
        "a year",
        "",
        total,
        parameter="referrals_per_practice_year",
    )
    found = []
    if _few(total) or not practices:
        found += [weekly, yearly]
    else:
        if len(practices) >= 2:
            mean, low, high = intervals.t_interval(per_week)
            se, method = intervals.standard_error(per_week), f"t over {len(practices)} practices"
        else:
            mean, low, high = intervals.poisson_rate(total, weeks)
            se, method = (high - low) / (2 * intervals.Z95), "Poisson"
        what = f"{total} referrals over {weeks:.0f} weeks"
        found.append(_with(weekly, mean, low, high, method, note=what))
        yearly_sd = max(se * WEEKS_PER_YEAR, 1e-6)
        found.append(
            _with(
                yearly,
                mean * WEEKS_PER_YEAR,
                low * WEEKS_PER_YEAR,
                high * WEEKS_PER_YEAR,
                method,
                distribution=Distribution("normal", {"mean": mean * WEEKS_PER_YEAR, "sd": yearly_sd}),
                note=_source(where, what),
            )
        )
    found.append(_per_thousand(counts, practices, weeks, list_sizes))
    return found


def _per_thousand(counts: dict, practices, weeks: float, list_sizes: dict) -> Estimate:
    known = [p for p in practices if p.code in list_sizes]
    people = sum(counts.get(p.pk, 0) for p in known)
    estimate = Estimate(
        "referrals_per_1000_list_year",
        "Referrals per 1,000 registered patients per year",
        "per 1,000 a year",
        "Poisson",
        people,
        note="needs practice list sizes (--list-sizes)"
        if not known
        else f"{len(known)} practices with a list size",
    )
    if not known or _few(people):
        return estimate
    thousands = sum(list_sizes[p.code] for p in known) / 1000
    rate, low, high = intervals.poisson_rate(people, weeks / WEEKS_PER_YEAR * thousands)
    return _with(estimate, rate, low, high, "Poisson")


def _with(estimate: Estimate, value, low, high, method: str, **changes) -> Estimate:
    return replace(estimate, value=value, low=low, high=high, interval_method=method, **changes)


def _closed_episodes(practices, window) -> QuerySet[Episode]:
    """Episodes opened in the period and closed since: only finished episodes show how many contacts
    a person had, and how long the support lasted."""
    return Episode.objects.filter(
        practice__in=practices, opened_at__gte=window[0], opened_at__lt=window[1], closure__isnull=False
    ).annotate(attended=Count("contacts", filter=Q(contacts__did_not_attend=False)))


def _episodes(practices, window, where: dict, seed: int) -> list[Estimate]:
    rows = list(
        _closed_episodes(practices, window).values_list("attended", "opened_at", "closure__closed_at")
    )
    people = len(rows)
    contacts = [attended for attended, _, _ in rows]
    lengths = [(closed - opened).total_seconds() / (7 * 86400) for _, opened, closed in rows]
    engaged = sum(1 for n in contacts if n >= 3)
    share = Estimate(
        "engaged_share",
        PARAMETERS["engaged_share"].label,
        "share",
        "Wilson",
        people,
        parameter="engaged_share",
    )
    per_episode = Estimate("contacts_per_episode", "Contacts attended per episode", "contacts", "t", people)
    length = Estimate(
        "mean_episode_weeks",
        PARAMETERS["mean_episode_weeks"].label,
        "weeks",
        "bootstrap",
        people,
        parameter="mean_episode_weeks",
    )
    # Suppress the share when either side (engaged or not) is 1-4 people: it would give them away.
    shown, _ = suppress_counts({"engaged": engaged, "not engaged": people - engaged})
    found = []
    if _few(people) or None in shown.values():
        found.append(share)
    else:
        low, high = intervals.wilson(engaged, people)
        # Jeffreys' Beta(k + 1/2, n - k + 1/2): the uncertainty about the share, defined at 0 and 100% too.
        beta = Distribution("beta", {"alpha": engaged + 0.5, "beta": people - engaged + 0.5})
        what = f"{engaged} of {people} finished episodes had 3 or more attended contacts"
        found.append(
            _with(share, engaged / people, low, high, "Wilson", distribution=beta, note=_source(where, what))
        )
    if _few(people) or people < 2:
        return [*found, per_episode, length]
    found.append(_with(per_episode, *intervals.t_interval(contacts), "t"))
    mean, low, high = intervals.bootstrap_mean(lengths, seed=seed)
    sd = max((high - low) / (2 * intervals.Z95), 0.01)
    what = f"{people} finished episodes, opening to closure"
    found.append(
        _with(
            length,
            mean,
            low,
            high,
            "bootstrap",
            distribution=Distribution("gamma", {"mean": mean, "sd": sd}),
            note=_source(where, what),
        )
    )
    return found


def _waits(referrals, where: dict, seed: int) -> Estimate:
    rows = referrals.annotate(
        first=Min(
            "contact_attempts__attempted_at", filter=Q(contact_attempts__outcome=ContactOutcome.REACHED)
        )
    ).filter(first__isnull=False)
    waits = [
        (first - received).total_seconds() / (7 * 86400)
        for received, first in rows.values_list("received_at", "first")
    ]
    estimate = Estimate(
        "wait_weeks_to_first_contact",
        "Weeks from referral to first contact",
        "weeks",
        "bootstrap",
        len(waits),
    )
    if _few(len(waits)):
        return estimate
    mean, low, high = intervals.bootstrap_mean(waits, seed=seed)
    return _with(estimate, mean, low, high, "bootstrap", note=f"{len(waits)} referrals reached")


def _swemwbs(practices, window, where: dict) -> Estimate:
    """Change from each person's baseline SWEMWBS to their latest later one (uncontrolled)."""
    rows = (
        Administration.objects.filter(
            measure="swemwbs",
            score__isnull=False,
            episode__practice__in=practices,
            episode__opened_at__gte=window[0],
            episode__opened_at__lt=window[1],
        )
        .order_by("episode", "completed_on", "recorded_at", "pk")
        .values_list("episode", "timepoint", "score")
    )
    baseline: dict[int, float] = {}
    latest: dict[int, float] = {}
    for episode, timepoint, score in rows:
        if timepoint == "baseline" and episode not in baseline:
            baseline[episode] = score
        elif timepoint != "baseline" and episode in baseline:
            latest[episode] = score
    changes = [latest[e] - baseline[e] for e in latest]
    estimate = Estimate(
        "engaged_swemwbs_change",
        PARAMETERS["engaged_swemwbs_change"].label,
        "SWEMWBS points",
        "t",
        len(changes),
        parameter="engaged_swemwbs_change",
    )
    if _few(len(changes)):
        return estimate
    mean, low, high = intervals.t_interval(changes)
    what = (
        f"{len(changes)} people with a baseline and a later SWEMWBS, latest minus baseline; uncontrolled "
        "before/after, so it overstates the effect of the service"
    )
    sd = max(intervals.standard_error(changes), 0.01)
    return _with(
        estimate,
        mean,
        low,
        high,
        "t",
        distribution=Distribution("normal", {"mean": mean, "sd": sd}),
        note=_source(where, what),
    )


def _equality(referrals, end: dt.date) -> dict[str, tuple[dict[str, int | None], int | None]]:
    """People referred in each SIMD quintile, age band and sex, with counts of 1-4 suppressed."""
    people = referrals.values_list(
        "person", "person__simd_decile", "person__date_of_birth", "person__sex"
    ).distinct()
    seen: dict[int, tuple] = {}
    for person, decile, born, sex in people:
        seen.setdefault(person, (decile, born, sex))
    counts: dict[str, Counter] = {key: Counter() for key in EQUALITY_DIMENSIONS}
    for decile, born, sex in seen.values():
        counts["simd_quintile"][simd_group(decile)] += 1
        counts["age_band"][age_band(born, end)] += 1
        counts["sex"][sex.capitalize() if sex else NOT_RECORDED] += 1
    order = {
        "simd_quintile": [simd_group(d) for d in (1, 3, 5, 7, 9)] + [NOT_RECORDED],
        "age_band": [label for _, _, label in AGE_BANDS] + ["75 and over", NOT_RECORDED],
        "sex": ["Female", "Male", NOT_RECORDED],
    }
    return {key: suppress_counts({g: counts[key][g] for g in order[key]}) for key in EQUALITY_DIMENSIONS}


def simd_group(decile: int | None) -> str:
    """SIMD quintile from a decile.

    >>> simd_group(1), simd_group(2), simd_group(10), simd_group(None)
    ('1 (most deprived)', '1 (most deprived)', '5 (least deprived)', 'Not recorded')
    """
    if decile is None:
        return NOT_RECORDED
    quintile = (decile + 1) // 2
    return {1: "1 (most deprived)", 5: "5 (least deprived)"}.get(quintile, str(quintile))


def age_band(born: dt.date, on: dt.date) -> str:
    """Age band on a date.

    >>> age_band(dt.date(2000, 6, 1), dt.date(2025, 5, 31)), age_band(dt.date(1940, 1, 1), dt.date(2025, 1, 1))
    ('Under 25', '75 and over')
    """
    age = on.year - born.year - ((on.month, on.day) < (born.month, born.day))
    return next((label for low, high, label in AGE_BANDS if low <= age < high), "75 and over")


# Writing the parameters file -------------------------------------------------------------------------


def _describe(distribution: Distribution) -> str:
    args = ", ".join(f"{k} {v:.4g}" for k, v in distribution.args.items())
    return f"{distribution.kind}({args})"


def _interval_text(e: Estimate) -> str:
    return f"{e.value:.4g} (95% interval {e.low:.4g} to {e.high:.4g}, {e.interval_method}; {e.people} people)"


def calibrated_tables(calibration: Calibration) -> dict:
    """The [calibrated.NAME] tables as data (for pasting into a scenario stored in the pages)."""
    tables = {}
    for e in calibration.estimates:
        if e.parameter and not e.suppressed and e.distribution:
            tables[e.parameter] = {
                "distribution": e.distribution.kind,
                **{k: float(v) for k, v in e.distribution.args.items()},
                "estimate": float(e.value),
                "low": float(e.low),
                "high": float(e.high),
                "n": e.people,
                "interval": e.interval_method,
                "source": e.note,
            }
    return tables


def equality_table(calibration: Calibration) -> dict:
    """The [equality] table: shares of people referred in each group; hidden groups listed, not given."""
    table: dict = {
        "source": f"Linkpad records, people referred {calibration.start} to {calibration.end} "
        f"({calibration.practices} practices); groups of 1 to 4 people hidden"
    }
    for key, (shown, total) in calibration.equality.items():
        if not total:
            continue
        group: dict = {g: round(n / total, 4) for g, n in shown.items() if n is not None}
        hidden = [g for g, n in shown.items() if n is None]
        if hidden:
            group["hidden"] = hidden
        table[key] = group
    return table if len(table) > 1 else {}


def to_toml(calibration: Calibration, *, made_on: dt.date | None = None) -> str:
    """The parameters file: a header, then each estimate with the literature default beside it."""
    made_on = made_on or timezone.localdate()
    out = [
        "# Linkpad calibration: the impact model's parameters estimated from this service's own records.",
        f"# Made {made_on} by `linkpad impact calibrate`, from referrals received {calibration.start} to "
        f"{calibration.end} at {calibration.practices} practices.",
        "# Anonymised aggregates only: no one person's record is in this file.",
        f"# Small-number suppression: an estimate from fewer than {THRESHOLD} people is NOT written (it is listed",
        "# below as 'not written'), and groups of 1 to 4 people are hidden in [equality].",
        '# A scenario uses these with  [study] parameters_file = "params.toml"  (see examples/glasgow-2024.toml);',
        "# each [calibrated.NAME] replaces the literature default named beside it.",
        "",
        "[calibration]",
        f"made_on = {tomlfile.value(made_on.isoformat())}",
        f"period_start = {tomlfile.value(calibration.start.isoformat())}",
        f"period_end = {tomlfile.value(calibration.end.isoformat())}",
        f"practices = {calibration.practices}",
    ]
    for e in calibration.estimates:
        out.append("")
        out.append(f"# {e.label}")
        if e.parameter:
            default = PARAMETERS[e.parameter]
            out.append(
                f"#   literature default: {_describe(default.distribution)}, mean {default.distribution.mean:.4g}"
            )
            out.append(f"#     source: {default.source}")
        if e.suppressed:
            reason = e.note or (
                f"fewer than {THRESHOLD} people"
                if e.people < THRESHOLD
                else f"it would reveal a group of fewer than {THRESHOLD} people"
            )
            out.append(f"#   this service: not written ({reason})")
            continue
        out.append(f"#   this service: {_interval_text(e)}")
        section = "calibrated" if e.parameter and e.distribution else "observed"
        name = e.parameter if section == "calibrated" else e.key
        out.append(f"[{section}.{name}]")
        if section == "calibrated":
            table = calibrated_tables(calibration)[name]
        else:
            table = {
                "estimate": float(e.value),
                "low": float(e.low),
                "high": float(e.high),
                "n": e.people,
                "interval": e.interval_method,
                "unit": e.unit,
            }
        out += [f"{tomlfile.key(k)} = {tomlfile.value(v)}" for k, v in table.items()]
    equality = equality_table(calibration)
    if equality:
        out += [
            "",
            "# People referred in each group, for the impact assessment (shares of those referred).",
            tomlfile.dumps({"equality": equality}).rstrip("\n"),
        ]
    else:
        out += ["", f"# [equality] not written: fewer than {THRESHOLD} people referred."]
    return "\n".join(out) + "\n"
