"""One object of each kind, for the security tests: two organisations (the owning one with a
member and an admin, the other with its admin), a moderator, a member of staff, the owning
organisation's projects in every publication state, and one of each team object (a request to
join, an invitation, an email domain, a signature waiting for Charter staff).

``build_world()`` makes them; ``World.client_for(role)`` gives a test client signed in as that
role. The roles are the columns of the permission table in ``tests.security.url_rules``.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.test import Client

from concerns.models import Concern
from organisations.models import Role
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
OTHER_MEMBER = "other_member"  # another organisation's admin (a non-member of the owning one)
OWNER = "owner"  # a member (not an admin) of the organisation that leads the project
ADMIN = "admin"  # an admin of the organisation that leads the project
MODERATOR = "moderator"  # Charter staff (the "Moderators" group)
STAFF = "staff"  # a superuser with access to the Django admin
ROLES = (ANONYMOUS, OTHER_MEMBER, OWNER, ADMIN, MODERATOR, STAFF)


@dataclass
class World:
    owner_org: object
    other_org: object
    owner: object
    admin: object
    other_member: object
    moderator: object
    staff: object
    published: Project
    draft: Project
    submitted: Project
    changes_requested: Project
    concern: Concern
    # The team objects' ids, by the URL argument that names them (tests.security.urls).
    team_ids: dict

    def user(self, role: str):
        return {
            ANONYMOUS: None,
            OTHER_MEMBER: self.other_member,
            OWNER: self.owner,
            ADMIN: self.admin,
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
    admin = AccountFactory(username="admin@example.org")
    owner_membership = MembershipFactory(user=owner, organisation=owner_org)
    MembershipFactory(user=admin, organisation=owner_org, role=Role.ADMIN)
    MembershipFactory(user=other_member, organisation=other_org, role=Role.ADMIN)
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
    team_ids = _team_objects(owner_org, owner_membership, admin)
    return World(
        owner_org=owner_org,
        other_org=other_org,
        owner=owner,
        admin=admin,
        other_member=other_member,
        moderator=moderator,
        staff=staff,
        published=published,
        draft=draft,
        submitted=submitted,
        changes_requested=changes_requested,
        concern=concern,
        team_ids=team_ids,
    )


def _team_objects(organisation, membership, admin) -> dict:
    """One of each team object of the owning organisation, through the services."""
    from organisations import teams

    asking = AccountFactory(username="asking@example.org")
    join_request = teams.ask_to_join(
        user=asking, organisation=organisation, message="I run the council's data team."
    )
    invitation, token = teams.invite(
        organisation=organisation, email="invited@example.org", role=Role.MEMBER, by=admin
    )
    domain = teams.add_domain(organisation=organisation, domain="owning.gov.uk", by=admin)
    signature = teams.request_signature(
        organisation=organisation,
        by=admin,
        signatory_name="Sam Example",
        job_title="Chief Executive",
        signed_on=datetime.date(2026, 1, 5),
    )
    return {
        "request_id": join_request.pk,
        "member_id": membership.pk,
        "invitation_id": invitation.pk,
        "token": token,
        "domain_id": domain.pk,
        "signature_id": signature.pk,
    }


def snapshot() -> dict:
    """Everything a forged request could change, as plain values, to compare before and after."""
    from organisations.models import (
        EmailDomain,
        Invitation,
        JoinRequest,
        Membership,
        MembershipEvent,
        Organisation,
        SignatureRequest,
    )
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
        "memberships": rows(Membership, "user_id", "organisation_id", "role"),
        "join_requests": rows(JoinRequest, "pk", "status"),
        "invitations": rows(Invitation, "pk", "token_hash", "accepted_at", "cancelled_at"),
        "domains": rows(EmailDomain, "pk", "confirmed_at"),
        "signatures": rows(SignatureRequest, "pk", "status"),
        "team_events": rows(MembershipEvent, "pk"),
        "events": rows(ModerationEvent, "pk"),
        "concerns": rows(Concern, "pk", "answered_at", "public_response", "published"),
    }


def content_type_id(model) -> int:
    return ContentType.objects.get_for_model(model).pk
