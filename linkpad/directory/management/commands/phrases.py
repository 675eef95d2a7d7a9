from pathlib import Path

from django.core.management import BaseCommand, CommandError

from linkpad.core.files import write_atomically
from linkpad.directory.phrases import (
    phrase_matches,
    phrases_export,
    phrases_load,
    shipped_phrases,
    shipped_phrases_file,
)


class Command(BaseCommand):
    help = (
        "What people say about each category, which search matches: load a phrases file, or try some words."
    )

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True)
        load = actions.add_parser("load", help="Bring the shipped phrases in line with a TOML file.")
        load.add_argument("file", nargs="?", type=Path, help=f"The file (default {shipped_phrases_file()}).")
        export = actions.add_parser("export", help="Write the phrases search uses now to a TOML file.")
        export.add_argument("file", type=Path, help="The file to write, like what_people_say.toml.")
        trial = actions.add_parser(
            "try", help="Which categories would these words lift, and by which phrase?"
        )
        trial.add_argument("words", nargs="+", help="What a person might say.")
        trial.add_argument("--limit", type=int, default=5, help="How many categories to show (5).")

    def handle(self, *args, action, **options):
        if action == "load":
            try:
                report = phrases_load(options["file"])
            except ValueError as error:
                raise CommandError(str(error)) from error
            self.stdout.write(self.style.SUCCESS(report.summary()))
            return
        if action == "export":
            path = options["file"]
            if not path.parent.is_dir():
                raise CommandError(f"There is no folder {path.parent} to write {path.name} in.")
            text = phrases_export()
            write_atomically(path, text.encode("utf-8"))
            count = sum(len(texts) for texts in shipped_phrases(path).values())
            self.stdout.write(self.style.SUCCESS(f"Wrote {count} phrases to {path}."))
            return
        if options["limit"] < 1:
            raise CommandError("--limit must be 1 or more.")
        matches = phrase_matches(" ".join(options["words"]), limit=options["limit"])
        if not matches:
            raise CommandError("There are no phrases yet: run `linkpad phrases load` first.")
        for match in matches:
            name = match.term.name if match.term else match.category
            self.stdout.write(f"{match.score:.2f}  {name}: “{match.phrase}”")
