"""Display of answers on register pages: one place that turns a stored answer into words."""

from django import template
from django.template.loader import render_to_string

from ..models import CHOICE_LABELS
from ..questions import Kind, Question

register = template.Library()


def answer_display(project, question: Question):
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


@register.simple_tag
def answer(project, question: Question):
    """Render one answer: text keeps its paragraphs; organisations and people as lists."""
    return render_to_string(
        "register/includes/answer.html",
        {"question": question, "value": answer_display(project, question), "kind": question.kind},
    )
