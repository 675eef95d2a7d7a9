"""Hand-checked cost-effectiveness cases on a two-option toy, and properties that must always hold."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from linkpad.impact.analysis import compare
from linkpad.impact.model import cea


def toy():
    # Baseline: cost 0, 0 QALYs. New: draw 1 costs 10,000 for 1 QALY; draw 2 costs 30,000 for 0.5 QALY.
    base = {"cost_posts": np.zeros(2), "cost_nhs": np.zeros(2), "qalys": np.zeros(2)}
    new = {
        "cost_posts": np.array([10_000.0, 30_000.0]),
        "cost_nhs": np.zeros(2),
        "qalys": np.array([1.0, 0.5]),
    }
    return compare("new", "base", new, base, (20_000,))


def test_icer_nmb_and_evpi_on_a_two_option_toy():
    c = toy()
    assert c["delta_cost"] == 20_000 and c["delta_qalys"] == 0.75
    assert c["icer"] == pytest.approx(20_000 / 0.75)  # 26,667 per QALY
    # NMB at 20k: draw 1 = 20k - 10k = 10k; draw 2 = 10k - 30k = -20k; mean -5k.
    assert c["nmb"]["20000"] == -5_000
    assert c["prob_cost_effective"]["20000"] == 0.5
    # Choose baseline (0) now; with perfect information take 10k in draw 1: EVPI = (10k + 0) / 2 = 5k.
    assert c["evpi"]["20000"] == 5_000


def test_a_dominated_option_has_no_icer():
    base = {"cost_posts": np.zeros(1), "cost_nhs": np.zeros(1), "qalys": np.zeros(1)}
    worse = {"cost_posts": np.array([5.0]), "cost_nhs": np.zeros(1), "qalys": np.array([-1.0])}
    assert compare("worse", "base", worse, base, (20_000,))["icer"] is None


def test_dampack_strong_and_extended_dominance():
    rows = {r.strategy: r for r in cea.icer_table(["A", "B", "C", "D"], [0, 100, 150, 300], [0, 1, 1.1, 3])}
    assert rows["A"].status == "ND" and rows["C"].status == "ED"  # B->C 500/QALY, C->D 79/QALY
    assert rows["D"].icer == pytest.approx(200 / 2)
    assert cea.icer_table(["A", "B"], [10, 20], [1, 0.5])[1].status == "D"


finite = st.floats(-1e6, 1e6, allow_nan=False)


@given(st.lists(st.tuples(finite, finite, finite), min_size=1, max_size=30))
def test_evpi_is_never_negative_and_zero_when_one_option_always_wins(rows):
    benefits = np.array(rows)
    assert cea.evpi(benefits) >= -1e-6
    assert cea.evpi(np.column_stack([benefits[:, 0], benefits[:, 0] - 1])) == pytest.approx(0, abs=1e-6)


@given(st.lists(st.tuples(finite, finite), min_size=1, max_size=20), st.sampled_from([0, 20_000, 50_000]))
def test_acceptability_shares_sum_to_one(rows, threshold):
    draws = np.array(rows)
    shares = cea.ceac(draws, draws[:, ::-1], [threshold])
    assert shares.sum() == pytest.approx(1.0)
