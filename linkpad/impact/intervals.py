"""Confidence intervals for the calibration estimates: pure functions, no Django.

Wilson's score interval for proportions (it behaves at 0% and 100%, unlike the Wald interval), Student's
t for means, and a seeded percentile bootstrap for means of skewed data such as waits.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from statistics import NormalDist

import numpy as np

Z95 = 1.959963984540054


def wilson(successes: int, total: int, z: float = Z95) -> tuple[float, float]:
    """Wilson score interval for a proportion.

    >>> [round(v, 4) for v in wilson(130, 288)]
    [0.3949, 0.5091]
    >>> wilson(0, 10)[0], round(wilson(0, 10)[1], 4)
    (0.0, 0.2775)
    >>> wilson(3, 0)
    Traceback (most recent call last):
    ...
    ValueError: a proportion needs at least one person
    """
    if total < 1:
        raise ValueError("a proportion needs at least one person")
    if not 0 <= successes <= total:
        raise ValueError("successes must be between 0 and the total")
    p = successes / total
    centre = p + z * z / (2 * total)
    spread = z * math.sqrt(p * (1 - p) / total + z * z / (4 * total * total))
    denominator = 1 + z * z / total
    return max(0.0, (centre - spread) / denominator), min(1.0, (centre + spread) / denominator)


def t_interval(values: Sequence[float], level: float = 0.95) -> tuple[float, float, float]:
    """(mean, low, high) of a mean by Student's t; needs two or more values.

    >>> [round(v, 3) for v in t_interval([2, 4, 4, 4, 5, 5, 7, 9])]
    [5.0, 3.213, 6.787]
    >>> t_interval([3.0])
    Traceback (most recent call last):
    ...
    ValueError: a t interval needs at least two values
    """
    data = np.asarray(values, dtype=float)
    if data.size < 2:
        raise ValueError("a t interval needs at least two values")
    mean = float(data.mean())
    half = t_quantile(0.5 + level / 2, data.size - 1) * float(data.std(ddof=1)) / math.sqrt(data.size)
    return mean, mean - half, mean + half


def t_quantile(p: float, df: int) -> float:
    """Student's t quantile: exact for 1 and 2 degrees of freedom, else the Cornish-Fisher expansion
    (Abramowitz & Stegun 26.7.5; error under 1e-3 from 3 degrees of freedom). No SciPy needed.

    >>> round(t_quantile(0.975, 7), 3), round(t_quantile(0.975, 30), 3), round(t_quantile(0.975, 1), 3)
    (2.365, 2.042, 12.706)
    """
    if df == 1:
        return math.tan(math.pi * (p - 0.5))
    if df == 2:
        return (2 * p - 1) / math.sqrt(2 * p * (1 - p))
    z = NormalDist().inv_cdf(p)
    g1 = (z**3 + z) / 4
    g2 = (5 * z**5 + 16 * z**3 + 3 * z) / 96
    g3 = (3 * z**7 + 19 * z**5 + 17 * z**3 - 15 * z) / 384
    g4 = (79 * z**9 + 776 * z**7 + 1482 * z**5 - 1920 * z**3 - 945 * z) / 92160
    return z + g1 / df + g2 / df**2 + g3 / df**3 + g4 / df**4


def standard_error(values: Sequence[float]) -> float:
    """Standard error of the mean.

    >>> round(standard_error([2, 4, 4, 4, 5, 5, 7, 9]), 4)
    0.7559
    """
    data = np.asarray(values, dtype=float)
    return float(data.std(ddof=1) / math.sqrt(data.size)) if data.size > 1 else float("nan")


def bootstrap_mean(
    values: Sequence[float], *, reps: int = 2000, seed: int = 0, level: float = 0.95
) -> tuple[float, float, float]:
    """(mean, low, high) by the percentile bootstrap, reproducible by seed.

    >>> m, low, high = bootstrap_mean([1, 1, 2, 2, 3, 8, 13], seed=1)
    >>> m, bool(low < m < high), bootstrap_mean([1, 1, 2, 2, 3, 8, 13], seed=1) == (m, low, high)
    (4.285714285714286, True, True)
    >>> bootstrap_mean([5, 5, 5])
    (5.0, 5.0, 5.0)
    """
    data = np.asarray(values, dtype=float)
    if data.size < 1:
        raise ValueError("a bootstrap needs at least one value")
    rng = np.random.default_rng(seed)
    means = data[rng.integers(0, data.size, size=(reps, data.size))].mean(axis=1)
    tail = (1 - level) / 2
    low, high = np.quantile(means, [tail, 1 - tail])
    return float(data.mean()), float(low), float(high)


def poisson_rate(count: int, exposure: float, z: float = Z95) -> tuple[float, float, float]:
    """(rate, low, high) for a count over an exposure (e.g. weeks), by the square-root (variance-stabilised) method.

    >>> [round(v, 2) for v in poisson_rate(100, 50)]
    [2.0, 1.63, 2.43]
    """
    if exposure <= 0:
        raise ValueError("the exposure must be more than 0")
    root = math.sqrt(count)
    low = max(root - z / 2, 0.0) ** 2
    high = (math.sqrt(count + 1) + z / 2) ** 2
    return count / exposure, low / exposure, high / exposure
