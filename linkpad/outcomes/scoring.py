"""Scoring the outcome measures: plain functions from answers to a `Result`. No Django here.

Each scorer takes the answers in item order (item 1 first) and returns the raw total, the score
to report, a band where the measure has published bands, and flags that need someone to act.
A missing or out-of-range answer raises an `AnswerError` naming the item and the allowed range:
a score is never guessed from a partial form.

Sources are in `../shared/research/02-casework.md` §3 and `docs/outcomes.md`.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from numbers import Integral

#: The flag set when someone answers PHQ-9 item 9 (thoughts of being better off dead or of
#: self-harm) with anything above "Not at all". CLPs are not clinicians: it routes to the GP.
RISK_TO_SELF = "risk_to_self"

#: SWEMWBS raw score (sum of 7 items) to metric score, from the official Warwick conversion table as
#: reproduced in the research notes (§3). Reporting the metric score is required for comparison
#: across studies. Verify against the official PDF before release.
SWEMWBS_METRIC: dict[int, float] = {
    7: 7.00, 8: 9.51, 9: 11.25, 10: 12.40, 11: 13.33, 12: 14.08, 13: 14.75, 14: 15.32, 15: 15.84,
    16: 16.36, 17: 16.88, 18: 17.43, 19: 17.98, 20: 18.59, 21: 19.25, 22: 19.98, 23: 20.73,
    24: 21.54, 25: 22.35, 26: 23.21, 27: 24.11, 28: 25.03, 29: 26.02, 30: 27.03, 31: 28.13,
    32: 29.31, 33: 30.70, 34: 32.55, 35: 35.00,
}  # fmt: skip

#: Lower bounds of the PHQ-9 severity bands (Kroenke et al.; research notes §3).
PHQ9_BANDS = ((20, "severe"), (15, "moderately severe"), (10, "moderate"), (5, "mild"), (0, "minimal"))
#: Lower bounds of the GAD-7 severity bands.
GAD7_BANDS = ((15, "severe"), (10, "moderate"), (5, "mild"), (0, "minimal"))
#: ONS thresholds for life satisfaction, worthwhile and happiness (higher is better).
ONS_POSITIVE_BANDS = ((9, "very high"), (7, "high"), (5, "medium"), (0, "low"))
#: ONS thresholds for anxiety, where lower is better: so its bands run the other way.
ONS_ANXIETY_BANDS = ((6, "high"), (4, "medium"), (2, "low"), (0, "very low"))

ONS4_PARTS = (
    ("life_satisfaction", "Life satisfaction"),
    ("worthwhile", "Worthwhile"),
    ("happiness", "Happiness"),
    ("anxiety", "Anxiety"),
)


class AnswerError(ValueError):
    """Answers that cannot be scored, said in words the person entering them can act on."""


class MissingAnswer(AnswerError):
    pass


class AnswerOutOfRange(AnswerError):
    pass


class WrongNumberOfAnswers(AnswerError):
    pass


@dataclass(frozen=True)
class Part:
    """One separately reported question of a measure that has no total (ONS4)."""

    key: str
    label: str
    score: int
    band: str


@dataclass(frozen=True)
class Result:
    """A scored administration. `raw` and `score` are None for a measure reported question by
    question (ONS4), whose `parts` carry the scores instead. `band` is None where the measure has
    no published bands."""

    raw: int | None
    score: float | int | None
    band: str | None
    flags: tuple[str, ...] = ()
    parts: tuple[Part, ...] = field(default=())


def check_answers(answers: Sequence, *, measure: str, items: int, low: int, high: int) -> list[int]:
    """The answers as whole numbers, or an `AnswerError` naming the first item that is wrong.

    >>> check_answers([1, 2], measure="Test", items=2, low=1, high=5)
    [1, 2]
    >>> check_answers([1, 6], measure="Test", items=2, low=1, high=5)
    Traceback (most recent call last):
    ...
    linkpad.outcomes.scoring.AnswerOutOfRange: Test item 2 must be a whole number from 1 to 5, not 6.
    >>> check_answers([1, None], measure="Test", items=2, low=1, high=5)
    Traceback (most recent call last):
    ...
    linkpad.outcomes.scoring.MissingAnswer: Test item 2 is missing: answer it with a number from 1 to 5.
    """
    answers = list(answers)
    if len(answers) > items:
        raise WrongNumberOfAnswers(f"{measure} has {items} items, but {len(answers)} answers were given.")
    answers += [None] * (items - len(answers))
    for number, answer in enumerate(answers, start=1):
        if answer is None or answer == "":
            raise MissingAnswer(
                f"{measure} item {number} is missing: answer it with a number from {low} to {high}."
            )
        if isinstance(answer, bool) or not isinstance(answer, Integral) or not low <= answer <= high:
            raise AnswerOutOfRange(
                f"{measure} item {number} must be a whole number from {low} to {high}, not {answer!r}."
            )
    return [int(answer) for answer in answers]


def band_of(value: int, bands: Sequence[tuple[int, str]]) -> str:
    """The band whose lower bound is the highest one at or below `value`.

    >>> band_of(9, PHQ9_BANDS), band_of(10, PHQ9_BANDS)
    ('mild', 'moderate')
    """
    return next(name for lower, name in bands if value >= lower)


def swemwbs(answers: Sequence[int]) -> Result:
    """Short Warwick-Edinburgh Mental Wellbeing Scale: 7 items scored 1-5, raw 7-35, reported as the
    metric score from the official conversion table. No published bands.

    >>> swemwbs([3, 3, 3, 3, 3, 3, 3])
    Result(raw=21, score=19.25, band=None, flags=(), parts=())
    >>> swemwbs([5] * 7).score, swemwbs([1] * 7).score
    (35.0, 7.0)
    """
    raw = sum(check_answers(answers, measure="SWEMWBS", items=7, low=1, high=5))
    return Result(raw=raw, score=SWEMWBS_METRIC[raw], band=None)


def wemwbs(answers: Sequence[int]) -> Result:
    """Warwick-Edinburgh Mental Wellbeing Scale: 14 items scored 1-5, a simple sum from 14 to 70.

    >>> wemwbs([4] * 14)
    Result(raw=56, score=56, band=None, flags=(), parts=())
    """
    raw = sum(check_answers(answers, measure="WEMWBS", items=14, low=1, high=5))
    return Result(raw=raw, score=raw, band=None)


def ons4(answers: Sequence[int]) -> Result:
    """ONS personal well-being: four questions scored 0-10 and reported one by one with the ONS
    bands (anxiety's bands run the other way, as lower anxiety is better). There is no total.

    >>> [(p.key, p.score, p.band) for p in ons4([7, 8, 4, 6]).parts]
    [('life_satisfaction', 7, 'high'), ('worthwhile', 8, 'high'), ('happiness', 4, 'low'), ('anxiety', 6, 'high')]
    """
    scores = check_answers(answers, measure="ONS4", items=4, low=0, high=10)
    parts = tuple(
        Part(key, label, score, band_of(score, ONS_ANXIETY_BANDS if key == "anxiety" else ONS_POSITIVE_BANDS))
        for (key, label), score in zip(ONS4_PARTS, scores, strict=True)
    )
    return Result(raw=None, score=None, band=None, parts=parts)


def phq9(answers: Sequence[int]) -> Result:
    """Patient Health Questionnaire-9: 9 items scored 0-3, total 0-27, severity bands at 5, 10, 15
    and 20. Any answer above 0 on item 9 raises the `risk_to_self` flag, whatever the total.

    >>> phq9([1, 1, 1, 1, 1, 0, 0, 0, 0])
    Result(raw=5, score=5, band='mild', flags=(), parts=())
    >>> phq9([0, 0, 0, 0, 0, 0, 0, 0, 1]).flags
    ('risk_to_self',)
    """
    scores = check_answers(answers, measure="PHQ-9", items=9, low=0, high=3)
    raw = sum(scores)
    flags = (RISK_TO_SELF,) if scores[8] > 0 else ()
    return Result(raw=raw, score=raw, band=band_of(raw, PHQ9_BANDS), flags=flags)


def gad7(answers: Sequence[int]) -> Result:
    """Generalised Anxiety Disorder-7: 7 items scored 0-3, total 0-21, severity bands at 5, 10, 15.

    >>> gad7([2, 2, 2, 2, 2, 0, 0])
    Result(raw=10, score=10, band='moderate', flags=(), parts=())
    """
    raw = sum(check_answers(answers, measure="GAD-7", items=7, low=0, high=3))
    return Result(raw=raw, score=raw, band=band_of(raw, GAD7_BANDS))


def goal_progress(answers: Sequence[int]) -> Result:
    """How close the person feels to the goals they agreed: one rating from 0 (not at all) to 10
    (reached), like the Goal Based Outcomes tool, so a change can be read against its threshold.
    No bands: the numbers speak for themselves.

    >>> goal_progress([6])
    Result(raw=6, score=6, band=None, flags=(), parts=())
    """
    raw = check_answers(answers, measure="Goal progress", items=1, low=0, high=10)[0]
    return Result(raw=raw, score=raw, band=None)


MEANINGFUL_IMPROVEMENT = "meaningful improvement"
NO_MEANINGFUL_CHANGE = "no meaningful change"
MEANINGFUL_DECLINE = "meaningful decline"


def change_verdict(before: float, after: float, *, threshold: float, higher_is_better: bool) -> str:
    """Whether one person's change from `before` to `after` is meaningful: a change of at least
    `threshold` points in the better direction is an improvement, in the worse direction a decline.

    >>> change_verdict(19.98, 23.21, threshold=3, higher_is_better=True)
    'meaningful improvement'
    >>> change_verdict(19.98, 21.54, threshold=3, higher_is_better=True)
    'no meaningful change'
    >>> change_verdict(8, 16, threshold=6, higher_is_better=False)
    'meaningful decline'
    """
    gain = (after - before) if higher_is_better else (before - after)
    # Scores carry two decimals at most: round so 3.0000000001 and 2.9999999 compare as people expect.
    gain = round(gain, 6)
    if gain >= threshold:
        return MEANINGFUL_IMPROVEMENT
    if gain <= -threshold:
        return MEANINGFUL_DECLINE
    return NO_MEANINGFUL_CHANGE
