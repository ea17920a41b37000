"""The answer rules from the guide, each stated once with its one message.

``Project.problems`` (the check before a version is submitted or published), the submission
form (as a person types), and the importer (``opendata.register_format``) all call these, so a
person sees the same words wherever a rule bites. Messages are written for the person filling
in the form, in the GOV.UK style. The rules about an organisation's own answers (its mission
statement) are ``organisations.rules``.
"""

from __future__ import annotations

import datetime
from types import SimpleNamespace
from typing import TYPE_CHECKING

from organisations.rules import DESCRIPTION_MESSAGE, mission_statement_problem

from .questions import ANSWER_KEYS, QUESTIONS, SUMMARY_MAX_LENGTH, Duty, OrganisationRole

if TYPE_CHECKING:
    from .models import Project

ORGANISATIONS_MESSAGE = "Add the organisations involved in the project"
LEAD_MESSAGE = "Choose exactly one lead organisation"
PEOPLE_MESSAGE = "Name the people responsible for this project"
ACCOUNTABLE_MESSAGE = "Name exactly one person who is accountable"
PERSON_DETAILS_MESSAGE = "Give each person's full name, job title, organisation and public contact"
USES_AI_MESSAGE = "Say whether the project uses AI"
AI_KINDS_MESSAGE = "Choose what kind of AI the project uses"
AI_DECISION_ROLE_MESSAGE = "Choose what part the AI plays in decisions about people"
WEBSITE_MESSAGE = "Enter a web address that starts with https://"


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


def lead_count_problem(roles) -> str | None:
    """Exactly one organisation leads a project. ``roles``: each organisation's role."""
    return None if list(roles).count(OrganisationRole.LEAD) == 1 else LEAD_MESSAGE


def accountable_count_problem(duties_of_each_person, *, at_least_one: bool = True) -> str | None:
    """Exactly one person is accountable. ``at_least_one=False`` while the form is being
    filled in: none yet is fine there, two never is."""
    accountable = sum(1 for duties in duties_of_each_person if Duty.ACCOUNTABLE in duties)
    if accountable > 1 or (at_least_one and accountable == 0):
        return ACCOUNTABLE_MESSAGE
    return None


def website_problem(address: str | None) -> str | None:
    """A project's web address, when it has one, is https."""
    return WEBSITE_MESSAGE if address and not address.startswith("https://") else None


def organisation_problems(organisations) -> dict[str, str]:
    """``organisations``: (organisation, role) pairs."""
    problems = {}
    if not organisations:
        problems["organisations"] = ORGANISATIONS_MESSAGE
    elif lead_problem := lead_count_problem(role for _organisation, role in organisations):
        problems["organisations"] = lead_problem
    lead = next((org for org, role in organisations if role == OrganisationRole.LEAD), None)
    if lead is not None and not (lead.description or "").strip():
        problems["organisation_description"] = DESCRIPTION_MESSAGE
    # The lead first: its mission statement is the question on the form.
    ordered = sorted(organisations, key=lambda pair: pair[1] != OrganisationRole.LEAD)
    for organisation, _role in ordered:
        mission = mission_statement_problem(
            type=organisation.type,
            mission_statement=organisation.mission_statement,
            name=organisation.name,
        )
        if mission:
            problems.setdefault("mission_statement", mission)
    return problems


def people_problems(people) -> dict[str, str]:
    """``people``: objects with name, job_title, organisation, contact and duties."""
    if not people:
        return {"responsible_people": PEOPLE_MESSAGE}
    accountable = accountable_count_problem(person.duties for person in people)
    if accountable:
        return {"responsible_people": accountable}
    for person in people:
        if not all(
            (getattr(person, attribute) or "").strip()
            for attribute in ("name", "job_title", "organisation", "contact")
        ):
            return {"responsible_people": PERSON_DETAILS_MESSAGE}
        if not person.duties:
            return {"responsible_people": f"Choose at least one duty for {person.name}"}
    return {}


def ai_problems(*, uses_ai, ai_kinds, ai_decision_role) -> dict[str, str]:
    problems = {}
    if uses_ai is None:
        problems["uses_ai"] = USES_AI_MESSAGE
    elif uses_ai:
        if not ai_kinds:
            problems["ai_kinds"] = AI_KINDS_MESSAGE
        if not ai_decision_role:
            problems["ai_decision_role"] = AI_DECISION_ROLE_MESSAGE
    return problems


def _as_this_version_says(organisation, project: Project) -> SimpleNamespace:
    """The lead organisation with the description and mission statement this version gives."""
    return SimpleNamespace(
        name=organisation.name,
        type=organisation.type,
        description=project.organisation_description,
        mission_statement=project.mission_statement,
    )


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
    if website := website_problem(project.website):
        problems["website"] = website
    problems.update(
        organisation_problems(
            [
                (
                    _as_this_version_says(po.organisation, project)
                    if po.role == "lead"
                    else po.organisation,
                    po.role,
                )
                for po in project.project_organisations.all()
            ]
        )
    )
    problems.update(people_problems(list(project.responsible_people.all())))
    problems.update(impact_assessment_problems(list(project.impact_assessments.all())))
    # Keep the guide's order so that an error summary reads top to bottom.
    order = list(QUESTIONS)
    return dict(sorted(problems.items(), key=lambda item: order.index(item[0])))
