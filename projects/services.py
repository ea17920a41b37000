"""Writes to the register. Every publication move goes through here.

Each service checks that the move is allowed (``Project.check_move``), saves in one transaction,
writes an append-only ``ModerationEvent``, and leaves nothing changed when it refuses. Emails
(``projects.notifications``) go once the transaction has committed, never for a refused move.
"""

from __future__ import annotations

from functools import partial

from django.db import transaction
from django.utils import timezone

from organisations.models import Organisation, unique_slug

from . import notifications
from .models import (
    InvalidMove,
    ModerationEvent,
    Project,
    ProjectOrganisation,
    PublicationState,
    ResponsiblePerson,
)

__all__ = [
    "InvalidMove",
    "ProjectNotReady",
    "create_project",
    "submit_project",
    "publish_project",
    "request_changes",
    "withdraw_project",
    "start_new_version",
]


class ProjectNotReady(Exception):
    """The version has answers missing or breaks an answer rule."""

    def __init__(self, problems: dict[str, str]):
        self.problems = problems
        super().__init__("; ".join(f"{key}: {message}" for key, message in problems.items()))


def _record_move(project: Project, *, to_state: str, actor, message: str = "") -> ModerationEvent:
    from_state = project.publication_state
    project.check_move(to_state)
    project.publication_state = to_state
    return ModerationEvent(
        project=project, actor=actor, from_state=from_state, to_state=to_state, message=message
    )


def _notify_after_commit(send, *args) -> None:
    """Send an email once the move is saved; a mail server failure is logged, not raised."""
    transaction.on_commit(partial(send, *args), robust=True)


def _lock(project: Project) -> Project:
    """Reload ``project`` under a row lock so two moderators cannot act on it at once."""
    return Project.objects.select_for_update().get(pk=project.pk)


@transaction.atomic
def create_project(*, title: str, organisation: Organisation, user=None) -> Project:
    """Start a new record: a first draft led by ``organisation``."""
    project = Project.objects.create(
        slug=unique_slug(Project, title), title=title.strip(), created_by=user
    )
    ProjectOrganisation.objects.create(project=project, organisation=organisation, role="lead")
    ModerationEvent.objects.create(
        project=project, actor=user, to_state=PublicationState.DRAFT, message="Started"
    )
    return project


@transaction.atomic
def submit_project(*, project: Project, user) -> Project:
    locked = _lock(project)
    locked.check_move(PublicationState.SUBMITTED)
    problems = locked.problems()
    if not locked.declaration:
        problems["declaration"] = (
            "Confirm that the information is accurate and that the people named have agreed "
            "to be named"
        )
    if problems:
        raise ProjectNotReady(problems)
    event = _record_move(locked, to_state=PublicationState.SUBMITTED, actor=user)
    locked.submitted_by = user
    locked.submitted_at = timezone.now()
    locked.save(update_fields=["publication_state", "submitted_by", "submitted_at", "updated_at"])
    event.save()
    _notify_after_commit(notifications.project_submitted, locked)
    return locked


@transaction.atomic
def publish_project(*, project: Project, moderator, now=None) -> Project:
    """Publish a submitted version. A new version replaces the published one, which is kept."""
    now = now or timezone.now()
    locked = _lock(project)
    locked.check_move(PublicationState.PUBLISHED)
    problems = locked.problems()
    if problems:
        raise ProjectNotReady(problems)
    previous = (
        Project.objects.select_for_update()
        .filter(slug=locked.slug, publication_state=PublicationState.PUBLISHED)
        .exclude(pk=locked.pk)
        .first()
    )
    if previous is not None:
        superseded = _record_move(
            previous,
            to_state=PublicationState.SUPERSEDED,
            actor=moderator,
            message=f"Replaced by version {locked.version}",
        )
        previous.save(update_fields=["publication_state", "updated_at"])
        superseded.save()
        locked.first_published_at = previous.first_published_at
    event = _record_move(locked, to_state=PublicationState.PUBLISHED, actor=moderator)
    locked.published_at = now
    locked.first_published_at = locked.first_published_at or now
    locked.last_reviewed_at = now
    locked.next_review_due = locked.next_review_after(now)
    locked.save()
    event.save()
    Project.objects.filter(pk=locked.pk).refresh_search_vector()
    _notify_after_commit(notifications.project_published, locked)
    return locked


@transaction.atomic
def request_changes(*, project: Project, moderator, message: str) -> Project:
    if not message.strip():
        raise ValueError("Say what needs to change")
    locked = _lock(project)
    event = _record_move(
        locked, to_state=PublicationState.CHANGES_REQUESTED, actor=moderator, message=message
    )
    locked.save(update_fields=["publication_state", "updated_at"])
    event.save()
    _notify_after_commit(notifications.changes_requested, locked, message)
    return locked


@transaction.atomic
def withdraw_project(*, project: Project, moderator, reason: str, now=None) -> Project:
    if not reason.strip():
        raise ValueError("Give the public reason for withdrawing the project")
    locked = _lock(project)
    event = _record_move(
        locked, to_state=PublicationState.WITHDRAWN, actor=moderator, message=reason
    )
    locked.withdrawn_at = now or timezone.now()
    locked.withdrawal_reason = reason
    locked.save(
        update_fields=["publication_state", "withdrawn_at", "withdrawal_reason", "updated_at"]
    )
    event.save()
    _notify_after_commit(notifications.project_withdrawn, locked, reason)
    return locked


def copy_related(source: Project, target: Project) -> None:
    """Copy a version's organisations and responsible people onto another version."""
    ProjectOrganisation.objects.bulk_create(
        ProjectOrganisation(
            project=target, organisation_id=po.organisation_id, role=po.role, position=po.position
        )
        for po in source.project_organisations.all()
    )
    ResponsiblePerson.objects.bulk_create(
        ResponsiblePerson(
            project=target,
            name=person.name,
            job_title=person.job_title,
            organisation=person.organisation,
            contact=person.contact,
            duties=list(person.duties),
            position=person.position,
        )
        for person in source.responsible_people.all()
    )


@transaction.atomic
def start_new_version(*, project: Project, user) -> Project:
    """Open a new draft of a published record. The published version stays on the register
    until the new one is published. If a new version is already being worked on, return it."""
    locked = _lock(project)
    if locked.publication_state != PublicationState.PUBLISHED:
        raise InvalidMove(locked, PublicationState.SUPERSEDED)
    existing = Project.objects.working().filter(slug=locked.slug).first()
    if existing is not None:
        return existing
    draft = Project.objects.get(pk=locked.pk)
    draft.pk = None
    draft.id = None
    draft._state.adding = True
    draft.version = locked.version + 1
    draft.publication_state = PublicationState.DRAFT
    draft.lock_version = 0
    draft.declaration = False
    draft.declared_by = None
    draft.declared_at = None
    draft.submitted_by = None
    draft.submitted_at = None
    draft.published_at = None
    draft.created_by = user
    draft.search_vector = None
    draft.save()
    copy_related(locked, draft)
    ModerationEvent.objects.create(
        project=draft,
        actor=user,
        to_state=PublicationState.DRAFT,
        message=f"New version started from version {locked.version}",
    )
    return draft
