"""Shared steps for the alert tests: sign up and confirm as a resident would, publish through
the services (so the domain's signals fire after commit), and run ``send_alerts``."""

from __future__ import annotations

import re
from io import StringIO

from django.core import mail
from django.core.management import call_command
from django.test import TestCase

from alerts.models import Subscription
from projects import services
from tests.factories import ModeratorFactory, SubmittedProjectFactory, submitted_new_version

LINK = re.compile(r"https?://\S+/alerts/confirm/\S+/")


def after_commit(function, *args, **kwargs):
    """Run ``function`` and then what it left for after the commit (signals, emails)."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        return function(*args, **kwargs)


def sign_up(
    client, email="rita@example.net", query="", *, follow=None, REMOTE_ADDR="127.0.0.1", **choices
) -> None:
    """``REMOTE_ADDR`` is the internet address asking (sign-ups are limited per address)."""
    url = f"/alerts/follow/{follow}/" if follow else f"/alerts/new/{query}"
    data = {"email": email, "frequency": "immediately", "kinds": list(KINDS), **choices}
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(url, data, REMOTE_ADDR=REMOTE_ADDR)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert response["Location"] == "/alerts/check-your-email/"


KINDS = ("published", "changed", "overdue", "withdrawn")


def confirm_link(email: str) -> str:
    message = [m for m in mail.outbox if m.to == [email]][-1]
    return path_of(LINK.search(message.body).group(0))


def path_of(url: str) -> str:
    """The path of an absolute link in an email."""
    return "/" + url.split("://", 1)[1].split("/", 1)[1]


def subscribe(client, email="rita@example.net", query="", **kwargs) -> Subscription:
    """Sign up and confirm by the emailed link."""
    sign_up(client, email, query, **kwargs)
    link = LINK.search([m for m in mail.outbox if m.to == [email]][-1].body).group(0)
    response = client.post(path_of(link))
    assert response.status_code == 200
    mail.outbox.clear()
    return Subscription.objects.filter(subscriber__email=email).latest("pk")


def publish(project=None, **answers):
    """Publish a new record (or ``project``, a submitted version) through the services."""
    project = project or SubmittedProjectFactory(**answers)
    return after_commit(services.publish_project, project=project, moderator=ModeratorFactory())


def publish_change(published, **answers):
    return publish(submitted_new_version(published, **answers))


def withdraw(published, reason="The project ended."):
    return after_commit(
        services.withdraw_project, project=published, moderator=ModeratorFactory(), reason=reason
    )


def send_alerts() -> str:
    out = StringIO()
    call_command("send_alerts", stdout=out)
    return out.getvalue()


def sent_to(email: str) -> list:
    return [message for message in mail.outbox if message.to == [email]]
