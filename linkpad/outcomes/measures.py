"""The measures Linkpad offers: wording, response options, copyright line, scorer and the change that
counts as meaningful. Adding a measure is one `Measure(...)` entry in `MEASURES` (see docs/outcomes.md).

No Django here, so the command line, the pages and the tests share one definition.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from . import scoring
from .scoring import Result


@dataclass(frozen=True)
class Option:
    value: int
    label: str


@dataclass(frozen=True)
class Item:
    text: str
    #: Only for an item whose options differ from the measure's.
    options: tuple[Option, ...] = ()


@dataclass(frozen=True)
class Measure:
    key: str
    name: str
    short_name: str
    #: The words read or shown before the items (the recall period, how to answer).
    stem: str
    items: tuple[Item, ...]
    options: tuple[Option, ...]
    #: Shown wherever the items are shown, as the licence requires.
    copyright: str
    scorer: Callable[[Sequence[int]], Result]
    #: Lowest and highest possible score, for charts.
    score_range: tuple[float, float]
    higher_is_better: bool
    #: The smallest change, in score points, taken as meaningful for one person; None where no
    #: threshold is agreed (then the change is shown without a verdict).
    change_threshold: float | None
    #: Why that threshold, in a line for the docs and the page.
    change_basis: str = ""

    def options_for(self, item: Item) -> tuple[Option, ...]:
        return item.options or self.options

    def score(self, answers: Sequence[int]) -> Result:
        return self.scorer(answers)


def _options(*labels: str, start: int) -> tuple[Option, ...]:
    return tuple(Option(value, label) for value, label in enumerate(labels, start=start))


def _items(*texts: str) -> tuple[Item, ...]:
    return tuple(Item(text) for text in texts)


WEMWBS_OPTIONS = _options(
    "None of the time", "Rarely", "Some of the time", "Often", "All of the time", start=1
)
WEMWBS_STEM = (
    "Below are some statements about feelings and thoughts. Choose the answer that best describes "
    "your experience of each over the last 2 weeks."
)
ZERO_TO_TEN = tuple(Option(n, {0: "0 – Not at all", 10: "10 – Completely"}.get(n, str(n))) for n in range(11))
PHQ_OPTIONS = _options("Not at all", "Several days", "More than half the days", "Nearly every day", start=0)
PHQ_STEM = "Over the last 2 weeks, how often have you been bothered by any of the following problems?"
PHQ_COPYRIGHT = (
    "PHQ-9 and GAD-7: developed by Drs Robert L. Spitzer, Janet B.W. Williams, Kurt Kroenke and "
    "colleagues, with an educational grant from Pfizer Inc. No permission required to reproduce, "
    "translate, display or distribute."
)

SWEMWBS = Measure(
    key="swemwbs",
    name="Short Warwick-Edinburgh Mental Wellbeing Scale",
    short_name="SWEMWBS",
    stem=WEMWBS_STEM,
    items=_items(
        "I've been feeling optimistic about the future",
        "I've been feeling useful",
        "I've been feeling relaxed",
        "I've been dealing with problems well",
        "I've been thinking clearly",
        "I've been feeling close to other people",
        "I've been able to make up my own mind about things",
    ),
    options=WEMWBS_OPTIONS,
    copyright=(
        "Short Warwick Edinburgh Mental Wellbeing Scale (SWEMWBS) © NHS Health Scotland, University of "
        "Warwick and University of Edinburgh, 2008, all rights reserved."
    ),
    scorer=scoring.swemwbs,
    score_range=(7, 35),
    higher_is_better=True,
    change_threshold=3,
    change_basis="2.77 standard errors of measurement is 2.87 points (Shah et al. 2018), so 3 points.",
)

WEMWBS = Measure(
    key="wemwbs",
    name="Warwick-Edinburgh Mental Wellbeing Scale",
    short_name="WEMWBS",
    stem=WEMWBS_STEM,
    items=_items(
        "I've been feeling optimistic about the future",
        "I've been feeling useful",
        "I've been feeling relaxed",
        "I've been feeling interested in other people",
        "I've had energy to spare",
        "I've been dealing with problems well",
        "I've been thinking clearly",
        "I've been feeling good about myself",
        "I've been feeling close to other people",
        "I've been feeling confident",
        "I've been able to make up my own mind about things",
        "I've been feeling loved",
        "I've been interested in new things",
        "I've been feeling cheerful",
    ),
    options=WEMWBS_OPTIONS,
    copyright=(
        "Warwick Edinburgh Mental Wellbeing Scale (WEMWBS) © NHS Health Scotland, University of Warwick "
        "and University of Edinburgh, 2006, all rights reserved."
    ),
    scorer=scoring.wemwbs,
    score_range=(14, 70),
    higher_is_better=True,
    change_threshold=3,
    change_basis="2.77 standard errors of measurement across 12 studies (Maheswaran et al. 2012): about 3 points.",
)

ONS4 = Measure(
    key="ons4",
    name="ONS personal well-being questions",
    short_name="ONS4",
    stem=(
        "Answer each question on a scale of 0 to 10, where 0 is 'not at all' and 10 is 'completely'. "
        "There are no right or wrong answers."
    ),
    items=_items(
        "Overall, how satisfied are you with your life nowadays?",
        "Overall, to what extent do you feel that the things you do in your life are worthwhile?",
        "Overall, how happy did you feel yesterday?",
        "Overall, how anxious did you feel yesterday?",
    ),
    options=ZERO_TO_TEN,
    copyright=(
        "Personal well-being questions from the Office for National Statistics. "
        "Contains public sector information licensed under the Open Government Licence v3.0."
    ),
    scorer=scoring.ons4,
    score_range=(0, 10),
    higher_is_better=True,  # for three of the four; anxiety is read the other way (see presenters)
    change_threshold=None,
    change_basis="No agreed threshold for one person's change: the four answers are shown as they are.",
)

PHQ9 = Measure(
    key="phq9",
    name="Patient Health Questionnaire (PHQ-9)",
    short_name="PHQ-9",
    stem=PHQ_STEM,
    items=_items(
        "Little interest or pleasure in doing things",
        "Feeling down, depressed, or hopeless",
        "Trouble falling or staying asleep, or sleeping too much",
        "Feeling tired or having little energy",
        "Poor appetite or overeating",
        "Feeling bad about yourself, or that you are a failure or have let yourself or your family down",
        "Trouble concentrating on things, such as reading the newspaper or watching television",
        "Moving or speaking so slowly that other people could have noticed, or the opposite: being so "
        "fidgety or restless that you have been moving around a lot more than usual",
        "Thoughts that you would be better off dead, or of hurting yourself in some way",
    ),
    options=PHQ_OPTIONS,
    copyright=PHQ_COPYRIGHT,
    scorer=scoring.phq9,
    score_range=(0, 27),
    higher_is_better=False,
    change_threshold=6,
    change_basis="The reliable change used by NHS Talking Therapies: 6 points on PHQ-9.",
)

GAD7 = Measure(
    key="gad7",
    name="Generalised Anxiety Disorder Assessment (GAD-7)",
    short_name="GAD-7",
    stem=PHQ_STEM,
    items=_items(
        "Feeling nervous, anxious or on edge",
        "Not being able to stop or control worrying",
        "Worrying too much about different things",
        "Trouble relaxing",
        "Being so restless that it is hard to sit still",
        "Becoming easily annoyed or irritable",
        "Feeling afraid, as if something awful might happen",
    ),
    options=PHQ_OPTIONS,
    copyright=PHQ_COPYRIGHT,
    scorer=scoring.gad7,
    score_range=(0, 21),
    higher_is_better=False,
    change_threshold=4,
    change_basis="The reliable change used by NHS Talking Therapies: 4 points on GAD-7.",
)

GOAL = Measure(
    key="goal",
    name="Goal progress rating",
    short_name="Goal progress",
    stem="Think about the goals you agreed with your community links practitioner.",
    items=(
        Item(
            "How close are you to reaching them?",
            options=tuple(
                Option(n, {0: "0 – Not at all", 5: "5 – Halfway", 10: "10 – Goals reached"}.get(n, str(n)))
                for n in range(11)
            ),
        ),
    ),
    options=(),
    copyright="Linkpad's own rating, modelled on the Goal Based Outcomes scale (0 to 10). Free to use.",
    scorer=scoring.goal_progress,
    score_range=(0, 10),
    higher_is_better=True,
    change_threshold=3,
    change_basis="Goal Based Outcomes reliable change is about 2.45 points, so 3 whole points.",
)

#: Every measure, by key, in the order they are offered.
MEASURES: dict[str, Measure] = {m.key: m for m in (SWEMWBS, WEMWBS, ONS4, PHQ9, GAD7, GOAL)}


class UnknownMeasure(ValueError):
    pass


UNKNOWN_MEASURE = "There is no measure called '{name}'. Choose one of: {choices}."


def measure_named(name: str) -> Measure:
    """A measure by key or short name, ignoring case, hyphens and spaces ('PHQ-9' is 'phq9').

    >>> measure_named("PHQ-9").key
    'phq9'
    >>> measure_named("Goal progress").key
    'goal'
    >>> measure_named("PAM")
    Traceback (most recent call last):
    ...
    linkpad.outcomes.measures.UnknownMeasure: There is no measure called 'PAM'. Choose one of: swemwbs, wemwbs, ons4, phq9, gad7, goal.
    """
    wanted = _plain(name)
    for measure in MEASURES.values():
        if wanted in {_plain(measure.key), _plain(measure.short_name)}:
            return measure
    raise UnknownMeasure(UNKNOWN_MEASURE.format(name=name, choices=", ".join(MEASURES)))


def _plain(name: str) -> str:
    return "".join(ch for ch in name.lower() if ch.isalnum())
