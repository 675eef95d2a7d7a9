from pathlib import Path

from django.core.management import BaseCommand, CommandError

from linkpad.geography.progress import TextProgress
from linkpad.geography.services import GeographyDataError, default_data_dir, geography_load


class Command(BaseCommand):
    help = (
        "Load Scottish postcodes, data zones with SIMD 2020v2, and postcode sector and district centres "
        "from data/geography/. Does nothing if they are already loaded, unless --force."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--data-dir",
            type=Path,
            default=None,
            help=f"Folder holding the geography files (default: {default_data_dir()}).",
        )
        parser.add_argument(
            "--force", action="store_true", help="Reload even if the tables already hold the same row counts."
        )
        parser.add_argument("--no-progress", action="store_true", help="Do not show a progress bar.")

    def handle(self, *args, data_dir, force, no_progress, **options):
        folder = data_dir or default_data_dir()
        progress = None if no_progress or options["verbosity"] == 0 else TextProgress(self.stderr._out)
        try:
            result = geography_load(data_dir=folder, force=force, progress=progress)
        except GeographyDataError as error:
            raise CommandError(str(error)) from error
        finally:
            if progress is not None:
                progress.finish()
        counts = ", ".join(f"{count:,} {name}" for name, count in result.counts.items())
        if result.loaded:
            self.stdout.write(f"Loaded {counts} from {folder} in {result.seconds:.1f} s.")
        else:
            self.stdout.write(
                f"Geography is already loaded ({counts}); nothing to do. Use --force to reload it."
            )
