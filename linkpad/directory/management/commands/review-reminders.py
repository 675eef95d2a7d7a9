from django.conf import settings
from django.core.management import BaseCommand

from linkpad.directory.stewardship import review_reminders_send


class Command(BaseCommand):
    help = "Email community organisations whose listings are due to be checked (run it weekly)."

    def handle(self, *args, **options):
        sent = review_reminders_send(months=settings.LINKPAD_DIRECTORY_STALE_MONTHS)
        self.stdout.write(f"Sent {sent:,} review reminders.")
