"""Outcomes: QALYs (EQ-5D utility) and WELLBYs (SWEMWBS -> life satisfaction) gained in a year.

Two evidence bases, chosen by the scenario:
- "itt" (the base case): Mercer 2019's intention-to-treat effect applies to everyone referred who is
  not lost from the waiting list, scaled by how much engagement the staffing keeps.
- "engaged": an effect for the engaged group (>= 3 contacts) only. Its size is an assumption until
  Mercer 2019 Table 4 is read, and the subgroup is open to selection bias.
"""

import numpy as np

EFFECTS = ("itt", "engaged")


def people_benefiting(flow: dict, effect: str, frequency):
    """Everyone the chosen effect applies to, each year.

    >>> f = {"referrals": 1000.0, "gave_up_waiting": 100.0, "linked": 300.0}
    >>> float(people_benefiting(f, "itt", 0.5)), float(people_benefiting(f, "engaged", 0.5))
    (450.0, 300.0)
    """
    if effect == "itt":
        return (np.asarray(flow["referrals"]) - flow["gave_up_waiting"]) * frequency
    if effect == "engaged":
        return np.asarray(flow["linked"], dtype=float)
    raise ValueError(f"effect must be one of {', '.join(EFFECTS)}, not {effect!r}")


def qalys(people, utility_gain, duration_years):
    """QALYs gained: people x utility change x years the change lasts.

    >>> float(qalys(1000, 0.008, 0.75))
    6.0
    """
    return np.asarray(people) * utility_gain * duration_years


def wellbys(people, swemwbs_change, ls_per_swemwbs, duration_years):
    """WELLBYs (one point of life satisfaction for one year) from a SWEMWBS change.

    >>> round(float(wellbys(1000, 1.0, 0.26, 1.0)), 6)
    260.0
    """
    return np.asarray(people) * swemwbs_change * ls_per_swemwbs * duration_years
