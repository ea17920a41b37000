"""What alerts are about: events on the register, each recorded once (``AlertEvent.key``).

Publications and withdrawals are recorded when ``projects.signals`` announce them (after the
move committed); ``record_missed`` finds any the announcement did not record (a listener that
failed, a server that stopped) from the moderation history, and overdue reviews are found by
date. All three may run again and again: a recorded event is never recorded twice.
"""

from __future__ import annotations

import datetime

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from projects.models import ModerationEvent, Project, PublicationState

from .models import AlertEvent, EventKind

# How far back ``record_missed`` looks in the moderation history.
CATCH_UP_DAYS = 7


def _record(**values) -> AlertEvent | None:
    try:
        with transaction.atomic():
            return AlertEvent.objects.create(**values)
    except IntegrityError:  # recorded already
        return None


def published(project: Project, previous: Project | None) -> AlertEvent | None:
    return _record(
        key=f"published:{project.pk}",
        kind=EventKind.CHANGED if previous is not None else EventKind.PUBLISHED,
        slug=project.slug,
        project=project,
        previous=previous,
        happened_at=project.published_at or timezone.now(),
    )


def withdrawn(project: Project) -> AlertEvent | None:
    return _record(
        key=f"withdrawn:{project.pk}",
        kind=EventKind.WITHDRAWN,
        slug=project.slug,
        project=project,
        happened_at=project.withdrawn_at or timezone.now(),
    )


def _previous_version(project: Project) -> Project | None:
    return (
        Project.objects.filter(slug=project.slug, version__lt=project.version)
        .filter(publication_state__in=[PublicationState.SUPERSEDED, PublicationState.PUBLISHED])
        .order_by("-version")
        .first()
    )


def record_missed(*, now=None) -> int:
    """Record publications and withdrawals of the last week that have no event yet: the moves
    the services make (a submitted version published, a published record withdrawn), not a
    bulk import of a register, which is no news to anyone's alerts."""
    now = now or timezone.now()
    moves = ModerationEvent.objects.filter(
        Q(from_state=PublicationState.SUBMITTED, to_state=PublicationState.PUBLISHED)
        | Q(from_state=PublicationState.PUBLISHED, to_state=PublicationState.WITHDRAWN),
        created_at__gte=now - datetime.timedelta(days=CATCH_UP_DAYS),
    ).select_related("project")
    wanted = {}
    for move in moves:
        prefix = "published" if move.to_state == PublicationState.PUBLISHED else "withdrawn"
        wanted[f"{prefix}:{move.project_id}"] = move
    known = set(AlertEvent.objects.filter(key__in=wanted).values_list("key", flat=True))
    recorded = 0
    for key, move in wanted.items():
        if key in known:
            continue
        project = move.project
        if key.startswith("published:"):
            event = published(project, _previous_version(project))
        else:
            event = withdrawn(project)
        recorded += event is not None
    return recorded


def _became_overdue(due: datetime.date) -> datetime.datetime:
    """The moment a review due on ``due`` became overdue: the start of the next day."""
    day = due + datetime.timedelta(days=1)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def record_overdue(*, today: datetime.date | None = None) -> int:
    """Record each published record whose review date has passed, once per review date."""
    today = today or timezone.localdate()
    overdue = list(
        Project.objects.review_overdue(today).values_list("pk", "slug", "next_review_due")
    )
    keys = {f"overdue:{pk}:{due.isoformat()}": (pk, slug, due) for pk, slug, due in overdue}
    known = set(AlertEvent.objects.filter(key__in=keys).values_list("key", flat=True))
    new = [
        AlertEvent(
            key=key,
            kind=EventKind.OVERDUE,
            slug=slug,
            project_id=pk,
            happened_at=_became_overdue(due),
        )
        for key, (pk, slug, due) in keys.items()
        if key not in known
    ]
    AlertEvent.objects.bulk_create(new, ignore_conflicts=True)
    return len(new)
