"""Who is Charter staff: the one place that says who may moderate the register.

Moderators are the members of the "Moderators" group (made by a data migration) and
superusers. Every view under ``/moderation/`` is wrapped in ``moderator_required``.
"""

from __future__ import annotations

from functools import wraps

from django.contrib.auth import get_user_model
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import Q

MODERATORS_GROUP = "Moderators"


def is_moderator(user) -> bool:
    """True for an active, signed-in member of the Moderators group, or a superuser."""
    if not (user.is_authenticated and user.is_active):
        return False
    if user.is_superuser:
        return True
    return user.groups.filter(name=MODERATORS_GROUP).exists()


def moderators():
    """Every active moderator, for emails about new submissions."""
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(Q(is_superuser=True) | Q(groups__name=MODERATORS_GROUP))
        .distinct()
    )


def moderator_required(view):
    """Anonymous visitors go to the sign-in page; anyone signed in but not staff gets 403."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not is_moderator(request.user):
            raise PermissionDenied("Only Charter staff can moderate the register")
        return view(request, *args, **kwargs)

    wrapper.moderator_only = True
    return wrapper
