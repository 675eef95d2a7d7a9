"""Discounting (HM Treasury Green Book, Annex A6): year 0 is now and is not discounted."""

import numpy as np


def factors(years: int, rate: float, *, long_rate: float = 0.03, switch_year: int = 30) -> np.ndarray:
    """Discount factor for each year 0..years-1; the Green Book's 3.5% falls to 3.0% from year 31.

    >>> factors(3, 0.035).round(4).tolist()
    [1.0, 0.9662, 0.9335]
    >>> factors(2, 0.0).tolist()
    [1.0, 1.0]
    >>> bool(factors(32, 0.035)[31] / factors(32, 0.035)[30] > 1 / 1.035)
    True
    """
    t = np.arange(years)
    early = np.minimum(t, switch_year)
    late = np.maximum(t - switch_year, 0)
    return 1 / ((1 + rate) ** early * (1 + min(rate, long_rate)) ** late)


def present_value(per_year, years: int, rate: float):
    """Present value of the same amount every year for `years` years.

    >>> round(float(present_value(100.0, 2, 0.035)), 2)
    196.62
    """
    return np.asarray(per_year) * factors(years, rate).sum()
