"""Benchmark ``send_alerts``: one run with 10,000 confirmed alerts on PostgreSQL.

    .venv/bin/python bench/alerts.py [--alerts 10000] [--projects 2000] [--events 12]
        [--database charter_bench_alerts] [--keep]

1. Creates the PostgreSQL database (dropping any old one), migrates it and imports a generated
   register of N projects (the same generator as ``bench/register.py``).
2. Makes the alerts, confirmed a day ago: 70% register searches (random areas, AI use, service
   areas, stages, organisations and a search word, as residents pick them; most are
   different), 20% one project followed, 10% of each kind as a weekly summary, spread over
   addresses that have one to three alerts each.
3. Makes a day's events through the services, as moderators do (so the domain's signals fire
   after each commit): new records published, new versions of published records (some
   moving out of an area), records withdrawn, and one review that has become overdue.
4. Times one ``send_alerts`` run (mail to Django's in-memory backend, each message built in
   full as SMTP would), then a second run, which must send nothing (no duplicates).

Prints the time, the queries, the deliveries and emails, and PASS when the run took under a
minute. Not part of the test suite. Needs PostgreSQL at 127.0.0.1:5432 (user postgres).
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import production_environment  # noqa: E402
from bench.register import SERVER, WORDS, admin_sql, generate_document  # noqa: E402

LIMIT_SECONDS = 60


def make_alerts(count: int, rng: random.Random) -> None:
    from django.utils import timezone

    from alerts.models import Frequency, Subscriber, Subscription
    from projects.models import Project
    from projects.questions import AREA_CHOICES, STATUS_CHOICES, TOPIC_CHOICES

    slugs = list(Project.objects.published().values_list("slug", flat=True))
    organisations = [f"lead-organisation-{n}" for n in range(200)]
    confirmed = timezone.now() - datetime.timedelta(days=1)
    subscribers = Subscriber.objects.bulk_create(
        Subscriber(email=f"resident{n}@example.net") for n in range(count // 2)
    )
    alerts = []
    for n in range(count):
        subscriber = subscribers[n % len(subscribers)] if n % 3 else rng.choice(subscribers)
        weekly = rng.random() < 0.1
        frequency = Frequency.WEEKLY if weekly else Frequency.IMMEDIATELY
        if rng.random() < 0.2:
            alerts.append(
                Subscription(
                    subscriber=subscriber,
                    kind="follow",
                    slug=rng.choice(slugs),
                    frequency=frequency,
                    confirmed_at=confirmed,
                )
            )
            continue
        filters = {}
        if rng.random() < 0.7:
            filters["area"] = sorted(
                {rng.choice(AREA_CHOICES)[0] for _ in range(rng.randint(1, 2))}
            )
        if rng.random() < 0.4:
            filters["uses_ai"] = rng.choice(["yes", "no"])
        if rng.random() < 0.5:
            filters["topic"] = sorted(
                {rng.choice(TOPIC_CHOICES)[0] for _ in range(rng.randint(1, 2))}
            )
        if rng.random() < 0.2:
            filters["status"] = [rng.choice(STATUS_CHOICES)[0]]
        if rng.random() < 0.05:
            filters["organisation"] = rng.choice(organisations)
        if rng.random() < 0.2:
            filters["q"] = rng.choice(WORDS)
        alerts.append(
            Subscription(
                subscriber=subscriber,
                kind="search",
                filters=dict(sorted(filters.items())),
                frequency=frequency,
                confirmed_at=confirmed,
            )
        )
    Subscription.objects.bulk_create(alerts, batch_size=2000, ignore_conflicts=True)


def make_events(count: int, rng: random.Random) -> None:
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from projects import services
    from projects.models import Project, PublicationState
    from projects.questions import AREA_CHOICES

    moderator = get_user_model().objects.create_user("bench-moderator@example.org")
    published = list(Project.objects.published().order_by("pk"))
    rng.shuffle(published)
    for n in range(count):
        project = published.pop()
        kind = n % 3
        if kind == 0:  # a new record, as if it had just been submitted
            copy = Project.objects.get(pk=project.pk)
            copy.pk = copy.id = None
            copy._state.adding = True
            copy.slug = f"new-record-{n}"
            copy.version = 1
            copy.publication_state = PublicationState.SUBMITTED
            copy.published_at = copy.first_published_at = None
            copy.search_vector = None
            copy.save()
            services.copy_related(project, copy)
            services.publish_project(project=copy, moderator=moderator)
        elif kind == 1:  # a new version, some moving to another area
            draft = services.start_new_version(project=project, user=moderator)
            draft.purpose = draft.purpose + " Updated."
            if n % 2:
                draft.areas = [rng.choice(AREA_CHOICES)[0]]
            draft.declaration = True
            draft.save()
            submitted = services.submit_project(project=draft, user=moderator)
            services.publish_project(project=submitted, moderator=moderator)
        else:
            services.withdraw_project(project=project, moderator=moderator, reason="Ended.")
    overdue = published.pop()
    Project.objects.filter(pk=overdue.pk).update(
        next_review_due=timezone.localdate() - datetime.timedelta(days=1)
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--alerts", type=int, default=10_000)
    parser.add_argument("--projects", type=int, default=2_000)
    parser.add_argument("--events", type=int, default=12)
    parser.add_argument("--database", default="charter_bench_alerts")
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    args = parser.parse_args()

    database_url = f"{SERVER}/{args.database}"
    os.environ.update(production_environment(database_url, tempfile.mkdtemp()))
    os.environ.pop("REDIS_URL", None)
    admin_sql(f'DROP DATABASE IF EXISTS "{args.database}"')
    admin_sql(f'CREATE DATABASE "{args.database}"')
    try:
        import django

        django.setup()
        from django.conf import settings
        from django.core import mail
        from django.core.management import call_command
        from django.db import connection

        settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
        mail.outbox = []
        call_command("migrate", verbosity=0)
        call_command("createcachetable", verbosity=0)
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as handle:
            json.dump(generate_document(args.projects), handle)
        start = time.perf_counter()
        call_command("import_register", handle.name, verbosity=0)
        print(f"Imported {args.projects} projects in {time.perf_counter() - start:.1f} s")
        os.unlink(handle.name)

        from alerts import sending
        from alerts.models import AlertEvent, Delivery, Subscription

        rng = random.Random(19)
        make_alerts(args.alerts, rng)
        make_events(args.events, rng)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        searches = Subscription.objects.filter(kind="search").values("filters").distinct().count()
        print(
            f"{Subscription.objects.count()} confirmed alerts ({searches} different searches), "
            f"{AlertEvent.objects.count()} events recorded by the signals"
        )

        counted = []

        def count(execute, sql, params, many, context):
            counted.append(1)
            return execute(sql, params, many, context)

        start = time.perf_counter()
        with connection.execute_wrapper(count):
            report = sending.run()
        seconds = time.perf_counter() - start
        queries = len(counted)
        print(
            f"\nOne run: {seconds:.1f} s, {queries} queries; {report.recorded} events found by "
            f"the run, {report.matched} deliveries, {report.sent} emails sent "
            f"({len(mail.outbox)} in the outbox), {report.failed} failed"
        )
        print(
            f"  {len(mail.outbox) / seconds:.0f} emails a second; seconds by step: {report.seconds}"
        )
        weekly = Delivery.objects.filter(state="pending", frequency="weekly").count()
        print(f"  {weekly} deliveries wait for the weekly summaries")

        before = len(mail.outbox)
        start = time.perf_counter()
        again = sending.run()
        print(
            f"Second run: {time.perf_counter() - start:.1f} s, {again.sent} sent "
            f"({len(mail.outbox) - before} new in the outbox)"
        )
        seen = [(m.to[0], m.subject) for m in mail.outbox]
        duplicates = len(seen) - len(set(seen))
        print(f"Duplicates (same address, same subject): {duplicates}")
        ok = seconds < LIMIT_SECONDS and again.sent == 0 and duplicates == 0
        print(("PASS" if ok else "FAIL") + f": one run of {args.alerts} alerts under 60 s")
    finally:
        from django.db import connections

        connections.close_all()
        if not args.keep:
            admin_sql(f'DROP DATABASE IF EXISTS "{args.database}" WITH (FORCE)')


if __name__ == "__main__":
    main()
