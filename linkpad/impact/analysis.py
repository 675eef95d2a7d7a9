"""Run a scenario: draw the parameters, evaluate every option, and summarise as `results.json` holds it.

No Django here either: the command and (later) the pages call `run` and present its dictionary.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from linkpad.impact.model import cea, pipeline, psa
from linkpad.impact.scenarios import EQUALITY_DIMENSIONS, Scenario

SCENARIO_KEYS = ("fte", "referrals", "linked", "mean_wait_weeks", "gave_up_waiting")
MONEY_KEYS = ("cost_posts", "cost_nhs", "qalys", "wellbys")
# From £1,000: at £0 options with equal costs tie and the first would "win" every draw.
CEAC_GRID = (1_000, *range(2_500, 50_001, 2_500))
PLANE_POINTS = 400


def run(
    scenario: Scenario, *, iterations: int, seed: int, progress: Callable[[int], None] | None = None
) -> dict:
    """The whole analysis as a JSON-ready dictionary (see the README for its keys)."""
    draws = psa.draw_all(scenario.distributions, iterations, seed)
    waits = {o.name: pipeline.waiting_list(o, draws, progress) for o in scenario.options}
    found = {o.name: pipeline.evaluate(o, draws, scenario.analysis, waits[o.name]) for o in scenario.options}
    primary = 20_000 if 20_000 in scenario.thresholds else scenario.thresholds[0]
    breakdown = _breakdown(scenario, found)
    return {
        "meta": _meta(scenario, iterations, seed, primary),
        "scenarios": [_scenario_summary(name, values) for name, values in found.items()],
        "comparisons": _comparisons(scenario, found),
        "icer_table": _icer_table(scenario, found),
        "evpi_all_options": {str(k): _evpi_all(scenario, found, k) for k in scenario.thresholds},
        "ceac": _ceac(scenario, found),
        "ce_plane": _plane(scenario, found),
        "tornado": _tornado(scenario, primary),
        "wellby_cba": _wellby(scenario, found),
        "breakdown": breakdown,
        "equality": equality(scenario, breakdown),
        "variants": [_variant(scenario, v, draws, waits) for v in scenario.variants],
        "parameters": _parameters(scenario),
    }


def _f(value) -> float | None:
    value = float(value)
    return None if not np.isfinite(value) else value


def _total_cost(values: dict) -> np.ndarray:
    return values["cost_posts"] + values["cost_nhs"]


def _meta(scenario: Scenario, iterations: int, seed: int, primary: int) -> dict:
    a = scenario.analysis
    return {
        "title": scenario.title,
        "notes": scenario.notes,
        "baseline": scenario.baseline,
        "practices": scenario.practices,
        "iterations": iterations,
        "seed": seed,
        "effect": a.effect,
        "nhs_savings": a.nhs_savings,
        "horizon_years": a.horizon_years,
        "cost_discount_rate": a.cost_discount_rate,
        "health_discount_rate": a.health_discount_rate,
        "thresholds": list(scenario.thresholds),
        "primary_threshold": primary,
        "calibrated": list(scenario.calibrated),
    }


def _scenario_summary(name: str, values: dict) -> dict:
    summary = {"name": name}
    summary.update({key: _f(values[key].mean()) for key in SCENARIO_KEYS + MONEY_KEYS})
    return summary


def _comparisons(scenario: Scenario, found: dict) -> list[dict]:
    base = found[scenario.baseline]
    return [
        compare(name, scenario.baseline, values, base, scenario.thresholds)
        for name, values in found.items()
        if name != scenario.baseline
    ]


def compare(name: str, baseline: str, values: dict, base: dict, thresholds) -> dict:
    """One option against the baseline, with the keys results.json promises.

    The ICER is given where it means something: north-east (dearer, better) or south-west (cheaper,
    worse: pounds saved per QALY lost). Where one option dominates the other it is null.
    """
    d_cost = _total_cost(values) - _total_cost(base)
    d_qalys = values["qalys"] - base["qalys"]
    mean_c, mean_q = float(d_cost.mean()), float(d_qalys.mean())
    same_sign = (mean_c > 0 and mean_q > 0) or (mean_c < 0 and mean_q < 0)
    nmb = {k: cea.nmb(d_qalys, d_cost, k) for k in thresholds}
    return {
        "scenario": name,
        "baseline": baseline,
        "delta_cost": mean_c,
        "delta_qalys": mean_q,
        "icer": mean_c / mean_q if same_sign else None,
        "nmb": {str(k): _f(v.mean()) for k, v in nmb.items()},
        "prob_cost_effective": {str(k): _f((v > 0).mean()) for k, v in nmb.items()},
        "evpi": {str(k): cea.evpi(np.column_stack([np.zeros_like(v), v])) for k, v in nmb.items()},
    }


def _icer_table(scenario: Scenario, found: dict) -> list[dict]:
    names = list(found)
    rows = cea.icer_table(
        names, [_total_cost(found[n]).mean() for n in names], [found[n]["qalys"].mean() for n in names]
    )
    return [row.__dict__ for row in rows]


def _evpi_all(scenario: Scenario, found: dict, threshold: int) -> float:
    return cea.evpi(np.column_stack([cea.nmb(v["qalys"], _total_cost(v), threshold) for v in found.values()]))


def _ceac(scenario: Scenario, found: dict) -> dict:
    q = np.column_stack([v["qalys"] for v in found.values()])
    c = np.column_stack([_total_cost(v) for v in found.values()])
    table = cea.ceac(q, c, CEAC_GRID)
    return {"thresholds": list(CEAC_GRID), "options": {n: table[:, i].tolist() for i, n in enumerate(found)}}


def _plane(scenario: Scenario, found: dict) -> dict:
    base = found[scenario.baseline]
    points = {}
    for name, values in found.items():
        if name == scenario.baseline:
            continue
        dq, dc = values["qalys"] - base["qalys"], _total_cost(values) - _total_cost(base)
        step = max(len(dq) // PLANE_POINTS, 1)
        points[name] = [[float(q), float(c)] for q, c in zip(dq[::step], dc[::step], strict=True)]
    return points


def _used(parameter, analysis: pipeline.Analysis) -> bool:
    return (
        parameter.used_when == "always"
        or (parameter.used_when == "engaged effect" and analysis.effect == "engaged")
        or (parameter.used_when == "NHS savings" and analysis.nhs_savings)
    )


def _tornado(scenario: Scenario, threshold: int) -> dict:
    """One-way sensitivity of each option's incremental NMB (at the primary threshold) vs the baseline."""
    base_p = {n: float(d.mean) for n, d in scenario.distributions.items()}
    ranges = {
        name: par.distribution.interval()
        for name, par in scenario.parameters.items()
        if par.distribution.kind != "fixed" and _used(par, scenario.analysis)
    }
    baseline = next(o for o in scenario.options if o.name == scenario.baseline)
    found = {}
    for option in scenario.options:
        if option is baseline:
            continue

        def outcome(p, option=option):
            arrays = {k: np.array([v]) for k, v in p.items()}
            a = pipeline.evaluate(option, arrays, scenario.analysis)
            b = pipeline.evaluate(baseline, arrays, scenario.analysis)
            return float(cea.nmb(a["qalys"] - b["qalys"], _total_cost(a) - _total_cost(b), threshold)[0])

        found[option.name] = {
            "threshold": threshold,
            "base": outcome(base_p),
            "swings": [s.__dict__ for s in cea.one_way(outcome, base_p, ranges)],
        }
    return found


def _wellby(scenario: Scenario, found: dict) -> list[dict]:
    base = found[scenario.baseline]
    rows = []
    for name, values in found.items():
        if name == scenario.baseline:
            continue
        d_w = values["wellbys"] - base["wellbys"]
        d_cost = _total_cost(values) - _total_cost(base)
        net = d_w * values["wellby_value"] - d_cost
        rows.append(
            {
                "scenario": name,
                "delta_wellbys": _f(d_w.mean()),
                "wellbys_value": _f((d_w * values["wellby_value"]).mean()),
                "delta_cost": _f(d_cost.mean()),
                "net_social_benefit": _f(net.mean()),
                "net_social_benefit_interval": [_f(q) for q in np.quantile(net, [0.025, 0.975])],
                "prob_positive": _f((net > 0).mean()),
            }
        )
    return rows


def _breakdown(scenario: Scenario, found: dict) -> list[dict]:
    """The plain-language figures a board member asks for, per option against the baseline."""
    base = found[scenario.baseline]
    years = scenario.analysis.horizon_years
    rows = []
    for name, values in found.items():
        if name == scenario.baseline:
            continue

        def delta(key, values=values):
            return values[key] - base[key]

        waited = values["referrals"] * values["mean_wait_weeks"] - base["referrals"] * base["mean_wait_weeks"]
        rows.append(
            {
                "scenario": name,
                "horizon_years": years,
                "posts_change": _f(delta("fte").mean()),
                "post_costs_change": _f(delta("cost_posts").mean()),
                "nhs_costs_change": _f(delta("cost_nhs").mean()),
                "qalys_change": _f(delta("qalys").mean()),
                "qalys_interval": [_f(q) for q in np.quantile(delta("qalys"), [0.025, 0.975])],
                "wellbys_change": _f(delta("wellbys").mean()),
                "linked_change_per_year": _f(delta("linked").mean()),
                "gave_up_change_per_year": _f(delta("gave_up_waiting").mean()),
                "mean_wait_change_weeks": _f(delta("mean_wait_weeks").mean()),
                "person_weeks_waiting_change_per_year": _f(waited.mean()),
            }
        )
    return rows


#: The effects shown for each group in the impact assessment draft.
EQUALITY_EFFECTS = (
    "linked_change_per_year",
    "gave_up_change_per_year",
    "person_weeks_waiting_change_per_year",
    "qalys_change",
)


def equality(scenario: Scenario, breakdown: list[dict]) -> dict | None:
    """Each option's effects shared out by SIMD quintile, age band and sex, in proportion to each group's
    share of the people referred (the service's records, or the scenario's stated assumptions).

    Proportional allocation assumes every group is affected alike; options that re-target practices
    change who is affected, which this does not yet show. Hidden groups (fewer than 5 people) get no figures.
    """
    stated = scenario.equality
    if stated is None:
        return None
    dimensions = []
    for key, label in EQUALITY_DIMENSIONS.items():
        if key not in stated.dimensions:
            continue
        groups = [
            {
                "group": group,
                "share": share,
                "effects": {
                    row["scenario"]: {k: None if row[k] is None else row[k] * share for k in EQUALITY_EFFECTS}
                    for row in breakdown
                },
            }
            for group, share in stated.dimensions[key].items()
        ]
        groups += [{"group": group, "share": None, "effects": None} for group in stated.hidden.get(key, ())]
        dimensions.append({"key": key, "label": label, "groups": groups})
    return {"source": stated.source, "from_service": stated.from_service, "dimensions": dimensions}


def _variant(scenario: Scenario, variant, draws: dict, waits: dict) -> dict:
    found = {o.name: pipeline.evaluate(o, draws, variant.analysis, waits[o.name]) for o in scenario.options}
    return {
        "name": variant.name,
        "effect": variant.analysis.effect,
        "nhs_savings": variant.analysis.nhs_savings,
        "scenarios": [_scenario_summary(name, values) for name, values in found.items()],
        "comparisons": _comparisons(scenario, found),
    }


def _parameters(scenario: Scenario) -> list[dict]:
    return [
        {
            "name": name,
            "label": par.label,
            "distribution": par.distribution.kind,
            "arguments": par.distribution.args,
            "mean": par.distribution.mean,
            "used_when": par.used_when,
            "source": par.source,
        }
        for name, par in scenario.parameters.items()
    ]
