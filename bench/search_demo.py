"""Shared by the search benchmarks: a throwaway database with the geography and the demo directory.

Not a benchmark itself (it prints nothing when imported). The demo directory is imported with the
product's own loader (linkpad.directory.demo.demo_directory_load), as `linkpad demo` does.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
DEMO_FILE = REPO_ROOT / "data" / "demo" / "community_supports.hsds.json"


def setup_django(*, keep_database: bool = False) -> tempfile.TemporaryDirectory:
    """Point Django at a fresh SQLite file (or DATABASE_URL with keep_database), migrate, load geography."""
    temp = tempfile.TemporaryDirectory(prefix="search-bench-")
    if not keep_database or "DATABASE_URL" not in os.environ:
        os.environ["DATABASE_URL"] = f"sqlite:///{temp.name}/bench.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "linkpad.config.settings.local")
    sys.path.insert(0, str(REPO_ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from linkpad.geography.models import Postcode

    if not Postcode.objects.exists():
        from linkpad.geography.services import default_data_dir, geography_load

        geography_load(data_dir=default_data_dir())
    return temp


def load_demo_directory() -> str:
    """Import the demo directory with the product's own loader; returns its summary."""
    from linkpad.directory.demo import demo_directory_load

    return demo_directory_load().summary()


def load_taxonomy() -> None:
    """Only the ALISS categories (with what people say about each, which every query scores), for
    benchmarks that generate their own services."""
    from linkpad.directory.hsds.aliss_taxonomy import aliss_taxonomy_load
    from linkpad.directory.phrases import phrases_load

    aliss_taxonomy_load()
    phrases_load()
