"""Reads of recorded measures, and each person's change between their baseline and their latest answers."""

from collections.abc import Iterable
from dataclasses import dataclass

from linkpad.accounts.models import User
from linkpad.casework.models import Episode
from linkpad.core.audit import audit_view

from .measures import MEASURES, Measure
from .models import Administration, Timepoint
from .scoring import ONS4_PARTS, change_verdict


@dataclass(frozen=True)
class Change:
    """How one measure moved between the first (baseline) and the latest administration."""

    measure: Measure
    baseline: Administration
    latest: Administration
    #: latest minus baseline, in score points (None for ONS4, which has no total).
    difference: float | None
    #: "meaningful improvement", "no meaningful change", "meaningful decline", or None where the
    #: measure has no agreed threshold.
    verdict: str | None
    statement: str


def series(administration: Administration) -> dict[str, float]:
    """What a chart plots for one administration: the score, or ONS4's four answers."""
    if administration.measure == "ons4":
        return {label: answer for (_, label), answer in zip(ONS4_PARTS, administration.answers, strict=True)}
    return {"Score": administration.score}


def _number(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def change_between(baseline: Administration, latest: Administration) -> Change:
    measure = MEASURES[baseline.measure]
    if measure.change_threshold is None:
        moves = [
            f"{label.lower()} from {_number(before)} to {_number(after)}"
            for (label, before), after in zip(series(baseline).items(), series(latest).values(), strict=True)
        ]
        statement = f"{measure.short_name}: {'; '.join(moves)}. {measure.change_basis}"
        return Change(measure, baseline, latest, None, None, statement)
    difference = latest.score - baseline.score
    verdict = change_verdict(
        baseline.score,
        latest.score,
        threshold=measure.change_threshold,
        higher_is_better=measure.higher_is_better,
    )
    direction = "up" if difference > 0 else "down"
    moved = f" ({direction} {_number(abs(difference))})" if difference else ""
    statement = (
        f"{measure.short_name} went from {_number(baseline.score)} to {_number(latest.score)}{moved}: "
        f"{verdict} (a change of {_number(measure.change_threshold)} or more counts as meaningful)."
    )
    return Change(measure, baseline, latest, difference, verdict, statement)


def changes(administrations: Iterable[Administration]) -> dict[str, Change]:
    """For each measure answered at least twice, the change from the baseline to the latest.

    The baseline is the earliest administration marked as one, else simply the earliest."""
    by_measure: dict[str, list[Administration]] = {}
    for administration in sorted(administrations, key=lambda a: (a.completed_on, a.recorded_at, a.pk)):
        by_measure.setdefault(administration.measure, []).append(administration)
    found = {}
    for key, rows in by_measure.items():
        baseline = next((a for a in rows if a.timepoint == Timepoint.BASELINE), rows[0])
        latest = rows[-1]
        if latest is not baseline:
            found[key] = change_between(baseline, latest)
    return found


def person_changes(*, user: User, person) -> dict[int, dict[str, Change]]:
    """Change in each measure for each of the person's episodes the user may see (for reports and
    the API). Records the view."""
    rows = list(
        Administration.objects.visible_to(user)
        .filter(episode__person=person)
        .select_related("episode", "recorded_by")
    )
    if rows:
        audit_view(actor=user, objects=[person], purpose="outcomes")
    by_episode: dict[int, list[Administration]] = {}
    for row in rows:
        by_episode.setdefault(row.episode_id, []).append(row)
    return {episode_id: changes(found) for episode_id, found in by_episode.items()}


def episode_for_measures(*, user: User, episode_id: int) -> Episode | None:
    """An episode the user may record measures in, with the person named on the page. Records the view."""
    episode = (
        Episode.objects.visible_to(user).select_related("person", "practice").filter(pk=episode_id).first()
    )
    if episode is not None:
        audit_view(actor=user, objects=[episode.person], purpose="record a measure")
    return episode
