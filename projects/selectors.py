"""Reads for public pages. Public views read projects through here and nothing else."""

from django.http import Http404

from .models import Project


def public_record(slug: str) -> Project:
    """The version of a record that the public sees: the published one, or, if the record was
    withdrawn, the withdrawn version. Raises Http404 for anything else."""
    project = (
        Project.objects.public()
        .of_record(slug)
        .exclude(publication_state="superseded")
        .with_register_details()
        .order_by("-version")
        .first()
    )
    if project is None:
        raise Http404("No project with that id is on the register")
    return project
