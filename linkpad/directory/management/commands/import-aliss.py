import json
from pathlib import Path

from django.core.management import BaseCommand, CommandError
from django.db import transaction

from linkpad.directory.hsds.aliss import aliss_records, aliss_to_hsds
from linkpad.directory.hsds.aliss_taxonomy import aliss_taxonomy_load
from linkpad.directory.hsds.importer import hsds_import
from linkpad.directory.hsds.validate import Problem
from linkpad.directory.phrases import phrases_load_for_import

from ._output import finish, progress_for


class Command(BaseCommand):
    help = "Import services from an ALISS API (v3/v4) JSON file, with categories and current area codes."

    def add_arguments(self, parser):
        parser.add_argument(
            "file", type=Path, help="ALISS JSON: a list of services, {'services': [...]} or {'data': [...]}."
        )
        parser.add_argument("--dry-run", action="store_true", help="Check everything, save nothing.")
        parser.add_argument("--no-progress", action="store_true", help="Do not show a progress bar.")

    def handle(self, *args, file, dry_run, **options):
        try:
            records = aliss_records(json.loads(file.read_text(encoding="utf-8")))
        except (OSError, ValueError) as error:
            raise CommandError(f"Could not read {file}: {error}") from error
        converted, problems = [], []
        for record in records:
            try:
                converted.append(aliss_to_hsds(record))
            except (KeyError, TypeError, ValueError) as error:
                problems.append(
                    Problem(str(record.get("id", "")), str(record.get("name", "")), str(error), "is missing")
                )
        progress = progress_for(self, options)
        with transaction.atomic():
            aliss_taxonomy_load()
            if problem := phrases_load_for_import():
                self.stderr.write(problem)
            report = hsds_import(
                records=converted, source=f"ALISS ({file.name})", progress=progress, dry_run=dry_run
            )
            if dry_run:
                transaction.set_rollback(True)
        report.failed[:0] = problems
        finish(self, report, progress, options["verbosity"])
