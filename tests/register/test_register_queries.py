"""Every public register page takes a small, constant number of queries, whatever the size."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from projects.models import Project, ProjectOrganisation
from tests.factories import AIProjectFactory, OrganisationFactory, PublishedProjectFactory

pytestmark = pytest.mark.django_db

MAX_QUERIES = 10


@pytest.fixture(autouse=True)
def _principles(db):
    """The principles' rows come from a data migration, which transactional tests elsewhere in
    the suite can empty; put them back as the browser harness does."""
    import importlib

    from django.apps import apps

    from principles.models import Principle

    if not Principle.objects.exists():
        importlib.import_module(
            "principles.migrations.0002_the_eleven_principles"
        ).create_principles(apps, None)


@pytest.fixture(autouse=True)
def _local_cache(settings):
    """Count the pages' own queries, not the shared cache's (the database cache in tests)."""
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}


def make_register(size: int):
    partner = OrganisationFactory(
        slug="shared-partner", name="Shared Partner", type="voluntary", is_signatory=True
    )
    for n in range(size):
        factory = AIProjectFactory if n % 2 else PublishedProjectFactory
        project = factory(title=f"Library project {n}", purpose=f"Libraries and reading {n}.")
        ProjectOrganisation.objects.create(
            project=project, organisation=partner, role="partner", position=1
        )
    Project.objects.all().refresh_search_vector()
    return partner


PAGES = [
    "/",
    "/register/",
    "/register/?q=library",
    "/register/?uses_ai=yes&status=in_use&area=liverpool&topic=health&organisation_type=voluntary"
    "&organisation=shared-partner&principle=3&sort=title",
    "/register/?page=2",
    "/organisations/",
    "/organisations/shared-partner/",
    "/principles/3/",
]


def count_queries(client, path) -> int:
    cache.clear()  # measure the page being built, not served from the cache
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200, path
    return len(queries)


@pytest.mark.parametrize("path", PAGES)
def test_pages_take_a_constant_number_of_queries(client, path, django_assert_max_num_queries):
    make_register(3)
    small = count_queries(client, path)
    PublishedProjectFactory.create_batch(25)
    Project.objects.all().refresh_search_vector()
    cache.clear()
    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get(path)
    assert response.status_code == 200
    assert count_queries(client, path) == small


def test_project_page_takes_a_constant_number_of_queries(client, django_assert_max_num_queries):
    make_register(25)
    project = Project.objects.published().first()
    cache.clear()
    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get(project.get_absolute_url())
    assert response.status_code == 200
