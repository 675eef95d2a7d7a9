"""Measures on the episode page: a table, a small server-drawn line chart and the change statement.

The chart is plain SVG with a <title> and <desc> giving the same figures as the table beside it, so
it needs no script and reads the same to a screen reader.
"""

from dataclasses import dataclass

from linkpad.casework.presenters import day

from .measures import MEASURES, Measure
from .models import Administration
from .selectors import Change, changes, series

WIDTH, HEIGHT = 320, 200
LEFT, RIGHT, TOP, BOTTOM = 40, 14, 14, 32
#: Colour and dash for each line, so lines differ by more than colour alone.
LINE_STYLES = [("#005eb8", ""), ("#007f3b", "6 3"), ("#d5281b", "2 3"), ("#330072", "8 3 2 3")]
FLAG_WORDS = {"risk_to_self": "Safety flag: item 9 answered {item_9}"}


@dataclass(frozen=True)
class Line:
    label: str
    colour: str
    dash: str
    points: str  # "x,y x,y ..." for <polyline>
    dots: list[tuple[float, float, str]]  # x, y, what the point says


@dataclass(frozen=True)
class Chart:
    id: str
    title: str
    description: str
    width: int
    height: int
    lines: list[Line]
    y_ticks: list[tuple[float, str]]
    x_labels: list[tuple[float, str, str]]  # x, label, text-anchor (the ends stay inside the chart)
    plot: tuple[float, float, float, float]  # left, top, right, bottom


@dataclass(frozen=True)
class Row:
    administration: Administration
    when: str
    timepoint: str
    result: str
    flags: str


@dataclass(frozen=True)
class Panel:
    measure: Measure
    rows: list[Row]
    chart: Chart
    change: Change | None


def _result_text(administration: Administration) -> str:
    if administration.measure == "ons4":
        return ", ".join(f"{label} {value:g}" for label, value in series(administration).items())
    score = f"{administration.score:g}"
    return f"{score} ({administration.band})" if administration.band else score


def _flags_text(administration: Administration) -> str:
    item_9 = administration.answers[8] if len(administration.answers) > 8 else None
    return "; ".join(FLAG_WORDS.get(flag, flag).format(item_9=item_9) for flag in administration.flags)


def _y(value: float, low: float, high: float) -> float:
    return round(TOP + (high - value) / (high - low) * (HEIGHT - TOP - BOTTOM), 1)


def _x(index: int, count: int) -> float:
    span = WIDTH - LEFT - RIGHT
    return round(LEFT + (span / 2 if count == 1 else index * span / (count - 1)), 1)


def _short(when) -> str:
    return f"{when.day} {when:%b %Y}"


def _anchor(index: int, count: int) -> str:
    if count == 1:
        return "middle"
    return "start" if index == 0 else "end" if index == count - 1 else "middle"


def chart(measure: Measure, administrations: list[Administration]) -> Chart:
    low, high = measure.score_range
    count = len(administrations)
    names = list(series(administrations[0]))
    lines = []
    for number, name in enumerate(names):
        colour, dash = LINE_STYLES[number % len(LINE_STYLES)]
        dots = []
        for index, administration in enumerate(administrations):
            value = series(administration)[name]
            dots.append(
                (_x(index, count), _y(value, low, high), f"{day(administration.completed_on)}: {value:g}")
            )
        points = " ".join(f"{x},{y}" for x, y, _ in dots)
        lines.append(Line(name, colour, dash, points, dots))
    readings = "; ".join(
        f"{day(a.completed_on)} ({a.get_timepoint_display().lower()}): {_result_text(a)}"
        for a in administrations
    )
    better = "higher is better" if measure.higher_is_better else "lower is better"
    if measure.key == "ons4":
        better = "higher is better, except for anxiety"
    ticks = [low, round((low + high) / 2), high]
    return Chart(
        id=f"measure-chart-{measure.key}",
        title=f"{measure.short_name} over time",
        description=f"Scores from {low:g} to {high:g}, {better}. {readings}.",
        width=WIDTH,
        height=HEIGHT,
        lines=lines,
        y_ticks=[(_y(t, low, high), f"{t:g}") for t in ticks],
        x_labels=[
            (_x(i, count), _short(a.completed_on), _anchor(i, count)) for i, a in enumerate(administrations)
        ],
        plot=(LEFT, TOP, WIDTH - RIGHT, HEIGHT - BOTTOM),
    )


def episode_measures(episode) -> list[Panel]:
    """A panel for each measure recorded in the episode, in the order measures are offered.

    The episode comes from a scoped, audited selector (`episode_for_page`), so its administrations
    are already the user's to see."""
    administrations = list(episode.administrations.all())
    found = changes(administrations)
    panels = []
    for key, measure in MEASURES.items():
        rows = [a for a in administrations if a.measure == key]
        if not rows:
            continue
        table = [
            Row(a, _short(a.completed_on), a.get_timepoint_display(), _result_text(a), _flags_text(a))
            for a in rows
        ]
        panels.append(Panel(measure, table, chart(measure, rows), found.get(key)))
    return panels
