"""The crosswalk and an imported draft, shaped for the ATRS pages."""

from __future__ import annotations

from dataclasses import dataclass

from organisations.choices import ORGANISATION_TYPE_CHOICES
from projects.questions import (
    AI_KIND_CHOICES,
    AREA_CHOICES,
    QUESTIONS,
    SECTIONS,
    STATUS_CHOICES,
    TOPIC_CHOICES,
    Kind,
)

from . import crosswalk

# The register's keys inside organisations and responsible people, in the form's words.
ROW_LABELS = {
    "organisations.name": "Organisation name",
    "organisations.type": "Organisation type",
    "organisations.role": "Role in the project",
    "organisations.signatory": "Whether the organisation has signed the Charter",
    "organisations.signed_on": "When the organisation signed the Charter",
    "organisations.description": "Describe your organisation in one sentence",
    "organisations.mission_statement": "If you are a commercial organisation, what is your "
    "mission statement?",
    "organisations.companies_house_number": "Companies House number",
    "organisations.charity_number": "Charity number",
    "organisations.ods_code": "NHS organisation code",
    "organisations.contribution": "What does this organisation do in the project?",
    "responsible_people.name": "Full name",
    "responsible_people.job_title": "Job title",
    "responsible_people.organisation": "Organisation",
    "responsible_people.contact": "Public contact",
    "responsible_people.duties": "Duties",
}
REGISTER_DETAILS = {
    "id": "The record's id on the register",
    "url": "The record's address on the register",
    "version": "The record's version",
    "principles": "How the answers meet the Charter's 11 principles",
    "published_at": "When the record was first published",
    "updated_at": "When this version was published",
    "last_reviewed_at": "When the record was last reviewed",
    "next_review_due": "When the record must next be reviewed",
}


def key_label(key: str) -> str:
    if key in ROW_LABELS:
        return ROW_LABELS[key]
    if key in QUESTIONS:
        return QUESTIONS[key].label
    return REGISTER_DETAILS.get(key, key)


@dataclass(frozen=True)
class Row:
    reference: str
    label: str
    name: str
    answered_by: list[tuple[str, str]]  # (key, label)
    note: str
    imported: bool


def crosswalk_sections() -> list[tuple[crosswalk.Section, list[Row]]]:
    return [
        (
            section,
            [
                Row(
                    field.reference,
                    field.label,
                    field.name,
                    [(key, key_label(key)) for key in field.keys],
                    field.note,
                    field.imported,
                )
                for field in section.fields
            ],
        )
        for section in crosswalk.SECTIONS
    ]


def facet_tables() -> list[tuple[crosswalk.Facet, list[tuple[str, str]]]]:
    """For each facet: (the register's value label, GOV.UK's value label or "No equivalent")."""
    ours = {
        "status": STATUS_CHOICES,
        "areas": AREA_CHOICES,
        "topics": TOPIC_CHOICES,
        "ai_kinds": AI_KIND_CHOICES,
        "organisations.type": ORGANISATION_TYPE_CHOICES,
    }
    tables = []
    for facet in crosswalk.FACETS:
        labels = dict(ours[facet.our_key])
        rows = [
            (labels[value], facet.values[theirs] if theirs else "No equivalent")
            for value, theirs in facet.mapping.items()
        ]
        tables.append((facet, rows))
    return tables


def still_to_answer(project) -> list:
    """(section, [questions]) for the Charter's questions the draft does not answer yet."""
    found = []
    for section in SECTIONS:
        questions = [
            question
            for question in section.questions
            if question.kind != Kind.DECLARATION and not project.is_answered(question.key)
        ]
        if questions:
            found.append((section, questions))
    return found
