"""Pages for programme managers: scenarios from the example, the levers form, the file, runs and downloads."""

import datetime as dt
import html
import json
import tomllib
from io import BytesIO

import pytest
from auditlog.models import LogEntry
from django.utils import timezone
from pypdf import PdfReader

from linkpad.accounts.models import OrganisationKind, Role
from linkpad.accounts.tests.factories import OrganisationFactory, user_with_role
from linkpad.impact import scenarios
from linkpad.impact.forms import TWO_OPTIONS
from linkpad.impact.models import RunState, Scenario, ScenarioRun
from linkpad.impact.services import STOPPED, run_execute, scenario_from_example
from linkpad.referrals.tests.factories import make_referral, practice_with_staff


@pytest.fixture(autouse=True)
def inline_runs(settings):
    settings.LINKPAD_IMPACT_RUN_INLINE = True


@pytest.fixture
def programme(db):
    return OrganisationFactory(name="Test Programme", kind=OrganisationKind.PROGRAMME)


@pytest.fixture
def manager(programme):
    return user_with_role(Role.PROGRAMME_MANAGER, organisation=programme, full_name="Morgan Manager")


@pytest.fixture
def client(manager, verified_client):
    return verified_client(manager)


@pytest.fixture
def scenario(programme, manager):
    return scenario_from_example(programme=programme, by=manager)


def _levers(scenario, **changes):
    """The edit form as the page shows it, with changes."""
    data = {
        "name": scenario.name,
        "practices": "80",
        "horizon_years": "5",
        "iterations": "40",
        "seed": "7",
        "option-TOTAL_FORMS": "3",
        "option-INITIAL_FORMS": "2",
        "option-0-name": "Keep 70",
        "option-0-fte": "70",
        "option-0-practices_covered": "80",
        "option-0-referral_multiplier": "1",
        "option-1-name": "Cut to 50",
        "option-1-fte": "50",
        "option-1-practices_covered": "80",
        "option-1-referral_multiplier": "1",
        "option-1-protect_contact_frequency": "on",
        "option-2-name": "",
    }
    return {**data, **changes}


def test_only_programme_managers_get_in(verified_client, scenario):
    assert verified_client(user_with_role(Role.LINK_PRACTITIONER)).get("/impact/").status_code == 403
    other = user_with_role(
        Role.PROGRAMME_MANAGER, organisation=OrganisationFactory(kind=OrganisationKind.PROGRAMME)
    )
    assert verified_client(other).get(f"/impact/{scenario.pk}/").status_code == 404


def test_the_manager_starts_from_the_glasgow_example(client, programme):
    response = client.post("/impact/from-example/")
    scenario = Scenario.objects.get(programme=programme)
    assert response.status_code == 302 and response.url == f"/impact/{scenario.pk}/"
    page = client.get(response.url).content.decode()
    assert "Glasgow CLP posts 2024" in page and 'value="Cut to 42 posts, spread across all practices"' in page
    assert 'value="42' in page and "Run this scenario" in page
    assert "[parameters.uptake]" in scenario.toml
    assert client.get("/impact/").content.decode().count(scenario.name) >= 1


def test_the_levers_form_rewrites_the_options_and_keeps_the_sources(client, scenario):
    response = client.post(f"/impact/{scenario.pk}/", _levers(scenario, horizon_years="3"))
    assert response.status_code == 302
    scenario.refresh_from_db()
    parsed = scenarios.parse(scenario.toml)
    assert [(o.name, o.fte, o.protect_contact_frequency) for o in parsed.options] == [
        ("Keep 70", 70, False),
        ("Cut to 50", 50, True),
    ]
    assert parsed.baseline == "Keep 70" and parsed.analysis.horizon_years == 3
    assert (scenario.iterations, scenario.seed) == (40, 7)
    assert parsed.parameters["uptake"].source.startswith("Kimberlee 2016")
    assert {v.name for v in parsed.variants} >= {"Engaged effect", "NHS savings"}


def test_one_option_is_not_enough(client, scenario):
    response = client.post(f"/impact/{scenario.pk}/", _levers(scenario, **{"option-1-name": ""}))
    assert response.status_code == 400 and TWO_OPTIONS in response.content.decode()
    bad = client.post(f"/impact/{scenario.pk}/", _levers(scenario, iterations="0"))
    assert bad.status_code == 400 and "Enter a number of iterations from 1 to 20,000" in bad.content.decode()


def test_the_file_is_checked_and_mistakes_named(client, scenario):
    text = scenario.toml.replace("fte = 42", 'fte = "many"', 1)
    response = client.post(f"/impact/{scenario.pk}/file/", {"toml": text})
    assert response.status_code == 400
    assert "option[2].fte must be a positive number, not 'many'" in html.unescape(response.content.decode())
    scenario.refresh_from_db()
    assert 'fte = "many"' not in scenario.toml


def test_a_run_shows_results_with_charts_and_downloads(client, scenario):
    Scenario.objects.filter(pk=scenario.pk).update(iterations=30, seed=11)
    response = client.post(f"/impact/{scenario.pk}/run/")
    run = ScenarioRun.objects.get(scenario=scenario)
    assert response.url == f"/impact/{scenario.pk}/runs/{run.pk}/"
    assert run.state == RunState.DONE and run.progress == 1.0 and run.result["meta"]["iterations"] == 30
    page = client.get(response.url).content.decode()
    assert "Results" in page and "What each option means" in page and page.count("<svg") >= 3
    assert "Acceptability in numbers" in page and 'http-equiv="refresh"' not in page
    pdf = client.get(f"/impact/{scenario.pk}/runs/{run.pk}/pdf/")
    assert pdf["Content-Type"] == "application/pdf"
    text = "".join(p.extract_text() for p in PdfReader(BytesIO(pdf.content)).pages)
    assert "Impact assessment draft" in text and "SIMD quintile" in text
    results = json.loads(client.get(f"/impact/{scenario.pk}/runs/{run.pk}/json/").content)
    assert {s["name"] for s in results["scenarios"]} >= {"Keep about 70 posts"}
    assert client.get(f"/impact/{scenario.pk}/runs/{run.pk}/exe/").status_code == 404


def test_a_running_run_shows_progress_and_a_dead_one_says_so(client, scenario, manager):
    run = ScenarioRun.objects.create(
        scenario=scenario,
        toml=scenario.toml,
        iterations=10,
        seed=1,
        created_by=manager,
        state=RunState.RUNNING,
        progress=0.4,
        heartbeat_at=timezone.now(),
    )
    page = client.get(f"/impact/{scenario.pk}/runs/{run.pk}/").content.decode()
    assert "40% done" in page and 'http-equiv="refresh"' in page
    ScenarioRun.objects.filter(pk=run.pk).update(heartbeat_at=timezone.now() - dt.timedelta(minutes=30))
    page = client.get(f"/impact/{scenario.pk}/runs/{run.pk}/").content.decode()
    assert "The run did not finish" in page and "server was restarted" in page
    assert ScenarioRun.objects.get(pk=run.pk).error == STOPPED


def test_a_failing_run_keeps_its_reason(scenario, manager):
    run = ScenarioRun.objects.create(
        scenario=scenario, toml="[study]\ntitle = 1", iterations=10, seed=1, created_by=manager
    )
    run_execute(run_id=run.pk)
    run.refresh_from_db()
    assert run.state == RunState.FAILED
    assert run.error == "study.practices must be a positive whole number, not None"


def test_using_the_records_puts_aggregates_in_and_is_audited(client, scenario, programme, manager):
    practice, staff = practice_with_staff()
    practice.programme = programme
    practice.save()
    for _ in range(6):
        make_referral(practice=practice, by=staff)
    response = client.post(f"/impact/{scenario.pk}/use-records/")
    assert response.status_code == 302
    scenario.refresh_from_db()
    data = tomllib.loads(scenario.toml)
    assert data["calibrated"]["referrals_per_practice_year"]["n"] == 6
    assert "engaged_share" not in data["calibrated"]  # no finished episodes: nothing written
    assert scenarios.parse(scenario.toml).calibrated == ("referrals_per_practice_year",)
    entry = LogEntry.objects.get_for_object(practice).get(action=LogEntry.Action.ACCESS)
    assert entry.actor == manager and "aggregates" in entry.additional_data["purpose"]
    assert "1 of 4 estimates" in client.get(response.url).content.decode()


def test_the_manager_home_links_to_the_pages(client):
    assert 'href="/impact/"' in client.get("/").content.decode()


def test_progress_is_stored_every_five_percent(scenario, manager):
    from linkpad.impact.services import _Progress

    run = ScenarioRun.objects.create(
        scenario=scenario, toml=scenario.toml, iterations=10, seed=1, created_by=manager
    )
    progress = _Progress(run.pk, total=100)
    progress(10)
    run.refresh_from_db()
    assert run.progress == pytest.approx(0.09) and run.heartbeat_at is not None
    progress(2)  # 0.108: not 5% more, not stored
    run.refresh_from_db()
    assert run.progress == pytest.approx(0.09)


def test_with_a_worker_the_page_only_queues_and_the_worker_does_each_run_once(
    client, scenario, manager, settings
):
    from io import StringIO

    from django.core.management import call_command

    from linkpad.impact.services import run_start, runs_work

    settings.LINKPAD_IMPACT_RUN_INLINE = False
    settings.LINKPAD_IMPACT_RUNNER = "worker"
    scenario.iterations = 20
    scenario.save()
    first = run_start(scenario=scenario, by=manager)
    second = run_start(scenario=scenario, by=manager)
    assert {first.state, second.state} == {RunState.QUEUED}
    # waiting behind other runs is normal for a worker: not marked stopped however long it waits
    ScenarioRun.objects.filter(pk=second.pk).update(created_at=timezone.now() - dt.timedelta(hours=1))
    page = client.get(f"/impact/{scenario.pk}/runs/{second.pk}/").content.decode()
    assert ScenarioRun.objects.get(pk=second.pk).state == RunState.QUEUED and "did not finish" not in page
    out = StringIO()
    call_command("impact", "worker", "--once", stdout=out)
    assert "2 runs done" in out.getvalue()
    assert set(ScenarioRun.objects.values_list("state", flat=True)) == {RunState.DONE}
    assert not run_execute(run_id=first.pk)  # already done: nobody does it again
    assert runs_work(once=True) == 0


def test_the_runner_setting_is_checked():
    import subprocess
    import sys

    check = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        env={
            "DJANGO_SETTINGS_MODULE": "linkpad.config.settings.local",
            "LINKPAD_IMPACT_RUNNER": "celery",
            "PATH": "/usr/bin:/bin",
        },
        capture_output=True,
        text=True,
    )
    assert check.returncode != 0 and 'LINKPAD_IMPACT_RUNNER must be "thread" or "worker"' in check.stderr
