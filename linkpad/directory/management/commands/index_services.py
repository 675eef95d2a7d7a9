from django.core.management import BaseCommand

from linkpad.directory.search.indexing import services_reindex
from linkpad.geography.progress import TextProgress


class Command(BaseCommand):
    help = (
        "Bring the directory's search index up to date: embed new or changed services and refresh "
        "their facts. Resumable: services already up to date are skipped."
    )

    def add_arguments(self, parser):
        parser.add_argument("service_ids", nargs="*", help="Only these services (HSDS ids); default all.")
        parser.add_argument("--no-progress", action="store_true", help="Do not show a progress bar.")

    def handle(self, *args, service_ids, no_progress, **options):
        progress = None if no_progress or options["verbosity"] == 0 else TextProgress(self.stderr._out)
        try:
            result = services_reindex(service_ids=service_ids or None, progress=progress)
        finally:
            if progress is not None:
                progress.finish()
        self.stdout.write(
            f"Checked {result.checked:,} services: {result.embedded:,} embedded, {result.updated:,} updated, "
            f"{result.unchanged:,} already up to date, {result.removed:,} removed."
        )
