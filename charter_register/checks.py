"""A system check that refuses to run the service in production without a secret key."""

from django.conf import settings
from django.core import checks
from django.core.exceptions import ImproperlyConfigured

MISSING_KEY = "Set DJANGO_SECRET_KEY (or DJANGO_DEBUG=true for development)."


@checks.register(checks.Tags.security, deploy=True)
def secret_key_is_set(app_configs, **kwargs):
    if settings.SECRET_KEY_MISSING:
        return [checks.Error(MISSING_KEY, id="charter_register.E001")]
    return []


def require_secret_key() -> None:
    """Called by the WSGI entry point: a server never starts without the key."""
    if settings.SECRET_KEY_MISSING:
        raise ImproperlyConfigured(MISSING_KEY)
