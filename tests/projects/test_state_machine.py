"""Every allowed and every refused publication move."""

import pytest

from projects import services
from projects.models import (
    ALLOWED_MOVES,
    InvalidMove,
    ModerationEvent,
    Project,
    PublicationState,
)
from tests.factories import ProjectFactory, PublishedProjectFactory, UserFactory

pytestmark = pytest.mark.django_db
S = PublicationState


def move(project, to_state, user):
    if to_state == S.SUBMITTED:
        return services.submit_project(project=project, user=user)
    if to_state == S.PUBLISHED:
        return services.publish_project(project=project, moderator=user)
    if to_state == S.CHANGES_REQUESTED:
        return services.request_changes(project=project, moderator=user, message="Please add X")
    if to_state == S.WITHDRAWN:
        return services.withdraw_project(project=project, moderator=user, reason="Ended")
    raise AssertionError(to_state)


SERVICE_STATES = [S.SUBMITTED, S.PUBLISHED, S.CHANGES_REQUESTED, S.WITHDRAWN]
MOVES = [(a, b) for a in S.values for b in SERVICE_STATES]


@pytest.mark.parametrize(("from_state", "to_state"), MOVES)
def test_every_move(from_state, to_state, moderator):
    project = ProjectFactory(publication_state=from_state)
    events_before = ModerationEvent.objects.count()
    if to_state in ALLOWED_MOVES[from_state]:
        moved = move(project, to_state, moderator)
        assert moved.publication_state == to_state
        event = ModerationEvent.objects.latest("pk")
        assert (event.from_state, event.to_state, event.actor) == (from_state, to_state, moderator)
    else:
        with pytest.raises(InvalidMove):
            move(project, to_state, moderator)
        project.refresh_from_db()
        assert project.publication_state == from_state
        assert ModerationEvent.objects.count() == events_before


def test_submit_refuses_an_incomplete_project_and_changes_nothing():
    user = UserFactory()
    project = ProjectFactory(contest="")
    with pytest.raises(services.ProjectNotReady) as error:
        services.submit_project(project=project, user=user)
    assert "contest" in error.value.problems
    project.refresh_from_db()
    assert project.publication_state == S.DRAFT


def test_submit_needs_the_declaration():
    project = ProjectFactory(declaration=False)
    with pytest.raises(services.ProjectNotReady) as error:
        services.submit_project(project=project, user=UserFactory())
    assert "declaration" in error.value.problems


def test_submit_records_who_and_when():
    user = UserFactory()
    project = services.submit_project(project=ProjectFactory(), user=user)
    assert project.submitted_by == user
    assert project.submitted_at is not None


def test_request_changes_needs_a_message(moderator):
    project = ProjectFactory(publication_state=S.SUBMITTED)
    with pytest.raises(ValueError):
        services.request_changes(project=project, moderator=moderator, message=" ")


def test_publishing_sets_dates_and_the_next_review(moderator):
    project = services.publish_project(
        project=ProjectFactory(publication_state=S.SUBMITTED), moderator=moderator
    )
    assert project.published_at == project.first_published_at
    assert project.next_review_due == project.next_review_after(project.published_at)


def test_a_new_version_leaves_the_published_one_on_the_register(moderator):
    published = PublishedProjectFactory(version=1)
    draft = services.start_new_version(project=published, user=UserFactory())
    assert (draft.version, draft.publication_state) == (2, S.DRAFT)
    assert draft.slug == published.slug
    assert draft.lead_organisation == published.lead_organisation
    assert draft.responsible_people.count() == 1
    assert list(Project.objects.published()) == [published]
    # Asking again returns the same draft rather than a second one.
    assert services.start_new_version(project=published, user=UserFactory()) == draft


def test_publishing_a_new_version_replaces_the_old_one_which_is_kept(moderator):
    published = PublishedProjectFactory(version=1)
    draft = services.start_new_version(project=published, user=UserFactory())
    draft.title = "A better title"
    draft.declaration = True
    draft.save()
    services.submit_project(project=draft, user=UserFactory())
    services.publish_project(project=draft, moderator=moderator)
    published.refresh_from_db()
    assert published.publication_state == S.SUPERSEDED
    current = Project.objects.published().get()
    assert (current.pk, current.version, current.title) == (draft.pk, 2, "A better title")
    assert current.first_published_at == published.first_published_at
    assert Project.objects.public().of_record(published.slug).count() == 2


def test_only_a_published_project_can_get_a_new_version():
    with pytest.raises(InvalidMove):
        services.start_new_version(project=ProjectFactory(), user=UserFactory())


def test_create_project_starts_a_draft_led_by_the_organisation():
    from tests.factories import OrganisationFactory

    organisation = OrganisationFactory()
    project = services.create_project(
        title="Fire safety visits", organisation=organisation, user=UserFactory()
    )
    assert project.slug == "fire-safety-visits"
    assert project.lead_organisation == organisation
    again = services.create_project(title="Fire safety visits", organisation=organisation)
    assert again.slug == "fire-safety-visits-2"
