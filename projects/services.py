"""Writes to the register. Every publication move goes through here.

Each service checks that the move is allowed (``Project.check_move``), saves in one transaction,
writes an append-only ``ModerationEvent``, and leaves nothing changed when it refuses. Emails
(``projects.notifications``) go once the transaction has committed, never for a refused move.
"""

from __future__ import annotations

import datetime
from functools import partial

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from organisations import teams
from organisations.identifiers import IDENTIFIER_LABELS, apply_identifiers
from organisations.models import Organisation, unique_slug

from . import notifications, signals
from .models import (
    EDITABLE_STATES,
    RESERVED_SLUGS,
    ImpactAssessment,
    InvalidMove,
    ModerationEvent,
    PrefilledAnswer,
    Project,
    ProjectOrganisation,
    PublicationState,
    ResponsiblePerson,
    comparable_answer,
)
from .questions import SECTIONS, OrganisationRole

__all__ = [
    "InvalidMove",
    "ProjectNotReady",
    "create_project",
    "submit_project",
    "publish_project",
    "request_changes",
    "withdraw_project",
    "start_new_version",
    "StaleSection",
    "ProjectNotEditable",
    "NotAMember",
    "join_or_add_organisation",
    "start_project",
    "save_section",
    "declare_and_submit",
    "start_project_with_answers",
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


def _notify_after_commit(send, project: Project, *args) -> None:
    """Send an email once the move is saved; a failure is logged, never raised."""
    notifications.send_after_commit(send.__name__, project, send, project, *args)


def _announce_after_commit(signal, **kwargs) -> None:
    """Send a domain signal (``projects.signals``) once the move is saved; a listener that
    fails is logged and does not undo the move."""
    transaction.on_commit(partial(signal.send_robust, sender=Project, **kwargs))


def _lock(project: Project) -> Project:
    """Reload ``project`` under a row lock so two moderators cannot act on it at once."""
    return Project.objects.select_for_update().get(pk=project.pk)


@transaction.atomic
def create_project(*, title: str, organisation: Organisation, user=None) -> Project:
    """Start a new record: a first draft led by ``organisation``."""
    project = Project.objects.create(
        slug=unique_slug(Project, title, reserved=RESERVED_SLUGS),
        title=title.strip(),
        created_by=user,
        organisation_description=organisation.description,
        mission_statement=organisation.mission_statement,
    )
    ProjectOrganisation.objects.create(
        project=project, organisation=organisation, role=OrganisationRole.LEAD
    )
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
    _publish_organisation_texts(locked, now)
    Project.objects.filter(pk=locked.pk).refresh_search_vector()
    _notify_after_commit(notifications.project_published, locked)
    _announce_after_commit(signals.project_published, project=locked, previous=previous)
    return locked


def _publish_organisation_texts(project: Project, now) -> None:
    """What the published version says about its lead organisation becomes the organisation's
    public description and mission statement; every organisation it names is now public."""
    lead = project.project_organisations.filter(role="lead").first()
    if lead is not None:
        Organisation.objects.filter(pk=lead.organisation_id).exclude(
            description=project.organisation_description,
            mission_statement=project.mission_statement,
        ).update(
            description=project.organisation_description,
            mission_statement=project.mission_statement,
            updated_at=now,
        )
    Organisation.objects.filter(project_roles__project=project, named_by__isnull=False).update(
        named_by=None
    )


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
    _announce_after_commit(signals.project_withdrawn, project=locked)
    return locked


def copy_related(source: Project, target: Project) -> None:
    """Copy a version's organisations, responsible people and impact assessments onto another
    version."""
    ProjectOrganisation.objects.bulk_create(
        ProjectOrganisation(
            project=target,
            organisation_id=po.organisation_id,
            role=po.role,
            contribution=po.contribution,
            position=po.position,
        )
        for po in source.project_organisations.all()
    )
    ImpactAssessment.objects.bulk_create(
        ImpactAssessment(
            project=target,
            name=assessment.name,
            completed_on=assessment.completed_on,
            url=assessment.url,
            summary=assessment.summary,
            position=assessment.position,
        )
        for assessment in source.impact_assessments.all()
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


# --- the submission journey ---------------------------------------------------------------
# A data professional starts a project, saves it section by section across several sittings,
# declares it accurate and submits it. Saves use optimistic locking on ``Project.lock_version``
# so that nobody's words are silently overwritten by a colleague's (docs/decisions/0003).


class StaleSection(Exception):
    """Someone saved this project after the person opened the section: their save is refused."""

    def __init__(self, current: Project):
        self.current = current
        super().__init__(
            f"Project {current.pk} was saved by someone else (now {current.lock_version})"
        )


class ProjectNotEditable(Exception):
    """The version is submitted, published or withdrawn: nobody may change its answers."""

    def __init__(self, project: Project):
        self.project = project
        super().__init__(
            f"A {project.get_publication_state_display().lower()} project is read-only"
        )


class NotAMember(Exception):
    """The person does not belong to the organisation they tried to act for."""

    def __init__(self, organisation: Organisation):
        self.organisation = organisation
        super().__init__(f"Not a member of {organisation}")


def join_or_add_organisation(
    *, user, organisation: Organisation | None = None, new: dict | None = None
) -> Organisation:
    """The organisation ``user`` records a project for: one of theirs, or ``new`` (name, type,
    description, mission_statement), which is added unverified with them as its first admin and
    seen only by its own members until Charter staff verify it or a project of it is published.

    Anyone else's organisation, with or without members, raises ``NotAMember``: joining it is a
    request (``organisations.teams.ask_to_join``), an invitation or a confirmed email domain."""
    if new is not None:
        organisation = Organisation(
            name=new["name"].strip(),
            type=new["type"],
            description=new.get("description", "").strip(),
            mission_statement=new.get("mission_statement", "").strip(),
            verified=False,
        )
        organisation.full_clean(exclude=["slug"])
        organisation.save()
        Organisation.objects.filter(pk=organisation.pk).update(named_by=organisation)
        teams.add_first_admin(user=user, organisation=organisation)
        return organisation
    if organisation.memberships.filter(user=user).exists():
        return organisation
    raise NotAMember(organisation)


@transaction.atomic
def start_project(
    *, user, title: str, organisation: Organisation | None = None, new_organisation=None
) -> Project:
    """Start a draft for one of ``user``'s organisations (see ``join_or_add_organisation``)."""
    lead = join_or_add_organisation(user=user, organisation=organisation, new=new_organisation)
    return create_project(title=title, organisation=lead, user=user)


def _save_organisation_rows(project: Project, rows: list[dict], user) -> None:
    """Replace the project's organisations with ``rows``; add typed-in ones, unverified and
    seen only by the lead organisation until published or verified."""
    member_of = set(user.memberships.values_list("organisation_id", flat=True))
    ProjectOrganisation.objects.filter(project=project).delete()
    lead = next((row.get("organisation") for row in rows if row["role"] == "lead"), None)
    for position, row in enumerate(rows):
        organisation = row.get("organisation") or Organisation.objects.by_name(row["name"]).first()
        identifiers = {key: row[key] for key in IDENTIFIER_LABELS if key in row}
        if organisation is None:
            # Seen only by the lead organisation's members until published or verified.
            organisation = Organisation.objects.create(
                name=row["name"].strip(),
                type=row["type"],
                verified=False,
                named_by=lead,
                **identifiers,
            )
        if row["role"] == OrganisationRole.LEAD and organisation.pk not in member_of:
            raise NotAMember(organisation)
        changed = apply_identifiers(
            organisation, identifiers, is_member=organisation.pk in member_of
        )
        if changed:
            organisation.save(update_fields=[*changed, "updated_at"])
        ProjectOrganisation.objects.create(
            project=project,
            organisation=organisation,
            role=row["role"],
            contribution=(row.get("contribution") or "").strip(),
            position=position,
        )


def _save_people(project: Project, people: list[dict]) -> None:
    ResponsiblePerson.objects.filter(project=project).delete()
    ResponsiblePerson.objects.bulk_create(
        ResponsiblePerson(
            project=project,
            name=person["name"].strip(),
            job_title=person["job_title"].strip(),
            organisation=person["organisation"].strip(),
            contact=person["contact"].strip(),
            duties=list(person["duties"]),
            position=position,
        )
        for position, person in enumerate(people)
    )


def _completed_on(assessment: dict):
    """The date an assessment was completed: ``completed_on`` from the form, or ``date`` (ISO
    8601) as the open data format has it."""
    if assessment.get("completed_on"):
        return assessment["completed_on"]
    return datetime.date.fromisoformat(assessment["date"]) if assessment.get("date") else None


def _save_impact_assessments(project: Project, assessments: list[dict]) -> None:
    """Replace the version's impact assessments with ``assessments``: rows as the form gives them
    (name, completed_on, url, summary) or as the open data format has them (date for
    completed_on)."""
    ImpactAssessment.objects.filter(project=project).delete()
    ImpactAssessment.objects.bulk_create(
        ImpactAssessment(
            project=project,
            name=assessment["name"].strip(),
            completed_on=_completed_on(assessment),
            url=(assessment.get("url") or "").strip(),
            summary=(assessment.get("summary") or "").strip(),
            position=position,
        )
        for position, assessment in enumerate(assessments)
    )


@transaction.atomic
def save_section(*, project: Project, section, data: dict, user, expected_lock_version: int):
    """Save one section's answers, even incomplete ones (people save and come back).

    One conditional UPDATE ... WHERE lock_version = ``expected_lock_version``: when a colleague
    saved since the form was opened it changes no row and ``StaleSection`` is raised, leaving
    everything as it was. Any save withdraws the declaration: it must be ticked again.
    """
    model_fields = {f.name for f in Project._meta.concrete_fields}
    values = {key: data[key] for key in section.keys if key in data and key in model_fields}
    values.pop("declaration", None)
    updated = Project.objects.filter(
        pk=project.pk, lock_version=expected_lock_version, publication_state__in=EDITABLE_STATES
    ).update(
        **values,
        lock_version=F("lock_version") + 1,
        declaration=False,
        declared_by=None,
        declared_at=None,
        updated_at=timezone.now(),
    )
    if not updated:
        current = Project.objects.get(pk=project.pk)
        if not current.is_editable:
            raise ProjectNotEditable(current)
        raise StaleSection(current)
    saved = Project.objects.get(pk=project.pk)
    if "organisations" in data:
        _save_organisation_rows(saved, data["organisations"], user)
    if "responsible_people" in data:
        _save_people(saved, data["responsible_people"])
    if "impact_assessments" in data:
        _save_impact_assessments(saved, data["impact_assessments"])
    return saved


@transaction.atomic
def declare_and_submit(*, project: Project, user, declared: bool) -> Project:
    """Record the declaration (who ticked it and when), then submit for review. When the
    project is not ready, ``ProjectNotReady`` is raised and nothing is kept."""
    Project.objects.filter(pk=project.pk).update(
        declaration=declared,
        declared_by=user if declared else None,
        declared_at=timezone.now() if declared else None,
    )
    return submit_project(project=project, user=user)


@transaction.atomic
def start_project_with_answers(*, user, organisation: Organisation, answers: dict, source: str):
    """Start a draft led by one of ``user``'s organisations with ``answers`` (question key to
    value, ``title`` among them) given, section by section as if typed in; each is remembered as
    from ``source`` (such as "the ATRS record") until someone changes it."""
    project = start_project(user=user, title=answers["title"], organisation=organisation)
    for section in SECTIONS:
        data = {key: answers[key] for key in section.keys if key in answers and key != "title"}
        if data:
            project = save_section(
                project=project,
                section=section,
                data=data,
                user=user,
                expected_lock_version=project.lock_version,
            )
    project = Project.objects.with_register_details().get(pk=project.pk)
    PrefilledAnswer.objects.bulk_create(
        PrefilledAnswer(
            project=project, key=key, source=source, value=comparable_answer(project, key)
        )
        for key in answers
    )
    return project
