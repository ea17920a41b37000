"""Sign-in lockout (django-axes): who is counted, and the page a locked-out visitor sees.

Settings: ``AXES_*`` in charter_register/settings.py. Five wrong passwords for one account from
one address lock that pair out for ``AXES_COOLOFF_TIME``.
"""

import ipaddress

from django.conf import settings
from django.shortcuts import render
from django.utils import timezone

from .client_address import client_address


def account_identifier(request, credentials=None) -> str:
    """The email address being signed in to, as allauth compares it (trimmed, lower case), so
    changing the capitals of an address does not give an attacker fresh tries."""
    credentials = credentials or {}
    login = credentials.get("email") or credentials.get("login") or credentials.get("username")
    if not login and request is not None:
        login = request.POST.get(settings.AXES_USERNAME_FORM_FIELD)
    return (login or "").strip().lower()


def _valid(address: str | None) -> str | None:
    """The address if it is one (the attempts table stores real addresses), else None."""
    try:
        return str(ipaddress.ip_address((address or "").strip()))
    except ValueError:
        return None


def connection_address(request) -> str | None:
    """Without a trusted proxy in front, the connection's own address."""
    return _valid(request.META.get("REMOTE_ADDR"))


def forwarded_address(request) -> str | None:
    """Behind our load balancer (``DJANGO_BEHIND_PROXY``), the address it saw."""
    return _valid(client_address(request))


def lockout_response(request, original_response=None, credentials=None):
    """Plain-language page, HTTP 429, saying when the visitor can try again. Each try during
    the lockout restarts the wait, so it ends ``AXES_COOLOFF_TIME`` from now."""
    cool_off = settings.AXES_COOLOFF_TIME
    return render(
        request,
        "account/lockout.html",
        {
            "minutes": int(cool_off.total_seconds() // 60),
            "try_again_at": timezone.localtime() + cool_off,
        },
        status=settings.AXES_HTTP_RESPONSE_CODE,
    )
