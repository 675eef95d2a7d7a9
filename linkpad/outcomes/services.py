"""Recording a measure in an episode: checked and scored by `scoring.py`, saved with the episode's
optimistic lock, and a safety flag raised in the same transaction when an answer signals a risk.
"""

import datetime as dt
from collections.abc import Sequence

from django.db import transaction
from django.utils import timezone

from linkpad.accounts.models import User
from linkpad.casework.models import Episode
from linkpad.casework.models.safeguarding import FlagSource, RiskKind
from linkpad.casework.safeguarding import risk_flag_raise
from linkpad.casework.services import EpisodeError, claim_change

from .measures import MEASURES, UnknownMeasure, measure_named
from .models import Administration
from .scoring import RISK_TO_SELF, AnswerError

COMPLETED_IN_FUTURE = "The date it was completed must be today or earlier"
RISK_DETAIL = (
    "{name}: {answer} to item 9 (thoughts of being better off dead or of self-harm). "
    "Talk to them today and pass this to their GP."
)


class MeasureError(EpisodeError):
    """Answers or a measure that cannot be recorded, in words the user can act on."""


@transaction.atomic
def administration_record(
    *,
    episode: Episode,
    by: User,
    version: int,
    measure: str,
    timepoint: str,
    answers: Sequence[int],
    completed_on: dt.date | None = None,
) -> Administration:
    """Record that the person answered a measure. Nothing is saved unless every item is answered
    within range; a PHQ-9 item 9 answer above 0 raises a risk-to-self flag for the CLP at once."""
    claim_change(episode, by=by, version=version)
    try:
        found = measure_named(measure)
        result = found.score(answers)
    except (UnknownMeasure, AnswerError) as error:
        raise MeasureError(str(error)) from error
    completed_on = completed_on or timezone.localdate()
    if completed_on > timezone.localdate():
        raise MeasureError(COMPLETED_IN_FUTURE)
    administration = Administration(
        episode=episode,
        measure=found.key,
        timepoint=timepoint,
        answers=list(answers),
        raw=result.raw,
        score=result.score,
        band=result.band or "",
        flags=list(result.flags),
        completed_on=completed_on,
        recorded_by=by,
    )
    administration.full_clean()
    administration.save()
    if RISK_TO_SELF in result.flags:
        _raise_risk_flag(administration)
    return administration


def _raise_risk_flag(administration: Administration) -> None:
    measure = MEASURES[administration.measure]
    item = measure.items[8]
    answer = administration.answers[8]
    said = next(o.label for o in measure.options_for(item) if o.value == answer)
    risk_flag_raise(
        episode=administration.episode,
        by=None,
        kind=RiskKind.TO_SELF,
        detail=RISK_DETAIL.format(name=measure.short_name, answer=f'"{said}"'),
        source=FlagSource.MEASURE,
        reference=f"{measure.short_name} item 9 answered {answer}",
    )
