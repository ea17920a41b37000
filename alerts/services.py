"""Writes for email alerts: signing up, confirming, changing, stopping, and the 7-day expiry.

Nothing here says whether an address already had alerts: signing up always ends with the same
"check your email" page, and what the email says depends on the address's own alerts (a
confirmation link, or a note that the alert already exists with a link to manage it).
Emails go once the transaction has committed.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from projects.notifications import send_after_commit, send_safely

from . import emails, searches
from .models import (
    EVENT_FIELDS,
    UNCONFIRMED_DAYS,
    Frequency,
    Subscriber,
    Subscription,
    new_key,
    normalise_email,
)


@dataclass(frozen=True)
class AlertChoice:
    """What a person chose on the sign-up form."""

    frequency: str = Frequency.IMMEDIATELY
    kinds: tuple[str, ...] = tuple(EVENT_FIELDS)

    def switches(self) -> dict:
        return {field: kind in self.kinds for kind, field in EVENT_FIELDS.items()}


def _same_alert(subscription: Subscription, *, kind: str, filters: dict, slug: str) -> bool:
    if subscription.kind != kind:
        return False
    if kind == Subscription.Kind.FOLLOW:
        return subscription.slug == slug
    return subscription.filters == filters


@transaction.atomic
def sign_up(
    *,
    email: str,
    choice: AlertChoice,
    filters: dict | None = None,
    slug: str = "",
    send_email: bool = True,
    now=None,
) -> Subscription:
    """Ask for an alert about a search (``filters``) or one record (``slug``). A new alert is
    kept unconfirmed and a confirmation link emailed; an unconfirmed one asked for again takes
    the new choices and gets a new link; a confirmed one is left as it is and the email says so.
    With ``send_email`` False (a rate limit reached), nothing is emailed."""
    now = now or timezone.now()
    kind = Subscription.Kind.FOLLOW if slug else Subscription.Kind.SEARCH
    filters = {} if slug else dict(filters or {})
    subscriber, _ = Subscriber.objects.select_for_update().get_or_create(
        email=normalise_email(email)
    )
    existing = next(
        (
            subscription
            for subscription in subscriber.subscriptions.order_by("pk")
            if _same_alert(subscription, kind=kind, filters=filters, slug=slug)
        ),
        None,
    )
    if existing is not None and existing.is_confirmed:
        if send_email:
            send_after_commit("already_subscribed", existing, emails.already_subscribed, existing)
        return existing
    subscription = existing or Subscription(
        subscriber=subscriber, kind=kind, filters=filters, slug=slug
    )
    subscription.frequency = choice.frequency
    for field, on in choice.switches().items():
        setattr(subscription, field, on)
    if send_email:
        subscription.confirmation_sent_at = now
    subscription.save()
    if send_email:
        send_after_commit("alert_confirmation", subscription, emails.confirmation, subscription)
    return subscription


@transaction.atomic
def confirm(subscription: Subscription, *, now=None) -> Subscription:
    """Confirm the alert (again is fine: the first confirmation's time is kept)."""
    locked = Subscription.objects.select_for_update().get(pk=subscription.pk)
    if locked.confirmed_at is None:
        locked.confirmed_at = now or timezone.now()
        locked.save(update_fields=["confirmed_at"])
    return locked


@transaction.atomic
def change(subscription: Subscription, *, choice: AlertChoice) -> Subscription:
    subscription.frequency = choice.frequency
    for field, on in choice.switches().items():
        setattr(subscription, field, on)
    subscription.save(update_fields=["frequency", *EVENT_FIELDS.values()])
    return subscription


def _forget_if_unused(subscriber_id: int) -> None:
    """An address with no alerts left is deleted: nothing is kept about it."""
    Subscriber.objects.filter(pk=subscriber_id, subscriptions__isnull=True).delete()


@transaction.atomic
def stop(subscription: Subscription) -> None:
    """Stop one alert: it is deleted with what was waiting to be sent for it."""
    subscriber_id = subscription.subscriber_id
    Subscription.objects.filter(pk=subscription.pk).delete()
    _forget_if_unused(subscriber_id)


@transaction.atomic
def stop_all(subscriber: Subscriber) -> int:
    """Stop every alert of the address and forget the address. Returns how many alerts."""
    count = subscriber.subscriptions.count()
    Subscriber.objects.filter(pk=subscriber.pk).delete()
    return count


def renew_key(subscriber: Subscriber) -> None:
    """Old links to the address's alerts page stop working."""
    subscriber.key = new_key()
    subscriber.save(update_fields=["key"])


def delete_unconfirmed(*, now=None) -> int:
    """Delete sign-ups nobody confirmed within 7 days, and addresses left with no alerts.
    Returns how many sign-ups were deleted."""
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(days=UNCONFIRMED_DAYS)
    with transaction.atomic():
        deleted, _ = Subscription.objects.unconfirmed_before(cutoff).delete()
        Subscriber.objects.filter(subscriptions__isnull=True, created_at__lt=cutoff).delete()
    return deleted


def request_manage_link(email: str) -> None:
    """Email the address a link to its alerts page, if it has any (the page that asked says
    the same either way)."""
    subscriber = Subscriber.objects.of_email(email).first()
    if subscriber is not None and subscriber.subscriptions.exists():
        send_safely("alerts_manage_link", subscriber, emails.manage_link, subscriber)


# --- personal data ------------------------------------------------------------------------


def personal_data(email: str) -> dict:
    """Everything the alerts hold about ``email``, for subject access."""
    subscriber = Subscriber.objects.of_email(email).first()
    if subscriber is None:
        return {"alerts": []}

    def when(value):
        return value.isoformat() if value else None

    return {
        "alerts": [
            {
                "email": subscriber.email,
                "about": (
                    f"The project {subscription.slug}"
                    if subscription.kind == Subscription.Kind.FOLLOW
                    else f"Projects matching: {searches.title(subscription.filters)}"
                ),
                "search": subscription.filters,
                "project": subscription.slug or None,
                "how_often": subscription.get_frequency_display(),
                "events": subscription.kinds,
                "asked_at": when(subscription.created_at),
                "confirmed_at": when(subscription.confirmed_at),
                "updates_sent": [
                    {
                        "about": delivery.event.slug,
                        "what": delivery.event.get_kind_display(),
                        "sent_at": when(delivery.sent_at),
                    }
                    for delivery in subscription.deliveries.filter(sent_at__isnull=False)
                    .select_related("event")
                    .order_by("sent_at", "pk")
                ],
            }
            for subscription in subscriber.subscriptions.order_by("created_at", "pk")
        ]
    }


def erase(email: str, *, dry_run: bool = False) -> int:
    """Erasure on request: delete the address, its alerts and the record of what was sent to
    it. Returns how many alerts."""
    subscriber = Subscriber.objects.of_email(email).first()
    if subscriber is None:
        return 0
    if dry_run:
        return subscriber.subscriptions.count()
    return stop_all(subscriber)
