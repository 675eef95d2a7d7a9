from django.conf import settings
from django.core.management import BaseCommand, CommandError, call_command

from linkpad.accounts.demo import DEMO_PASSWORD, DEMO_USERS, demo_accounts_load
from linkpad.casework.demo import demo_people_load
from linkpad.directory.demo import demo_claims_link, demo_directory_load
from linkpad.directory.phrases import phrases_summary
from linkpad.directory.search.indexing import services_reindex
from linkpad.geography.progress import TextProgress


class Command(BaseCommand):
    help = (
        "Load the demo: reference geography, fictional practices, community supports, demo users and "
        "made-up people at every stage of the CLP journey. "
        "Safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument("--no-progress", action="store_true", help="Do not show progress bars.")

    def handle(self, *args, **options):
        practices_csv = settings.LINKPAD_DATA_DIR / "demo" / "practices.csv"
        if not practices_csv.exists():
            raise CommandError(f"The demo practices file is missing: {practices_csv}")
        quiet = options["no_progress"] or options["verbosity"] == 0
        call_command("load_geography", verbosity=options["verbosity"], no_progress=quiet, stdout=self.stdout)
        progress = None if quiet else TextProgress(self.stderr._out)
        directory = demo_directory_load(progress=progress)
        if not directory.ok:
            raise CommandError(f"The demo directory did not load: {directory.failed[0]}")
        self.stdout.write(directory.summary())
        self.stdout.write(phrases_summary())
        indexed = services_reindex(progress=progress)
        if progress:
            progress.finish()
        self.stdout.write(
            f"Search index: {indexed.embedded:,} services embedded, {indexed.unchanged:,} already up to date."
        )
        counts = demo_accounts_load(practices_csv=practices_csv)
        demo_claims_link()
        people = demo_people_load()
        self.stdout.write(
            f"Demo people (all made up): {people['created']} added, {people['existing']} already there."
        )
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo data ready: {counts['practices']} practices, {counts['users']} demo users."
            )
        )
        self.stdout.write(f"Demo sign-ins (password for all: {DEMO_PASSWORD}):")
        for user in DEMO_USERS:
            self.stdout.write(f"  {user.email:<24} {user.role.label}")
