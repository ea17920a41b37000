"""WSGI entry point for gunicorn: ``gunicorn charter_register.wsgi``."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "charter_register.settings")

from charter_register.checks import require_secret_key  # noqa: E402

require_secret_key()
application = get_wsgi_application()
