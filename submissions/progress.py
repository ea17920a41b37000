"""How far a project version has got: each section's status on the task list, in one place."""

from __future__ import annotations

from dataclasses import dataclass

from projects.questions import SECTIONS, Kind, Section, section_of

NOT_STARTED = "Not started"
IN_PROGRESS = "In progress"
COMPLETED = "Completed"


@dataclass(frozen=True)
class Task:
    section: Section
    status: str

    @property
    def is_complete(self) -> bool:
        return self.status == COMPLETED


def _answered(project, question) -> bool:
    if question.kind == Kind.DECLARATION:
        return False  # ticked on the check answers page, not in the section
    value = project.answer(question.key)
    return value not in (None, "", [], False) and not (isinstance(value, str) and not value.strip())


def section_status(project, section: Section, problems: dict[str, str] | None = None) -> str:
    """ "Completed" when every answer the section needs is given and keeps the rules, "Not
    started" when nothing in it has been answered, "In progress" otherwise."""
    problems = project.problems() if problems is None else problems
    if not any(_answered(project, question) for question in section.questions):
        return NOT_STARTED
    if any(key in problems for key in section.keys):
        return IN_PROGRESS
    return COMPLETED


def task_list(project) -> list[Task]:
    problems = project.problems()
    return [Task(section, section_status(project, section, problems)) for section in SECTIONS]


def section_problems(project) -> list[tuple[Section, str, str]]:
    """Every problem stopping submission, with its section: (section, key, message)."""
    return [(section_of(key), key, message) for key, message in project.problems().items()]
