"""Parameter distributions for probabilistic sensitivity analysis, drawn reproducibly by seed.

Each parameter is a `Distribution`: fixed, beta, gamma, lognormal, normal, triangular or uniform. Beta and
gamma may be given by mean and standard deviation (the method of moments, as dampack's `beta_params`
and `gamma_params`); lognormal by its mean and sd on the natural scale, or by `meanlog`/`sdlog`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

KINDS = {
    "fixed": ({"value"},),
    "beta": ({"alpha", "beta"}, {"mean", "sd"}),
    "gamma": ({"shape", "scale"}, {"mean", "sd"}),
    "lognormal": ({"meanlog", "sdlog"}, {"mean", "sd"}),
    "normal": ({"mean", "sd"},),
    "triangular": ({"low", "mode", "high"},),
    "uniform": ({"low", "high"},),
}


class DistributionError(ValueError):
    """A parameter's distribution is unknown or its arguments don't fit it."""


def beta_params(mean: float, sd: float) -> tuple[float, float]:
    """Beta shape parameters from a mean and standard deviation (method of moments).

    >>> a, b = beta_params(0.45, 0.0293)
    >>> round(a), round(b)
    (129, 158)
    """
    common = mean * (1 - mean) / sd**2 - 1
    if not 0 < mean < 1 or common <= 0:
        raise DistributionError(f"no beta distribution has mean {mean} and sd {sd}")
    return mean * common, (1 - mean) * common


def gamma_params(mean: float, sd: float) -> tuple[float, float]:
    """Gamma shape and scale from a mean and standard deviation.

    >>> gamma_params(45.0, 4.5)
    (100.0, 0.45)
    """
    if mean <= 0 or sd <= 0:
        raise DistributionError(f"a gamma distribution needs a positive mean and sd, not {mean} and {sd}")
    return (mean / sd) ** 2, sd**2 / mean


def lognormal_params(mean: float, sd: float) -> tuple[float, float]:
    """meanlog and sdlog of a lognormal with the given natural-scale mean and sd.

    >>> m, s = lognormal_params(1.0, 0.5)
    >>> round(m, 4), round(s, 4)
    (-0.1116, 0.4724)
    """
    if mean <= 0 or sd <= 0:
        raise DistributionError(f"a lognormal needs a positive mean and sd, not {mean} and {sd}")
    sdlog = math.sqrt(math.log(1 + (sd / mean) ** 2))
    return math.log(mean) - sdlog**2 / 2, sdlog


@dataclass(frozen=True)
class Distribution:
    """One uncertain parameter.

    >>> Distribution("triangular", {"low": 0, "mode": 0.1, "high": 0.28}).mean
    0.12666666666666668
    >>> draws = Distribution("beta", {"mean": 0.45, "sd": 0.03}).draw(np.random.default_rng(1), 100_000)
    >>> round(float(draws.mean()), 2), round(float(draws.std()), 2)
    (0.45, 0.03)
    """

    kind: str
    args: dict = field(default_factory=dict)

    def __post_init__(self):
        if self.kind not in KINDS:
            raise DistributionError(f"unknown distribution {self.kind!r}: use one of {', '.join(KINDS)}")
        given = set(self.args)
        if not any(given == form for form in KINDS[self.kind]):
            forms = " or ".join("(" + ", ".join(sorted(f)) + ")" for f in KINDS[self.kind])
            raise DistributionError(
                f"a {self.kind} distribution needs {forms}, not ({', '.join(sorted(given))})"
            )
        if self.kind == "triangular" and not self.args["low"] <= self.args["mode"] <= self.args["high"]:
            raise DistributionError("a triangular distribution needs low <= mode <= high")
        if self.kind == "uniform" and not self.args["low"] <= self.args["high"]:
            raise DistributionError("a uniform distribution needs low <= high")
        if self.kind in {"normal", "lognormal"} and self.args.get("sd", self.args.get("sdlog", 1)) < 0:
            raise DistributionError("a standard deviation cannot be negative")
        self._shape()  # checks beta, gamma and lognormal moments

    def _shape(self) -> tuple[float, float]:
        a = self.args
        if self.kind == "beta":
            return (a["alpha"], a["beta"]) if "alpha" in a else beta_params(a["mean"], a["sd"])
        if self.kind == "gamma":
            return (a["shape"], a["scale"]) if "shape" in a else gamma_params(a["mean"], a["sd"])
        if self.kind == "lognormal":
            return (a["meanlog"], a["sdlog"]) if "meanlog" in a else lognormal_params(a["mean"], a["sd"])
        return (0.0, 0.0)

    @property
    def mean(self) -> float:
        a, (p, q) = self.args, self._shape()
        means = {
            "fixed": lambda: a["value"],
            "beta": lambda: p / (p + q),
            "gamma": lambda: p * q,
            "lognormal": lambda: math.exp(p + q**2 / 2),
            "normal": lambda: a["mean"],
            "triangular": lambda: (a["low"] + a["mode"] + a["high"]) / 3,
            "uniform": lambda: (a["low"] + a["high"]) / 2,
        }
        return float(means[self.kind]())

    def draw(self, rng: np.random.Generator, n: int) -> np.ndarray:
        a, (p, q) = self.args, self._shape()
        if self.kind == "fixed":
            return np.full(n, float(a["value"]))
        if self.kind == "beta":
            return rng.beta(p, q, n)
        if self.kind == "gamma":
            return rng.gamma(p, q, n)
        if self.kind == "lognormal":
            return rng.lognormal(p, q, n)
        if self.kind == "normal":
            return rng.normal(a["mean"], a["sd"], n)
        if self.kind == "triangular":
            if a["low"] == a["high"]:
                return np.full(n, float(a["low"]))
            return rng.triangular(a["low"], a["mode"], a["high"], n)
        return rng.uniform(a["low"], a["high"], n)

    def interval(self, share: float = 0.95) -> tuple[float, float]:
        """The central interval (by a large fixed-seed sample), used as the tornado's low and high."""
        sample = self.draw(np.random.default_rng(0), 20_000)
        tail = (1 - share) / 2
        low, high = np.quantile(sample, [tail, 1 - tail])
        return float(low), float(high)


def draw_all(distributions: dict[str, Distribution], n: int, seed: int | None) -> dict[str, np.ndarray]:
    """Draw every parameter `n` times from one seeded Generator, in name order (so a seed is a run).

    >>> d = {"b": Distribution("normal", {"mean": 0, "sd": 1}), "a": Distribution("fixed", {"value": 2})}
    >>> one, two = draw_all(d, 3, seed=7), draw_all(d, 3, seed=7)
    >>> bool((one["b"] == two["b"]).all()), one["a"].tolist()
    (True, [2.0, 2.0, 2.0])
    """
    rng = np.random.default_rng(seed)
    return {name: distributions[name].draw(rng, n) for name in sorted(distributions)}


def means(distributions: dict[str, Distribution]) -> dict[str, np.ndarray]:
    """Every parameter at its mean, as one-element arrays (the deterministic base case)."""
    return {name: np.array([d.mean]) for name, d in distributions.items()}
