"""Referral demand: how many people are referred to the CLP service each week.

Demand comes from the practices a service covers, either as a rate per practice (the default, from
observed Glasgow totals) or from list sizes and deprivation when practice-level figures are given.
"""

import numpy as np

from .queue import WEEKS_PER_YEAR


def referrals_per_week(practices, referrals_per_practice_year, multiplier=1.0):
    """Referrals a week from `practices` practices, each referring at the given yearly rate.

    >>> float(referrals_per_week(80, 102.5)) * WEEKS_PER_YEAR
    8200.0
    >>> referrals_per_week(np.array([42, 80]), 100.0, 1.2).round(1).tolist()
    [96.6, 184.0]
    """
    return np.asarray(practices) * np.asarray(referrals_per_practice_year) * multiplier / WEEKS_PER_YEAR


def referrals_from_lists(list_sizes, rate_per_1000, deprivation_ratio=None):
    """Yearly referrals from list sizes, optionally scaled by a per-practice deprivation ratio.

    >>> referrals_from_lists([5000, 8000], 20.0).tolist()
    [100.0, 160.0]
    >>> referrals_from_lists([5000, 8000], 20.0, [1.5, 1.0]).tolist()
    [150.0, 160.0]
    """
    sizes = np.asarray(list_sizes, dtype=float)
    ratio = 1.0 if deprivation_ratio is None else np.asarray(deprivation_ratio, dtype=float)
    return sizes / 1000 * rate_per_1000 * ratio
