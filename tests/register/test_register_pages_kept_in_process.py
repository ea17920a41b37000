"""Rendered register pages are kept in each app server's process, so a hit reads only the
register's stamp from the shared cache (a small row of the database cache, not the page's
50 KB). With Redis they are kept in the shared cache too, for the other servers; with the
database cache they are not (writing a page there cost more than rendering it). The stamp is
read on every request: a change made through another server is never answered from the
process."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from register import caching
from tests.factories import PublishedProjectFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_process_store(monkeypatch):
    monkeypatch.setattr(caching, "_kept_pages", caching.OrderedDict())
    monkeypatch.setattr(caching, "_kept_page_bytes", 0)


def cache_reads(client, path: str):
    """The answer, and the database cache's reads (the tests' shared cache) it took."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    return response, [q["sql"] for q in captured.captured_queries if "django_cache" in q["sql"]]


def test_a_hit_kept_in_the_process_reads_only_the_stamp(client):
    PublishedProjectFactory(title="Bus routes")
    client.get("/register/")

    response, reads = cache_reads(client, "/register/")

    assert response["X-Register-Cache"] == "hit"
    assert "Bus routes" in response.content.decode()
    assert len(reads) == 1
    assert caching.GENERATION_KEY in reads[0]
    assert "register:page:" not in reads[0]
    kept_key = caching._page_key(response.wsgi_request)
    assert kept_key in caching._kept_pages


def test_a_change_through_another_server_is_seen_at_once(client):
    PublishedProjectFactory(title="Bus routes")
    client.get("/register/")

    # Another app server published something: it changed the shared stamp, nothing here.
    cache.set(caching.GENERATION_KEY, caching._new_stamp(), timeout=None)
    PublishedProjectFactory(title="Library loans")
    response = client.get("/register/")

    assert response["X-Register-Cache"] == "miss"
    assert "Library loans" in response.content.decode()


@pytest.fixture
def _redis_like_cache(settings):
    """A shared cache that is not the database cache, as Redis is."""
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}


def test_with_the_database_cache_a_page_is_kept_in_the_process_only(client):
    PublishedProjectFactory(title="Bus routes")

    response, reads = cache_reads(client, "/register/")

    assert response["X-Register-Cache"] == "miss"
    key = caching._page_key(response.wsgi_request)
    assert key in caching._kept_pages
    assert cache.get(key) is None
    assert not [sql for sql in reads if "register:page:" in sql and "INSERT" in sql]


@pytest.mark.usefixtures("_redis_like_cache")
def test_with_redis_a_page_is_kept_in_the_shared_cache_too(client):
    PublishedProjectFactory(title="Bus routes")

    response = client.get("/register/")

    entry = cache.get(caching._page_key(response.wsgi_request))
    assert b"Bus routes" in entry["content"]


@pytest.mark.usefixtures("_redis_like_cache")
def test_a_page_another_server_rendered_for_the_new_stamp_is_taken_from_the_shared_cache(client):
    PublishedProjectFactory(title="Bus routes")
    client.get("/register/")
    key = next(iter(caching._kept_pages))
    stamp = caching._new_stamp()
    cache.set(caching.GENERATION_KEY, stamp, timeout=None)
    theirs = dict(caching._kept_pages[key][1], stamp=stamp, content=b"their page")
    cache.set(key, theirs, timeout=caching.PAGE_SECONDS)

    response = client.get("/register/")

    assert response["X-Register-Cache"] == "hit"
    assert response.content == b"their page"
    assert caching._kept_pages[key][1]["stamp"] == stamp


def test_only_the_latest_pages_are_kept_up_to_a_size(client, monkeypatch):
    PublishedProjectFactory(title="Bus routes")
    client.get("/register/")
    one_page = caching._kept_page_bytes
    monkeypatch.setattr(caching, "KEPT_PAGE_BYTES", one_page * 2 + one_page // 2)

    for page in ("/register/?sort=title", "/register/?sort=updated", "/register/?sort=newest"):
        client.get(page)

    assert len(caching._kept_pages) == 2
    assert caching._kept_page_bytes <= caching.KEPT_PAGE_BYTES


def test_a_page_kept_longer_than_a_page_may_be_is_rendered_again(client, monkeypatch):
    PublishedProjectFactory(title="Bus routes")
    client.get("/register/")
    start = caching.time.monotonic()
    monkeypatch.setattr(caching.time, "monotonic", lambda: start + caching.PAGE_SECONDS + 1)

    response, reads = cache_reads(client, "/register/")

    assert response["X-Register-Cache"] == "miss"
    assert [sql for sql in reads if "register:page:" in sql] == []
    assert len(reads) == 1  # the stamp


@pytest.mark.usefixtures("_redis_like_cache")
def test_with_redis_a_page_kept_too_long_is_read_again_from_the_shared_cache(client, monkeypatch):
    PublishedProjectFactory(title="Bus routes")
    client.get("/register/")
    start = caching.time.monotonic()
    monkeypatch.setattr(caching.time, "monotonic", lambda: start + caching.PAGE_SECONDS + 1)

    response = client.get("/register/")

    assert response["X-Register-Cache"] == "hit"  # from the shared cache: stamp and page
