from django.core.management.base import BaseCommand, CommandError

from alerts.services import erase


class Command(BaseCommand):
    help = (
        "Erasure on request: delete EMAIL's email alerts, the address itself and the record of "
        "which updates were sent to it. Nothing about the address is kept."
    )

    def add_arguments(self, parser):
        parser.add_argument("email", help="the email address (any letter case)")
        parser.add_argument(
            "--dry-run", action="store_true", help="say what would be deleted; change nothing"
        )

    def handle(self, *args, email, dry_run, **options):
        if not email.strip():
            raise CommandError("Give the email address")
        count = erase(email, dry_run=dry_run)
        verb = "Would delete" if dry_run else "Deleted"
        summary = f"{verb} {count} email alert(s) of {email.strip()}."
        if dry_run:
            summary += " Nothing was changed (--dry-run)."
        self.stdout.write(self.style.SUCCESS(summary))
