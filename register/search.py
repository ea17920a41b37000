"""Full-text search of the register: the stored search vector (PostgreSQL; kept up to date by
``projects.search_vector``) and the plain fallback (SQLite)."""

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection
from django.db.models import F, Q

from projects.models import ProjectOrganisation
from projects.questions import TEXT_ANSWER_KEYS
from projects.search_vector import SEARCH_CONFIG

# Longer searches are cut to this many characters: no one types more, and it bounds the work.
MAX_QUERY_LENGTH = 200
# On SQLite every word must appear somewhere; more words than this are ignored.
MAX_FALLBACK_WORDS = 8


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
