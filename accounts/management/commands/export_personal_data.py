import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from accounts.personal_data import personal_data


class Command(BaseCommand):
    help = (
        "Subject access: write everything the register holds about EMAIL as one JSON document "
        "(accounts without passwords, memberships, projects, moderation events, questions and "
        "concerns sent, responsible-person records). To standard output, or to --output FILE."
    )

    def add_arguments(self, parser):
        parser.add_argument("email", help="the email address (any letter case)")
        parser.add_argument("--output", help="write the document to this file")

    def handle(self, *args, email, output=None, **options):
        if not email.strip():
            raise CommandError("Give the email address to export")
        document = json.dumps(personal_data(email), indent=2, ensure_ascii=False)
        if output:
            Path(output).write_text(document + "\n", encoding="utf-8")
            self.stderr.write(self.style.SUCCESS(f"Wrote the personal data of {email} to {output}"))
        else:
            self.stdout.write(document)
