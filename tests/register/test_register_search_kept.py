"""A search's results are kept per register stamp: the next pages of a search, and the same
search again (on any server: they are in the shared cache too), take no search query, and any
change to the register shows in the next search at once. The list's order for a search is the
database's own order (best match first on PostgreSQL), page after page."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from projects.models import Project
from register import search as register_search
from register.filterset import RegisterFilterSet
from register.selectors import PAGE_SIZE
from tests.factories import PublishedProjectFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def _local_cache(settings):
    """Count the pages' own queries, not the shared cache's (the database cache in tests)."""
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}


def titles(response) -> list[str]:
    return re.findall(
        r'<h3 class="govuk-heading-s[^"]*"><a class="govuk-link" href="[^"]+">([^<]+)</a>',
        response.content.decode(),
    )


def published(title: str, **answers) -> Project:
    project = PublishedProjectFactory(title=title, **answers)
    Project.objects.filter(pk=project.pk).refresh_search_vector()
    return project


def queries(client, path: str) -> tuple[int, object]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200
    assert response["X-Register-Cache"] == "miss"
    return len(captured), response


@pytest.mark.usefixtures("_local_cache")
def test_the_next_page_of_a_search_takes_no_search_query(client):
    for n in range(PAGE_SIZE + 3):
        published(f"Library project {n}")
    published("Bus routes")
    client.get("/register/")  # the facet index and the list's order, built once per change

    first, response = queries(client, "/register/?q=library")
    again, response_again = queries(client, "/register/?q=library&page=2")

    assert again == first - 1
    assert len(titles(response)) == PAGE_SIZE
    assert len(titles(response_again)) == 3
    assert not set(titles(response)) & set(titles(response_again))


@pytest.mark.usefixtures("_local_cache")
def test_a_change_to_the_register_shows_in_the_next_search(client):
    published("Library loans")
    assert titles(client.get("/register/?q=library")) == ["Library loans"]

    published("Library van")

    assert set(titles(client.get("/register/?q=library&page=1"))) == {
        "Library loans",
        "Library van",
    }


@pytest.mark.usefixtures("_local_cache")
def test_only_the_latest_searches_are_kept_in_the_process(client, monkeypatch):
    monkeypatch.setattr(register_search, "KEPT_SEARCHES", 2)
    published("Library loans")
    for word in ("library", "loans", "bus", "routes"):
        client.get(f"/register/?q={word}")

    assert len(register_search._kept) == 2


def test_a_search_lists_the_projects_in_the_databases_own_order(client):
    """Page after page, the same projects in the same order as the FilterSet's queryset, which
    orders in the database (relevance on PostgreSQL: title matches first, then the purpose,
    then other answers; newest first on SQLite)."""
    for n in range(12):
        published(f"Repair cafe {n}", purpose="Fix things.")
        published(f"Bus routes {n}", purpose="Plan repair of bus shelters.")
        published(f"Parks {n}", purpose="Plan parks.", harm_mitigation="We repair benches.")
    expected = list(RegisterFilterSet({"q": "repair"}).qs.values_list("title", flat=True))

    listed = []
    for page in (1, 2):
        listed += titles(client.get("/register/", {"q": "repair", "page": page}))

    assert len(expected) == 36
    assert listed == expected
    if connection.vendor == "postgresql":  # best match first
        assert all(title.startswith("Repair cafe") for title in listed[:12])
        assert all(title.startswith("Parks") for title in listed[24:])
