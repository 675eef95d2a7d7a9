"""Real demo listings and real geography, loaded quickly for tests that need a working directory."""

import gzip
import json
import shutil
from functools import cache
from pathlib import Path

from linkpad.geography.services import POSTCODES_FILE, geography_load

ROOT = Path(__file__).resolve().parents[2]
DEMO_SERVICES = ROOT / "data" / "demo" / "community_supports.hsds.json"
GEOGRAPHY = ROOT / "data" / "geography"


@cache
def demo_records() -> list[dict]:
    return json.loads(DEMO_SERVICES.read_text())


def demo_services(*, names: set[str] | None = None, limit: int | None = None) -> list[dict]:
    records = [r for r in demo_records() if names is None or r["name"] in names]
    return records[:limit] if limit else records


def load_geography_with_postcodes(folder: Path, *postcodes: str) -> None:
    """Load the shipped geography, but only these postcodes (every data zone, sector and district)."""
    folder.mkdir(parents=True, exist_ok=True)
    for source in GEOGRAPHY.glob("*.csv*"):
        if source.name != POSTCODES_FILE:
            shutil.copy(source, folder / source.name)
    wanted = tuple(f"{postcode}," for postcode in postcodes)
    with (
        gzip.open(GEOGRAPHY / POSTCODES_FILE, "rt") as source,
        gzip.open(folder / POSTCODES_FILE, "wt") as out,
    ):
        for number, line in enumerate(source):
            if number == 0 or line.startswith(wanted):
                out.write(line)
    geography_load(data_dir=folder)
