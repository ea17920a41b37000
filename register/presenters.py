"""How the register shows a project's states and flags: the one place that decides the words
and the GOV.UK tag colour of each, for every page (public, the form journey, Charter staff's
screens), through the ``register`` template tags."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property, lru_cache

from django.urls import get_script_prefix, reverse
from django.utils.html import format_html
from django.utils.text import Truncator

from projects.models import PublicationState
from projects.questions import STATUS_CHOICES

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


def one_line(text: str, words: int = 25) -> str:
    """The first paragraph of ``text`` cut to about ``words`` words: a one-line summary."""
    first = next((line.strip() for line in (text or "").splitlines() if line.strip()), "")
    return Truncator(first).words(words, truncate="\u2026")


STAGES = dict(STATUS_CHOICES)


def project_url(slug: str) -> str:
    """A record's public address: the same for as long as the process runs (its URLs), so it
    is worked out once per record, not on every list page that shows it."""
    return _project_url(get_script_prefix(), slug)


@lru_cache(maxsize=4096)
def _project_url(prefix: str, slug: str) -> str:
    return reverse("register:project", kwargs={"slug": slug})


@dataclass(frozen=True)
class ListedProject:
    """One project as a register list shows it: only what its entry needs, read in one query
    with its lead organisation's name (``register.selectors.ListedProjects``), because a list
    page reads 20 of them and building full ``Project`` models was a quarter of its time. Kept
    per register stamp, with its entry written out once (``html``)."""

    pk: int
    slug: str
    title: str
    status: str
    uses_ai: bool | None
    summary: str
    purpose: str
    lead_name: str | None

    def get_absolute_url(self) -> str:
        return project_url(self.slug)

    def get_status_display(self) -> str:
        return str(STAGES.get(self.status, self.status))

    @cached_property
    def html(self) -> str:
        """The project's entry in a list (``project_summary``), written out once."""
        return project_summary(self)


def project_summary(project) -> str:
    """One project in a list (a ``Project`` or a ``ListedProject``): title, lead organisation,
    stage, its summary (or, for a record published before summaries were asked for, its
    purpose in one line), and the AI flag. Written out here rather than by a template because a
    list page shows 20 of them."""
    if isinstance(project, ListedProject):
        lead = project.lead_name
    else:
        organisation = project.lead_organisation
        lead = organisation.name if organisation else None
    return format_html(
        '<li class="app-project-list__item">\n'
        '  <h3 class="govuk-heading-s govuk-!-margin-bottom-1"><a class="govuk-link" href="{}">'
        "{}</a></h3>\n"
        "  {}\n"
        '  <p class="govuk-body-s govuk-!-margin-bottom-1">\n'
        "    {}Stage: {}.\n"
        "  </p>\n"
        '  <p class="govuk-body govuk-!-margin-bottom-6">{}</p>\n'
        "</li>",
        project.get_absolute_url(),
        project.title,
        format_html('<p class="govuk-body govuk-!-margin-bottom-1">{}</p>', uses_ai_tag(project))
        if project.uses_ai
        else "",
        format_html("Led by {}. ", lead) if lead else "",
        project.get_status_display(),
        project.summary or one_line(project.purpose),
    )
