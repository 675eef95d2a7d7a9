"""Synthetic administrations for tests, recorded through the real service. Nobody here is real."""

import datetime as dt

from linkpad.casework.tests.factories import fresh

from ..services import administration_record


def record(
    episode, measure: str, answers: list[int], *, timepoint: str = "baseline", on: dt.date | None = None
):
    """The episode's CLP records the person's answers."""
    return administration_record(
        episode=episode,
        by=episode.clp,
        version=fresh(episode).version,
        measure=measure,
        timepoint=timepoint,
        answers=answers,
        completed_on=on,
    )
