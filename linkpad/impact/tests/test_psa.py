"""Parameter draws are reproducible by seed, and bad distributions are refused with a clear message."""

import numpy as np
import pytest

from linkpad.impact import analysis, scenarios
from linkpad.impact.model.psa import Distribution, DistributionError, draw_all

EXAMPLE = "examples/glasgow-2024.toml"


def test_same_seed_same_results_different_seed_different_results():
    scenario = scenarios.load(EXAMPLE)
    one = analysis.run(scenario, iterations=200, seed=11)
    two = analysis.run(scenario, iterations=200, seed=11)
    other = analysis.run(scenario, iterations=200, seed=12)
    assert one == two
    assert one["comparisons"][0]["delta_qalys"] != other["comparisons"][0]["delta_qalys"]


@pytest.mark.parametrize(
    ("kind", "args", "mean"),
    [
        ("beta", {"alpha": 130, "beta": 158}, 130 / 288),
        ("gamma", {"mean": 45, "sd": 4.5}, 45),
        ("lognormal", {"mean": 2.0, "sd": 0.5}, 2.0),
        ("normal", {"mean": 0.008, "sd": 0.0186}, 0.008),
        ("triangular", {"low": 0, "mode": 0.1, "high": 0.28}, 0.38 / 3),
        ("uniform", {"low": 42_000, "high": 55_000}, 48_500),
    ],
)
def test_each_distribution_draws_around_its_mean(kind, args, mean):
    d = Distribution(kind, args)
    assert d.mean == pytest.approx(mean)
    draws = draw_all({"x": d}, 50_000, seed=1)["x"]
    assert draws.mean() == pytest.approx(mean, rel=0.02, abs=5e-4)


def test_bad_distributions_are_refused_in_plain_words():
    with pytest.raises(DistributionError, match="unknown distribution 'poisson'"):
        Distribution("poisson", {"mean": 1})
    with pytest.raises(DistributionError, match="needs"):
        Distribution("normal", {"mean": 1})
    with pytest.raises(DistributionError, match="low <= mode <= high"):
        Distribution("triangular", {"low": 1, "mode": 0, "high": 2})
    assert np.isfinite(Distribution("fixed", {"value": 3}).interval()).all()
