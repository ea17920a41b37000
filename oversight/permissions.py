"""Who may read the oversight figures: Charter staff (moderators) and the independent reviewers.

Reviewers are the members of the "Reviewers" group (made by a data migration). They see the
figures only: ``projects.permissions.is_moderator`` is false for them, so nothing under
``/moderation/`` opens for them.
"""

from __future__ import annotations

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied

from projects.permissions import is_moderator

REVIEWERS_GROUP = "Reviewers"


def is_reviewer(user) -> bool:
    """True for an active, signed-in member of the Reviewers group."""
    if not (user.is_authenticated and user.is_active):
        return False
    return user.groups.filter(name=REVIEWERS_GROUP).exists()


def can_see_oversight(user) -> bool:
    return is_moderator(user) or is_reviewer(user)


def oversight_required(view):
    """Anonymous visitors go to the sign-in page; anyone else without the role gets 403."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if can_see_oversight(request.user):
            return view(request, *args, **kwargs)
        if request.user.is_authenticated:
            raise PermissionDenied("Only Charter staff and the independent reviewers")
        return redirect_to_login(request.get_full_path())

    return wrapper
