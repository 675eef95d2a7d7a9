from pathlib import Path

from django.core.management import BaseCommand, CommandError

from linkpad.casework.subject_access import subject_access_export
from linkpad.core.files import write_atomically
from linkpad.referrals.models import Person

NO_SUCH_PERSON = "There is no person {person_id} in Linkpad."


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
