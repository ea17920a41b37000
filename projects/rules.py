"""The answer rules from the guide, checked before a project version is submitted or published.

Messages are written for the person filling in the form, in the GOV.UK style.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from .questions import ANSWER_KEYS, QUESTIONS, SUMMARY_MAX_LENGTH

if TYPE_CHECKING:
    from .models import Project


def missing_answer_message(key: str) -> str:
    return f"Answer \u201c{QUESTIONS[key].label}\u201d. If you are not sure, say so and why"


MISSING_SUMMARY = "Enter a summary of the project for residents, in two or three sentences"
IMPACT_ASSESSMENT_SUMMARY_MAX_LENGTH = 2000
CONTRIBUTION_MAX_LENGTH = 1000


def summary_problems(summary: str | None) -> dict[str, str]:
    """The summary residents read first: needed to submit, and short."""
    text = (summary or "").strip()
    if not text:
        return {"summary": MISSING_SUMMARY}
    if len(text) > SUMMARY_MAX_LENGTH:
        return {"summary": summary_too_long_message(len(text))}
    return {}


def summary_too_long_message(length: int) -> str:
    return (
        f"Shorten the summary to {SUMMARY_MAX_LENGTH} characters or fewer (it is {length} "
        "characters)"
    )


def impact_assessment_row_problems(
    assessment, position: int = 1, *, today: datetime.date | None = None
) -> dict[str, str]:
    """What is wrong with one impact assessment (an object with name, completed_on, url and
    summary; ``position`` counts from 1): field name to message. Each one given needs its name;
    its date, if given, is not in the future; its link, if given, is a secure web address."""
    today = today or datetime.date.today()
    name = (assessment.name or "").strip()
    called = name or f"impact assessment {position}"
    problems = {}
    if not name:
        problems["name"] = f"Enter the name of impact assessment {position}"
    if assessment.completed_on and assessment.completed_on > today:
        problems["completed_on"] = f"The date {called} was completed must be today or in the past"
    if assessment.url and not assessment.url.startswith("https://"):
        problems["url"] = f"Enter a link for {called} that starts with https://"
    if len(assessment.summary or "") > IMPACT_ASSESSMENT_SUMMARY_MAX_LENGTH:
        problems["summary"] = (
            f"Shorten what {called} found to {IMPACT_ASSESSMENT_SUMMARY_MAX_LENGTH} characters "
            "or fewer"
        )
    return problems


def impact_assessment_problems(
    assessments, *, today: datetime.date | None = None
) -> dict[str, str]:
    """The impact assessments as a whole: optional, but the first problem with any one given
    stops the version being submitted."""
    for position, assessment in enumerate(assessments, start=1):
        problems = impact_assessment_row_problems(assessment, position, today=today)
        if problems:
            return {"impact_assessments": next(iter(problems.values()))}
    return {}


def organisation_problems(organisations) -> dict[str, str]:
    """``organisations``: (organisation, role) pairs."""
    problems = {}
    roles = [role for _organisation, role in organisations]
    if not organisations:
        problems["organisations"] = "Add the organisations involved in the project"
    elif roles.count("lead") != 1:
        problems["organisations"] = "Choose exactly one lead organisation"
    lead = next((org for org, role in organisations if role == "lead"), None)
    if lead is not None:
        if not (lead.description or "").strip():
            problems["organisation_description"] = "Describe your organisation in one sentence"
        if lead.type == "commercial" and not (lead.mission_statement or "").strip():
            problems["mission_statement"] = (
                "A commercial organisation must give its mission statement"
            )
    for organisation, _role in organisations:
        if organisation.type == "commercial" and not (organisation.mission_statement or "").strip():
            problems.setdefault(
                "mission_statement",
                f"{organisation.name} is commercial: give its mission statement",
            )
    return problems


def people_problems(people) -> dict[str, str]:
    """``people``: objects with name, job_title, organisation, contact and duties."""
    if not people:
        return {"responsible_people": "Name the people responsible for this project"}
    accountable = sum(1 for person in people if "accountable" in person.duties)
    if accountable != 1:
        return {"responsible_people": "Name exactly one person who is accountable"}
    for person in people:
        if not all(
            (getattr(person, attribute) or "").strip()
            for attribute in ("name", "job_title", "organisation", "contact")
        ):
            return {
                "responsible_people": "Give each person's full name, job title, organisation "
                "and public contact"
            }
        if not person.duties:
            return {"responsible_people": f"Choose at least one duty for {person.name}"}
    return {}


def ai_problems(*, uses_ai, ai_kinds, ai_decision_role) -> dict[str, str]:
    problems = {}
    if uses_ai is None:
        problems["uses_ai"] = "Say whether the project uses AI"
    elif uses_ai:
        if not ai_kinds:
            problems["ai_kinds"] = "Choose what kind of AI the project uses"
        if not ai_decision_role:
            problems["ai_decision_role"] = "Choose what part the AI plays in decisions about people"
    return problems


def project_problems(project: Project) -> dict[str, str]:
    problems: dict[str, str] = {}
    if not project.title.strip():
        problems["title"] = "Enter the project title or name"
    for key in ANSWER_KEYS:
        if not (getattr(project, key) or "").strip():
            problems[key] = missing_answer_message(key)
    problems.update(summary_problems(project.summary))
    if not project.status:
        problems["status"] = "Choose what stage the project is at"
    problems.update(
        ai_problems(
            uses_ai=project.uses_ai,
            ai_kinds=project.ai_kinds,
            ai_decision_role=project.ai_decision_role,
        )
    )
    if not project.areas:
        problems["areas"] = "Choose the parts of the city region the project covers"
    if not project.topics:
        problems["topics"] = "Choose the service areas the project touches"
    if project.website and not project.website.startswith("https://"):
        problems["website"] = "Enter a web address that starts with https://"
    problems.update(
        organisation_problems(
            [(po.organisation, po.role) for po in project.project_organisations.all()]
        )
    )
    problems.update(people_problems(list(project.responsible_people.all())))
    problems.update(impact_assessment_problems(list(project.impact_assessments.all())))
    # Keep the guide's order so that an error summary reads top to bottom.
    order = list(QUESTIONS)
    return dict(sorted(problems.items(), key=lambda item: order.index(item[0])))
