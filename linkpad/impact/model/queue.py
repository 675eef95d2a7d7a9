"""The waiting list for CLP caseload slots: closed forms, an exact steady state, and a simulation.

People referred join one first-come-first-served list for `slots` caseload places (FTE x caseload). An
episode lasts `mean_episode_weeks` on average; someone still waiting after their patience runs out gives
up. Three views of the same queue, each checking the others:

- `erlang_c`: the M/M/c closed form (nobody gives up), the textbook check.
- `steady_state`: the exact stationary distribution of the M/M/c+M birth-death chain (Erlang A, people
  give up after an exponential patience), vectorised over PSA draws. The model uses this one.
- `simulate`: an exact discrete-event simulation by the Kiefer-Wolfowitz recursion (FCFS, c servers):
  each arrival takes the earliest-free slot, so waits need no event list. See ADR 0008.
"""

from __future__ import annotations

import heapq
import math
from dataclasses import dataclass

import numpy as np

WEEKS_PER_YEAR = 365.25 / 7
DISTRIBUTIONS = ("exponential", "deterministic")


def erlang_c(slots: int, offered_load: float) -> float:
    """Probability an arrival has to wait in an M/M/c queue (Erlang C), by the stable Erlang B recursion.

    >>> round(erlang_c(1, 0.5), 6)   # M/M/1: P(wait) = rho
    0.5
    >>> round(erlang_c(2, 1.0), 6)   # c=2, a=1: 1/3
    0.333333
    >>> erlang_c(2, 2.0)
    1.0
    """
    if offered_load >= slots:
        return 1.0
    blocking = 1.0
    for k in range(1, slots + 1):
        blocking = offered_load * blocking / (k + offered_load * blocking)
    return slots * blocking / (slots - offered_load * (1 - blocking))


@dataclass(frozen=True)
class QueueFigures:
    mean_wait_weeks: float
    p90_wait_weeks: float
    utilisation: float
    mean_queue_length: float
    gave_up_share: float = 0.0


def erlang_c_figures(arrivals_per_week: float, mean_episode_weeks: float, slots: int) -> QueueFigures:
    """Mean and 90th-centile wait, utilisation and mean queue length of an M/M/c queue.

    >>> f = erlang_c_figures(0.5, 1.0, 1)   # M/M/1, rho 0.5: Wq = rho/(mu-lambda) = 1, Lq = 0.5
    >>> round(f.mean_wait_weeks, 6), round(f.mean_queue_length, 6), f.utilisation
    (1.0, 0.5, 0.5)
    >>> round(f.p90_wait_weeks, 4)   # P(W > t) = 0.5 exp(-0.5 t) = 0.1
    3.2189
    """
    rate = 1 / mean_episode_weeks
    load = arrivals_per_week * mean_episode_weeks
    if load >= slots:
        raise ValueError("arrivals exceed capacity: the M/M/c queue has no steady state")
    waiting = erlang_c(slots, load)
    drain = slots * rate - arrivals_per_week
    mean_wait = waiting / drain
    p90 = math.log(waiting / 0.1) / drain if waiting > 0.1 else 0.0
    return QueueFigures(mean_wait, p90, load / slots, arrivals_per_week * mean_wait)


def _window(arrivals, rate, slots, give_up_rate) -> tuple[int, int]:
    """The range of list sizes holding all but a negligible (< 1e-14) share of the stationary mass.

    Below the slots the count is Poisson-like around the offered load; above them, the number waiting is
    Poisson-like around (arrivals - capacity) / give-up rate, or geometric when nobody gives up.
    """
    load = arrivals / rate
    low = np.min(np.minimum(load, slots) - 12 * np.sqrt(load) - 30)
    over = arrivals / np.maximum(give_up_rate, 1e-12)
    by_patience = (
        np.maximum(arrivals - slots * rate, 0) / np.maximum(give_up_rate, 1e-12) + 12 * np.sqrt(over) + 30
    )
    rho = arrivals / (slots * rate)
    by_drain = np.where(rho < 1, np.log(1e-14) / np.log(np.minimum(rho, 1 - 1e-9)), np.inf)
    high = np.max(np.maximum(load + 12 * np.sqrt(load) + 30, slots + np.minimum(by_patience, by_drain)))
    return max(int(low), 0), int(np.ceil(high))


def steady_state(arrivals_per_week, mean_episode_weeks, slots, mean_patience_weeks) -> dict:
    """Exact stationary figures of the M/M/c+M queue (people give up after an exponential patience).

    Every argument may be an array (one value per PSA draw); figures come back as arrays. The mean wait
    is over everyone who joins the list (time to being seen or to giving up), so Little's law holds:
    mean_queue_length = arrivals x mean_wait.

    >>> f = steady_state(0.5, 1.0, 1, 1e9)   # patience ~ forever: M/M/1 (Wq = 1, Lq = 0.5)
    >>> round(float(f["mean_wait_weeks"][0]), 4), round(float(f["utilisation"][0]), 4)
    (1.0, 0.5)
    >>> f = steady_state(20.0, 1.0, 10, 2.0)   # twice the capacity: about half give up
    >>> 0.45 < float(f["gave_up_share"][0]) < 0.55, round(float(f["utilisation"][0]), 2)
    (True, 1.0)
    """
    lam, episode, c, patience = np.broadcast_arrays(
        *(
            np.atleast_1d(np.asarray(x, dtype=float))
            for x in (arrivals_per_week, mean_episode_weeks, slots, mean_patience_weeks)
        )
    )
    c = np.maximum(np.round(c), 1)
    mu, theta = 1 / episode, 1 / patience
    low, high = _window(lam, mu, c, theta)
    states = np.arange(low, high + 1, dtype=float)
    # log p(n) - log p(low) = sum over k in (low, n] of log(arrivals / departures when k are on the list)
    deaths = (
        np.minimum(states[1:], c[:, None]) * mu[:, None]
        + np.maximum(states[1:] - c[:, None], 0) * theta[:, None]
    )
    log_p = np.zeros((len(lam), len(states)))
    np.cumsum(np.log(lam[:, None] / deaths), axis=1, out=log_p[:, 1:])
    log_p -= log_p.max(axis=1, keepdims=True)
    p = np.exp(log_p)
    p /= p.sum(axis=1, keepdims=True)
    queue = (p * np.maximum(states - c[:, None], 0)).sum(axis=1)
    busy = (p * np.minimum(states, c[:, None])).sum(axis=1)
    return {
        "mean_wait_weeks": queue / lam,
        "mean_queue_length": queue,
        "utilisation": busy / c,
        "gave_up_share": theta * queue / lam,
    }


def simulate(
    *,
    arrivals_per_week: float,
    mean_episode_weeks: float,
    slots: int,
    weeks: float,
    reps: int = 1,
    seed: int | None = None,
    distribution: str = "exponential",
    mean_patience_weeks: float | None = None,
    warmup_weeks: float | None = None,
) -> QueueFigures:
    """Simulate `reps` independent replications of the FCFS multi-slot waiting list, exactly.

    Poisson referrals; episodes exponential (M/M/c) or fixed length (M/D/c); optional exponential
    patience (M/M/c+M). Figures are measured after `warmup_weeks` (default a tenth of the run) and pooled
    over replications. At light load hardly anyone waits:

    >>> f = simulate(arrivals_per_week=1.0, mean_episode_weeks=0.5, slots=3, weeks=2000, reps=4, seed=1)
    >>> 0 <= f.mean_wait_weeks < 0.05 and abs(f.utilisation - 1 / 6) < 0.01
    True
    """
    if distribution not in DISTRIBUTIONS:
        raise ValueError(f"distribution must be one of {', '.join(DISTRIBUTIONS)}, not {distribution!r}")
    rng = np.random.default_rng(seed)
    warmup = weeks / 10 if warmup_weeks is None else warmup_weeks
    arrivals = _arrival_times(rng, arrivals_per_week, weeks, reps)
    episodes = _episode_lengths(rng, arrivals.shape, mean_episode_weeks, distribution)
    patience = (
        np.full(arrivals.shape, np.inf)
        if mean_patience_weeks is None
        else rng.exponential(mean_patience_weeks, arrivals.shape)
    )
    run = _vector_run if slots <= 64 else _heap_run
    starts, served = run(arrivals, episodes, patience, slots)
    return _figures(arrivals, episodes, patience, starts, served, slots, warmup, weeks)


def _arrival_times(rng, rate: float, weeks: float, reps: int) -> np.ndarray:
    """Arrival times per replication, padded with +inf past the end of the run."""
    expected = rate * weeks
    size = int(expected + 8 * math.sqrt(expected) + 20)
    times = np.cumsum(rng.exponential(1 / rate, (reps, size)), axis=1)
    return np.where(times <= weeks, times, np.inf)


def _episode_lengths(rng, shape, mean: float, distribution: str) -> np.ndarray:
    if distribution == "deterministic":
        return np.full(shape, mean)
    return rng.exponential(mean, shape)


def _vector_run(arrivals, episodes, patience, slots):
    """Kiefer-Wolfowitz recursion, one arrival at a time, all replications at once (few slots)."""
    reps, size = arrivals.shape
    free = np.zeros((reps, slots))
    rows = np.arange(reps)
    starts = np.empty_like(arrivals)
    served = np.zeros(arrivals.shape, dtype=bool)
    real = np.isfinite(arrivals)
    for n in range(size):
        slot = free.argmin(axis=1)
        start = np.maximum(arrivals[:, n], free[rows, slot])
        stays = real[:, n] & (
            np.where(real[:, n], start - np.where(real[:, n], arrivals[:, n], 0), 0) <= patience[:, n]
        )
        free[rows[stays], slot[stays]] = start[stays] + episodes[stays, n]
        starts[:, n] = start
        served[:, n] = stays
    return starts, served


def _heap_run(arrivals, episodes, patience, slots):
    """The same recursion with a heap of slot free-times, one replication at a time (many slots)."""
    starts = np.empty_like(arrivals)
    served = np.zeros(arrivals.shape, dtype=bool)
    for r in range(arrivals.shape[0]):
        free = [0.0] * slots
        a_row, e_row, p_row = arrivals[r].tolist(), episodes[r].tolist(), patience[r].tolist()
        s_row, ok_row = [0.0] * len(a_row), [False] * len(a_row)
        for n, arrival in enumerate(a_row):
            if arrival == math.inf:
                s_row[n] = math.inf
                continue
            start = max(arrival, free[0])
            s_row[n] = start
            if start - arrival <= p_row[n]:
                ok_row[n] = True
                heapq.heapreplace(free, start + e_row[n])
        starts[r], served[r] = s_row, ok_row
    return starts, served


def _overlap(begin, end, low, high):
    return np.clip(np.minimum(end, high) - np.maximum(begin, low), 0, None)


def _figures(arrivals, episodes, patience, starts, served, slots, warmup, weeks) -> QueueFigures:
    real = np.isfinite(arrivals)
    at = np.where(real, arrivals, 0.0)
    left_queue = np.where(
        served, np.where(real, starts, 0.0), at + np.where(np.isfinite(patience), patience, 0)
    )
    waits = np.where(real, left_queue - at, 0.0)
    counted = real & (arrivals >= warmup)
    window = weeks - warmup
    reps = arrivals.shape[0]
    in_queue = np.where(real, _overlap(at, left_queue, warmup, weeks), 0).sum()
    begin = np.where(served, starts, 0.0)
    busy = np.where(served, _overlap(begin, begin + episodes, warmup, weeks), 0).sum()
    counted_waits = waits[counted]
    return QueueFigures(
        mean_wait_weeks=float(counted_waits.mean()),
        p90_wait_weeks=float(np.quantile(counted_waits, 0.9)),
        utilisation=float(busy / (slots * window * reps)),
        mean_queue_length=float(in_queue / (window * reps)),
        gave_up_share=float(1 - served[counted].mean()),
    )
