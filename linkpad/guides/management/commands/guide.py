from pathlib import Path

from django.conf import settings
from django.core.management import BaseCommand, CommandError

from linkpad.core.files import write_atomically
from linkpad.guides.audiences import AUDIENCES
from linkpad.guides.concerns import CONCERNS, DEFAULT_CONCERN
from linkpad.guides.documents import guide_html, guide_pdf
from linkpad.guides.selectors import guide_build


class Command(BaseCommand):
    help = "Make the at a glance guide to local support for a postcode or practice, as a PDF (or --html)."

    def add_arguments(self, parser):
        parser.add_argument("--postcode", default="", help="The postcode the guide is for, like G21 1TR.")
        parser.add_argument("--practice", default="", help="Or a GP practice's code, like DEMO01.")
        parser.add_argument(
            "--concern",
            default=DEFAULT_CONCERN,
            help=f"What the guide is about: {', '.join(CONCERNS)} ({DEFAULT_CONCERN}).",
        )
        parser.add_argument(
            "--audience",
            default=None,
            choices=list(AUDIENCES),
            help="Who it is for: only supports that take these ages (default adults).",
        )
        parser.add_argument("--large-print", action="store_true", help="Large print.")
        parser.add_argument("--html", action="store_true", help="Write HTML instead of PDF.")
        parser.add_argument("--out", required=True, help="The file to write, like guide.pdf.")

    def handle(self, *args, postcode, practice, concern, audience, large_print, html, out, **options):
        path = Path(out)
        if not path.parent.is_dir():
            raise CommandError(f"There is no folder {path.parent} to write {path.name} in.")
        try:
            guide = guide_build(
                site_url=settings.LINKPAD_SITE_URL,
                concern=concern,
                postcode=postcode,
                practice_code=practice,
                large_print=large_print,
                audience=audience,
            )
        except ValueError as error:  # an unknown concern, postcode or practice
            raise CommandError(str(error)) from error
        content = guide_html(guide).encode() if html else guide_pdf(guide)
        write_atomically(path, content)
        found = sum(len(section.supports) for section in guide.sections)
        self.stdout.write(f"Wrote {path}: {guide.concern.title}, {found} supports near {guide.place}.")
