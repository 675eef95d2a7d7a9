import pytest

from linkpad.cli import LINKPAD_COMMANDS, main


def test_help_lists_every_linkpad_command_with_a_description(capsys):
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    for name in LINKPAD_COMMANDS:
        line = next(line for line in out.splitlines() if line.strip().startswith(name + " "))
        assert len(line.split(None, 1)[1]) > 20, f"{name} needs a one-line description"
    assert "migrate" in out  # Django's own commands are there too


def test_an_unknown_command_is_an_error(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["no-such-command"])
    assert exit_info.value.code != 0
    assert "Unknown command" in capsys.readouterr().err
