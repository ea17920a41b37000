"""Rate limits on signing in, creating an account and resetting a password, per client
address (and per email address for resets). Over a limit the visitor gets a plain page with
HTTP 429. The counts live in the shared cache, so every app server ("worker") sees them."""

import pytest
from allauth.core.internal.ratelimit import get_cache_key, parse_rate
from django.conf import settings
from django.core import mail
from django.core.cache import cache
from django.test import Client, RequestFactory

from tests.factories import AccountFactory

pytestmark = pytest.mark.django_db

ADDRESS = "203.0.113.9"
OTHER_ADDRESS = "198.51.100.30"


def post(client, url, data, address=ADDRESS):
    return client.post(url, data, REMOTE_ADDR=address)


def assert_too_many_tries(response):
    html = response.content.decode()
    assert response.status_code == 429
    assert "<title>Too many tries" in html
    assert "Wait a few minutes (up to an hour), then try again." in html
    assert "Liverpool City Region Charter Register" in html and "govuk-header" in html


def limit(action: str, per: str = "ip") -> int:
    """How many tries the configured limit allows, read from the settings."""
    rates = [parse_rate(r) for r in settings.ACCOUNT_RATE_LIMITS[action].split(",")]
    return next(rate.amount for rate in rates if rate.per == per)


def test_signing_in_too_often_from_one_address_gets_the_429_page(client):
    data = {"login": "", "password": ""}
    for _ in range(limit("login")):
        assert post(client, "/accounts/login/", data).status_code == 200
    assert_too_many_tries(post(client, "/accounts/login/", data))
    # Reading the sign-in page is never limited, and other addresses are not affected.
    assert client.get("/accounts/login/", REMOTE_ADDR=ADDRESS).status_code == 200
    assert post(client, "/accounts/login/", data, OTHER_ADDRESS).status_code == 200


def test_creating_accounts_too_often_from_one_address_gets_the_429_page(client):
    data = {"email": "", "password1": "", "password2": ""}
    for _ in range(limit("signup")):
        assert post(client, "/accounts/signup/", data).status_code == 200
    assert_too_many_tries(post(client, "/accounts/signup/", data))
    assert post(client, "/accounts/signup/", data, OTHER_ADDRESS).status_code == 200


def test_resetting_one_address_too_often_gets_the_429_page(client):
    AccountFactory(email="jo@example.org", username="jo@example.org")
    data = {"email": "jo@example.org"}
    for _ in range(limit("reset_password", per="key")):
        assert post(client, "/accounts/password/reset/", data).status_code == 302
    sent = len(mail.outbox)
    # From another address too: the limit is on the email address being reset.
    assert_too_many_tries(post(client, "/accounts/password/reset/", data, OTHER_ADDRESS))
    assert len(mail.outbox) == sent


def test_asking_for_many_resets_from_one_address_gets_the_429_page(client):
    for n in range(limit("reset_password")):
        response = post(client, "/accounts/password/reset/", {"email": f"p{n}@example.org"})
        assert response.status_code == 302
    response = post(client, "/accounts/password/reset/", {"email": "another@example.org"})
    assert_too_many_tries(response)


def test_the_counts_live_in_the_shared_cache_so_every_worker_sees_them():
    # The configured cache is shared by every app server: Redis or the database.
    assert settings.CACHES["default"]["BACKEND"] in {
        "charter_register.cache.RedisCache",
        "django.core.cache.backends.db.DatabaseCache",
    }
    data = {"login": "", "password": ""}
    one_worker, another_worker = Client(), Client()
    for _ in range(limit("login")):
        post(one_worker, "/accounts/login/", data)
    # A different client (no shared session or cookies) from the same address is refused ...
    assert_too_many_tries(post(another_worker, "/accounts/login/", data))
    # ... because the count is an entry in the cache ...
    request = RequestFactory().post("/accounts/login/", REMOTE_ADDR=ADDRESS)
    rate = parse_rate(settings.ACCOUNT_RATE_LIMITS["login"])
    key = get_cache_key(request, app="allauth.account", action="login", rate=rate)
    assert len(cache.get(key)) == limit("login")
    # ... and emptying the cache starts the count again.
    cache.clear()
    assert post(another_worker, "/accounts/login/", data).status_code == 200
