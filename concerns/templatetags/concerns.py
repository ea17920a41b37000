from django import template

from ..selectors import concern_counts, public_questions

register = template.Library()


@register.inclusion_tag("concerns/includes/project_questions.html")
def project_questions(project):
    """Questions and answers on a project page, with how many were raised and answered."""
    return {
        "project": project,
        "counts": concern_counts(project.slug),
        "questions": list(public_questions(project.slug)),
        "can_ask": project.publication_state == "published",
    }
