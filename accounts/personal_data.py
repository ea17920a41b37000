"""Subject access: everything the register holds about one email address, as one document.

Read by ``manage.py export_personal_data EMAIL``. Passwords (even hashed) are never included.
Emails the register sent are not stored, so there is nothing to export about them; the
document says so.
"""

from __future__ import annotations

from allauth.account.models import EmailAddress
from django.apps import apps
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import timezone

from concerns.models import Concern
from organisations.models import (
    Invitation,
    JoinRequest,
    Membership,
    MembershipEvent,
    Organisation,
)
from projects.models import ModerationEvent, Project, ResponsiblePerson

NOT_STORED = (
    "Emails the register sends (confirmations, notifications, reminders, answers, alerts) are "
    "not stored by the register. For email alerts it keeps which updates it sent, and when "
    "(email_alerts)."
)


def _when(value):
    return value.isoformat() if value else None


def _project(project: Project) -> dict:
    return {
        "id": project.slug,
        "version": project.version,
        "title": project.title,
        "publication_state": project.publication_state,
    }


def _account(user) -> dict:
    return {
        "id": user.pk,
        "username": user.get_username(),
        "email": user.email,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "is_active": user.is_active,
        "is_staff": user.is_staff,
        "is_superuser": user.is_superuser,
        "date_joined": _when(user.date_joined),
        "last_login": _when(user.last_login),
        "groups": sorted(user.groups.values_list("name", flat=True)),
        "email_addresses": [
            {"email": address.email, "verified": address.verified, "primary": address.primary}
            for address in EmailAddress.objects.filter(user=user).order_by("pk")
        ],
        "memberships": [
            {
                "organisation": membership.organisation.name,
                "organisation_id": membership.organisation.slug,
                "role": membership.role,
                "since": _when(membership.created_at),
            }
            for membership in Membership.objects.filter(user=user)
            .select_related("organisation")
            .order_by("created_at", "pk")
        ],
        "requests_to_join": [
            {
                "organisation": request.organisation.name,
                "message": request.message,
                "status": request.status,
                "reason": request.reason,
                "asked_at": _when(request.created_at),
                "decided_at": _when(request.decided_at),
            }
            for request in JoinRequest.objects.filter(user=user)
            .select_related("organisation")
            .order_by("created_at", "pk")
        ],
        "team_history": [
            {
                "organisation": event.organisation.name,
                "what": event.get_kind_display(),
                "by_you": event.actor_id == user.pk,
                "about_you": event.subject_id == user.pk,
                "detail": event.detail,
                "when": _when(event.created_at),
            }
            for event in MembershipEvent.objects.filter(Q(actor=user) | Q(subject=user))
            .select_related("organisation")
            .order_by("created_at", "pk")
        ],
        "projects": [
            {
                **_project(project),
                "created_by_you": project.created_by_id == user.pk,
                "submitted_by_you": project.submitted_by_id == user.pk,
                "declared_by_you": project.declared_by_id == user.pk,
                "submitted_at": _when(project.submitted_at),
                "declared_at": _when(project.declared_at),
            }
            for project in Project.objects.filter(
                Q(created_by=user) | Q(submitted_by=user) | Q(declared_by=user)
            ).order_by("slug", "version")
        ],
        "moderation_events": [
            {
                "project": _project(event.project),
                "from_state": event.from_state,
                "to_state": event.to_state,
                "message": event.message,
                "at": _when(event.created_at),
            }
            for event in ModerationEvent.objects.filter(actor=user)
            .select_related("project")
            .order_by("created_at", "pk")
        ],
        "organisations_verified": [
            {"organisation": organisation.name, "at": _when(organisation.verified_at)}
            for organisation in Organisation.objects.filter(verified_by=user).order_by("name")
        ],
        "concerns_answered": [
            {"concern": concern.pk, "project": concern.slug, "at": _when(concern.answered_at)}
            for concern in Concern.objects.filter(answered_by=user).order_by("answered_at", "pk")
        ],
    }


def _from_other_apps(email: str) -> dict:
    """Sections kept by apps this module does not import (web apps such as the email alerts):
    each app's config may offer ``personal_data(email) -> dict``."""
    sections = {}
    for config in apps.get_app_configs():
        export = getattr(config, "personal_data", None)
        if callable(export):
            sections.update(export(email))
    return sections


def personal_data(email: str) -> dict:
    """Everything held about ``email`` (compared ignoring case)."""
    email = email.strip()
    if not email:
        raise ValueError("An email address is needed")
    users = (
        get_user_model()
        .objects.filter(
            Q(email__iexact=email)
            | Q(username__iexact=email)
            | Q(emailaddress__email__iexact=email)
        )
        .distinct()
        .order_by("pk")
    )
    return {
        "email": email,
        "generated_at": _when(timezone.now()),
        "accounts": [_account(user) for user in users],
        "responsible_person_records": [
            {
                "project": _project(person.project),
                "name": person.name,
                "job_title": person.job_title,
                "organisation": person.organisation,
                "contact": person.contact,
                "duties": person.duties,
            }
            for person in ResponsiblePerson.objects.filter(contact__iexact=email)
            .select_related("project")
            .order_by("project__slug", "project__version", "pk")
        ],
        "concerns_raised": [
            {
                "id": concern.pk,
                "project": concern.slug,
                "kind": concern.kind,
                "message": concern.message,
                "email": concern.email,
                "consent_to_publish": concern.consent_to_publish,
                "sent_at": _when(concern.created_at),
                "answered_at": _when(concern.answered_at),
                "public_response": concern.public_response,
                "shown_on_project_page": concern.published,
            }
            for concern in Concern.objects.filter(email__iexact=email).order_by("created_at", "pk")
        ],
        "invitations": [
            {
                "organisation": invitation.organisation.name,
                "email": invitation.email,
                "role": invitation.role,
                "sent_at": _when(invitation.sent_at),
                "accepted_at": _when(invitation.accepted_at),
                "cancelled_at": _when(invitation.cancelled_at),
            }
            for invitation in Invitation.objects.filter(email__iexact=email)
            .select_related("organisation")
            .order_by("sent_at", "pk")
        ],
        **_from_other_apps(email),
        "emails_sent": NOT_STORED,
    }
