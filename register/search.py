"""Full-text search of the register: the stored search entries (PostgreSQL; kept up to date by
``projects.search_vector``) and the plain fallback (SQLite).

What a search costs (docs/decisions/0020-search-at-scale.md): a search for common words matches
most of the register, and every match is ranked. So a search reads only the narrow table of
search entries (``SearchEntry``: the vector it matches, a smaller one it ranks with, the
publication time), never the projects' wide rows (``found_ids``), and ranks with the smaller
vector. The ids a search finds are read in one plain query and kept per register stamp
(``matching_ids``), so the next pages of a search take no query (nor, with Redis as the shared
cache, the same search on another server).
"""

import hashlib
import re
from collections import OrderedDict

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.core.cache import cache
from django.db import connection
from django.db.models import F, OuterRef, Q, Subquery

from projects.models import ProjectOrganisation, SearchEntry
from projects.questions import TEXT_ANSWER_KEYS
from projects.search_vector import SEARCH_CONFIG

from .caching import PAGE_SECONDS, current_stamp, worth_sharing
from .conditions import RELEVANCE_ORDER

# Longer searches are cut to this many characters: no one types more, and it bounds the work.
MAX_QUERY_LENGTH = 200
# Letters and digits between single spaces: each word is one word to PostgreSQL's parser, so a
# web search of them has no phrase (which would need the positions of every answer).
PLAIN_WORDS = re.compile(r"[^\W_]+(?: [^\W_]+)*")
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
    syntax ("quoted phrases", or, -not), annotated with ``rank`` from the project's search entry
    (title matches weigh most). On SQLite, every word must appear (ignoring case) in one of
    those texts; ``rank`` is not set.
    """
    text = _tidy(text)
    if not text:
        return queryset
    if connection.vendor == "postgresql":
        query = _query(text)
        queryset = queryset.filter(search_vector=query)
        if ranked:
            rank = SearchEntry.objects.filter(pk=OuterRef("pk")).annotate(
                rank=SearchRank(F("rank_vector"), query)
            )
            queryset = queryset.annotate(rank=Subquery(rank.values("rank")[:1]))
        return queryset
    for word in text.split()[:MAX_FALLBACK_WORDS]:
        named = ProjectOrganisation.objects.filter(organisation__name__icontains=word)
        condition = Q(pk__in=named.values("project_id"))
        for field in ["title", "summary", *TEXT_ANSWER_KEYS]:
            condition |= Q(**{f"{field}__icontains": word})
        queryset = queryset.filter(condition)
    return queryset


def _tidy(text: str) -> str:
    return " ".join(text.split())[:MAX_QUERY_LENGTH]


def _query(text: str) -> SearchQuery:
    return SearchQuery(text, search_type="websearch", config=SEARCH_CONFIG)


def found_ids(queryset, text: str, *, ranked: bool) -> list[int]:
    """The ids of the project versions that match ``text``, best match first when ``ranked``
    (in no set order otherwise), kept per register stamp (``matching_ids``): the same matches
    and order as ``search(queryset, text)`` ordered by relevance, for the caller to keep those
    on the register (``FacetIndex.bits``, ``FacetIndex.only``).

    On PostgreSQL, read from the narrow table of search entries, so versions that are not on
    the register may be among them, and ``queryset`` is not read: plain words match on the
    entries' ranking vector (the same words as the full vector), anything else (a phrase, or
    punctuation that may make one) on the projects' full vector. On SQLite, ``queryset``
    searched."""
    text = _tidy(text)
    if connection.vendor != "postgresql":
        return matching_ids(search(queryset, text, ranked=False).order_by())
    query = _query(text)
    if PLAIN_WORDS.fullmatch(text):
        entries = SearchEntry.objects.filter(rank_vector=query)
    else:
        entries = SearchEntry.objects.filter(project__search_vector=query)
    if ranked:
        rank = SearchRank(F("rank_vector"), query)
        # The projects' own order applies as it is: an entry has the version's published_at,
        # and its pk is the version's.
        entries = entries.annotate(rank=rank).order_by(*RELEVANCE_ORDER)
    else:
        entries = entries.order_by()
    return matching_ids(entries)


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
    shared = worth_sharing()
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
