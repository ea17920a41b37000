"""Full-text search: the stored search vector (PostgreSQL) and the plain fallback (SQLite)."""

from django.contrib.postgres.aggregates import StringAgg
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import F, OuterRef, Q, Subquery, TextField, Value
from django.db.models.functions import Coalesce

from .questions import TEXT_ANSWER_KEYS

SEARCH_CONFIG = "english"
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
    from .models import ProjectOrganisation

    for word in text.split()[:MAX_FALLBACK_WORDS]:
        named = ProjectOrganisation.objects.filter(organisation__name__icontains=word)
        condition = Q(pk__in=named.values("project_id"))
        for field in ["title", "summary", *TEXT_ANSWER_KEYS]:
            condition |= Q(**{f"{field}__icontains": word})
        queryset = queryset.filter(condition)
    return queryset


def refresh_search_vector(queryset) -> int:
    """Store each project's weighted search vector: title, then summary, purpose and
    organisations, then every other answer. One UPDATE for the whole queryset; a no-op on SQLite.

    Every write that changes what the register shows ends here (publishing, importing), so this
    is also where cached register pages are told that the register changed."""
    from .caching import register_changed

    register_changed()
    if connection.vendor != "postgresql":
        return 0
    from .models import ProjectOrganisation

    organisation_names = Subquery(
        ProjectOrganisation.objects.filter(project=OuterRef("pk"))
        .values("project")
        .annotate(names=StringAgg("organisation__name", delimiter=" "))
        .values("names")[:1]
    )
    other_answers = [key for key in TEXT_ANSWER_KEYS if key != "purpose"]
    vector = (
        SearchVector("title", weight="A", config=SEARCH_CONFIG)
        + SearchVector("summary", "purpose", weight="B", config=SEARCH_CONFIG)
        + SearchVector(
            Coalesce(organisation_names, Value(""), output_field=TextField()),
            weight="B",
            config=SEARCH_CONFIG,
        )
        + SearchVector(*other_answers, weight="C", config=SEARCH_CONFIG)
    )
    return queryset.model.objects.filter(pk__in=queryset.values("pk")).update(search_vector=vector)
