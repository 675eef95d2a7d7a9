"""Every setting read from the environment and every Linkpad command is documented (a datasette habit)."""

import re
from pathlib import Path

import pytest

from linkpad.cli import LINKPAD_COMMANDS

ROOT = Path(__file__).resolve().parents[3]
SETTINGS = ROOT / "linkpad" / "config" / "settings"


def environment_settings() -> set[str]:
    pattern = re.compile(r'env\.\w+\("([A-Z_]+)"')
    return {name for path in SETTINGS.glob("*.py") for name in pattern.findall(path.read_text())}


@pytest.mark.parametrize("name", sorted(environment_settings()))
def test_every_environment_setting_is_documented(name):
    assert f"`{name}`" in (ROOT / "docs" / "settings.md").read_text()


@pytest.mark.parametrize("name", LINKPAD_COMMANDS)
def test_every_linkpad_command_is_in_the_readme(name):
    assert f"`linkpad {name}" in (ROOT / "README.md").read_text()
