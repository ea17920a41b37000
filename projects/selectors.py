"""Reads that are not public: Charter staff's work queue and review page, and a member's own
projects in the submission journey (with the moderators' latest request for changes). Public
pages read through ``register.selectors``."""

from django.db.models import Max, Q
from django.db.models.functions import Coalesce
from django.http import Http404

from .models import ModerationEvent, Project, PublicationState

# --- moderation: Charter staff's work queue ------------------------------------------------


def moderation_queue():
    """Submitted versions waiting for a moderator, the one waiting longest first."""
    return (
        Project.objects.filter(publication_state=PublicationState.SUBMITTED)
        .with_register_details()
        .order_by("submitted_at", "pk")
    )


def projects_in_state(state: str):
    """Versions in one publication state for a moderation tab, the most recently moved first."""
    return (
        Project.objects.filter(publication_state=state)
        .with_register_details()
        .annotate(
            moved_at=Coalesce(
                Max("events__created_at", filter=Q(events__to_state=state)), "updated_at"
            )
        )
        .order_by("-moved_at", "-pk")
    )


def project_for_review(pk: int) -> Project:
    """Any version of any record, with what the review page shows. Moderators only."""
    project = Project.objects.with_register_details().filter(pk=pk).first()
    if project is None:
        raise Http404("No project version with that number")
    return project


def published_version_of(project: Project) -> Project | None:
    """The published version of ``project``'s record when ``project`` is a newer version."""
    return (
        Project.objects.published()
        .of_record(project.slug)
        .exclude(pk=project.pk)
        .with_register_details()
        .first()
    )


def moderation_events(project: Project):
    """What happened to this version, oldest first, with who did it."""
    return project.events.select_related("actor").order_by("created_at", "pk")


def latest_change_request(project: Project) -> ModerationEvent | None:
    """The moderators' latest request for changes to this version (``.message`` says what,
    ``.created_at`` when), or None. The submitter's project page shows it while the version's
    state is "changes requested"."""
    return (
        ModerationEvent.objects.filter(project=project, to_state=PublicationState.CHANGES_REQUESTED)
        .order_by("-created_at", "-pk")
        .first()
    )


# --- the submission journey: a member's own projects ------------------------------------------


def own_projects(user):
    """The versions ``user`` may work on (their organisations' projects), without the versions
    a newer one replaced, by title."""
    return (
        Project.objects.editable_by(user)
        .exclude(publication_state=PublicationState.SUPERSEDED)
        .order_by("title", "-version")
    )


def own_project(user, pk: int) -> Project:
    """A version ``user`` may work on, with its organisations and people. Raises Http404 for
    anyone else's (so they cannot even learn that it exists)."""
    project = Project.objects.editable_by(user).with_register_details().filter(pk=pk).first()
    if project is None:
        raise Http404("No project of yours with that number")
    return project


def own_published_project(user, pk: int) -> Project:
    """A published version ``user`` may confirm is still accurate. Raises Http404 otherwise."""
    project = (
        Project.objects.editable_by(user).published().with_register_details().filter(pk=pk).first()
    )
    if project is None:
        raise Http404("No published project of yours with that number")
    return project


def project_with_details(pk: int) -> Project:
    """A version as saved just now, with its organisations and people."""
    return Project.objects.with_register_details().get(pk=pk)


def organisation_project_roles(organisation):
    """The organisation's roles on project versions that are not replaced, by project title."""
    return (
        organisation.project_roles.select_related("project")
        .exclude(project__publication_state=PublicationState.SUPERSEDED)
        .order_by("project__title")
    )
