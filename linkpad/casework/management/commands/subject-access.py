import os
import tempfile
from pathlib import Path

from django.core.management import BaseCommand, CommandError

from linkpad.casework.subject_access import subject_access_export
from linkpad.referrals.models import Person

NO_SUCH_PERSON = "There is no person {person_id} in Linkpad."


def write_atomically(out: Path, body: bytes) -> None:
    """Write the whole file or nothing: a temporary file beside it, then renamed over it."""
    out.parent.mkdir(parents=True, exist_ok=True)
    handle, temp_name = tempfile.mkstemp(dir=out.parent, prefix=f".{out.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(body)
        os.replace(temp_name, out)
    finally:
        if os.path.exists(temp_name):
            os.unlink(temp_name)


class Command(BaseCommand):
    help = "Export everything Linkpad holds about one person (subject access), as JSON or PDF."

    def add_arguments(self, parser):
        parser.add_argument("person_id", type=int, help="The person's number in Linkpad.")
        parser.add_argument(
            "--format", choices=["json", "pdf"], default="json", help="JSON (default) or PDF."
        )
        parser.add_argument("--out", type=Path, required=True, help="The file to write.")

    def handle(self, *args, person_id, format, out, **options):
        # An administrator's export holds everything, whichever practice recorded it; it is audited.
        person = Person.objects.filter(pk=person_id).first()
        if person is None:
            raise CommandError(NO_SUCH_PERSON.format(person_id=person_id))
        export = subject_access_export(person=person)
        write_atomically(out, export.as_json() if format == "json" else export.as_pdf())
        records = sum(len(records) for _, _, records in export.sections)
        self.stdout.write(f"Wrote {records:,} records about person {person_id} to {out} ({format.upper()}).")
