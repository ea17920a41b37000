"""Writes for residents' questions and concerns. Emails go after the transaction commits."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import validate_email
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from projects.models import Project
from projects.notifications import send_after_commit, send_to_addresses
from projects.permissions import moderators

from .models import Concern


def public_contact_emails(project: Project) -> list[str]:
    """The project's public contacts that are email addresses (a phone number cannot be sent
    an email; moderators then pass the message on)."""
    emails = []
    for person in project.responsible_people.all():
        if "contact" not in person.duties:
            continue
        try:
            validate_email(person.contact)
        except Exception:  # noqa: BLE001, S112  # nosec B112: # a phone number or a web address
            continue
        emails.append(person.contact)
    return sorted(set(emails))


def _send(template: str, context: dict, recipients: list[str]) -> None:
    send_to_addresses(
        recipients,
        subject=render_to_string(f"emails/{template}_subject.txt", context).strip(),
        template=f"emails/{template}.txt",
        context=context,
    )


@transaction.atomic
def raise_concern(
    *, project: Project, kind: str, message: str, email: str = "", consent_to_publish: bool
) -> Concern:
    """Store a resident's question or concern and send it to the project and the moderators."""
    concern = Concern.objects.create(
        project=project,
        slug=project.slug,
        kind=kind,
        message=message.strip(),
        email=email.strip(),
        consent_to_publish=consent_to_publish,
    )
    context = {
        "concern": concern,
        "project": project,
        "project_url": settings.SITE_URL + project.get_absolute_url(),
        "moderation_url": f"{settings.SITE_URL}/moderation/concerns/{concern.pk}/",
    }
    contacts = public_contact_emails(project)
    moderator_addresses = [user.email for user in moderators()]
    send_after_commit("concern_to_project", concern, _send, "concern_to_project", context, contacts)
    send_after_commit(
        "concern_to_moderators",
        concern,
        _send,
        "concern_to_moderators",
        context,
        moderator_addresses,
    )
    return concern


@transaction.atomic
def answer_concern(
    *, concern: Concern, moderator, public_response: str, publish: bool, now=None
) -> Concern:
    """Mark a concern answered, with the response; show it on the project page only if the
    sender agreed and the moderator chooses to."""
    if not public_response.strip():
        raise ValueError("Write the answer")
    concern = Concern.objects.select_for_update().get(pk=concern.pk)
    concern.public_response = public_response.strip()
    concern.answered_at = concern.answered_at or now or timezone.now()
    concern.answered_by = moderator
    concern.published = bool(publish and concern.consent_to_publish)
    concern.save()
    if concern.email:
        context = {
            "concern": concern,
            "project_url": settings.SITE_URL + concern.project.get_absolute_url(),
        }
        recipient = [concern.email]
        send_after_commit(
            "concern_answered", concern, _send, "concern_answered", context, recipient
        )
    return concern


@transaction.atomic
def erase_concerns_of(email: str, *, now=None, dry_run: bool = False) -> list[Concern]:
    """Erasure on request: anonymise every concern sent from ``email``.

    The sender's email address, their message and the answer to it (which may quote it) are
    blanked, the concern stops being shown on the project page, and ``anonymised_at`` records
    when. What is left (which project, what kind, when it was sent and answered) keeps the
    counts that oversight reports. With ``dry_run`` nothing is changed. Returns the concerns.
    """
    concerns = list(
        Concern.objects.from_sender(email).select_for_update().select_related("project")
    )
    if dry_run:
        return concerns
    moment = now or timezone.now()
    for concern in concerns:
        concern.email = ""
        concern.message = ""
        concern.public_response = ""
        concern.consent_to_publish = False
        concern.published = False
        concern.anonymised_at = moment
        concern.save()
    return concerns
