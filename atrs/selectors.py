"""Reads for the ATRS pages."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import get_object_or_404

from projects.models import Project
from projects.questions import QUESTIONS, section_of


def published_record(slug: str) -> Project:
    """The published version of a record, for its ATRS record; 404 for anything else."""
    project = Project.objects.published().of_record(slug).with_register_details().first()
    if project is None:
        raise Http404("No published project with that id is on the register")
    return project


def own_project(user, pk: int) -> Project:
    """A version that ``user`` may edit (led by one of their organisations); 404 otherwise."""
    return get_object_or_404(Project.objects.editable_by(user).with_register_details(), pk=pk)


def answers_from_record(project: Project) -> list:
    """(section, question) for each answer still as it came from another record."""
    keys = project.prefilled_keys()
    return [(section_of(key), QUESTIONS[key]) for key in QUESTIONS if key in keys]
