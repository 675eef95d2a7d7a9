"""Cost-effectiveness maths, matching dampack's and BCEA's definitions.

- `icer_table`: dampack `calculate_icers`: sort by cost, mark strongly dominated ("D": another option
  costs no more and gains no less), then extendedly dominated ("ED": its ICER exceeds the next one's),
  ICERs between the remaining ("ND") options in cost order.
- `nmb`: net monetary benefit, threshold x QALYs - cost (BCEA's NB with k = threshold).
- `ceac`: for each threshold, the share of PSA draws in which each option has the highest NMB.
- `evpi`: expected value of perfect information, E[max NMB] - max E[NMB] (dampack `calc_evpi`).
- `one_way`: one-way sensitivity (dampack `owsa`), sorted by swing for a tornado.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

THRESHOLDS = (13_000, 20_000, 25_000, 30_000, 35_000)


@dataclass(frozen=True)
class IcerRow:
    strategy: str
    cost: float
    effect: float
    inc_cost: float | None
    inc_effect: float | None
    icer: float | None
    status: str  # ND (non-dominated), D (strongly dominated), ED (extendedly dominated)


def icer_table(strategies: list[str], costs, effects) -> list[IcerRow]:
    """Incremental cost-effectiveness ratios with dominance handled, as dampack `calculate_icers`.

    A costs 100 for 1 QALY, B 200 for 3, E 300 for 3.2, D 350 for 2, C 400 for 4. D is dominated by B
    (dearer, less effective). E is extendedly dominated: B->E costs 500 a QALY but E->C only 125, so a
    mix of B and C beats E. On the frontier A->B costs 50 a QALY and B->C 200.

    >>> rows = icer_table(list("ABCDE"), [100, 200, 400, 350, 300], [1, 3, 4, 2, 3.2])
    >>> [(r.strategy, r.status, r.icer) for r in rows]
    [('A', 'ND', None), ('B', 'ND', 50.0), ('E', 'ED', None), ('D', 'D', None), ('C', 'ND', 200.0)]
    """
    costs, effects = np.asarray(costs, float), np.asarray(effects, float)
    order = sorted(range(len(strategies)), key=lambda i: (costs[i], -effects[i]))
    status = {i: "ND" for i in order}
    for i in order:
        beaten = (costs <= costs[i]) & (effects >= effects[i]) & ((costs < costs[i]) | (effects > effects[i]))
        if beaten.any():
            status[i] = "D"
    changed = True
    while changed:
        changed = False
        frontier = [i for i in order if status[i] == "ND"]
        ratios = [_ratio(costs, effects, a, b) for a, b in zip(frontier, frontier[1:], strict=False)]
        for k in range(len(ratios) - 1):
            if ratios[k] > ratios[k + 1]:
                status[frontier[k + 1]] = "ED"
                changed = True
                break
    frontier = [i for i in order if status[i] == "ND"]
    previous = {b: a for a, b in zip(frontier, frontier[1:], strict=False)}
    return [_row(strategies, costs, effects, i, status[i], previous.get(i)) for i in order]


def _ratio(costs, effects, a: int, b: int) -> float:
    gain = effects[b] - effects[a]
    return float("inf") if gain == 0 else float((costs[b] - costs[a]) / gain)


def _row(strategies, costs, effects, i, status, before) -> IcerRow:
    if before is None:
        return IcerRow(strategies[i], float(costs[i]), float(effects[i]), None, None, None, status)
    inc_c, inc_e = float(costs[i] - costs[before]), float(effects[i] - effects[before])
    return IcerRow(strategies[i], float(costs[i]), float(effects[i]), inc_c, inc_e, inc_c / inc_e, status)


def nmb(qalys, cost, threshold: float):
    """Net monetary benefit at a threshold (pounds per QALY).

    >>> float(nmb(2.0, 30_000, 20_000))
    10000.0
    """
    return threshold * np.asarray(qalys) - np.asarray(cost)


def evpi(benefits) -> float:
    """Expected value of perfect information from an (iterations x options) array of net benefits.

    Two options, two equally likely states: A pays 10 or 0, B pays 4 either way. Choosing now, A's
    expected 5 beats B's 4; knowing the state first, we'd get (10 + 4) / 2 = 7; so EVPI = 7 - 5 = 2.

    >>> evpi([[10, 4], [0, 4]])
    2.0
    >>> evpi([[1, 0], [2, 0]])   # A always best: information is worth nothing
    0.0
    """
    b = np.asarray(benefits, dtype=float)
    return float(b.max(axis=1).mean() - b.mean(axis=0).max())


def ceac(qalys, costs, thresholds) -> np.ndarray:
    """Acceptability: (thresholds x options) share of draws where each option has the highest NMB.

    `qalys` and `costs` are (iterations x options).

    >>> ceac([[1.0, 2.0], [1.0, 0.5]], [[0.0, 100.0], [0.0, 100.0]], [10, 1000]).tolist()
    [[1.0, 0.0], [0.5, 0.5]]
    """
    q, c = np.asarray(qalys, float), np.asarray(costs, float)
    out = np.zeros((len(thresholds), q.shape[1]))
    for row, k in enumerate(thresholds):
        best = nmb(q, c, k).argmax(axis=1)
        out[row] = np.bincount(best, minlength=q.shape[1]) / q.shape[0]
    return out


@dataclass(frozen=True)
class Swing:
    parameter: str
    low: float
    high: float
    outcome_low: float
    outcome_high: float

    @property
    def width(self) -> float:
        return abs(self.outcome_high - self.outcome_low)


def one_way(
    outcome: Callable[[dict], float], base: dict[str, float], ranges: dict[str, tuple[float, float]]
) -> list[Swing]:
    """Vary one parameter at a time over its range, the rest at base; widest swing first (a tornado).

    >>> swings = one_way(lambda p: 2 * p["a"] + p["b"], {"a": 1, "b": 1}, {"a": (0, 2), "b": (0, 3)})
    >>> [(s.parameter, s.outcome_low, s.outcome_high) for s in swings]
    [('a', 1, 5), ('b', 2, 5)]
    """
    swings = []
    for name, (low, high) in ranges.items():
        at_low = outcome({**base, name: low})
        at_high = outcome({**base, name: high})
        swings.append(Swing(name, low, high, at_low, at_high))
    return sorted(swings, key=lambda s: (-s.width, s.parameter))
