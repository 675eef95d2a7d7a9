"""Impact model speed: 10,000 PSA iterations of the Glasgow example (5 years) and one DES year.

Run: .venv/bin/python bench/impact_bench.py   (targets: PSA <= 10 s, DES <= 2 s on 2 cores)
"""

import os
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "linkpad.config.settings.local")

from linkpad.impact import analysis, scenarios  # noqa: E402
from linkpad.impact.model import queue  # noqa: E402

scenario = scenarios.load("examples/glasgow-2024.toml")
started = time.perf_counter()
analysis.run(scenario, iterations=10_000, seed=2024)
psa = time.perf_counter() - started
print(
    f"PSA: 10,000 iterations x {len(scenario.options)} options, {scenario.analysis.horizon_years} years: {psa:.2f} s"
)

started = time.perf_counter()
figures = queue.simulate(
    arrivals_per_week=8200 / queue.WEEKS_PER_YEAR,
    mean_episode_weeks=12,
    slots=1750,
    weeks=queue.WEEKS_PER_YEAR,
    reps=1,
    seed=1,
    mean_patience_weeks=8,
    warmup_weeks=0,
)
des = time.perf_counter() - started
print(f"DES: one replication of a year (~8,200 referrals, 1,750 slots): {des:.3f} s")
