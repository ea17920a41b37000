"""The wiring's middleware: every answer only for an allowed ``Host`` (``AllowedHostsMiddleware``),
and the database outage page (``DatabaseUnavailableMiddleware``).

When the database goes away, people get our "service unavailable" page, not a stack trace.

A query that fails because the database cannot be reached, or because the connection dropped
part-way through a request, raises ``django.db.OperationalError`` or ``InterfaceError`` (other
database errors, such as an ``IntegrityError``, are bugs and stay 500s). Writes run in
``transaction.atomic``, so nothing of a half-done save is kept; this answers 503 with
``Retry-After`` and a page that says so.

The page is rendered without the request and without context processors: they read the session
and the signed-in person, which need the database that has just failed.
"""

import logging

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template import loader

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 60
# Raised when the database cannot be reached or the connection dropped.
OUTAGE_ERRORS = (OperationalError, InterfaceError)


def database_unavailable_response(request, exception) -> HttpResponse:
    """The 503 page, logged with the traceback; ``saving`` when the person sent a form."""
    logger.error("Database unavailable: %s %s", request.method, request.path, exc_info=exception)
    saving = request.method not in ("GET", "HEAD", "OPTIONS")
    html = loader.get_template("503.html").render({"saving": saving})
    response = HttpResponse(html, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    response._has_been_logged = True  # Django would log it again, without the traceback
    return response


class DatabaseUnavailableMiddleware:
    """A view's database outage: the 503 page. (Outside views, nothing of ours reads the
    database; Django's session middleware turns a failed session write into a 400.)"""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, OUTAGE_ERRORS):
            return database_unavailable_response(request, exception)
        return None


class AllowedHostsMiddleware:
    """Checks the ``Host`` header against ``ALLOWED_HOSTS`` (``DJANGO_ALLOWED_HOSTS``) for every
    request, first in ``MIDDLEWARE``: Django checks it only when something asks for the host,
    so without this a static file or a page from the early register cache (which answer before
    any view) would be served for any ``Host``. A host that is not allowed gets Django's 400
    page (``DisallowedHost``, logged by ``django.security.DisallowedHost``)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.get_host()  # raises DisallowedHost: Django answers 400
        return self.get_response(request)
