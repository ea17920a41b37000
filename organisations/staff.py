"""Who is Charter staff: the one place that says who may moderate the register and step in
for any organisation's team.

Moderators are the members of the "Moderators" group (made by a data migration) and
superusers. ``projects.permissions`` and the web apps read these from here.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import Q

MODERATORS_GROUP = "Moderators"


def is_moderator(user) -> bool:
    """True for an active, signed-in member of the Moderators group, or a superuser."""
    if not (user is not None and user.is_authenticated and user.is_active):
        return False
    if user.is_superuser:
        return True
    return user.groups.filter(name=MODERATORS_GROUP).exists()


def moderators():
    """Every active moderator, for emails about new submissions and team requests."""
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(Q(is_superuser=True) | Q(groups__name=MODERATORS_GROUP))
        .distinct()
    )
