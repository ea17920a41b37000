"""Caching of public register pages, because residents read far more than anyone writes.

The register has one "generation" stamp, kept in the shared cache (Redis, or the database cache,
so every app server sees the same one). Any change to a project, its organisations, its
responsible people or an organisation replaces the stamp, which at once makes every cached page
stale. Anonymous GET requests to register pages then get:

- ``ETag`` and ``Last-Modified`` from the stamp, and 304 Not Modified when the browser or a
  shared cache already has the page;
- ``Cache-Control: public, max-age=60, s-maxage=300`` so a CDN or reverse proxy can keep them;
- the page from Django's cache, rendered once per stamp and address.

Signed-in people get ``Cache-Control: private, no-cache`` and their pages are never cached.

``register.receivers`` connects ``register_changed`` to the domain's saves and signals.
"""

from __future__ import annotations

import contextvars
import hashlib
import logging
import threading
import time
from collections import OrderedDict
from functools import lru_cache, wraps

from django.conf import settings
from django.contrib.messages import get_messages
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import DEFAULT_CACHE_ALIAS, cache, caches
from django.core.cache.backends.db import DatabaseCache
from django.core.exceptions import ObjectDoesNotExist
from django.db import DatabaseError, connections, router, transaction
from django.http import HttpResponse, HttpResponseNotModified
from django.urls import Resolver404, get_urlconf, resolve
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.http import http_date, parse_etags, parse_http_date_safe

from projects.models import WORKING_STATES

logger = logging.getLogger(__name__)

GENERATION_KEY = "register:generation"
PAGE_KEY = "register:page:{}"
# How long a browser (max-age) and a shared cache (s-maxage) may keep a page without asking.
BROWSER_SECONDS = 60
SHARED_SECONDS = 300
# A rendered page is kept at most this long even when nothing changes (so a new release's
# templates show within minutes).
PAGE_SECONDS = 600
# The stamp read at the start of the request being answered, so that values kept per stamp
# (``per_stamp``) do not read it again.
_request_stamp: contextvars.ContextVar[str | None] = contextvars.ContextVar(
    "register_stamp", default=None
)
# Values kept per stamp in this process too: name -> (stamp, value).
_local: dict[str, tuple[str, object]] = {}
# Rendered pages kept in this process too (the latest, up to this many bytes of pages), so that
# a hit reads only the stamp from the shared cache, not the page's 50 KB: with the database
# cache that read is a small row instead of a large encoded one. The stamp is still read on
# every request, so a page changed through another server is never answered from here.
KEPT_PAGE_BYTES = 32 * 1024 * 1024
_kept_pages: OrderedDict[str, tuple[float, dict]] = OrderedDict()
_kept_page_bytes = 0


def _new_stamp() -> str:
    return str(time.time_ns() // 1000)


def _only_a_working_version(instance) -> bool:
    """True when ``instance`` is a draft, submitted or changes-requested version (or one of its
    organisations or people): no public page shows it, so saving it leaves the register as it
    is. Publishing saves the version as published, which does change the register."""

    try:
        version = getattr(instance, "project", instance)
    except ObjectDoesNotExist:  # its version has gone already: count it as a change
        return False
    return getattr(version, "publication_state", None) in WORKING_STATES


def register_changed(instance=None, **kwargs) -> None:
    """Mark the register as changed now, and again when the current transaction commits (so a
    page rendered while the change was still uncommitted is not kept). Saving a version that
    the public cannot see changes nothing, so people filling in the form do not empty the
    register's caches with every section they save.

    After the commit, whatever is kept per stamp and every list page needs (the facet index,
    the list's order: ``after_change``) is built for the new stamp straight away, by the
    request that made the change, so that no visitor waits for it. Once per transaction,
    however many rows it changed."""
    if instance is not None and _only_a_working_version(instance):
        return
    cache.set(GENERATION_KEY, _new_stamp(), timeout=None)
    connection = transaction.get_connection()
    waiting = getattr(connection, "_register_commit", None)
    if connection.in_atomic_block and any(
        entry[1] is waiting for entry in connection.run_on_commit
    ):
        return  # this transaction's commit will do it (a rolled-back savepoint drops it: then not)
    connection._register_commit = _Committed(connection)
    transaction.on_commit(connection._register_commit)


# Built for the new stamp when a change commits (``register.facet_index`` adds its own).
_rebuilders: list = []


def after_change(build):
    """Register ``build()`` (a function that fills values kept per stamp) to run for the new
    stamp whenever a change to the register commits. Usable as a decorator."""
    _rebuilders.append(build)
    return build


class _Committed:
    """What happens once a transaction that changed the register commits: a new stamp, then
    everything ``after_change`` registered is built for it."""

    def __init__(self, connection):
        self.connection = connection

    def __call__(self) -> None:
        if getattr(self.connection, "_register_commit", None) is self:
            self.connection._register_commit = None
        cache.set(GENERATION_KEY, _new_stamp(), timeout=None)
        for build in _rebuilders:
            try:
                build()
            except Exception:  # a visitor's request builds it instead; the change is kept
                logger.exception("Rebuilding %s after a change to the register failed", build)


def _page_key(request) -> str:
    address = f"{request.method}:{request.get_full_path()}"
    return PAGE_KEY.format(hashlib.sha256(address.encode()).hexdigest())


def _stamp_or_new(stamp: str | None) -> str:
    if stamp is None:
        stamp = _new_stamp()
        if not cache.add(GENERATION_KEY, stamp, timeout=None):
            stamp = cache.get(GENERATION_KEY) or stamp
    return stamp


def _read(request) -> tuple[str, dict | None]:
    """The register's stamp and this page's cached entry: one round trip to the shared cache
    (for the stamp alone when this process keeps the page; the page too when it does not)."""
    page_key = _page_key(request)
    kept = _kept_page(page_key)
    if kept is not None or not worth_sharing():
        stamp = _stamp_or_new(cache.get(GENERATION_KEY))
        if kept is not None and kept["stamp"] == stamp:
            return stamp, kept
        return stamp, _shared_page(page_key, stamp)
    found = cache.get_many([GENERATION_KEY, page_key])
    stamp = _stamp_or_new(found.get(GENERATION_KEY))
    entry = found.get(page_key)
    if entry is not None and entry["stamp"] == stamp:
        _keep_page(page_key, entry)
    return stamp, entry


def _shared_page(page_key: str, stamp: str) -> dict | None:
    """The page from the shared cache when it is there for ``stamp`` (another server rendered
    it), now kept in this process too."""
    if not worth_sharing():
        return None
    entry = cache.get(page_key)
    if entry is None or entry["stamp"] != stamp:
        return None
    _keep_page(page_key, entry)
    return entry


def _kept_page(page_key: str) -> dict | None:
    kept = _kept_pages.get(page_key)
    if kept is None:
        return None
    if time.monotonic() - kept[0] > PAGE_SECONDS:
        _drop_page(page_key)
        return None
    _kept_pages.move_to_end(page_key)
    return kept[1]


def _keep_page(page_key: str, entry: dict) -> None:
    """Keep ``entry`` in this process (the latest pages, up to ``KEPT_PAGE_BYTES``)."""
    global _kept_page_bytes
    _drop_page(page_key)
    _kept_pages[page_key] = (time.monotonic(), entry)
    _kept_page_bytes += len(entry["content"])
    while _kept_page_bytes > KEPT_PAGE_BYTES and _kept_pages:
        _drop_page(next(iter(_kept_pages)))


def _drop_page(page_key: str) -> None:
    global _kept_page_bytes
    kept = _kept_pages.pop(page_key, None)
    if kept is not None:
        _kept_page_bytes -= len(kept[1]["content"])


def _store_page(request, entry: dict) -> None:
    """Keep a rendered page in this process, and in the shared cache for every server when that
    is worth it (``worth_sharing``)."""
    page_key = _page_key(request)
    if worth_sharing():
        cache.set(page_key, entry, timeout=PAGE_SECONDS)
    _keep_page(page_key, entry)


def current_stamp() -> str:
    """The register's generation stamp (the one this request started with, when known)."""
    return _request_stamp.get() or _stamp_or_new(cache.get(GENERATION_KEY))


def per_stamp(name: str, build, *, variant: str = ""):
    """A value worked out from the whole register (``build()``), kept until the register
    changes (or ``variant``, such as today's date, does): in this process, and in the shared
    cache so that other servers need not build it again."""
    stamp = f"{current_stamp()}:{variant}"
    kept = _local.get(name)
    if kept is not None and kept[0] == stamp:
        return kept[1]
    key = f"register:{name}:{stamp}"
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, timeout=PAGE_SECONDS)
    _local[name] = (stamp, value)
    return value


class KeptPerStamp:
    """The latest ``size`` values of one kind, kept in this process under the register's stamp
    and their own key: once the register changes none of them is found again (the stamp is
    part of the key), and the least recently used go first."""

    def __init__(self, size: int):
        self.size = size
        self._values: OrderedDict[tuple, object] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key, build):
        """The value kept for ``key`` at the current stamp, or ``build()``'s, then kept."""
        key = (current_stamp(), key)
        with self._lock:
            value = self._values.get(key, _MISSING)
            if value is not _MISSING:
                self._values.move_to_end(key)
                return value
        return self.put(key[1], build())

    def get_many(self, keys) -> dict:
        """The values kept for those of ``keys`` that are kept, at the current stamp."""
        stamp = current_stamp()
        found = {}
        with self._lock:
            for key in keys:
                value = self._values.get((stamp, key), _MISSING)
                if value is not _MISSING:
                    self._values.move_to_end((stamp, key))
                    found[key] = value
        return found

    def put(self, key, value):
        """Keep ``value`` for ``key`` at the current stamp; returns ``value``."""
        with self._lock:
            self._values[(current_stamp(), key)] = value
            while len(self._values) > self.size:
                self._values.popitem(last=False)
        return value


_MISSING = object()


def _not_modified(request, etag: str, last_modified: int) -> bool:
    # From META rather than ``request.headers``, which would parse every header first.
    if_none_match = request.META.get("HTTP_IF_NONE_MATCH")
    if if_none_match:
        return etag in parse_etags(if_none_match) or if_none_match.strip() == "*"
    if_modified_since = request.META.get("HTTP_IF_MODIFIED_SINCE")
    if not if_modified_since:
        return False
    since = parse_http_date_safe(if_modified_since)
    return since is not None and last_modified <= since


def _validators(stamp: str) -> tuple[str, int]:
    """The ``ETag`` and the ``Last-Modified`` time of every register page at ``stamp``."""
    return f'"register-{stamp}"', int(stamp) // 1_000_000


def _not_modified_response(request, stamp: str) -> HttpResponse | None:
    """304 Not Modified when the visitor already has the page as it is at ``stamp``."""
    etag, last_modified = _validators(stamp)
    if not _not_modified(request, etag, last_modified):
        return None
    response = HttpResponseNotModified()
    _public_headers(response, etag, last_modified)
    return response


def _public_headers(response, etag: str, last_modified: int) -> None:
    response["ETag"] = etag
    response["Last-Modified"] = http_date(last_modified)
    patch_cache_control(response, public=True, max_age=BROWSER_SECONDS, s_maxage=SHARED_SECONDS)
    patch_vary_headers(response, ["Cookie"])


def _is_personal(request) -> bool:
    return request.user.is_authenticated or len(get_messages(request)) > 0


def register_page(view):
    """Cache a public register page for anonymous visitors (see the module's docstring)."""

    @wraps(view)
    def cached_view(request, *args, **kwargs):
        if request.method not in ("GET", "HEAD") or _is_personal(request):
            response = view(request, *args, **kwargs)
            patch_cache_control(response, private=True, no_cache=True)
            return response
        early = getattr(request, "_register_read", None)  # read by RegisterPageMiddleware
        stamp, entry = early or _read(request)
        not_modified = _not_modified_response(request, stamp)
        if not_modified is not None:
            return not_modified
        if entry is not None and entry["stamp"] == stamp:
            response = HttpResponse(entry["content"], content_type=entry["content_type"])
            response["X-Register-Cache"] = "hit"
        else:
            token = _request_stamp.set(stamp)
            try:
                response = view(request, *args, **kwargs)
                if hasattr(response, "render") and callable(response.render):
                    response = response.render()
            finally:
                _request_stamp.reset(token)
            if response.status_code != 200:
                return response
            entry = {
                "stamp": stamp,
                "content": response.content,
                "content_type": response["Content-Type"],
            }
            if early is None:
                _store_page(request, entry)
            response["X-Register-Cache"] = "miss"
        if early is not None and "headers" not in entry:
            response._register_entry = entry  # the middleware stores it with every header
        _public_headers(response, *_validators(stamp))
        return response

    cached_view.register_page = True
    return cached_view


def _database_cache_connection():
    """The database connection the shared cache uses, when it is the database cache."""
    backend = caches[DEFAULT_CACHE_ALIAS]
    if not isinstance(backend, DatabaseCache):
        return None
    return connections[router.db_for_read(backend.cache_model_class)]


def worth_sharing() -> bool:
    """Whether rendered pages and a search's results are worth keeping in the shared cache as
    well as in this process: with Redis, yes (another server need not build them again); with
    the database cache, no: a write (a count, a read and an insert in a transaction, and
    deleting a third of the table whenever it is full) costs more than building most pages or
    searches, so each server keeps its own. The stamp is shared either way."""
    return _database_cache_connection() is None


# Cookies that make a page personal: who is signed in, and messages waiting to be shown.
PERSONAL_COOKIES = (settings.SESSION_COOKIE_NAME, CookieStorage.cookie_name)
# Headers that are the same for everyone and so are kept with a page (the others: cookies).
_NOT_KEPT = {"x-register-cache", "set-cookie"}


class RegisterPageMiddleware:
    """Answers a request for a cached register page from a visitor with neither a session nor a
    messages cookie before sessions, authentication, messages and CSRF run: a cache hit costs
    one read of the shared cache. Pages are kept with the headers that the rest of the stack
    added (content security policy, frame options), so a hit is the same page with the same
    headers. Goes straight after WhiteNoise in ``MIDDLEWARE``; without it, ``register_page``
    still caches, behind the whole stack."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not self._may_answer(request):
            return self.get_response(request)
        connection = _database_cache_connection()
        if connection is not None and connection.connection is not None:
            # The read of the database cache is this request's check that its connection
            # still works (instead of Django's "SELECT 1" first: a cached page is then one
            # query, not two). If the read fails, the connection is closed below, and the
            # view's first query opens a new one.
            connection.health_check_done = True
        try:
            stamp, entry = request._register_read = _read(request)
        except DatabaseError:
            # The database cache cannot be reached: the view answers (or says the service is
            # unavailable) as it would without this shortcut.
            if connection is not None and not connection.in_atomic_block:
                connection.close()
            return self.get_response(request)
        not_modified = _not_modified_response(request, stamp)
        if not_modified is not None:
            return not_modified
        if entry is not None and entry["stamp"] == stamp and "headers" in entry:
            response = HttpResponse(entry["content"])
            for name, value in entry["headers"]:
                response[name] = value
            response["X-Register-Cache"] = "hit"
            return response
        response = self.get_response(request)
        entry = getattr(response, "_register_entry", None)
        if entry is not None and not response.cookies and response.status_code == 200:
            entry["headers"] = [
                (name, value) for name, value in response.items() if name.lower() not in _NOT_KEPT
            ]
            _store_page(request, entry)
        return response

    @staticmethod
    def _may_answer(request) -> bool:
        if request.method not in ("GET", "HEAD"):
            return False
        if any(name in request.COOKIES for name in PERSONAL_COOKIES):
            return False
        return _is_register_page(settings.ROOT_URLCONF, get_urlconf(), request.path_info)


@lru_cache(maxsize=4096)
def _is_register_page(root_urlconf: str, urlconf, path: str) -> bool:
    """Whether ``path`` is answered by a view that ``register_page`` caches: worked out once per
    address (and URL configuration), because resolving it cost as much as the rest of a hit."""
    try:
        match = resolve(path, urlconf)
    except Resolver404:
        return False
    return getattr(match.func, "register_page", False)
