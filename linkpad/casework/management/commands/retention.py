from django.core.management import BaseCommand, CommandError

from linkpad.casework.retention import YEARS_TOO_FEW, retention_apply


class Command(BaseCommand):
    help = (
        "Anonymise people whose support ended more than LINKPAD_RETENTION_YEARS years ago (--dry-run to see)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Say who would be anonymised, and change nothing."
        )
        parser.add_argument(
            "--years", type=int, default=None, help="Years to keep after support ends (default: the setting)."
        )

    def handle(self, *args, dry_run, years, **options):
        if years is not None and years < 1:
            raise CommandError(YEARS_TOO_FEW.format(years=years))
        report = retention_apply(years=years, dry_run=dry_run)
        for line in report.lines():
            self.stdout.write(line)
