"""Import a register document (open data format version 1 or 2) as published projects: all of
it, or nothing.

Bulk work throughout (a few queries per table, not per field), so that 10,000 projects import in
seconds. A project whose id is already on the register is published as its next version.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from opendata.register_format import (
    Problem,
    _parse_datetime,
    upgrade_document,
    validate_document,
)
from organisations.models import Organisation, free_slug, slug_base
from projects.models import (
    ImpactAssessment,
    ModerationEvent,
    Project,
    ProjectOrganisation,
    PublicationState,
    ResponsiblePerson,
    review_due_after,
)
from projects.questions import ANSWER_KEYS, OPTIONAL_ANSWER_KEYS
from public_text.policy import normalise, organisation_name_key

BATCH = 500


class InvalidDocument(Exception):
    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(problem) for problem in problems))


@dataclass
class ImportResult:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    organisations_created: int = 0


def _chunks(items: list, size: int = BATCH):
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _organisations(documents: list[dict]) -> tuple[dict[str, Organisation], int]:
    """The directory's organisation for every name in the document, creating missing ones. A
    name that only looks different from one in the directory (or earlier in the document) is
    that organisation (``organisation_name_key``), never a second one."""
    wanted: dict[str, dict] = {}
    for data in documents:
        for organisation in data["organisations"]:
            wanted.setdefault(organisation_name_key(organisation["name"]), organisation)
    found: dict[str, Organisation] = {}
    for keys in _chunks(list(wanted)):
        for organisation in Organisation.objects.filter(name_key__in=keys):
            found[organisation.name_key] = organisation
    taken = set(Organisation.objects.values_list("slug", flat=True))
    new = []
    for key, data in wanted.items():
        if key in found:
            continue
        slug = free_slug(slug_base(data["name"]), taken)
        taken.add(slug)
        signed_on = data.get("signed_on")
        new.append(
            Organisation(
                name=_text(Organisation, "name", data["name"]),
                name_key=key,
                slug=slug,
                type=data["type"],
                description=_text(Organisation, "description", data.get("description")),
                mission_statement=_text(
                    Organisation, "mission_statement", data.get("mission_statement")
                ),
                companies_house_number=data.get("companies_house_number") or "",
                charity_number=data.get("charity_number") or "",
                ods_code=data.get("ods_code") or "",
                is_signatory=data["signatory"],
                signed_on=datetime.date.fromisoformat(signed_on) if signed_on else None,
                verified=True,
                verified_at=timezone.now(),
            )
        )
    Organisation.objects.bulk_create(new, batch_size=BATCH)
    # A database that cannot return ids from a bulk insert is refused when the projects are
    # created (before these are used), so the new organisations have their ids here.
    found.update({organisation.name_key: organisation for organisation in new})
    return found, len(new)


def _text(model, name: str, value) -> str:
    """``value`` as the text policy keeps it (NFC, trimmed): the document was checked against
    the policy already (``validate_document``)."""
    return normalise(value or "", multiline=model.public_text_rule(name).multiline)


def _lead_texts(data: dict) -> dict:
    """The version's own copy of its lead organisation's description and mission statement."""
    lead = next((o for o in data["organisations"] if o["role"] == "lead"), {})
    return {
        "organisation_description": _text(Organisation, "description", lead.get("description")),
        "mission_statement": _text(
            Organisation, "mission_statement", lead.get("mission_statement")
        ),
    }


def _moment(value: str | None, default: datetime.datetime | None) -> datetime.datetime | None:
    return _parse_datetime(value) if value else default


@transaction.atomic
def import_document(document, *, now: datetime.datetime | None = None) -> ImportResult:
    """Validate ``document`` fully, then publish every project in it, or change nothing."""
    problems = validate_document(document)
    if problems:
        raise InvalidDocument(problems)
    document = upgrade_document(document)
    now = now or timezone.now()
    documents: list[dict] = document["projects"]
    ids = [data["id"] for data in documents]
    organisations, organisations_created = _organisations(documents)

    previous: dict[str, Project] = {}
    working: dict[str, list[Project]] = {}
    for chunk in _chunks(ids):
        for row in Project.objects.select_for_update().filter(slug__in=chunk):
            if row.publication_state == PublicationState.PUBLISHED:
                previous[row.slug] = row
            elif row.publication_state in (
                PublicationState.DRAFT,
                PublicationState.SUBMITTED,
                PublicationState.CHANGES_REQUESTED,
            ):
                working.setdefault(row.slug, []).append(row)
    known_versions: dict[str, int] = {}
    for chunk in _chunks(ids):
        published_history = Project.objects.public().filter(slug__in=chunk)
        for slug, version in published_history.values_list("slug", "version"):
            known_versions[slug] = max(version, known_versions.get(slug, 0))

    result = ImportResult(organisations_created=organisations_created)
    new_rows: list[Project] = []
    bumped: list[Project] = []
    for data in documents:
        old = previous.get(data["id"])
        if data["id"] in known_versions:
            version = known_versions[data["id"]] + 1
        else:
            version = data.get("version") or 1
        published_at = _moment(data.get("updated_at"), None) if old is None else None
        published_at = published_at or now
        last_reviewed = _moment(data.get("last_reviewed_at"), published_at)
        due = data.get("next_review_due")
        start = data.get("start_date")
        row = Project(
            slug=data["id"],
            version=version,
            publication_state=PublicationState.PUBLISHED,
            title=_text(Project, "title", data["title"]),
            status=data["status"],
            uses_ai=data["uses_ai"],
            ai_kinds=data["ai_kinds"],
            ai_decision_role=data["ai_decision_role"] or "",
            areas=data["areas"],
            topics=data["topics"],
            start_date=datetime.date.fromisoformat(f"{start}-01") if start else None,
            website=_text(Project, "website", data.get("website")),
            **_lead_texts(data),
            declaration=True,
            first_published_at=(
                old.first_published_at
                if old is not None
                else _moment(data.get("published_at"), published_at)
            ),
            published_at=published_at,
            last_reviewed_at=last_reviewed,
            next_review_due=(
                datetime.date.fromisoformat(due) if due else review_due_after(last_reviewed.date())
            ),
            summary=_text(Project, "summary", data["summary"]),
            **{key: _text(Project, key, data[key]) for key in ANSWER_KEYS},
            **{key: _text(Project, key, data[key]) for key in OPTIONAL_ANSWER_KEYS},
        )
        new_rows.append(row)
        (result.updated if old is not None else result.created).append(data["id"])
        for draft in working.get(data["id"], []):
            if draft.version <= version:
                draft.version = version + 1
                bumped.append(draft)

    superseded = list(previous.values())
    for row in superseded:
        row.publication_state = PublicationState.SUPERSEDED
    # Bumped drafts move out of the way first, highest version first, so no two rows collide.
    for draft in sorted(bumped, key=lambda draft: -draft.version):
        Project.objects.filter(pk=draft.pk).update(version=draft.version)
    Project.objects.bulk_update(superseded, ["publication_state"], batch_size=BATCH)
    Project.objects.bulk_create(new_rows, batch_size=BATCH)
    if new_rows and new_rows[0].pk is None:  # pragma: no cover - every supported database
        raise RuntimeError("The database did not return the new project ids")

    links, people, assessments, events = [], [], [], []
    for row, data in zip(new_rows, documents, strict=True):
        for position, organisation in enumerate(data["organisations"]):
            links.append(
                ProjectOrganisation(
                    project=row,
                    organisation=organisations[organisation_name_key(organisation["name"])],
                    role=organisation["role"],
                    contribution=_text(
                        ProjectOrganisation, "contribution", organisation.get("contribution")
                    ),
                    position=position,
                )
            )
        for position, person in enumerate(data["responsible_people"]):
            people.append(
                ResponsiblePerson(
                    project=row,
                    name=_text(ResponsiblePerson, "name", person["name"]),
                    job_title=_text(ResponsiblePerson, "job_title", person["job_title"]),
                    organisation=_text(ResponsiblePerson, "organisation", person["organisation"]),
                    contact=_text(ResponsiblePerson, "contact", person["contact"]),
                    duties=person["duties"],
                    position=position,
                )
            )
        for position, assessment in enumerate(data["impact_assessments"]):
            assessments.append(
                ImpactAssessment(
                    project=row,
                    name=_text(ImpactAssessment, "name", assessment["name"]),
                    completed_on=(
                        datetime.date.fromisoformat(assessment["date"])
                        if assessment["date"]
                        else None
                    ),
                    url=_text(ImpactAssessment, "url", assessment["url"]),
                    summary=_text(ImpactAssessment, "summary", assessment.get("summary")),
                    position=position,
                )
            )
        events.append(
            ModerationEvent(
                project=row,
                from_state="",
                to_state=PublicationState.PUBLISHED,
                message="Published by import from a register document",
            )
        )
    for old in superseded:
        events.append(
            ModerationEvent(
                project=old,
                from_state=PublicationState.PUBLISHED,
                to_state=PublicationState.SUPERSEDED,
                message="Replaced by an imported version",
            )
        )
    ProjectOrganisation.objects.bulk_create(links, batch_size=BATCH)
    ResponsiblePerson.objects.bulk_create(people, batch_size=BATCH)
    ImpactAssessment.objects.bulk_create(assessments, batch_size=BATCH)
    ModerationEvent.objects.bulk_create(events, batch_size=BATCH)
    Project.objects.filter(pk__in=[row.pk for row in new_rows]).refresh_search_vector()
    return result
