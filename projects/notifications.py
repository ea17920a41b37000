"""Emails about a project's moves, in plain words with links back to the register.

``projects.services`` calls these after the move's transaction commits: moderators hear of
each new submission; the lead organisation's members hear when changes are requested, when
their project is published and when it is withdrawn. One message per person, so nobody sees
anyone else's address.

An email never undoes or breaks a move: ``send_after_commit`` sends it once the move is saved,
and a failure to build or send it (a bad header, the mail server down or slow) is logged once,
with the traceback and the record's id, and the person sees the usual page.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse

from public_text.outputs import header_line

from .models import Project
from .permissions import moderators

logger = logging.getLogger(__name__)


def absolute(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def lead_members(project: Project):
    """The people who may act for the project's lead organisation."""
    lead = project.lead_organisation
    if lead is None:
        return get_user_model().objects.none()
    return get_user_model().objects.filter(memberships__organisation=lead, is_active=True)


def send_to_addresses(addresses, *, subject: str, template: str, context: dict) -> int:
    """Send one plain-text message to each address (nobody sees anyone else's)."""
    addresses = sorted({address for address in addresses if address})
    if not addresses:
        return 0
    body = render_to_string(template, {"site_url": settings.SITE_URL, **context})
    # A subject comes from titles people typed (or imported): one line, whatever they hold.
    subject = header_line(subject)
    messages = [EmailMessage(subject=subject, body=body, to=[address]) for address in addresses]
    return get_connection().send_messages(messages)


def send_safely(what: str, record, send, *args) -> bool:
    """Call ``send(*args)`` now; any failure is logged once (with the traceback, and
    ``record``'s kind and id), never raised. Returns whether it was sent."""
    try:
        send(*args)
    except Exception:
        logger.exception(
            "Could not send the %s email for %s %s", what, record._meta.label, record.pk
        )
        return False
    return True


def send_after_commit(what: str, record, send, *args) -> None:
    """Send an email once the current transaction has committed (at once outside one); a
    failure is logged, never raised (``send_safely``)."""

    def deliver() -> None:
        send_safely(what, record, send, *args)

    transaction.on_commit(deliver)


def _send(recipients, *, subject: str, template: str, context: dict) -> int:
    """Send to users: each active user's own address."""
    return send_to_addresses(
        [user.email for user in recipients], subject=subject, template=template, context=context
    )


def project_submitted(project: Project) -> int:
    return _send(
        moderators(),
        subject=f"New project to review: {project.title}",
        template="emails/project_submitted.txt",
        context={
            "project": project,
            "organisation": project.lead_organisation,
            "review_url": absolute(reverse("moderation:review", args=[project.pk])),
            "queue_url": absolute(reverse("moderation:queue")),
        },
    )


def changes_requested(project: Project, message: str) -> int:
    return _send(
        lead_members(project),
        subject=f"Changes needed before we publish {project.title}",
        template="emails/changes_requested.txt",
        context={
            "project": project,
            "message": message,
            # The project's own page in "Your projects", where the message shows.
            "projects_url": absolute(reverse("submission:project", args=[project.pk])),
        },
    )


def project_published(project: Project) -> int:
    return _send(
        lead_members(project),
        subject=f"{project.title} is published on the Charter Register",
        template="emails/project_published.txt",
        context={
            "project": project,
            "project_url": absolute(project.get_absolute_url()),
            "projects_url": absolute(reverse("submission:list")),
        },
    )


def project_withdrawn(project: Project, reason: str) -> int:
    return _send(
        lead_members(project),
        subject=f"{project.title} is withdrawn from the Charter Register",
        template="emails/project_withdrawn.txt",
        context={
            "project": project,
            "reason": reason,
            "project_url": absolute(project.get_absolute_url()),
        },
    )
