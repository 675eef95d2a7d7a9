import json
from pathlib import Path

from django.core.management import BaseCommand, CommandError

from linkpad.core.files import atomic_file
from linkpad.directory.hsds.exporter import service_to_hsds, services_for_export
from linkpad.directory.hsds.validate import ORUK_SERVICE, problems
from linkpad.directory.models import Service

from ._output import progress_for

CHUNK = 1000
INVALID = "{count:,} exported services do not meet the ORUK schema (listed above); {out} was not written."


class Command(BaseCommand):
    help = "Export the directory as a JSON list of fully nested HSDS 3.0 / ORUK services, checked against the schema."

    def add_arguments(self, parser):
        parser.add_argument("out", type=Path, help="The JSON file to write (replaced only when all is well).")
        parser.add_argument("--no-progress", action="store_true", help="Do not show a progress bar.")

    def handle(self, *args, out, **options):
        progress = progress_for(self, options)
        ids = list(Service.objects.order_by("id").values_list("id", flat=True))
        invalid = []
        try:
            with atomic_file(out, "w", encoding="utf-8") as stream:
                stream.write("[")
                for start in range(0, len(ids), CHUNK):
                    for index, service in enumerate(
                        services_for_export(
                            Service.objects.filter(id__in=ids[start : start + CHUNK]).order_by("id")
                        )
                    ):
                        document = service_to_hsds(service)
                        invalid.extend(problems(document, ORUK_SERVICE))
                        stream.write(
                            ("\n" if start + index == 0 else ",\n") + json.dumps(document, ensure_ascii=False)
                        )
                    if progress:
                        progress("Exporting services", min(start + CHUNK, len(ids)), len(ids))
                stream.write("\n]\n")
                if invalid:
                    for problem in invalid:
                        self.stderr.write(f"Invalid: {problem}")
                    raise CommandError(INVALID.format(count=len({p.record_id for p in invalid}), out=out))
        finally:
            if progress:
                progress.finish()
        self.stdout.write(f"Exported {len(ids):,} services to {out}.")
