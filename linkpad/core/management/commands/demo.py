from django.conf import settings
from django.core.management import BaseCommand, CommandError, call_command

from linkpad.accounts.demo import DEMO_PASSWORD, DEMO_USERS, demo_accounts_load


class Command(BaseCommand):
    help = "Load the demo data (reference geography, fictional practices and demo users). Safe to run again."

    def add_arguments(self, parser):
        parser.add_argument("--no-progress", action="store_true", help="Do not show progress bars.")

    def handle(self, *args, **options):
        practices_csv = settings.BASE_DIR / "data" / "demo" / "practices.csv"
        if not practices_csv.exists():
            raise CommandError(f"The demo practices file is missing: {practices_csv}")
        call_command(
            "load_geography",
            verbosity=options["verbosity"],
            no_progress=options["no_progress"],
            stdout=self.stdout,
        )
        counts = demo_accounts_load(practices_csv=practices_csv)
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo data ready: {counts['practices']} practices, {counts['users']} demo users."
            )
        )
        self.stdout.write(f"Demo sign-ins (password for all: {DEMO_PASSWORD}):")
        for user in DEMO_USERS:
            self.stdout.write(f"  {user.email:<24} {user.role.label}")
