"""CLP capacity: caseload slots from posts, and how thinly each post is spread across practices."""

import numpy as np


def caseload_slots(fte, caseload_per_fte):
    """Caseload places: whole-time posts times the people one CLP can hold at once.

    >>> float(caseload_slots(70, 25.0))
    1750.0
    >>> caseload_slots(42.0, np.array([20.0, 25.0])).tolist()
    [840.0, 1050.0]
    """
    return np.asarray(fte, dtype=float) * caseload_per_fte


def practices_per_clp(practices_covered, fte):
    """How many practices each post is spread across (at least one: a post never covers less).

    >>> practices_per_clp(80, 42)
    1.9047619047619047
    >>> practices_per_clp(42, 70)
    1.0
    """
    return max(practices_covered / fte, 1.0)


def contact_frequency(spread, penalty_per_extra_practice, *, protected=False):
    """Relative contact frequency (and so engagement) when a post covers `spread` practices.

    One CLP across two or three practices sees each person less often; the penalty is the relative loss
    per extra practice. Protecting contact frequency (fewer practices, full sessions) removes it.

    >>> float(contact_frequency(1.0, 0.1))
    1.0
    >>> round(float(contact_frequency(2.0, 0.1)), 3)
    0.9
    >>> float(contact_frequency(3.0, 0.25, protected=True))
    1.0
    """
    if protected:
        return np.ones_like(np.asarray(penalty_per_extra_practice, dtype=float)) * 1.0
    return np.clip(1 - np.asarray(penalty_per_extra_practice) * (spread - 1), 0.0, 1.0)
