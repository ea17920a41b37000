"""Emails about an organisation's team, in plain words with links back to the register.

``organisations.teams`` calls ``after_commit`` so that each message goes once the change is
saved; a mail server that is down is logged (Django's robust ``on_commit``), never raised.
One message per person, so nobody sees anyone else's address.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse

from public_text.outputs import header_line

from .models import Organisation, Role
from .staff import moderators


def absolute(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def after_commit(send, *args, **kwargs) -> None:
    """Call ``send(*args, **kwargs)`` once the transaction commits; if it fails, Django logs it
    (robust) and the person's request goes on. A plain function, not a ``functools.partial``:
    Django names the failed callback by its ``__qualname__``, which a partial lacks."""

    def deliver():
        send(*args, **kwargs)

    deliver.__qualname__ = f"{send.__module__}.{send.__qualname__}"
    transaction.on_commit(deliver, robust=True)


def admins_of(organisation: Organisation):
    return get_user_model().objects.filter(
        memberships__organisation=organisation, memberships__role=Role.ADMIN, is_active=True
    )


def send(addresses, *, subject: str, template: str, context: dict) -> int:
    addresses = sorted({address for address in addresses if address})
    if not addresses:
        return 0
    body = render_to_string(template, {"site_url": settings.SITE_URL, **context})
    subject = header_line(subject)  # one line, whatever an organisation is called
    messages = [EmailMessage(subject=subject, body=body, to=[address]) for address in addresses]
    return get_connection().send_messages(messages)


def team_url(organisation: Organisation) -> str:
    return absolute(reverse("teams:team", kwargs={"slug": organisation.slug}))


def request_received(join_request) -> int:
    """To the organisation's admins, or to Charter staff when it has none."""
    organisation = join_request.organisation
    if join_request.to_staff:
        recipients = moderators()
        url = absolute(reverse("moderation:teams"))
    else:
        recipients = admins_of(organisation)
        url = team_url(organisation)
    return send(
        [user.email for user in recipients],
        subject=f"{join_request.user.email} asks to join {organisation.name}",
        template="emails/teams/request_received.txt",
        context={"join_request": join_request, "organisation": organisation, "url": url},
    )


def request_decided(join_request) -> int:
    return send(
        [join_request.user.email],
        subject=f"Your request to join {join_request.organisation.name}",
        template="emails/teams/request_decided.txt",
        context={
            "join_request": join_request,
            "organisation": join_request.organisation,
            "projects_url": absolute(reverse("submission:list")),
        },
    )


def invitation_sent(invitation, token: str) -> int:
    return send(
        [invitation.email],
        subject=f"You are invited to join {invitation.organisation.name} on the Charter Register",
        template="emails/teams/invitation.txt",
        context={
            "invitation": invitation,
            "organisation": invitation.organisation,
            "accept_url": absolute(reverse("teams:invitation", kwargs={"token": token})),
        },
    )


def member_joined(membership, how: str) -> int:
    """To the organisation's admins (not the person who joined)."""
    organisation = membership.organisation
    return send(
        [user.email for user in admins_of(organisation).exclude(pk=membership.user_id)],
        subject=f"{membership.user.email} has joined {organisation.name}",
        template="emails/teams/member_joined.txt",
        context={
            "membership": membership,
            "organisation": organisation,
            "how": how,
            "url": team_url(organisation),
        },
    )


def member_changed(user, organisation: Organisation, what: str) -> int:
    """To the person whose membership changed (their role, or their removal)."""
    return send(
        [user.email],
        subject=f"Your membership of {organisation.name}",
        template="emails/teams/member_changed.txt",
        context={"organisation": organisation, "what": what},
    )


def to_staff(subject: str, organisation: Organisation, what: str, url_name: str) -> int:
    return send(
        [user.email for user in moderators()],
        subject=subject,
        template="emails/teams/to_staff.txt",
        context={"organisation": organisation, "what": what, "url": absolute(reverse(url_name))},
    )


def to_admins(subject: str, organisation: Organisation, what: str) -> int:
    return send(
        [user.email for user in admins_of(organisation)],
        subject=subject,
        template="emails/teams/to_admins.txt",
        context={"organisation": organisation, "what": what, "url": team_url(organisation)},
    )
