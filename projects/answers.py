"""One place that turns a stored answer into words: register pages, the comparison of versions
(``projects.diff``) and the moderators' review all show these."""

from .models import CHOICE_LABELS
from .questions import Kind, Question


def answer_display(project, question: Question):
    """The answer to ``question`` as shown to people: choice labels, "Yes"/"No", "May 2025";
    organisations and people as their rows."""
    value = project.answer(question.key)
    if question.kind == Kind.YES_NO:
        return {True: "Yes", False: "No"}.get(value, "")
    if question.kind == Kind.MONTH:
        return value.strftime("%B %Y") if value else ""
    if question.key in CHOICE_LABELS:
        labels = CHOICE_LABELS[question.key]
        if isinstance(value, list):
            return ", ".join(labels.get(item, item) for item in value)
        return labels.get(value, value)
    if question.kind == Kind.DECLARATION:
        return "Declared" if value else "Not declared"
    return value
