"""Costs a year: the posts, and changes in NHS use among people the service reaches (negative = saved)."""

import numpy as np


def posts(fte, cost_per_post):
    """Yearly cost of the posts, fully loaded (salary, on-costs, overheads).

    >>> float(posts(42, 48200))
    2024400.0
    """
    return np.asarray(fte, dtype=float) * cost_per_post


def nhs_change(seen, linked, p: dict):
    """Yearly change in NHS costs (negative is a saving) among people seen and people engaged.

    GP and A&E reductions (Polley 2017, uncontrolled) and antidepressant stopping apply to people seen;
    the non-elective saving (Wildman 2023) applies to the engaged only.

    >>> p = {"gp_consultations_year": 8.0, "gp_reduction": 0.1, "gp_unit_cost": 45.0,
    ...      "ae_attendances_year": 0.5, "ae_reduction": 0.2, "ae_unit_cost": 273.0,
    ...      "antidepressant_share": 0.3, "antidepressant_stop_share": 0.1, "antidepressant_cost_year": 190.56,
    ...      "nonelective_saving_engaged_year": 77.57}
    >>> round(float(nhs_change(100.0, 50.0, p)), 2)   # -(3600 + 2730 + 571.68) - 3878.5
    -10780.18
    """
    gp = p["gp_consultations_year"] * p["gp_reduction"] * p["gp_unit_cost"]
    ae = p["ae_attendances_year"] * p["ae_reduction"] * p["ae_unit_cost"]
    drugs = p["antidepressant_share"] * p["antidepressant_stop_share"] * p["antidepressant_cost_year"]
    return -(np.asarray(seen) * (gp + ae + drugs) + np.asarray(linked) * p["nonelective_saving_engaged_year"])
