"""When a change to the register commits, the request that made it builds the facet index and
the list's order for the new stamp, so that no visitor waits for them: the first list page
after a publish or a withdrawal only renders the page, and its counts are the new ones."""

import datetime
import re

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from projects.services import publish_project, withdraw_project
from register.facet_index import FacetIndex
from tests.factories import ModeratorFactory, PublishedProjectFactory, SubmittedProjectFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _local_cache(settings):
    """Count the pages' own queries, not the shared cache's (the database cache in tests)."""
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}


@pytest.fixture
def builds(monkeypatch):
    """How many times the facet index is built."""
    made = []
    build = FacetIndex.build.__func__

    def counted(cls, today):
        made.append(today)
        return build(cls, today)

    monkeypatch.setattr(FacetIndex, "build", classmethod(counted))
    return made


def total(response) -> int:
    return int(re.search(r'id="results">(\d+) project', response.content.decode()).group(1))


def first_page_queries(client) -> tuple[int, object]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/register/")
    assert response["X-Register-Cache"] == "miss"
    return len(queries), response


def test_the_first_list_page_after_a_publish_finds_the_index_built(
    client, builds, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):  # committed, as a request would
        PublishedProjectFactory.create_batch(3)
        submitted = SubmittedProjectFactory(title="Lantern survey")
    client.get("/register/")
    builds.clear()

    with django_capture_on_commit_callbacks(execute=True):
        publish_project(project=submitted, moderator=ModeratorFactory())
    assert len(builds) == 1  # by the publishing request, after its commit

    count, response = first_page_queries(client)

    assert len(builds) == 1  # not again by the visitor
    assert count == 1  # the page's projects with their lead organisations' names: nothing else
    assert total(response) == 4
    assert "Lantern survey" in response.content.decode()


def test_the_index_built_after_a_change_is_the_register_as_it_now_is(
    client, django_capture_on_commit_callbacks
):
    projects = PublishedProjectFactory.create_batch(3, status="pilot")
    PublishedProjectFactory(status="in_use", uses_ai=True, ai_kinds=["computer_vision"])

    with django_capture_on_commit_callbacks(execute=True):
        withdraw_project(project=projects[0], moderator=ModeratorFactory(), reason="Stopped.")

    kept = FacetIndex.current()
    fresh = FacetIndex.build(timezone.localdate())
    assert kept == fresh
    assert kept.masks["status"]["pilot"].bit_count() == 2
    assert FacetIndex.order("newest") == [
        p.pk for p in sorted(projects[1:] + [kept_project(kept, "in_use")], key=newest)
    ]
    assert total(client.get("/register/")) == 3


def kept_project(index, status):
    from projects.models import Project

    return Project.objects.get(pk__in=index.pks, status=status)


def newest(project):
    return (-project.first_published_at.timestamp(), -project.pk)


def test_many_changes_in_one_transaction_rebuild_once(builds, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        PublishedProjectFactory.create_batch(5)

    assert len(builds) == 1


def test_a_change_rolled_back_does_not_stop_the_next_one_rebuilding(
    builds, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(RuntimeError), transaction.atomic():
            PublishedProjectFactory()
            raise RuntimeError("rolled back")
        PublishedProjectFactory()

    assert len(builds) == 1


def test_a_failed_rebuild_is_logged_and_the_change_is_kept(
    client, monkeypatch, django_capture_on_commit_callbacks, caplog
):
    def broken(cls, today):
        raise RuntimeError("index broke")

    monkeypatch.setattr(FacetIndex, "build", classmethod(broken))
    with django_capture_on_commit_callbacks(execute=True):
        project = PublishedProjectFactory(title="Bus routes")

    assert "Rebuilding" in caplog.text
    monkeypatch.undo()
    response = client.get("/register/")
    assert total(response) == 1
    assert project.title in response.content.decode()


def test_the_review_overdue_count_is_rebuilt_for_a_new_day_by_the_first_visitor(
    client, monkeypatch
):
    """Not a change to the register: the date. The first visitor of the day builds it."""
    due = timezone.localdate() + datetime.timedelta(days=1)
    PublishedProjectFactory(next_review_due=due)
    assert "Review overdue (0)" in client.get("/register/").content.decode()

    later = due + datetime.timedelta(days=1)
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: later)

    assert "Review overdue (1)" in client.get("/register/?sort=updated").content.decode()
