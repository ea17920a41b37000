"""A register with every kind of version on it, for the open data tests: published projects
(one with several organisations, non-ASCII names and a replaced earlier version), a draft, a
submitted version, a withdrawn record and a newer draft of a published project. Every version
was written by someone whose email address must never reach the open data."""

import datetime

from django.utils import timezone

from opendata.importer import import_document
from projects import services
from projects.models import Project
from tests.documents import document, record
from tests.factories import (
    AIProjectFactory,
    ProjectFactory,
    PublishedProjectFactory,
    UserFactory,
)

SUBMITTER_EMAIL = "private.submitter@council.example"

TRICKY_ANSWER = 'She said "it works", then:\nline two, with a comma; and a semicolon.\r\nÀ bientôt'


def make_register(now=None):
    """Builds the register and returns the ids (slugs) of the published projects."""
    now = now or timezone.now()
    submitter = UserFactory(username=SUBMITTER_EMAIL)
    moderator = UserFactory(username="moderator.private@charter.example")
    import_document(
        document(
            record("fire-safety-visits", purpose=TRICKY_ANSWER),
            record(
                "school-place-planning",
                title="School place planning",
                uses_ai=False,
                ai_kinds=[],
                ai_decision_role=None,
                start_date=None,
                website=None,
                status="planning",
            ),
        ),
        now=now - datetime.timedelta(days=30),
    )
    # A new version of an imported record goes through the moderation services.
    first = Project.objects.published().get(slug="fire-safety-visits")
    draft = services.start_new_version(project=first, user=submitter)
    draft.title = "Fire safety visits for people most at risk, version two"
    draft.declaration = True
    draft.declared_by = submitter
    draft.save()
    services.submit_project(project=draft, user=submitter)
    services.publish_project(
        project=draft, moderator=moderator, now=now - datetime.timedelta(days=1)
    )

    ai = AIProjectFactory(
        slug="housing-repairs-chatbot",
        title="Housing repairs chatbot",
        created_by=submitter,
        submitted_by=submitter,
        declared_by=submitter,
        published_at=now - datetime.timedelta(days=10),
    )
    plain = PublishedProjectFactory(
        slug="bin-collection-routes",
        title="Bin collection routes",
        created_by=submitter,
        published_at=now - datetime.timedelta(days=20),
    )
    # Versions the public must not see in the open data.
    ProjectFactory(slug="secret-draft", title="A draft nobody has checked", created_by=submitter)
    ProjectFactory(
        slug="awaiting-check", title="Submitted, not yet checked", publication_state="submitted"
    )
    withdrawn = PublishedProjectFactory(slug="withdrawn-project", title="A withdrawn project")
    services.withdraw_project(project=withdrawn, moderator=moderator, reason="Ended early")
    next_draft = services.start_new_version(project=ai, user=submitter)
    next_draft.title = "Unpublished new title"
    next_draft.save()
    return ["fire-safety-visits", "school-place-planning", ai.slug, plain.slug]
