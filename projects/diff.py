"""What changed between two versions of a record, question by question.

The one place that compares versions: the moderators' review page shows the changes field by
field, and the public history page summarises them.
"""

from __future__ import annotations

from typing import NamedTuple

from .answers import answer_display
from .models import Project
from .questions import QUESTIONS, Kind, Question


class Change(NamedTuple):
    question: Question
    old: str
    new: str


def display_text(project: Project, question: Question) -> str:
    """An answer as plain words, organisations and people included, for comparing versions."""
    value = answer_display(project, question)
    if question.kind == Kind.ORGANISATIONS:
        return "\n".join(
            f"{po.organisation.name} ({po.organisation.get_type_display()}), "
            f"{po.get_role_display().lower()}"
            + "".join(f", {identifier.label} {identifier.value}" for identifier in po.identifiers)
            + (f": {po.contribution}" if po.contribution else "")
            for po in value
        )
    if question.kind == Kind.IMPACT_ASSESSMENTS:
        return "\n".join(
            ", ".join(
                part
                for part in (
                    assessment.name,
                    f"completed {assessment.completed_on:%-d %B %Y}"
                    if assessment.completed_on
                    else "",
                    assessment.url,
                    f"found: {assessment.summary}" if assessment.summary else "",
                )
                if part
            )
            for assessment in value
        )
    if question.kind == Kind.PEOPLE:
        return "\n".join(
            f"{person.name}, {person.job_title}, {person.organisation}. "
            f"Contact: {person.contact}. Duties: {', '.join(person.get_duties_display())}"
            for person in value
        )
    return "" if value is None else str(value)


def version_changes(old: Project, new: Project) -> list[Change]:
    """Every question whose answer differs between ``old`` and ``new``, in the form's order.

    The declaration is left out: every version is declared afresh before it is submitted."""
    changes = []
    for question in QUESTIONS.values():
        if question.kind == Kind.DECLARATION:
            continue
        before, after = display_text(old, question), display_text(new, question)
        if before != after:
            changes.append(Change(question, before, after))
    return changes


def change_summary(old: Project | None, new: Project) -> str:
    """One line for the history page: "Changed: Project title or name, ..."."""
    if old is None:
        return "First published"
    changes = version_changes(old, new)
    if not changes:
        return "No changes to the answers"
    return "Changed: " + ", ".join(change.question.label for change in changes)
