"""`linkpad impact run` writes results.json, report.html and report.pdf; `linkpad impact queue` prints JSON."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from pypdf import PdfReader

SCENARIO_KEYS = {
    "name",
    "fte",
    "referrals",
    "linked",
    "mean_wait_weeks",
    "gave_up_waiting",
    "cost_posts",
    "cost_nhs",
    "qalys",
    "wellbys",
}
COMPARISON_KEYS = {
    "scenario",
    "baseline",
    "delta_cost",
    "delta_qalys",
    "icer",
    "nmb",
    "prob_cost_effective",
    "evpi",
}


def run(*args):
    out = StringIO()
    call_command("impact", *args, stdout=out)
    return out.getvalue()


def test_run_writes_the_results_and_a_readable_report(tmp_path):
    out = run(
        "run", "examples/glasgow-2024.toml", "--iterations", "300", "--seed", "3", "--out", str(tmp_path)
    )
    assert "Wrote" in out
    results = json.loads((tmp_path / "results.json").read_text())
    assert {s["name"] for s in results["scenarios"]} >= {
        "Keep about 70 posts",
        "Cut to 42 posts, spread across all practices",
    }
    assert all(set(s) == SCENARIO_KEYS for s in results["scenarios"])
    assert all(set(c) == COMPARISON_KEYS for c in results["comparisons"])
    cut = results["comparisons"][0]
    assert (
        set(cut["nmb"])
        == set(cut["prob_cost_effective"])
        == set(cut["evpi"])
        == {"13000", "20000", "25000", "30000", "35000"}
    )
    assert cut["delta_cost"] < 0 and results["breakdown"][0]["gave_up_change_per_year"] > 0
    html = (tmp_path / "report.html").read_text()
    assert "<svg" in html and "Mercer" in html and "Every assumption and its source" in html
    text = "".join(page.extract_text() for page in PdfReader(tmp_path / "report.pdf").pages)
    assert "What each option means, in plain words" in text
    assert "People giving up while waiting" in text and "Polley" in text


def test_run_json_and_bad_scenario(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text('[study]\ntitle = "x"\npractices = 3\n')
    with pytest.raises(CommandError, match="at least two"):
        run("run", str(bad), "--out", str(tmp_path / "o"))


def test_queue_prints_the_four_figures_as_json():
    out = run(
        "queue",
        "--arrivals-per-week",
        "4",
        "--mean-episode-weeks",
        "1",
        "--slots",
        "5",
        "--weeks",
        "500",
        "--reps",
        "3",
        "--seed",
        "1",
        "--distribution",
        "exponential",
        "--json",
    )
    found = json.loads(out)
    assert {"mean_wait_weeks", "p90_wait_weeks", "utilisation", "mean_queue_length"} <= set(found)
    assert 0.7 < found["utilisation"] < 0.9
