from django.core.management import BaseCommand, CommandError
from django.db import transaction

from linkpad.directory.hsds.aliss_taxonomy import aliss_taxonomy_load
from linkpad.directory.hsds.importer import hsds_import, hsds_taxonomy_import
from linkpad.directory.hsds.sources import SourceError, read_source
from linkpad.directory.phrases import phrases_load_for_import

from ._output import finish, progress_for


class Command(BaseCommand):
    help = (
        "Import HSDS 3.0 services from a JSON file, an HSDS tabular data package (CSV) or an ORUK API URL. "
        "Re-importing the same data changes nothing; a bad record is left out whole and named."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "source", help="A JSON file, a data package folder or datapackage.json, or an API base URL."
        )
        parser.add_argument("--dry-run", action="store_true", help="Check everything, save nothing.")
        parser.add_argument(
            "--force", action="store_true", help="Rewrite services even if they have not changed."
        )
        parser.add_argument("--no-progress", action="store_true", help="Do not show a progress bar.")

    def handle(self, *args, source, dry_run, force, **options):
        try:
            found = read_source(source)
        except SourceError as error:
            raise CommandError(str(error)) from error
        progress = progress_for(self, options)
        with transaction.atomic():
            aliss_taxonomy_load()
            if problem := phrases_load_for_import():
                self.stderr.write(problem)
            taxonomy = hsds_taxonomy_import(taxonomies=found.taxonomies, terms=found.taxonomy_terms)
            for problem in taxonomy.failed:
                self.stderr.write(f"Not imported: {problem}")
            if found.taxonomies or found.taxonomy_terms:
                self.stdout.write(
                    f"Taxonomy terms: {taxonomy.created:,} new, {taxonomy.updated:,} updated, "
                    f"{taxonomy.unchanged:,} unchanged, {len(taxonomy.failed):,} failed."
                )
            services = list(found.services) if found.total is not None else found.services
            report = hsds_import(
                records=services, source=found.name, progress=progress, dry_run=dry_run, force=force
            )
            if dry_run:
                transaction.set_rollback(True)
        finish(self, report, progress, options["verbosity"])
        if taxonomy.failed:
            raise CommandError(f"{len(taxonomy.failed):,} taxonomy rows were not imported.")
