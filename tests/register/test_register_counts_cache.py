"""The filter panel's counts and the list's order are kept per register stamp (the facet index):
any change to the register shows at once, on pages not cached before and for signed-in people,
and a page that is not in the page cache then takes the same few queries whatever the size."""

import datetime
import re

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from organisations.models import Membership
from projects.models import Project
from projects.services import publish_project, submit_project, withdraw_project
from tests.factories import (
    OrganisationFactory,
    ProjectFactory,
    PublishedProjectFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def count(page: str, label: str) -> int:
    return int(re.search(rf"{re.escape(label)} \((\d+)\)", page).group(1))


def get(client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200
    return response.content.decode()


def publish(title: str, **answers) -> Project:
    member = Membership.objects.create(user=UserFactory(), organisation=OrganisationFactory())
    draft = ProjectFactory(title=title, with_organisation=member.organisation, **answers)
    submit_project(project=draft, user=member.user)
    return publish_project(project=draft, moderator=UserFactory())


@pytest.fixture
def pilot():
    return PublishedProjectFactory(title="Bus routes", status="pilot", areas=["wirral"])


def test_publishing_updates_the_counts_on_a_page_not_seen_before(client, pilot):
    assert count(get(client, "/register/"), "Pilot") == 1

    publish("Library loans", status="pilot", areas=["sefton"])

    page = get(client, "/register/?sort=title")
    assert count(page, "Pilot") == 2
    assert count(page, "Sefton") == 1
    assert "2 projects" in page


def test_withdrawing_updates_the_counts_and_the_organisation_choices(client, pilot):
    organisation = pilot.lead_organisation.name
    page = get(client, "/register/")
    assert count(page, "Wirral") == 1
    assert f">{organisation} (1)<" in page

    withdraw_project(project=pilot, moderator=UserFactory(), reason="Stopped")

    page = get(client, "/register/?area=wirral")
    assert count(page, "Wirral") == 0
    assert organisation not in page
    assert "0 projects" in page


def test_signed_in_people_see_counts_that_follow_changes(client, pilot):
    user = get_user_model().objects.create_user(username="amina", password="a long password 1")
    client.force_login(user)
    assert count(get(client, "/register/"), "Pilot") == 1

    publish("Library loans", status="pilot")

    assert count(get(client, "/register/"), "Pilot") == 2


def test_review_overdue_counts_follow_the_date_without_any_change(client, monkeypatch):
    due = timezone.localdate() + datetime.timedelta(days=1)
    PublishedProjectFactory(title="Bus routes", next_review_due=due)
    assert count(get(client, "/register/"), "Review overdue") == 0

    later = due + datetime.timedelta(days=1)
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: later)

    assert count(get(client, "/register/?sort=updated"), "Review overdue") == 1


@pytest.fixture
def _local_cache(settings):
    """Count the pages' own queries, not the shared cache's (the database cache in tests)."""
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}


def page_queries(client, path: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    assert response["X-Register-Cache"] == "miss"
    return len(queries)


# None: the warm-up request showed the same projects, so their entries are kept
# (test_register_entries_kept.py counts the one query for projects not shown before), and it
# made the search already: its ids are kept per stamp (test_register_search_kept.py counts a
# search not made before).
PAGES = {
    "/register/?sort=title": 0,
    "/register/?page=2": 0,
    "/register/?q=library&status=pilot": 0,
    "/register/?uses_ai=no&area=liverpool&organisation_type=public_service&principle=3": 0,
}


@pytest.mark.usefixtures("_local_cache")
@pytest.mark.parametrize(("path", "expected"), PAGES.items())
def test_a_page_not_cached_takes_the_same_few_queries_whatever_the_size(client, path, expected):
    PublishedProjectFactory.create_batch(3, title="Library project", status="pilot")
    Project.objects.all().refresh_search_vector()
    client.get(f"{path}&seen=1")  # the index and this order are built once after a change
    assert page_queries(client, path) == expected

    PublishedProjectFactory.create_batch(30, title="Library project", areas=["wirral"])
    Project.objects.all().refresh_search_vector()
    client.get(f"{path}&seen=1")
    assert page_queries(client, path) == expected


@pytest.mark.usefixtures("_local_cache")
def test_the_first_page_after_a_change_builds_the_index_in_a_few_queries(client):
    PublishedProjectFactory.create_batch(3)
    cache.clear()
    small = page_queries(client, "/register/")
    PublishedProjectFactory.create_batch(30)
    assert page_queries(client, "/register/") == small <= 6
