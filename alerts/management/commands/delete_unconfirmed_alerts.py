from django.core.management.base import BaseCommand

from alerts.services import delete_unconfirmed


class Command(BaseCommand):
    help = "Delete email alert sign-ups nobody confirmed within 7 days (send_alerts does it too)."

    def handle(self, *args, **options):
        deleted = delete_unconfirmed()
        self.stdout.write(self.style.SUCCESS(f"Deleted {deleted} unconfirmed sign-up(s)."))
