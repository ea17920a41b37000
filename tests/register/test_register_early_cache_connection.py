"""A cached register page from the database cache is one query: the cache's read is the
request's check that its database connection still works (Django's health check would add a
"SELECT 1" first). A connection that has gone is closed, and the page is still answered."""

import pytest
from django.db import DEFAULT_DB_ALIAS, OperationalError, connections

from register import caching
from tests.factories import PublishedProjectFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def connection():
    """This thread's database connection itself (monkeypatch the wrapper, not the proxy)."""
    return connections[DEFAULT_DB_ALIAS]


@pytest.fixture
def health_checks(monkeypatch, connection):
    """Health checks on, as in production, counting each one."""
    checks = []
    usable = connection.is_usable

    def counted():
        checks.append(1)
        return usable()

    monkeypatch.setattr(connection, "is_usable", counted)
    monkeypatch.setattr(connection, "health_check_enabled", True)
    return checks


def new_request(connection):
    """What Django does at the start of each request: the next query checks the connection."""
    connection.health_check_done = False


def test_a_cached_page_does_not_check_the_connection_first(client, health_checks, connection):
    PublishedProjectFactory(title="Bus routes")
    client.get("/register/")
    new_request(connection)

    response = client.get("/register/")

    assert response["X-Register-Cache"] == "hit"
    assert health_checks == []


def test_other_pages_still_check_the_connection(client, health_checks, connection):
    new_request(connection)

    assert client.get("/healthz").status_code == 200
    assert health_checks == [1]


def test_a_cache_read_that_fails_steps_aside_and_the_page_is_answered(
    client, monkeypatch, connection
):
    PublishedProjectFactory(title="Bus routes")
    client.get("/register/")
    closed = []
    monkeypatch.setattr(connection, "close", lambda: closed.append(1))
    read = caching._read
    reads = []

    def unreachable_once(request):
        reads.append(1)
        if len(reads) == 1:  # the early read; as if outside a test's transaction
            monkeypatch.setattr(connection, "in_atomic_block", False)
            raise OperationalError("server closed the connection unexpectedly")
        monkeypatch.setattr(connection, "in_atomic_block", True)
        return read(request)

    monkeypatch.setattr(caching, "_read", unreachable_once)
    response = client.get("/register/")

    assert closed == [1]
    assert response.status_code == 200
    assert "Bus routes" in response.content.decode()
