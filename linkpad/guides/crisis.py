"""The crisis lines on every guide: shipped as data (data/guides/crisis_lines.toml), never from the directory."""

import datetime as dt
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from django.conf import settings


@dataclass(frozen=True)
class CrisisLine:
    name: str
    how: str  # "Phone 116 123"
    when: str
    what: str


@dataclass(frozen=True)
class CrisisLines:
    lines: tuple[CrisisLine, ...]
    checked: dt.date  # when the numbers were last checked against their sources


def crisis_lines_file() -> Path:
    return Path(settings.LINKPAD_DATA_DIR) / "guides" / "crisis_lines.toml"


@lru_cache(maxsize=4)
def _load(path: Path) -> CrisisLines:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return CrisisLines(lines=tuple(CrisisLine(**line) for line in data["lines"]), checked=data["checked"])


def crisis_lines() -> CrisisLines:
    """The crisis lines and the date they were checked."""
    return _load(crisis_lines_file())
