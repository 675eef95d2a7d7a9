import csv
import datetime as dt
import json
import sys
import time
from pathlib import Path

from django.core.management import BaseCommand, CommandError

from linkpad.core.files import write_atomically
from linkpad.impact import analysis, calibration, report, scenarios
from linkpad.impact.model import queue
from linkpad.impact.services import runs_work


class Progress:
    """A plain progress bar on stderr (only when it is a terminal)."""

    def __init__(self, total: int, stream=None, width: int = 30):
        self.total, self.done, self.width = total, 0, width
        self.stream = stream or sys.stderr
        self.live = getattr(self.stream, "isatty", lambda: False)()

    def __call__(self, step: int) -> None:
        self.done = min(self.done + step, self.total)
        if self.live:
            filled = self.width * self.done // max(self.total, 1)
            bar = "#" * filled + "-" * (self.width - filled)
            self.stream.write(f"\r[{bar}] {self.done}/{self.total} draws")
            if self.done == self.total:
                self.stream.write("\n")
            self.stream.flush()


class Command(BaseCommand):
    help = "Impact of cutting or expanding CLP posts: `impact run SCENARIO.toml`, or `impact queue` to check the queue."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        run = sub.add_parser("run", help="Run a scenario file: writes results.json, report.html, report.pdf.")
        run.add_argument("scenario", help="A scenario TOML file, e.g. examples/glasgow-2024.toml.")
        run.add_argument("--iterations", type=int, default=1000, help="PSA draws (default 1000).")
        run.add_argument("--seed", type=int, default=2024, help="Random seed (default 2024).")
        run.add_argument("--out", required=True, help="Folder for the results and reports.")
        run.add_argument("--json", action="store_true", help="Also print results.json.")
        q = sub.add_parser("queue", help="Simulate the waiting list (check against Erlang C).")
        q.add_argument("--arrivals-per-week", type=float, required=True)
        q.add_argument("--mean-episode-weeks", type=float, required=True)
        q.add_argument("--slots", type=int, required=True)
        q.add_argument("--weeks", type=float, required=True)
        q.add_argument("--reps", type=int, default=10)
        q.add_argument("--seed", type=int, default=None)
        q.add_argument("--distribution", choices=queue.DISTRIBUTIONS, default="exponential")
        q.add_argument(
            "--mean-patience-weeks", type=float, default=None, help="People give up after this, on average."
        )
        q.add_argument("--json", action="store_true")
        c = sub.add_parser(
            "calibrate",
            help="Estimate the model's parameters from Linkpad's own records (anonymised, small numbers suppressed).",
        )
        c.add_argument("--out", required=True, help="The parameters file to write, e.g. params.toml.")
        c.add_argument("--programme", help="Only the practices of this programme (its code).")
        c.add_argument(
            "--weeks", type=int, default=52, help="The period: this many weeks up to --to (default 52)."
        )
        c.add_argument("--to", help="The last day of the period, YYYY-MM-DD (default today).")
        c.add_argument(
            "--list-sizes", help="A CSV of practice code,list size for referrals per 1,000 patients."
        )
        c.add_argument("--seed", type=int, default=2024, help="Seed for the bootstrap intervals.")
        w = sub.add_parser(
            "worker",
            help="Do the runs started from the pages (with LINKPAD_IMPACT_RUNNER=worker), oldest first.",
        )
        w.add_argument("--once", action="store_true", help="Do the runs waiting now, then stop.")
        w.add_argument(
            "--poll-seconds", type=float, default=5.0, help="How often to look for new runs (default 5)."
        )

    def handle(self, *args, action: str, **options):
        if action == "queue":
            return self._queue(options)
        if action == "calibrate":
            return self._calibrate(options)
        if action == "worker":
            return self._worker(options)
        return self._run(options)

    def _worker(self, o):
        if o["poll_seconds"] <= 0:
            raise CommandError("--poll-seconds must be more than 0.")
        if not o["once"]:
            self.stdout.write("Impact worker: waiting for runs (Ctrl+C to stop).")
        try:
            done = runs_work(once=o["once"], poll_seconds=o["poll_seconds"])
        except KeyboardInterrupt:
            return
        self.stdout.write(f"Impact worker: {done} run{'s' if done != 1 else ''} done.")

    def _queue(self, o):
        for key in ("arrivals_per_week", "mean_episode_weeks", "weeks", "slots", "reps"):
            if o[key] <= 0:
                raise CommandError(f"--{key.replace('_', '-')} must be more than 0", returncode=2)
        figures = queue.simulate(
            arrivals_per_week=o["arrivals_per_week"],
            mean_episode_weeks=o["mean_episode_weeks"],
            slots=o["slots"],
            weeks=o["weeks"],
            reps=o["reps"],
            seed=o["seed"],
            distribution=o["distribution"],
            mean_patience_weeks=o["mean_patience_weeks"],
        )
        found = figures.__dict__
        if o["json"]:
            self.stdout.write(json.dumps(found, indent=2))
            return
        for key, value in found.items():
            self.stdout.write(f"{key.replace('_', ' ').capitalize()}: {value:.4f}")

    def _run(self, o):
        if o["iterations"] < 1:
            raise CommandError("--iterations must be at least 1", returncode=2)
        try:
            scenario = scenarios.load(o["scenario"])
        except scenarios.ScenarioError as error:
            raise CommandError(str(error), returncode=2) from error
        progress = Progress(o["iterations"] * len(scenario.options))
        started = time.perf_counter()
        results = analysis.run(scenario, iterations=o["iterations"], seed=o["seed"], progress=progress)
        paths = report.write_all(results, Path(o["out"]))
        if o["json"]:
            self.stdout.write(json.dumps(results, indent=2, ensure_ascii=False))
            return
        self.stdout.write(
            f"{scenario.title}: {o['iterations']} iterations in {time.perf_counter() - started:.1f} s"
        )
        for path in paths.values():
            self.stdout.write(f"Wrote {path}")

    def _calibrate(self, o):
        from linkpad.accounts.models import Organisation, OrganisationKind

        try:
            end = dt.date.fromisoformat(o["to"]) if o["to"] else dt.date.today()
        except ValueError:
            raise CommandError("--to must be a date like 2026-03-31", returncode=2) from None
        if o["weeks"] < 1:
            raise CommandError("--weeks must be at least 1", returncode=2)
        practices = Organisation.objects.filter(kind=OrganisationKind.GP_PRACTICE)
        if o["programme"]:
            programme = Organisation.objects.filter(
                kind=OrganisationKind.PROGRAMME, code=o["programme"]
            ).first()
            if programme is None:
                raise CommandError(f"no programme has the code {o['programme']!r}", returncode=2)
            practices = practices.filter(programme=programme)
        found = calibration.calibrate(
            practices=practices,
            start=end - dt.timedelta(weeks=o["weeks"]) + dt.timedelta(days=1),
            end=end,
            list_sizes=_list_sizes(o["list_sizes"]) if o["list_sizes"] else None,
            seed=o["seed"],
        )
        out = Path(o["out"])
        if not out.parent.is_dir():
            raise CommandError(f"the folder {out.parent} does not exist", returncode=2)
        write_atomically(out, calibration.to_toml(found).encode())
        written = [e for e in found.estimates if not e.suppressed]
        self.stdout.write(
            f"{len(written)} of {len(found.estimates)} estimates from {found.practices} practices "
            f"({found.start} to {found.end}); the rest are not written (fewer than 5 people). Wrote {out}"
        )


def _list_sizes(path: str) -> dict[str, int]:
    """practice code -> list size, from a CSV with those two columns (a header row is skipped)."""
    sizes = {}
    try:
        with open(path, newline="", encoding="utf-8") as handle:
            for number, row in enumerate(csv.reader(handle), start=1):
                if len(row) < 2 or not row[1].strip().isdigit():
                    if number == 1:
                        continue
                    raise CommandError(
                        f"{path} line {number}: expected practice code,list size", returncode=2
                    )
                sizes[row[0].strip()] = int(row[1])
    except OSError as error:
        raise CommandError(f"cannot read {path}: {error.strerror}", returncode=2) from None
    return sizes
