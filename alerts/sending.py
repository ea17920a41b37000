"""``send_alerts``: work out who each new event concerns, and send, at most once each.

One run (from cron, every few minutes; ``manage.py send_alerts``):

1. deletes sign-ups not confirmed within 7 days;
2. records events: publications and withdrawals the signals missed, and reviews now overdue;
3. matches each new event against every confirmed alert, in one transaction per batch of
   events: a ``Delivery`` row per event and address (unique, so an address whose several alerts
   match hears once), and the events marked matched;
4. sends what is due at once: deliveries are *claimed* (``pending`` to ``sending``, under
   ``SELECT ... FOR UPDATE SKIP LOCKED`` on PostgreSQL, so two runs never take the same row)
   and committed before their emails go. A failed send goes back to ``pending`` for the next
   run (up to ``MAX_ATTEMPTS``); what a killed run left is sorted out by the next one (see
   "sending" below): at most once, never twice;
5. sends the weekly summaries, the same way, on the first run on or after each Monday.
"""

from __future__ import annotations

import datetime
import json
import logging
import time
import uuid
from collections import defaultdict
from dataclasses import dataclass, field

from django.core.mail import get_connection
from django.db import IntegrityError, connection, transaction
from django.db.models import F
from django.utils import timezone

from . import emails, events, searches, services
from .models import (
    EVENT_FIELDS,
    MAX_ATTEMPTS,
    AlertEvent,
    Delivery,
    Digest,
    EventKind,
    Frequency,
    Subscription,
)

logger = logging.getLogger(__name__)

BATCH = 100  # deliveries claimed at once
EVENT_BATCH = 200


class NothingToSend(Exception):
    """Another run took this summary's deliveries a moment ago."""


@dataclass
class Report:
    expired: int = 0
    recorded: int = 0
    matched: int = 0
    sent: int = 0
    failed: int = 0
    digests: int = 0
    interrupted: int = 0
    errors: list[str] = field(default_factory=list)
    stopped: bool = False  # the mail server kept failing: the rest wait for the next run
    seconds: dict[str, float] = field(default_factory=dict)


# --- matching ---------------------------------------------------------------------------------


def _alerts():
    """Every confirmed alert, as plain rows (10,000 of them are a few megabytes)."""
    return list(
        Subscription.objects.confirmed().values(
            "pk",
            "subscriber_id",
            "kind",
            "filters",
            "slug",
            "frequency",
            "confirmed_at",
            *EVENT_FIELDS.values(),
        )
    )


def _wants(alert: dict, event: AlertEvent) -> bool:
    return alert[EVENT_FIELDS[event.kind]] and alert["confirmed_at"] <= event.happened_at


def match(events_: list[AlertEvent], alerts: list[dict], *, now) -> list[Delivery]:
    """The deliveries for ``events_``: for each event and address, the address's alert that
    matches (one that wants it at once before a weekly one)."""
    versions = {event.project_id for event in events_} | {
        event.previous_id for event in events_ if event.previous_id
    }
    follows = defaultdict(list)
    searches_ = defaultdict(list)
    for alert in alerts:
        if alert["kind"] == Subscription.Kind.FOLLOW:
            follows[alert["slug"]].append(alert)
        else:
            searches_[json.dumps(alert["filters"], sort_keys=True)].append(alert)
    # One query per different filter value, whatever the number of events or alerts.
    matcher = searches.Matcher(versions)
    found = {key: matcher.matching(json.loads(key)) for key in searches_}
    chosen: dict[tuple[int, int], dict] = {}
    for event in events_:
        candidates = list(follows.get(event.slug, []))
        for key, group in searches_.items():
            hits = found[key]
            # A change concerns a search that matched the record before it or after it.
            if event.project_id in hits or (event.previous_id and event.previous_id in hits):
                candidates.extend(group)
        for alert in candidates:
            if not _wants(alert, event):
                continue
            slot = (alert["subscriber_id"], event.pk)
            best = chosen.get(slot)
            rank = (alert["frequency"] != Frequency.IMMEDIATELY, alert["pk"])
            if best is None or rank < (best["frequency"] != Frequency.IMMEDIATELY, best["pk"]):
                chosen[slot] = alert
    return [
        Delivery(
            subscriber_id=subscriber_id,
            subscription_id=alert["pk"],
            event_id=event_id,
            frequency=alert["frequency"],
            created_at=now,
        )
        for (subscriber_id, event_id), alert in chosen.items()
    ]


def match_new_events(*, now=None) -> int:
    """Deliveries for every event not matched yet. Returns how many were made."""
    now = now or timezone.now()
    made = 0
    alerts = None
    while True:
        with transaction.atomic():
            batch = list(
                AlertEvent.objects.select_for_update(skip_locked=True)
                .filter(matched_at__isnull=True)
                .order_by("pk")[:EVENT_BATCH]
            )
            if not batch:
                return made
            if alerts is None:
                alerts = _alerts()
            deliveries = match(batch, alerts, now=now)
            Delivery.objects.bulk_create(deliveries, ignore_conflicts=True, batch_size=1000)
            AlertEvent.objects.filter(pk__in=[event.pk for event in batch]).update(matched_at=now)
            made += len(deliveries)


# --- sending ----------------------------------------------------------------------------------
#
# A batch of deliveries is claimed (``pending`` to ``sending``, with the batch's ``claim`` id)
# and committed before any of its emails goes. Then the emails go one by one in id order, and
# after every ``MARK_EVERY`` of them those are marked ``sent`` (one that fails goes back to
# ``pending`` at once). So if the run is killed, each of its batches holds at most
# ``MARK_EVERY`` deliveries that may have gone without being marked: the lowest ids still
# ``sending``. A later run, once the claim is ``STALE_AFTER`` old, marks those ``interrupted``
# (never sent again) and puts the rest, never tried, back to ``pending``. Nobody gets an alert
# twice, and a killed run loses at most ``MARK_EVERY`` per batch it had claimed.

STALE_AFTER = datetime.timedelta(minutes=15)
MARK_EVERY = 10
# This many failures one after another and the run stops sending (the rest wait for the next).
GIVE_UP_AFTER = 3


def recover_interrupted(*, now) -> int:
    """Deliveries of runs that stopped midway: see above. Returns how many may have gone."""
    stale = Delivery.objects.filter(state=Delivery.State.SENDING, claimed_at__lt=now - STALE_AFTER)
    with transaction.atomic():
        # A summary is one email: all its deliveries went with it, or none did; unknown which.
        uncertain = stale.filter(digest__isnull=False).update(
            state=Delivery.State.INTERRUPTED, digest=None
        )
        Digest.objects.filter(state=Digest.State.SENDING, claimed_at__lt=now - STALE_AFTER).delete()
        in_flight: list[int] = []
        seen: dict[str, int] = {}
        for pk, claim in stale.order_by("claim", "pk").values_list("pk", "claim"):
            seen[claim] = seen.get(claim, 0) + 1
            if seen[claim] <= MARK_EVERY:
                in_flight.append(pk)
        uncertain += Delivery.objects.filter(pk__in=in_flight).update(
            state=Delivery.State.INTERRUPTED
        )
        stale.update(state=Delivery.State.PENDING, attempts=F("attempts") - 1)
    return uncertain


def _claim(queryset, *, after: int, now) -> list[int]:
    with transaction.atomic():
        pks = list(
            queryset.select_for_update(skip_locked=True)
            .filter(pk__gt=after)
            .order_by("pk")
            .values_list("pk", flat=True)[:BATCH]
        )
        if pks:
            Delivery.objects.filter(pk__in=pks, state=Delivery.State.PENDING).update(
                state=Delivery.State.SENDING,
                attempts=F("attempts") + 1,
                claimed_at=now,
                claim=uuid.uuid4().hex,
            )
    return pks


def _failed(pks: list[int], error: Exception) -> None:
    """Back to the queue for the next run, or given up after ``MAX_ATTEMPTS``."""
    message = f"{type(error).__name__}: {error}"[:300]
    claimed = Delivery.objects.filter(pk__in=pks, state=Delivery.State.SENDING)
    claimed.filter(attempts__gte=MAX_ATTEMPTS).update(
        state=Delivery.State.FAILED, last_error=message
    )
    claimed.update(state=Delivery.State.PENDING, last_error=message)


def _sent(pks: list[int], *, now) -> None:
    """Mark deliveries sent. On PostgreSQL without waiting for the write to reach the disk
    (``synchronous_commit`` off for this one transaction): the mark is safe from this process
    being killed the moment it returns, and the run does not wait for a disk flush for every
    email. Only the database server itself failing within a fraction of a second after could
    lose a mark (and then the email may go once more)."""
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL synchronous_commit TO OFF")
        Delivery.objects.filter(pk__in=pks).update(state=Delivery.State.SENT, sent_at=now)


def send_immediate(report: Report, *, now=None) -> None:
    now = now or timezone.now()
    queue = Delivery.objects.filter(state=Delivery.State.PENDING, frequency=Frequency.IMMEDIATELY)
    after = 0
    told: dict[int, emails.Happening] = {}
    titles = emails.Titles()
    mailer = get_connection()
    unmarked: list[int] = []

    def mark():
        if unmarked:
            _sent(unmarked, now=now)
            report.sent += len(unmarked)
            unmarked.clear()

    in_a_row = 0  # failures one after another: the mail server is down, not one address bad
    try:
        while pks := _claim(queue, after=after, now=now):
            after = pks[-1]
            deliveries = list(
                Delivery.objects.filter(pk__in=pks, state=Delivery.State.SENDING)
                .select_related("subscription__subscriber", "event__project")
                .order_by("pk")
            )
            for position, delivery in enumerate(deliveries):
                item = told.get(delivery.event_id)
                if item is None:
                    item = told[delivery.event_id] = emails.happening(delivery.event)
                try:
                    message = emails.alert(delivery.subscription, item, titles=titles)
                    mailer.send_messages([message])
                except Exception as error:  # noqa: BLE001 - tried again next run
                    logger.warning("Alert %s not sent: %s", delivery.pk, error)
                    _failed([delivery.pk], error)
                    report.failed += 1
                    report.errors.append(str(error))
                    mailer.close()  # a fresh connection for the next one
                    in_a_row += 1
                    if in_a_row >= GIVE_UP_AFTER:
                        mark()
                        _release([d.pk for d in deliveries[position + 1 :]])
                        report.stopped = True
                        return
                else:
                    in_a_row = 0
                    unmarked.append(delivery.pk)
                    if len(unmarked) >= MARK_EVERY:
                        mark()
            mark()
    finally:
        mailer.close()


def _release(pks: list[int]) -> None:
    """Claimed deliveries never tried: back to the queue as they were."""
    Delivery.objects.filter(pk__in=pks, state=Delivery.State.SENDING).update(
        state=Delivery.State.PENDING, attempts=F("attempts") - 1, claim=""
    )


def week_start(today: datetime.date) -> datetime.date:
    return today - datetime.timedelta(days=today.weekday())


def send_digests(report: Report, *, now=None) -> None:
    """One summary per weekly alert with something waiting from before this Monday."""
    now = now or timezone.now()
    monday = week_start(timezone.localdate(now))
    starts = timezone.make_aware(datetime.datetime.combine(monday, datetime.time.min))
    waiting = Delivery.objects.filter(
        state=Delivery.State.PENDING, frequency=Frequency.WEEKLY, created_at__lt=starts
    )
    titles = emails.Titles()
    told: dict[int, emails.Happening] = {}

    def happening(event):
        if event.pk not in told:
            told[event.pk] = emails.happening(event)
        return told[event.pk]

    in_a_row = 0
    for subscription_id in waiting.values_list("subscription_id", flat=True).distinct():
        if in_a_row >= GIVE_UP_AFTER:  # the mail server is down: the rest wait for next run
            report.stopped = True
            return
        try:
            with transaction.atomic():
                digest = Digest.objects.create(
                    subscription_id=subscription_id, week_start=monday, claimed_at=now
                )
                pks = list(
                    waiting.select_for_update(skip_locked=True)
                    .filter(subscription_id=subscription_id)
                    .values_list("pk", flat=True)
                )
                if not pks:
                    raise NothingToSend
                Delivery.objects.filter(pk__in=pks).update(
                    state=Delivery.State.SENDING,
                    attempts=F("attempts") + 1,
                    claimed_at=now,
                    digest=digest,
                )
        except (IntegrityError, NothingToSend):  # sent this week already, or another run has it
            continue
        deliveries = list(
            Delivery.objects.filter(pk__in=pks)
            .select_related("subscription__subscriber", "event__project")
            .order_by("event__happened_at", "pk")
        )
        subscription = deliveries[0].subscription
        try:
            message = emails.digest(
                subscription,
                [happening(delivery.event) for delivery in deliveries],
                titles=titles,
            )
            get_connection().send_messages([message])
        except Exception as error:  # noqa: BLE001 - tried again next run
            logger.warning("Weekly summary %s not sent: %s", digest.pk, error)
            with transaction.atomic():
                _failed(pks, error)
                Delivery.objects.filter(pk__in=pks).update(digest=None)
                Digest.objects.filter(pk=digest.pk).delete()
            report.failed += len(pks)
            report.errors.append(str(error))
            in_a_row += 1
            continue
        in_a_row = 0
        with transaction.atomic():
            _sent(pks, now=now)
            Digest.objects.filter(pk=digest.pk).update(state=Digest.State.SENT, sent_at=now)
        report.digests += 1
        report.sent += len(pks)


def run(*, now=None, today: datetime.date | None = None) -> Report:
    now = now or timezone.now()
    report = Report()
    clock = time.perf_counter()

    def step(name):
        nonlocal clock
        report.seconds[name] = round(time.perf_counter() - clock, 2)
        clock = time.perf_counter()

    report.interrupted = recover_interrupted(now=now)
    report.expired = services.delete_unconfirmed(now=now)
    report.recorded = events.record_missed(now=now) + events.record_overdue(
        today=today or timezone.localdate(now)
    )
    step("recording")
    report.matched = match_new_events(now=now)
    step("matching")
    send_immediate(report, now=now)
    step("sending")
    if not report.stopped:
        send_digests(report, now=now)
    step("summaries")
    return report


__all__ = ["EventKind", "Report", "run"]
