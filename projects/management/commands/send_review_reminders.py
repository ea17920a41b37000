from django.core.management.base import BaseCommand

from projects.reviews import send_review_reminders


class Command(BaseCommand):
    help = (
        "Email each published record's organisation 30 days before its review is due and on "
        "the day, once each. Meant for a daily cron job; a missed day is caught up."
    )

    def handle(self, *args, **options):
        sent = send_review_reminders()
        for reminder in sent:
            self.stdout.write(
                f"{reminder.slug}: {reminder.get_kind_display()} ({reminder.due_date})"
            )
        self.stdout.write(self.style.SUCCESS(f"Sent {len(sent)} reminder(s)."))
