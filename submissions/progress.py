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

    @property
    def is_in_progress(self) -> bool:
        return self.status == IN_PROGRESS


def _answered(project, question) -> bool:
    """Answered in the section (``Project.is_answered``, the one rule). The declaration is made
    on the check answers page, so it never starts a section."""
    return question.kind != Kind.DECLARATION and project.is_answered(question.key)


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
