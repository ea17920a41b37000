"""The alert emails: plain text, one message per address, with links back to the register.

Every alert and summary carries a way out: a link to stop the alert, a link to the address's
alerts page, and the one-click unsubscribe headers of RFC 8058 (``List-Unsubscribe`` with an
https address, and ``List-Unsubscribe-Post: List-Unsubscribe=One-Click``), which mail programs
show as an "Unsubscribe" button.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cached_property

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.template.loader import render_to_string
from django.urls import reverse

from projects.diff import version_changes
from projects.models import Project
from public_text.outputs import header_line
from register.conditions import published_organisations

from . import searches, tokens
from .models import AlertEvent, EventKind, Subscriber, Subscription


def absolute(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def followed_title(slug: str) -> str:
    title = (
        Project.objects.public()
        .of_record(slug)
        .order_by("-version")
        .values_list("title", flat=True)
        .first()
    )
    return title or slug


def about(subscription: Subscription) -> str:
    """What the alert is about, in words: for the email's subject and the alerts page."""
    return Titles().of(subscription)


class Titles:
    """What alerts are about, each worked out once: a run of ``send_alerts`` tells thousands of
    alerts, many about the same search or project."""

    def __init__(self):
        self._known: dict[tuple, str] = {}
        self._of_alert: dict[int, str] = {}
        self._links: dict[int, dict] = {}
        self._organisations: dict[str, str] | None = None

    def of(self, subscription: Subscription) -> str:
        if subscription.pk in self._of_alert:
            return self._of_alert[subscription.pk]
        if subscription.kind == Subscription.Kind.FOLLOW:
            key = ("follow", subscription.slug)
        else:
            key = ("search", json.dumps(subscription.filters, sort_keys=True))
        if key not in self._known:
            self._known[key] = self._work_out(subscription)
        if subscription.pk is not None:
            self._of_alert[subscription.pk] = self._known[key]
        return self._known[key]

    def links(self, subscription: Subscription) -> dict:
        """The alert's links (each signed once a run, however many emails it gets)."""
        if subscription.pk not in self._links:
            self._links[subscription.pk] = links(subscription)
        return self._links[subscription.pk]

    def _work_out(self, subscription: Subscription) -> str:
        if subscription.kind == Subscription.Kind.FOLLOW:
            return f"the project \u201c{followed_title(subscription.slug)}\u201d"
        if "organisation" in subscription.filters and self._organisations is None:
            self._organisations = dict(published_organisations())
        words = searches.title(subscription.filters, organisations=self._organisations)
        return f"projects on the register matching {words}"


def links(subscription: Subscription) -> dict:
    return {
        "unsubscribe_url": absolute(
            reverse("alerts:unsubscribe", args=[tokens.unsubscribe_token(subscription)])
        ),
        "manage_url": absolute(
            reverse("alerts:manage", args=[tokens.manage_token(subscription.subscriber)])
        ),
        "search_url": absolute(search_path(subscription)),
    }


def search_path(subscription: Subscription) -> str:
    """The register page the alert is about: the project, or the list with the search."""
    if subscription.kind == Subscription.Kind.FOLLOW:
        return reverse("register:project", args=[subscription.slug])
    query = searches.as_query(subscription.filters).urlencode()
    return reverse("register:list") + (f"?{query}" if query else "")


def _message(
    subscription: Subscription,
    *,
    subject: str,
    template: str,
    context: dict,
    way_out,
    titles: Titles | None = None,
):
    titles = titles or Titles()
    urls = titles.links(subscription)
    what = titles.of(subscription)
    body = render_to_string(
        template, {"site_url": settings.SITE_URL, "about": what, **urls, **context}
    )
    headers = {}
    if way_out:
        headers = {
            "List-Unsubscribe": f"<{urls['unsubscribe_url']}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "Auto-Submitted": "auto-generated",
        }
    return EmailMessage(
        subject=header_line(subject), body=body, to=[subscription.subscriber.email], headers=headers
    )


def _send(message: EmailMessage) -> int:
    return get_connection().send_messages([message])


# --- confirming and managing ----------------------------------------------------------------


def confirmation(subscription: Subscription) -> int:
    return _send(
        _message(
            subscription,
            subject="Confirm your email alerts from the Charter Register",
            template="alerts/emails/confirm.txt",
            context={
                "confirm_url": absolute(
                    reverse("alerts:confirm", args=[tokens.confirm_token(subscription)])
                ),
                "subscription": subscription,
            },
            way_out=False,
        )
    )


def already_subscribed(subscription: Subscription) -> int:
    return _send(
        _message(
            subscription,
            subject="You already get these email alerts from the Charter Register",
            template="alerts/emails/already.txt",
            context={"subscription": subscription},
            way_out=False,
        )
    )


def manage_link(subscriber: Subscriber) -> int:
    body = render_to_string(
        "alerts/emails/manage_link.txt",
        {
            "manage_url": absolute(
                reverse("alerts:manage", args=[tokens.manage_token(subscriber)])
            ),
            "site_url": settings.SITE_URL,
        },
    )
    return _send(
        EmailMessage(
            subject="Your email alerts from the Charter Register", body=body, to=[subscriber.email]
        )
    )


# --- what happened ----------------------------------------------------------------------------


@dataclass
class Happening:
    """An event as an email tells it."""

    event: AlertEvent
    heading: str
    project_url: str
    history_url: str
    changes: list[str] = field(default_factory=list)

    @property
    def project(self) -> Project:
        return self.event.project

    @cached_property
    def text(self) -> str:
        """What the email says about the event: the same for everyone it goes to, so written
        once a run."""
        return render_to_string("alerts/emails/_item.txt", {"item": self})


HEADINGS = {
    EventKind.PUBLISHED: "New on the register: {title}",
    EventKind.CHANGED: "{title} has changed (version {version})",
    EventKind.OVERDUE: "{title} is overdue for its yearly review",
    EventKind.WITHDRAWN: "{title} has been withdrawn from the register",
}


def happening(event: AlertEvent) -> Happening:
    """What an email says about ``event``: for a change, the questions whose answers changed
    (the register's own version comparison)."""
    project = event.project
    changes = []
    if event.kind == EventKind.CHANGED and event.previous_id:
        versions = (
            Project.objects.filter(pk__in=[event.previous_id, project.pk])
            .with_register_details()
            .in_bulk()
        )
        old, new = versions.get(event.previous_id), versions.get(project.pk)
        if old is not None and new is not None:
            changes = [change.question.label for change in version_changes(old, new)]
    return Happening(
        event=event,
        heading=HEADINGS[event.kind].format(title=project.title, version=project.version),
        project_url=absolute(reverse("register:project", args=[project.slug])),
        history_url=absolute(reverse("history:list", args=[project.slug])),
        changes=changes,
    )


def alert(subscription: Subscription, item: Happening, *, titles=None) -> EmailMessage:
    return _message(
        subscription,
        subject=item.heading,
        template="alerts/emails/alert.txt",
        context={"item": item, "subscription": subscription},
        way_out=True,
        titles=titles,
    )


def digest(subscription: Subscription, items: list[Happening], *, titles=None) -> EmailMessage:
    count = len(items)
    return _message(
        subscription,
        subject=f"This week on the Charter Register: {count} update{'s' if count != 1 else ''}",
        template="alerts/emails/digest.txt",
        context={"items": items, "subscription": subscription},
        way_out=True,
        titles=titles,
    )
