"""The signed links in alert emails: no password, no account.

- confirming an alert: valid for 7 days (then the sign-up is deleted anyway);
- stopping one alert (the link and the one-click ``List-Unsubscribe`` address): no end date,
  as every email must keep working as a way out;
- an address's alerts page: no end date, but it stops working when the address's key changes
  (every alert stopped, or the address erased).

Each kind of link has its own salt, so one cannot stand in for another.
"""

from __future__ import annotations

import datetime

from django.core import signing

from .models import UNCONFIRMED_DAYS, Subscriber, Subscription

CONFIRM = "alerts.confirm"
UNSUBSCRIBE = "alerts.unsubscribe"
MANAGE = "alerts.manage"


def confirm_token(subscription: Subscription) -> str:
    return signing.dumps(subscription.pk, salt=CONFIRM)


def unsubscribe_token(subscription: Subscription) -> str:
    return signing.dumps(subscription.pk, salt=UNSUBSCRIBE)


def manage_token(subscriber: Subscriber) -> str:
    return signing.dumps([subscriber.pk, subscriber.key], salt=MANAGE)


def _load(token: str, salt: str, *, max_age=None):
    try:
        return signing.loads(token, salt=salt, max_age=max_age)
    except (signing.BadSignature, ValueError, TypeError):
        return None


def subscription_to_confirm(token: str) -> Subscription | None:
    pk = _load(token, CONFIRM, max_age=datetime.timedelta(days=UNCONFIRMED_DAYS))
    if not isinstance(pk, int):
        return None
    return Subscription.objects.filter(pk=pk).select_related("subscriber").first()


class InvalidLink(Exception):
    """A link that this register did not make (or made for something else)."""


def subscription_to_stop(token: str) -> Subscription | None:
    """The alert a stop link names, or None when it was stopped already. Raises
    ``InvalidLink`` for a link the register did not make."""
    pk = _load(token, UNSUBSCRIBE)
    if not isinstance(pk, int):
        raise InvalidLink(token)
    return Subscription.objects.filter(pk=pk).select_related("subscriber").first()


def subscriber_to_manage(token: str) -> Subscriber | None:
    value = _load(token, MANAGE)
    if not (isinstance(value, list) and len(value) == 2 and isinstance(value[0], int)):
        return None
    return Subscriber.objects.filter(pk=value[0], key=str(value[1])).first()
