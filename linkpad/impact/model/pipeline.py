"""Chain the stages for one staffing option over arrays of parameter draws (every PSA iteration at once).

demand -> capacity -> queue -> engagement -> outcomes -> costs -> discounting. Counts are a year in steady
state; costs, QALYs and WELLBYs are present values over the horizon.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from . import capacity, costs, demand, discounting, engagement, outcomes, queue

CHUNK = 2_000


@dataclass(frozen=True)
class Option:
    """A staffing option: how many posts, across how many practices."""

    name: str
    fte: float
    practices_covered: int
    referral_multiplier: float = 1.0
    protect_contact_frequency: bool = False


@dataclass(frozen=True)
class Analysis:
    """Evidence and appraisal settings shared by every option in a run."""

    effect: str = "itt"
    nhs_savings: bool = False
    horizon_years: int = 5
    cost_discount_rate: float = 0.035
    health_discount_rate: float = 0.035


def waiting_list(option: Option, p: dict, progress: Callable[[int], None] | None = None) -> dict:
    """Steady-state waiting-list figures for every draw, in chunks (memory stays small)."""
    joining = (
        demand.referrals_per_week(
            option.practices_covered, p["referrals_per_practice_year"], option.referral_multiplier
        )
        * p["uptake"]
    )
    slots = capacity.caseload_slots(option.fte, p["caseload_per_fte"])
    joining, episode, slots, patience = np.broadcast_arrays(
        np.maximum(joining, 1e-9), p["mean_episode_weeks"], slots, p["mean_patience_weeks"]
    )
    parts = []
    for start in range(0, len(joining), CHUNK):
        window = slice(start, start + CHUNK)
        parts.append(queue.steady_state(joining[window], episode[window], slots[window], patience[window]))
        if progress:
            progress(len(joining[window]))
    return {key: np.concatenate([part[key] for part in parts]) for key in parts[0]}


def evaluate(option: Option, p: dict, analysis: Analysis, waits: dict | None = None) -> dict:
    """Everything the report needs about one option, one value per draw.

    >>> from linkpad.impact.defaults import PARAMETERS
    >>> from linkpad.impact.model.psa import means
    >>> p = means({name: par.distribution for name, par in PARAMETERS.items()})
    >>> keep, cut = Option("keep", 70, 80), Option("cut", 42, 80)
    >>> a, b = evaluate(keep, p, Analysis()), evaluate(cut, p, Analysis())
    >>> round(float(a["referrals"][0])), bool(b["gave_up_waiting"][0] > 5 * a["gave_up_waiting"][0])
    (8200, True)
    >>> bool(b["cost_posts"][0] < a["cost_posts"][0]), bool(b["qalys"][0] < a["qalys"][0]), float(a["cost_nhs"][0])
    (True, True, 0.0)
    """
    waits = waits or waiting_list(option, p)
    referrals = (
        demand.referrals_per_week(
            option.practices_covered, p["referrals_per_practice_year"], option.referral_multiplier
        )
        * queue.WEEKS_PER_YEAR
    )
    spread = capacity.practices_per_clp(option.practices_covered, option.fte)
    frequency = capacity.contact_frequency(
        spread, p["spread_penalty"], protected=option.protect_contact_frequency
    )
    flow = engagement.flow(referrals, p["uptake"], waits["gave_up_share"], p["engaged_share"], frequency)
    people = outcomes.people_benefiting(flow, analysis.effect, frequency)
    prefix = "itt" if analysis.effect == "itt" else "engaged"
    qalys = outcomes.qalys(people, p[f"{prefix}_utility_gain"], p["effect_years"])
    wellbys = outcomes.wellbys(people, p[f"{prefix}_swemwbs_change"], p["ls_per_swemwbs"], p["effect_years"])
    nhs = costs.nhs_change(flow["seen"], flow["linked"], p) if analysis.nhs_savings else np.zeros_like(qalys)
    years, cost_rate, health_rate = (
        analysis.horizon_years,
        analysis.cost_discount_rate,
        analysis.health_discount_rate,
    )
    size = np.broadcast_shapes(np.shape(qalys), np.shape(waits["mean_wait_weeks"]))
    return {
        "fte": np.full(size, float(option.fte)),
        "referrals": np.broadcast_to(referrals, size),
        "linked": np.broadcast_to(flow["linked"], size),
        "gave_up_waiting": np.broadcast_to(flow["gave_up_waiting"], size),
        "mean_wait_weeks": np.broadcast_to(waits["mean_wait_weeks"], size),
        "utilisation": np.broadcast_to(waits["utilisation"], size),
        "cost_posts": np.broadcast_to(
            discounting.present_value(costs.posts(option.fte, p["cost_per_post"]), years, cost_rate), size
        ),
        "cost_nhs": np.broadcast_to(discounting.present_value(nhs, years, cost_rate), size),
        "qalys": np.broadcast_to(discounting.present_value(qalys, years, health_rate), size),
        "wellbys": np.broadcast_to(discounting.present_value(wellbys, years, health_rate), size),
        "wellby_value": np.broadcast_to(p["wellby_value"], size),
    }
