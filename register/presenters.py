"""How the register shows a project's states and flags: the one place that decides the words
and the GOV.UK tag colour of each, for every page (public, the form journey, Charter staff's
screens), through the ``register`` template tags."""

from __future__ import annotations

from django.utils.html import format_html

from projects.models import PublicationState

AI_HTML = format_html('<abbr title="{}">AI</abbr>', "artificial intelligence")

# The tag colour of each publication state (GOV.UK Frontend's tag modifiers).
STATE_TAG_COLOURS = {
    PublicationState.DRAFT: "grey",
    PublicationState.SUBMITTED: "blue",
    PublicationState.CHANGES_REQUESTED: "orange",
    PublicationState.PUBLISHED: "green",
    PublicationState.WITHDRAWN: "red",
    PublicationState.SUPERSEDED: "grey",
}


def tag(text, colour: str):
    return format_html('<strong class="govuk-tag govuk-tag--{}">{}</strong>', colour, text)


def state_tag(project):
    """The version's publication state as a tag: "Draft", "Submitted" ... "Withdrawn"."""
    return tag(
        project.get_publication_state_display(), STATE_TAG_COLOURS[project.publication_state]
    )


def uses_ai_tag(project, *, either: bool = False):
    """ "Uses AI" in purple when the project uses AI; with ``either``, "Does not use AI" in grey
    when it does not (otherwise nothing)."""
    if project.uses_ai:
        return format_html('<strong class="govuk-tag govuk-tag--purple">Uses {}</strong>', AI_HTML)
    if either:
        return format_html(
            '<strong class="govuk-tag govuk-tag--grey">Does not use {}</strong>', AI_HTML
        )
    return ""
