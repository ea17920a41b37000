"""Every answer, cached register pages and static files included, is only for a ``Host`` in
``DJANGO_ALLOWED_HOSTS``: any other host gets 400, never the page (a poisoned shared cache or a
page served under someone else's name)."""

import pytest

from tests.factories import PublishedProjectFactory

pytestmark = pytest.mark.django_db

EVIL = "register.evil.example"


@pytest.fixture
def project():
    return PublishedProjectFactory(title="Bus routes")


@pytest.mark.parametrize("path", ["/register/", "/register/?status=pilot", "/", "project"])
def test_a_cached_register_page_is_refused_for_a_host_that_is_not_allowed(client, project, path):
    path = project.get_absolute_url() if path == "project" else path
    client.get(path)
    assert client.get(path)["X-Register-Cache"] == "hit"  # in the early cache now

    response = client.get(path, HTTP_HOST=EVIL)

    assert response.status_code == 400
    assert "Bus routes" not in response.content.decode()
    assert "X-Register-Cache" not in response


def test_a_304_is_not_given_for_a_host_that_is_not_allowed(client, project):
    etag = client.get("/register/")["ETag"]

    response = client.get("/register/", HTTP_HOST=EVIL, HTTP_IF_NONE_MATCH=etag)

    assert response.status_code == 400


@pytest.mark.parametrize("path", ["/healthz", "/principles/", "/no-such-page/", "/static/x.css"])
def test_other_answers_are_refused_for_a_host_that_is_not_allowed(client, path):
    assert client.get(path, HTTP_HOST=EVIL).status_code == 400
    assert client.head(path, HTTP_HOST=EVIL).status_code == 400


def test_an_allowed_host_still_gets_the_cached_page(client, project, settings):
    settings.ALLOWED_HOSTS = ["register.example.org"]
    client.get("/register/", HTTP_HOST="register.example.org")

    response = client.get("/register/", HTTP_HOST="register.example.org")

    assert response.status_code == 200
    assert response["X-Register-Cache"] == "hit"
