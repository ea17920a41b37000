"""Email alerts: residents who asked to hear about projects, what happened, and what was sent.

- ``Subscriber``: one email address (private: never shown on a public page, an export or the
  API). Deleted with its last alert.
- ``Subscription``: one alert of that address: a register search (its filters) or one project
  followed, how often (at once, or a weekly summary) and which kinds of event. Nothing is sent
  before it is confirmed by the emailed link; unconfirmed ones are deleted after 7 days.
- ``AlertEvent``: something that happened on the register that alerts may be about, recorded
  once (``key``) after the move committed.
- ``Delivery``: one event for one address, claimed before it is sent so that it is sent at most
  once. ``Digest``: one weekly summary of one alert.
"""

from __future__ import annotations

import datetime
import secrets

from django.db import models
from django.utils import timezone

UNCONFIRMED_DAYS = 7
MAX_ATTEMPTS = 5


class EventKind(models.TextChoices):
    PUBLISHED = "published", "A new project is published"
    CHANGED = "changed", "A published project changes"
    OVERDUE = "overdue", "A project is overdue for its yearly review"
    WITHDRAWN = "withdrawn", "A project is withdrawn"


# The subscription's switch for each kind of event.
EVENT_FIELDS = {
    EventKind.PUBLISHED: "on_published",
    EventKind.CHANGED: "on_changed",
    EventKind.OVERDUE: "on_overdue",
    EventKind.WITHDRAWN: "on_withdrawn",
}


def new_key() -> str:
    return secrets.token_urlsafe(24)


def normalise_email(email: str) -> str:
    """Addresses are kept and compared in lower case (as everywhere on the register)."""
    return email.strip().lower()


class SubscriberQuerySet(models.QuerySet):
    def of_email(self, email: str):
        return self.filter(email=normalise_email(email))


class Subscriber(models.Model):
    """An email address that asked for alerts."""

    email = models.EmailField(unique=True)
    # Part of the signed link to the address's alerts page: a new key makes old links fail.
    key = models.CharField(max_length=64, default=new_key)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = SubscriberQuerySet.as_manager()

    def __str__(self):
        return f"Subscriber {self.pk}"  # never the address: this may reach a log


class Frequency(models.TextChoices):
    IMMEDIATELY = "immediately", "As it happens"
    WEEKLY = "weekly", "Once a week, as a summary"


class SubscriptionQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(confirmed_at__isnull=False)

    def unconfirmed_before(self, moment: datetime.datetime):
        return self.filter(confirmed_at__isnull=True, created_at__lt=moment)

    def wanting(self, kind: str):
        return self.filter(**{EVENT_FIELDS[kind]: True})


class Subscription(models.Model):
    """One alert: a register search, or one project followed."""

    class Kind(models.TextChoices):
        SEARCH = "search", "Projects matching a search"
        FOLLOW = "follow", "One project"

    subscriber = models.ForeignKey(
        Subscriber, on_delete=models.CASCADE, related_name="subscriptions"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)
    # A search: the register list's search and filters, as cleaned by its FilterSet
    # (name -> value, or list of values). Empty: every project.
    filters = models.JSONField(default=dict, blank=True)
    # A project followed: the record's id (its slug, shared by every version).
    slug = models.SlugField(max_length=90, blank=True)
    frequency = models.CharField(
        max_length=12, choices=Frequency.choices, default=Frequency.IMMEDIATELY
    )
    on_published = models.BooleanField(default=True)
    on_changed = models.BooleanField(default=True)
    on_overdue = models.BooleanField(default=True)
    on_withdrawn = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    # When the last confirmation email was sent (at most a few a day reach one address).
    confirmation_sent_at = models.DateTimeField(null=True, blank=True)

    objects = SubscriptionQuerySet.as_manager()

    class Meta:
        indexes = [
            models.Index(fields=["confirmed_at"], name="alert_confirmed"),
            models.Index(fields=["slug"], name="alert_follow"),
        ]

    def __str__(self):
        return f"Alert {self.pk} ({self.get_kind_display()})"

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed_at is not None

    def wants(self, kind: str) -> bool:
        return getattr(self, EVENT_FIELDS[kind])

    @property
    def kinds(self) -> list[str]:
        return [kind for kind, field in EVENT_FIELDS.items() if getattr(self, field)]

    def expires_at(self) -> datetime.datetime:
        return self.created_at + datetime.timedelta(days=UNCONFIRMED_DAYS)


class AlertEvent(models.Model):
    """Something that happened to a record on the register, recorded once."""

    # "published:<version pk>", "withdrawn:<version pk>", "overdue:<version pk>:<due date>".
    key = models.CharField(max_length=100, unique=True)
    kind = models.CharField(max_length=12, choices=EventKind.choices)
    slug = models.SlugField(max_length=90)
    project = models.ForeignKey(
        "projects.Project", on_delete=models.CASCADE, related_name="alert_events"
    )
    # For a change: the version it replaced.
    previous = models.ForeignKey(
        "projects.Project", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    happened_at = models.DateTimeField()
    created_at = models.DateTimeField(auto_now_add=True)
    # When the alerts it concerns were worked out (None: not yet).
    matched_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["matched_at"], name="alert_event_unmatched")]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.slug}"


class Delivery(models.Model):
    """One event for one address: at most one per event and address, claimed before it is sent.

    ``pending`` waits to be sent (again, after a failure); ``sending`` was claimed by a run
    (``claim`` names the batch); ``sent``; ``failed`` after ``MAX_ATTEMPTS`` failures;
    ``interrupted``: a run stopped while sending it, so it may have gone, and it is never sent
    again (see ``alerts.sending``)."""

    class State(models.TextChoices):
        PENDING = "pending", "Waiting to be sent"
        SENDING = "sending", "Claimed by a run"
        SENT = "sent", "Sent"
        FAILED = "failed", "Gave up after repeated failures"
        INTERRUPTED = "interrupted", "Perhaps sent when a run stopped: not sent again"

    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="+")
    subscription = models.ForeignKey(
        Subscription, on_delete=models.CASCADE, related_name="deliveries"
    )
    event = models.ForeignKey(AlertEvent, on_delete=models.CASCADE, related_name="deliveries")
    frequency = models.CharField(max_length=12, choices=Frequency.choices)
    state = models.CharField(max_length=12, choices=State.choices, default=State.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    claimed_at = models.DateTimeField(null=True, blank=True)
    claim = models.CharField(max_length=32, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    digest = models.ForeignKey(
        "Digest", null=True, blank=True, on_delete=models.SET_NULL, related_name="deliveries"
    )

    class Meta:
        verbose_name_plural = "deliveries"
        constraints = [
            models.UniqueConstraint(fields=["subscriber", "event"], name="one_alert_per_event")
        ]
        indexes = [
            models.Index(fields=["state", "frequency", "id"], name="alert_delivery_queue"),
        ]

    def __str__(self):
        return f"Delivery {self.pk} ({self.state})"


class Digest(models.Model):
    """One weekly summary of one alert, for the week starting ``week_start`` (a Monday): it
    holds every event recorded before that Monday and not yet sent."""

    class State(models.TextChoices):
        SENDING = "sending", "Claimed by a run"
        SENT = "sent", "Sent"

    subscription = models.ForeignKey(Subscription, on_delete=models.CASCADE, related_name="digests")
    week_start = models.DateField()
    state = models.CharField(max_length=10, choices=State.choices, default=State.SENDING)
    claimed_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["subscription", "week_start"], name="one_digest_per_week"
            )
        ]

    def __str__(self):
        return f"Digest {self.pk} ({self.week_start})"
