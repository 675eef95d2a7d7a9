"""`linkpad score`: the same scoring as the pages, printed or as JSON; bad input exits with code 2."""

import json

import pytest
from django.core.management import CommandError, call_command

from linkpad.cli import main


def score(*args: str) -> str:
    from io import StringIO

    out = StringIO()
    call_command("score", *args, stdout=out)
    return out.getvalue()


def test_prints_raw_score_band_and_flags():
    out = score("PHQ-9", "1", "0", "2", "1", "0", "0", "1", "0", "1")
    assert "Patient Health Questionnaire (PHQ-9)" in out
    assert "Raw score: 6" in out and "Score: 6" in out and "Band: mild" in out
    assert "Flags: risk_to_self" in out


def test_swemwbs_reports_the_metric_score():
    out = score("swemwbs", *"3 3 3 3 3 3 3".split())
    assert "Raw score: 21" in out and "Score: 19.25" in out and "Band: none" in out and "Flags: none" in out


def test_json_has_raw_score_band_and_flags():
    assert json.loads(score("gad7", *"2 2 2 2 2 0 0".split(), "--json")) == {
        "raw": 10,
        "score": 10,
        "band": "moderate",
        "flags": [],
    }


def test_ons4_json_gives_each_question():
    found = json.loads(score("ons4", "7", "8", "4", "6", "--json"))
    assert found["raw"] is None
    assert [(p["key"], p["band"]) for p in found["parts"]] == [
        ("life_satisfaction", "high"),
        ("worthwhile", "high"),
        ("happiness", "low"),
        ("anxiety", "high"),
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["phq9", "1", "0", "4"], "PHQ-9 item 3 must be a whole number from 0 to 3, not 4."),
        (["wemwbs", "3"], "WEMWBS item 2 is missing: answer it with a number from 1 to 5."),
        (["swemwbs", "3", "x"], "SWEMWBS item 2 must be a whole number, not 'x'."),
        (["pam", "1"], "There is no measure called 'pam'"),
    ],
)
def test_bad_input_is_a_clear_error_with_exit_code_2(args, message):
    with pytest.raises(CommandError, match=message.replace(".", r"\.").replace("(", r"\(")) as error:
        score(*args)
    assert error.value.returncode == 2


def test_the_linkpad_command_exits_2(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["score", "gad7", "9"])
    assert exit_info.value.code == 2
    assert "GAD-7 item 1 must be a whole number from 0 to 3, not 9." in capsys.readouterr().err


def test_listed_by_linkpad_help(capsys):
    main(["--help"])
    line = next(line for line in capsys.readouterr().out.splitlines() if line.strip().startswith("score "))
    assert "Score a measure from its answers" in line
