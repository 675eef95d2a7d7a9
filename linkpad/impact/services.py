"""Writes for the impact pages: scenarios (checked by `scenarios.parse`), calibration, and runs.

Runs go in a background thread of the web process (ADR 0008, "Runs from the pages"): the page returns at
once and the run page shows the progress stored on the `ScenarioRun`. With `LINKPAD_IMPACT_RUNNER =
"worker"` the web process only queues the run and `linkpad impact worker` (a separate, long-lived
process) does it, so a web worker recycled by gunicorn loses nothing. Whoever runs it first claims it
(one conditional UPDATE), so a run is never done twice. With the setting `LINKPAD_IMPACT_RUN_INLINE`
(the tests) the run happens before the request returns.
"""

from __future__ import annotations

import datetime as dt
import threading
import tomllib
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import close_old_connections, connection, transaction
from django.utils import timezone

from linkpad.accounts.models import Organisation, OrganisationKind, User
from linkpad.core import tomlfile
from linkpad.impact import analysis, calibration, scenarios
from linkpad.impact.models import RunState, Scenario, ScenarioRun

EXAMPLE = "glasgow-2024.toml"
STALE_AFTER = dt.timedelta(minutes=10)
STOPPED = "The run stopped without finishing (the server was restarted). Run it again."
NO_PRACTICES = "None of your programme's practices has a referral in the last {weeks} weeks, so there is nothing to calibrate from."
REWRITTEN = (
    "# Saved from the Linkpad scenario form; comments are not kept, every parameter keeps its source.\n"
)


class ScenarioInvalid(ValidationError):
    """The scenario text can't be used; the message names the key at fault."""


def example_path() -> Path:
    return Path(settings.BASE_DIR) / "examples" / EXAMPLE


def check(text: str) -> scenarios.Scenario:
    try:
        return scenarios.parse(text)
    except scenarios.ScenarioError as error:
        raise ScenarioInvalid(str(error)) from None


@transaction.atomic
def scenario_create(
    *, programme: Organisation, by: User, name: str, toml: str, iterations: int = 1000, seed: int = 2024
) -> Scenario:
    check(toml)
    scenario = Scenario(
        programme=programme, name=name.strip(), toml=toml, iterations=iterations, seed=seed, created_by=by
    )
    scenario.full_clean()
    scenario.save()
    return scenario


def scenario_from_example(*, programme: Organisation, by: User) -> Scenario:
    text = example_path().read_text(encoding="utf-8")
    name = check(text).title
    return scenario_create(programme=programme, by=by, name=name, toml=text)


@transaction.atomic
def scenario_update(*, scenario: Scenario, name: str, toml: str, iterations: int, seed: int) -> Scenario:
    check(toml)
    scenario.name, scenario.toml = name.strip(), toml
    scenario.iterations, scenario.seed, scenario.updated_at = iterations, seed, timezone.now()
    scenario.full_clean()
    scenario.save()
    return scenario


@dataclass(frozen=True)
class OptionLevers:
    name: str
    fte: float
    practices_covered: int
    referral_multiplier: float = 1.0
    protect_contact_frequency: bool = False


def with_levers(text: str, *, practices: int, horizon_years: int, options: list[OptionLevers]) -> str:
    """The scenario text with the form's levers set; everything else (parameters, variants) kept."""
    data = tomllib.loads(text)
    study = data.setdefault("study", {})
    study["practices"], study["horizon_years"] = practices, horizon_years
    notes = {o.get("name"): o.get("notes") for o in data.get("option", [])}
    data["option"] = []
    for o in options:
        table = {
            "name": o.name,
            "fte": o.fte,
            "practices_covered": o.practices_covered,
            "referral_multiplier": o.referral_multiplier,
            "protect_contact_frequency": o.protect_contact_frequency,
        }
        if notes.get(o.name):
            table["notes"] = notes[o.name]
        data["option"].append(table)
    if study.get("baseline") not in {o.name for o in options} and options:
        study["baseline"] = options[0].name
    new = REWRITTEN + tomlfile.dumps(data)
    check(new)
    return new


@transaction.atomic
def scenario_calibrate(*, scenario: Scenario, by: User, weeks: int = 52) -> calibration.Calibration:
    """Put the service's own estimates in the scenario: [calibrated] tables and [equality] shares."""
    practices = Organisation.objects.filter(kind=OrganisationKind.GP_PRACTICE, programme=scenario.programme)
    end = timezone.localdate()
    found = calibration.calibrate(
        practices=practices, start=end - dt.timedelta(weeks=weeks) + dt.timedelta(days=1), end=end, actor=by
    )
    if not found.practices:
        raise ScenarioInvalid(NO_PRACTICES.format(weeks=weeks))
    data = tomllib.loads(scenario.toml)
    data.get("study", {}).pop("parameters_file", None)
    data.get("study", {}).pop("use_calibrated", None)
    data.pop("calibrated", None)
    data.pop("equality", None)
    tables = calibration.calibrated_tables(found)
    if tables:
        data["calibrated"] = tables
    equality = calibration.equality_table(found)
    if equality:
        data["equality"] = equality
    scenario.toml = REWRITTEN + tomlfile.dumps(data)
    check(scenario.toml)
    scenario.updated_at = timezone.now()
    scenario.save(update_fields=["toml", "updated_at"])
    return found


def run_start(*, scenario: Scenario, by: User) -> ScenarioRun:
    """Start a run of the scenario as it is now; returns at once unless runs are inline."""
    check(scenario.toml)
    with transaction.atomic():
        run = ScenarioRun(
            scenario=scenario,
            toml=scenario.toml,
            iterations=scenario.iterations,
            seed=scenario.seed,
            created_by=by,
        )
        run.full_clean()
        run.save()
    if getattr(settings, "LINKPAD_IMPACT_RUN_INLINE", False):
        run_execute(run_id=run.pk)
        run.refresh_from_db()
    elif settings.LINKPAD_IMPACT_RUNNER != "worker":
        transaction.on_commit(
            lambda: threading.Thread(target=_in_thread, args=(run.pk,), daemon=True).start()
        )
    return run


def _in_thread(run_id: int) -> None:
    close_old_connections()  # the thread's own connection, never the request's
    try:
        run_execute(run_id=run_id)
    finally:
        connection.close()


class _Progress:
    """Stores progress on the run every 5% or so (not every chunk), with a heartbeat."""

    def __init__(self, run_id: int, total: int):
        self.run_id, self.total, self.done, self.saved = run_id, total, 0, 0.0

    def __call__(self, step: int) -> None:
        self.done += step
        share = min(self.done / self.total, 1.0) * 0.9  # the last 10% is the summary
        if share - self.saved >= 0.05:
            self.saved = share
            ScenarioRun.objects.filter(pk=self.run_id).update(progress=share, heartbeat_at=timezone.now())


def run_claim(*, run_id: int) -> bool:
    """Take a waiting run to do it; False when it is not waiting (someone else took it, or it was
    stopped). One conditional UPDATE, so two processes can never both take it."""
    now = timezone.now()
    return bool(
        ScenarioRun.objects.filter(pk=run_id, state=RunState.QUEUED).update(
            state=RunState.RUNNING, started_at=now, heartbeat_at=now
        )
    )


def run_execute(*, run_id: int) -> bool:
    """Do the run if it is still waiting: analysis.run over the snapshot, storing progress, then the
    results or the error. Returns whether this call did it."""
    if not run_claim(run_id=run_id):
        return False
    run = ScenarioRun.objects.get(pk=run_id)
    try:
        scenario = check(run.toml)
        progress = _Progress(run_id, run.iterations * len(scenario.options))
        results = analysis.run(scenario, iterations=run.iterations, seed=run.seed, progress=progress)
    except Exception as error:  # noqa: BLE001 - any failure is shown on the run page, not lost in a thread
        message = error.messages[0] if isinstance(error, ValidationError) else f"The run failed: {error}"
        ScenarioRun.objects.filter(pk=run_id).update(
            state=RunState.FAILED, error=message, finished_at=timezone.now()
        )
        return True
    ScenarioRun.objects.filter(pk=run_id).update(
        state=RunState.DONE,
        progress=1.0,
        result=results,
        finished_at=timezone.now(),
        heartbeat_at=timezone.now(),
    )
    return True


def runs_work(*, once: bool = False, poll_seconds: float = 5.0, stop: threading.Event | None = None) -> int:
    """The impact worker: do waiting runs, oldest first, until there are none (`once`) or until `stop`
    is set; returns how many it did. Runs left RUNNING by a worker that died are marked stopped by
    the run pages after 10 minutes with no heartbeat, as in thread mode."""
    stop = stop or threading.Event()
    done = 0
    while not stop.is_set():
        waiting = (
            ScenarioRun.objects.filter(state=RunState.QUEUED)
            .order_by("created_at", "pk")
            .values_list("pk", flat=True)
        )
        run_id = waiting.first()
        if run_id is None:
            if once:
                break
            close_old_connections()
            stop.wait(poll_seconds)
            continue
        done += run_execute(run_id=run_id)
    return done


def runs_mark_stopped(*, runs) -> int:
    """Runs with no sign of life for 10 minutes died with their process: say so instead of spinning."""
    cutoff = timezone.now() - STALE_AFTER
    # With a worker, waiting behind another run is normal: only a run that started and went quiet died.
    states = (
        [RunState.RUNNING]
        if settings.LINKPAD_IMPACT_RUNNER == "worker"
        else [RunState.QUEUED, RunState.RUNNING]
    )
    stale = runs.filter(state__in=states).exclude(heartbeat_at__gte=cutoff)
    stale = stale.exclude(heartbeat_at__isnull=True, created_at__gte=cutoff)
    return ScenarioRun.objects.filter(pk__in=stale.values("pk")).update(
        state=RunState.FAILED, error=STOPPED, finished_at=timezone.now()
    )
