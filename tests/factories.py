"""Factories for the register's models. ``PublishedProjectFactory`` makes a complete record."""

import datetime

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from organisations.models import Membership, Organisation, Role
from oversight.permissions import REVIEWERS_GROUP
from projects.models import (
    ModerationEvent,
    Project,
    ProjectOrganisation,
    PublicationState,
    ResponsiblePerson,
)
from projects.questions import ANSWER_KEYS

# The authenticator app secret of every factory-made staff account (base32, test only).
MODERATOR_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def activate_authenticator_app(user):
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP

    if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(user, MODERATOR_TOTP_SECRET)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"person{n}@example.org")
    email = factory.LazyAttribute(lambda user: user.username)
    # Hashed before the row is saved, so the stored password matches (force_login needs that).
    password = factory.django.Password("a long test password 123")

    @factory.post_generation
    def staff_authenticator_app(obj, create, extracted, **kwargs):
        """Superusers and staff must have an authenticator app (accounts/second_factor.py)."""
        if create and (obj.is_superuser or obj.is_staff):
            activate_authenticator_app(obj)


class ModeratorFactory(UserFactory):
    """Charter staff: a member of the "Moderators" group."""

    class Meta:
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"moderator{n}@example.org")

    @factory.post_generation
    def moderators_group(obj, create, extracted, **kwargs):
        if create:
            # get_or_create: transactional (live_server) tests empty the migration's group.
            from projects.permissions import MODERATORS_GROUP

            obj.groups.add(Group.objects.get_or_create(name=MODERATORS_GROUP)[0])

    @factory.post_generation
    def authenticator_app(obj, create, extracted, **kwargs):
        """Moderators must have an authenticator app (accounts/second_factor.py): by default
        one is set up with ``MODERATOR_TOTP_SECRET``; ``authenticator_app=False`` for none."""
        if create and extracted is not False:
            activate_authenticator_app(obj)


def _member_of(group_name: str):
    """Adds the user to the group, made if missing (transactional tests empty migrations' rows)."""

    def join(obj, create, extracted, **kwargs):
        if create:
            obj.groups.add(Group.objects.get_or_create(name=group_name)[0])

    return factory.PostGeneration(join)


class ReviewerFactory(UserFactory):
    """An independent reviewer: in the "Reviewers" group, so oversight figures only."""

    class Meta:
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"reviewer{n}@example.org")
    reviewers_group = _member_of(REVIEWERS_GROUP)


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Example Borough Council {n}")
    type = "public_service"
    description = "A local council serving residents of the city region."
    mission_statement = ""
    verified = True


class MembershipFactory(factory.django.DjangoModelFactory):
    """A member of an organisation's team (``role=Role.ADMIN`` for an admin)."""

    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = Role.MEMBER


class AdminMembershipFactory(MembershipFactory):
    role = Role.ADMIN


class ProjectFactory(factory.django.DjangoModelFactory):
    """A draft with every answer given, a lead organisation and an accountable person."""

    class Meta:
        model = Project
        skip_postgeneration_save = True

    class Params:
        lead = None

    slug = factory.Sequence(lambda n: f"example-project-{n}")
    title = factory.Sequence(lambda n: f"Example project {n}")
    status = "in_use"
    uses_ai = False
    ai_kinds = factory.LazyFunction(list)
    ai_decision_role = ""
    areas = factory.LazyFunction(lambda: ["liverpool"])
    topics = factory.LazyFunction(lambda: ["health"])
    start_date = datetime.date(2025, 4, 1)
    website = "https://example.org/project"
    declaration = True

    for _key in ANSWER_KEYS:
        vars()[_key] = f"Our answer about {_key.replace('_', ' ')}."
    del _key

    @factory.lazy_attribute
    def purpose(self):
        return f"To help residents of the city region with {self.title.lower()}."

    @factory.lazy_attribute
    def summary(self):
        return f"A short summary of {self.title.lower()} for residents."

    @factory.post_generation
    def with_organisation(obj, create, extracted, **kwargs):
        if not create:
            return
        organisation = extracted or OrganisationFactory()
        ProjectOrganisation.objects.create(project=obj, organisation=organisation, role="lead")
        # The version's own copy of its lead organisation's texts (section 2).
        if not obj.organisation_description and not obj.mission_statement:
            obj.organisation_description = organisation.description
            obj.mission_statement = organisation.mission_statement
            Project.objects.filter(pk=obj.pk).update(
                organisation_description=obj.organisation_description,
                mission_statement=obj.mission_statement,
            )

    @factory.post_generation
    def with_people(obj, create, extracted, **kwargs):
        if not create or extracted is False:
            return
        ResponsiblePerson.objects.create(
            project=obj,
            name="Alex Example",
            job_title="Head of Data",
            organisation=obj.lead_organisation.name if obj.lead_organisation else "Example",
            contact="data@example.org",
            duties=["accountable", "contact"],
        )


class PublishedProjectFactory(ProjectFactory):
    publication_state = PublicationState.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)
    first_published_at = factory.LazyAttribute(lambda project: project.published_at)
    last_reviewed_at = factory.LazyAttribute(lambda project: project.published_at)
    next_review_due = factory.LazyAttribute(
        lambda project: project.published_at.date() + datetime.timedelta(days=365)
    )


class AIProjectFactory(PublishedProjectFactory):
    uses_ai = True
    ai_kinds = factory.LazyFunction(lambda: ["predictive_model"])
    ai_decision_role = "supports_human_decision"


class SubmittedProjectFactory(ProjectFactory):
    """A version waiting for review, submitted ``waited`` ago (a timedelta, default one day)."""

    class Params:
        waited = datetime.timedelta(days=1)

    publication_state = PublicationState.SUBMITTED
    submitted_at = factory.LazyAttribute(lambda project: timezone.now() - project.waited)
    submitted_by = factory.SubFactory(UserFactory)

    @factory.post_generation
    def submitted_event(obj, create, extracted, **kwargs):
        if create:
            ModerationEvent.objects.create(
                project=obj,
                actor=obj.submitted_by,
                from_state=PublicationState.DRAFT,
                to_state=PublicationState.SUBMITTED,
            )


def submitted_new_version(published: Project, **answers) -> Project:
    """Through the services: a new version of ``published`` with ``answers`` changed, submitted."""
    from projects import services

    draft = services.start_new_version(project=published, user=UserFactory())
    for key, value in answers.items():
        setattr(draft, key, value)
    draft.declaration = True
    draft.save()
    return services.submit_project(project=draft, user=UserFactory())


class AccountFactory(UserFactory):
    """A person who can sign in: password saved and email address confirmed (django-allauth)."""

    class Meta:
        skip_postgeneration_save = True

    @factory.post_generation
    def verified_email(obj, create, extracted, **kwargs):
        if not create:
            return
        obj.save()  # keep the password UserFactory set
        if extracted is False:
            return
        from allauth.account.models import EmailAddress

        EmailAddress.objects.get_or_create(
            user=obj, email=obj.email, defaults={"verified": True, "primary": True}
        )
