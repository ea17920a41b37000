from django.core.management.base import BaseCommand

from alerts.sending import run


class Command(BaseCommand):
    help = (
        "Send the email alerts: new events matched against every confirmed alert, each sent at "
        "most once per event and address, weekly summaries on the first run on or after Monday, "
        "failed sends tried again next run, and sign-ups not confirmed within 7 days deleted. "
        "Run it from cron every few minutes; a missed run is caught up."
    )

    def handle(self, *args, **options):
        report = run()
        if report.interrupted:
            self.stdout.write(
                self.style.WARNING(
                    f"{report.interrupted} alert(s) were being sent when an earlier run stopped "
                    "and may have gone: they are not sent again, so that nobody gets one twice."
                )
            )
        self.stdout.write(f"Deleted {report.expired} unconfirmed sign-up(s).")
        self.stdout.write(f"Recorded {report.recorded} event(s) the register had not announced.")
        self.stdout.write(f"Matched {report.matched} alert(s) to new events.")
        self.stdout.write(f"Sent {report.sent} alert(s), {report.digests} of them as summaries.")
        if report.stopped:
            self.stdout.write(
                self.style.WARNING(
                    "The mail server failed several times in a row: sending stopped, and the "
                    "rest wait for the next run."
                )
            )
        if report.failed:
            self.stdout.write(
                self.style.WARNING(f"{report.failed} alert(s) could not be sent: tried next run.")
            )
        self.stdout.write(self.style.SUCCESS("Done."))
