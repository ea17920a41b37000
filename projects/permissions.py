"""Who is Charter staff: the one place that says who may moderate the register.

Moderators are the members of the "Moderators" group (made by a data migration) and
superusers. Every view under ``/moderation/`` is wrapped in ``moderator_required``.
"""

from __future__ import annotations

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied

from organisations.staff import MODERATORS_GROUP, is_moderator, moderators

__all__ = ["MODERATORS_GROUP", "is_moderator", "moderators", "moderator_required"]


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
