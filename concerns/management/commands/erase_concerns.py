from django.core.management.base import BaseCommand, CommandError

from concerns.services import erase_concerns_of


class Command(BaseCommand):
    help = (
        "Erasure on request: anonymise every question or concern sent from EMAIL. Blanks the "
        "email address, the message and its answer, stops showing it on the project page, and "
        "keeps only which project, what kind and when (for the oversight counts)."
    )

    def add_arguments(self, parser):
        parser.add_argument("email", help="the resident's email address (any letter case)")
        parser.add_argument(
            "--dry-run", action="store_true", help="say what would be anonymised; change nothing"
        )

    def handle(self, *args, email, dry_run, **options):
        if not email.strip():
            raise CommandError("Give the resident's email address")
        concerns = erase_concerns_of(email, dry_run=dry_run)
        verb = "Would anonymise" if dry_run else "Anonymised"
        for concern in concerns:
            self.stdout.write(
                f"{verb} concern {concern.pk}: {concern.get_kind_display()} about "
                f"{concern.slug}, sent {concern.created_at:%Y-%m-%d}"
            )
        summary = f"{verb} {len(concerns)} concern(s) sent from {email.strip()}."
        if dry_run:
            summary += " Nothing was changed (--dry-run)."
        self.stdout.write(self.style.SUCCESS(summary))
