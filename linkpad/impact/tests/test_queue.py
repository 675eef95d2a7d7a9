"""The waiting-list simulation agrees with Erlang C (M/M/c) and with the exact Erlang A steady state."""

import time

import numpy as np
import pytest

from linkpad.impact.model import queue
from linkpad.impact.model.queue import erlang_c_figures, simulate, steady_state


@pytest.mark.parametrize("utilisation", [0.5, 0.7, 0.9])
def test_simulation_agrees_with_erlang_c_within_3_percent(utilisation):
    slots = 10
    sim = simulate(
        arrivals_per_week=utilisation * slots,
        mean_episode_weeks=1.0,
        slots=slots,
        weeks=10_000,
        reps=100,
        seed=2024,
    )
    exact = erlang_c_figures(utilisation * slots, 1.0, slots)
    assert sim.mean_wait_weeks == pytest.approx(exact.mean_wait_weeks, rel=0.03)
    assert sim.mean_queue_length == pytest.approx(exact.mean_queue_length, rel=0.03)
    assert sim.utilisation == pytest.approx(exact.utilisation, rel=0.03)
    if exact.p90_wait_weeks:
        assert sim.p90_wait_weeks == pytest.approx(exact.p90_wait_weeks, rel=0.03)


def test_people_giving_up_match_the_exact_erlang_a_steady_state():
    sim = simulate(
        arrivals_per_week=14.0,
        mean_episode_weeks=1.0,
        slots=10,
        weeks=5_000,
        reps=10,
        seed=5,
        mean_patience_weeks=2.0,
    )
    exact = steady_state(14.0, 1.0, 10, 2.0)
    assert sim.gave_up_share == pytest.approx(exact["gave_up_share"][0], rel=0.03)
    assert sim.mean_wait_weeks == pytest.approx(exact["mean_wait_weeks"][0], rel=0.03)
    assert sim.utilisation == pytest.approx(exact["utilisation"][0], rel=0.01)


def test_heap_and_vector_runs_give_identical_waits():
    rng = np.random.default_rng(3)
    arrivals = np.cumsum(rng.exponential(0.1, (3, 500)), axis=1)
    episodes = rng.exponential(1.0, (3, 500))
    patience = rng.exponential(0.5, (3, 500))
    v_starts, v_served = queue._vector_run(arrivals, episodes, patience, 8)
    h_starts, h_served = queue._heap_run(arrivals, episodes, patience, 8)
    assert np.allclose(v_starts, h_starts) and (v_served == h_served).all()


def test_a_year_of_glasgow_referrals_simulates_in_under_two_seconds():
    started = time.perf_counter()
    sim = simulate(
        arrivals_per_week=8200 / queue.WEEKS_PER_YEAR,
        mean_episode_weeks=12,
        slots=1750,
        weeks=queue.WEEKS_PER_YEAR,
        reps=1,
        seed=1,
        mean_patience_weeks=8,
        warmup_weeks=0,
    )
    assert time.perf_counter() - started < 2
    assert 0 < sim.utilisation < 1


def test_same_seed_same_simulation_and_erlang_c_refuses_an_overloaded_queue():
    args = dict(arrivals_per_week=4.0, mean_episode_weeks=1.0, slots=5, weeks=500, reps=3)
    assert simulate(**args, seed=9) == simulate(**args, seed=9)
    assert simulate(**args, seed=9) != simulate(**args, seed=10)
    with pytest.raises(ValueError, match="no steady state"):
        erlang_c_figures(6.0, 1.0, 5)
