"""Security headers on every response."""

import pytest

pytestmark = pytest.mark.django_db

PAGES = ["/principles/", "/principles/1/", "/healthz", "/no-such-page/"]


@pytest.mark.parametrize("path", PAGES)
def test_content_security_policy_is_strict(client, path):
    policy = client.get(path)["Content-Security-Policy"]
    directives = {part.split()[0]: part.split()[1:] for part in policy.split(";") if part.strip()}
    assert "'unsafe-inline'" not in policy
    assert "'unsafe-eval'" not in policy
    assert directives["object-src"] == ["'none'"]
    assert directives["base-uri"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["form-action"] == ["'self'"]
    assert directives["script-src"] == ["'self'"]


@pytest.mark.parametrize("path", PAGES)
def test_other_security_headers(client, path):
    response = client.get(path)
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


def test_hsts_and_secure_cookies_when_https_is_on(client, settings):
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_SSL_REDIRECT = True
    response = client.get("/principles/", secure=True)
    assert "max-age=31536000" in response["Strict-Transport-Security"]
    assert client.get("/principles/").status_code == 301  # plain http is redirected


def test_session_and_csrf_cookie_settings():
    from django.conf import settings

    assert settings.SESSION_COOKIE_HTTPONLY is True
    assert settings.SESSION_COOKIE_SAMESITE == "Lax"
    assert settings.CSRF_COOKIE_SAMESITE == "Lax"
