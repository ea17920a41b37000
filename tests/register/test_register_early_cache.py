"""Cached register pages are answered before sessions, authentication, messages and CSRF run,
for visitors with neither a session nor a messages cookie: the same page, with the same
headers, and no database query when the shared cache is not the database."""

import pytest
from django.contrib.auth import get_user_model

from tests.factories import PublishedProjectFactory

pytestmark = pytest.mark.django_db

KEPT_HEADERS = [
    "Content-Type",
    "Content-Security-Policy",
    "X-Frame-Options",
    "X-Content-Type-Options",
    "Referrer-Policy",
    "Cache-Control",
    "Vary",
    "ETag",
    "Last-Modified",
]


@pytest.fixture
def _local_cache(settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}


@pytest.fixture
def project():
    return PublishedProjectFactory(title="Bus routes")


@pytest.mark.parametrize("path", ["/register/", "/register/?status=pilot", "project"])
def test_a_cached_page_has_the_same_body_and_headers(client, project, path):
    path = project.get_absolute_url() if path == "project" else path
    first = client.get(path)
    again = client.get(path)

    assert (first["X-Register-Cache"], again["X-Register-Cache"]) == ("miss", "hit")
    assert not hasattr(again.wsgi_request, "session")  # answered before sessions ran
    assert again.content == first.content
    for header in KEPT_HEADERS:
        assert again.get(header) == first.get(header), header
    assert "Set-Cookie" not in again


@pytest.mark.usefixtures("_local_cache")
def test_a_cached_page_takes_no_database_query(client, project, django_assert_num_queries):
    client.get("/register/")
    client.get(project.get_absolute_url())

    with django_assert_num_queries(0):
        assert client.get("/register/")["X-Register-Cache"] == "hit"
        assert client.get(project.get_absolute_url())["X-Register-Cache"] == "hit"


def test_a_signed_in_visitor_is_not_given_the_cached_page(client, project):
    assert "Sign out" not in client.get("/register/").content.decode()
    user = get_user_model().objects.create_user(username="amina", password="a long password 1")
    client.force_login(user)

    response = client.get("/register/")

    assert "Sign out" in response.content.decode()
    assert "X-Register-Cache" not in response
    assert hasattr(response.wsgi_request, "session")


def test_a_page_for_a_request_that_is_not_a_read_is_not_answered_from_the_cache(client, project):
    client.get("/register/")

    response = client.post("/register/")

    assert "X-Register-Cache" not in response
