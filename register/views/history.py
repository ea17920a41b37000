"""A record's public history: every published version with what changed, and each as it was."""

from django.shortcuts import redirect, render

from projects.diff import change_summary
from projects.questions import SECTIONS
from register.selectors import public_record, public_version, published_versions


def project_history(request, slug):
    versions = published_versions(slug)  # newest first
    older = [*versions[1:], None]
    entries = [
        {"version": version, "summary": change_summary(previous, version)}
        for version, previous in zip(versions, older, strict=True)
    ]
    return render(
        request,
        "history/project_history.html",
        {"current": public_record(slug), "entries": entries, "nav_section": "register"},
    )


def project_version(request, slug, version):
    project = public_version(slug, version)
    current = public_record(slug)
    if project.pk == current.pk:
        return redirect(current.get_absolute_url())
    return render(
        request,
        "history/project_version.html",
        {"project": project, "current": current, "sections": SECTIONS, "nav_section": "register"},
    )
