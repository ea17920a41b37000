"""Full-text search of the register: the stored search vector (PostgreSQL; kept up to date by
``projects.search_vector``) and the plain fallback (SQLite).

What a search costs (docs/decisions/0020-search-at-scale.md): a search for common words matches
most of the register, and every match is ranked, so each match's stored vector is read. The
vector is kept inside the table's row (``STORAGE MAIN``, migration 0007) rather than in the
TOAST table, which made reading it the largest part of a search. The ids a search finds are
read in one plain query and kept per register stamp (``matching_ids``), so the next pages of a
search take no query (nor, with Redis as the shared cache, the same search on another server).
"""

import hashlib
from collections import OrderedDict

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.core.cache import cache
from django.db import connection
from django.db.models import F, Q

from projects.models import ProjectOrganisation
from projects.questions import TEXT_ANSWER_KEYS
from projects.search_vector import SEARCH_CONFIG

from .caching import PAGE_SECONDS, current_stamp, shares_searches

# Longer searches are cut to this many characters: no one types more, and it bounds the work.
MAX_QUERY_LENGTH = 200
# On SQLite every word must appear somewhere; more words than this are ignored.
MAX_FALLBACK_WORDS = 8
# Searches kept in this process (the latest ones, per register stamp); more are in the shared
# cache.
KEPT_SEARCHES = 256
_kept: OrderedDict[str, list[int]] = OrderedDict()


def search(queryset, text: str, *, ranked: bool = True):
    """Projects in ``queryset`` that match ``text``: the title, the summary, the purpose, every
    answer and the organisations' names.

    On PostgreSQL, a full-text match on the stored, indexed ``search_vector`` with web-search
    syntax ("quoted phrases", or, -not), annotated with ``rank`` (title matches weigh most). On
    SQLite, every word must appear (ignoring case) in one of those texts; ``rank`` is not set.
    """
    text = " ".join(text.split())[:MAX_QUERY_LENGTH]
    if not text:
        return queryset
    if connection.vendor == "postgresql":
        query = SearchQuery(text, search_type="websearch", config=SEARCH_CONFIG)
        queryset = queryset.filter(search_vector=query)
        if ranked:
            queryset = queryset.annotate(rank=SearchRank(F("search_vector"), query))
        return queryset
    for word in text.split()[:MAX_FALLBACK_WORDS]:
        named = ProjectOrganisation.objects.filter(organisation__name__icontains=word)
        condition = Q(pk__in=named.values("project_id"))
        for field in ["title", "summary", *TEXT_ANSWER_KEYS]:
            condition |= Q(**{f"{field}__icontains": word})
        queryset = queryset.filter(condition)
    return queryset


def matching_ids(found) -> list[int]:
    """The ids of the projects in ``found`` (a search, in its order), kept until the register
    changes: in this process, and in the shared cache when that is Redis (a write to the
    database cache is five queries, more than most searches cost). One query (rows read
    straight from the cursor) when neither has them."""
    sql, params = found.values_list("pk", flat=True).query.sql_with_params()
    digest = hashlib.sha256(f"{sql}\0{params!r}".encode()).hexdigest()[:32]
    key = f"register:search:{current_stamp()}:{digest}"
    pks = _kept.get(key)
    if pks is not None:
        _kept.move_to_end(key)
        return pks
    shared = shares_searches()
    pks = cache.get(key) if shared else None
    if pks is None:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            pks = [row[0] for row in cursor.fetchall()]
        if shared:
            cache.set(key, pks, timeout=PAGE_SECONDS)
    _kept[key] = pks
    while len(_kept) > KEPT_SEARCHES:
        _kept.popitem(last=False)
    return pks
