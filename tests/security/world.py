"""One object of each kind, for the security tests: two organisations with a member each, a
moderator, a member of staff, and the owning organisation's projects in every publication state.

``build_world()`` makes them; ``World.client_for(role)`` gives a test client signed in as that
role. The roles are the columns of the permission table in ``tests.security.url_rules``.
"""

from __future__ import annotations

from dataclasses import dataclass

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.test import Client

from concerns.models import Concern
from projects.models import ModerationEvent, Project, PublicationState
from projects.permissions import MODERATORS_GROUP
from tests.factories import (
    AccountFactory,
    MembershipFactory,
    ModeratorFactory,
    OrganisationFactory,
    ProjectFactory,
    PublishedProjectFactory,
    SubmittedProjectFactory,
)

ANONYMOUS = "anonymous"
OTHER_MEMBER = "other_member"  # a member of another organisation
OWNER = "owner"  # a member of the organisation that leads the project
MODERATOR = "moderator"  # Charter staff (the "Moderators" group)
STAFF = "staff"  # a superuser with access to the Django admin
ROLES = (ANONYMOUS, OTHER_MEMBER, OWNER, MODERATOR, STAFF)


@dataclass
class World:
    owner_org: object
    other_org: object
    owner: object
    other_member: object
    moderator: object
    staff: object
    published: Project
    draft: Project
    submitted: Project
    changes_requested: Project
    concern: Concern

    def user(self, role: str):
        return {
            ANONYMOUS: None,
            OTHER_MEMBER: self.other_member,
            OWNER: self.owner,
            MODERATOR: self.moderator,
            STAFF: self.staff,
        }[role]

    def client_for(self, role: str, **client_kwargs) -> Client:
        client = Client(**client_kwargs)
        user = self.user(role)
        if user is not None:
            client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        return client

    @property
    def working_versions(self) -> list[Project]:
        """The owning organisation's versions that only its members may see."""
        return [self.draft, self.submitted, self.changes_requested]


def ensure_principles() -> None:
    """The 11 principles come from a data migration; transactional tests elsewhere in the suite
    (the browser tests) empty the tables, so put them back as the browser harness does."""
    import importlib

    from django.apps import apps

    from principles.models import Principle

    if not Principle.objects.exists():
        importlib.import_module(
            "principles.migrations.0002_the_eleven_principles"
        ).create_principles(apps, None)


def build_world() -> World:
    ensure_principles()
    owner_org = OrganisationFactory(name="Owning Borough Council")
    other_org = OrganisationFactory(name="Other Borough Council")
    owner = AccountFactory(username="owner@example.org")
    other_member = AccountFactory(username="other-member@example.org")
    MembershipFactory(user=owner, organisation=owner_org)
    MembershipFactory(user=other_member, organisation=other_org)
    moderator = ModeratorFactory(username="moderator@example.org")
    staff = AccountFactory(username="staff@example.org", is_staff=True, is_superuser=True)
    Group.objects.get_or_create(name=MODERATORS_GROUP)

    published = PublishedProjectFactory(slug="owners-published", with_organisation=owner_org)
    draft = ProjectFactory(slug="owners-draft", with_organisation=owner_org)
    submitted = SubmittedProjectFactory(slug="owners-submitted", with_organisation=owner_org)
    changes_requested = ProjectFactory(
        slug="owners-changes-requested",
        publication_state=PublicationState.CHANGES_REQUESTED,
        with_organisation=owner_org,
    )
    ModerationEvent.objects.create(
        project=changes_requested,
        actor=moderator,
        from_state=PublicationState.SUBMITTED,
        to_state=PublicationState.CHANGES_REQUESTED,
        message="Say who is accountable.",
    )
    concern = Concern.objects.create(
        project=published,
        slug=published.slug,
        kind=Concern.Kind.QUESTION,
        message="Who can see my data?",
        email="resident@example.net",
    )
    # One of each sign-in record (django-axes), so its read-only admin pages are walked too.
    request = {"user_agent": "test", "http_accept": "text/html", "path_info": "/accounts/login/"}
    AccessAttempt.objects.create(
        username="owner@example.org", get_data="", post_data="", failures_since_start=1, **request
    )
    AccessLog.objects.create(username="owner@example.org", **request)
    AccessFailureLog.objects.create(username="owner@example.org", **request)
    return World(
        owner_org=owner_org,
        other_org=other_org,
        owner=owner,
        other_member=other_member,
        moderator=moderator,
        staff=staff,
        published=published,
        draft=draft,
        submitted=submitted,
        changes_requested=changes_requested,
        concern=concern,
    )


def snapshot() -> dict:
    """Everything a forged request could change, as plain values, to compare before and after."""
    from organisations.models import Membership, Organisation
    from projects.models import ProjectOrganisation, ResponsiblePerson

    def rows(model, *fields):
        return sorted(model.objects.values_list(*fields))

    return {
        "projects": rows(
            Project,
            "pk",
            "slug",
            "version",
            "publication_state",
            "lock_version",
            "title",
            "purpose",
            "declaration",
            "updated_at",
        ),
        "project_organisations": rows(ProjectOrganisation, "project_id", "organisation_id", "role"),
        "people": rows(ResponsiblePerson, "project_id", "name", "contact"),
        "organisations": rows(
            Organisation, "pk", "name", "slug", "verified", "is_signatory", "description"
        ),
        "memberships": rows(Membership, "user_id", "organisation_id"),
        "events": rows(ModerationEvent, "pk"),
        "concerns": rows(Concern, "pk", "answered_at", "public_response", "published"),
    }


def content_type_id(model) -> int:
    return ContentType.objects.get_for_model(model).pk
