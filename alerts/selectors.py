"""Reads for the alert pages. Views read through here."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import Http404

from projects.models import Project

from . import emails, searches, tokens
from .models import EventKind, Subscriber, Subscription


def followable_project(slug: str) -> Project:
    """The published version of a record, to follow. Raises Http404 otherwise (a withdrawn
    record has nothing more to tell)."""
    project = Project.objects.published().of_record(slug).first()
    if project is None:
        raise Http404("No published project with that id is on the register")
    return project


@dataclass(frozen=True)
class AlertSummary:
    subscription: Subscription
    about: str
    lines: list[tuple[str, str]]
    link: str

    @property
    def kind_labels(self) -> list[str]:
        return [EventKind(kind).label for kind in self.subscription.kinds]

    @property
    def stop_token(self) -> str:
        return tokens.unsubscribe_token(self.subscription)


def summary(subscription: Subscription) -> AlertSummary:
    lines = (
        []
        if subscription.kind == Subscription.Kind.FOLLOW
        else searches.describe(subscription.filters)
    )
    return AlertSummary(
        subscription=subscription,
        about=emails.about(subscription),
        lines=lines,
        link=emails.search_path(subscription),
    )


def alerts_of(subscriber: Subscriber) -> list[AlertSummary]:
    """The address's alerts, the oldest first, confirmed or waiting to be."""
    return [summary(s) for s in subscriber.subscriptions.order_by("created_at", "pk")]


def alert_of(subscriber: Subscriber, pk: int) -> Subscription:
    subscription = subscriber.subscriptions.filter(pk=pk).first()
    if subscription is None:
        raise Http404("No such alert")
    return subscription
