"""Full-text search: the stored search vector (PostgreSQL) and the plain fallback (SQLite)."""

from django.contrib.postgres.aggregates import StringAgg
from django.contrib.postgres.search import SearchVector
from django.db import connection
from django.db.models import OuterRef, Subquery, TextField, Value
from django.db.models.functions import Coalesce

from .questions import ANSWER_KEYS

SEARCH_CONFIG = "english"


def refresh_search_vector(queryset) -> int:
    """Store each project's weighted search vector: title, then purpose and organisations, then
    every other answer. One UPDATE for the whole queryset; a no-op on SQLite."""
    if connection.vendor != "postgresql":
        return 0
    from .models import ProjectOrganisation

    organisation_names = Subquery(
        ProjectOrganisation.objects.filter(project=OuterRef("pk"))
        .values("project")
        .annotate(names=StringAgg("organisation__name", delimiter=" "))
        .values("names")[:1]
    )
    other_answers = [key for key in ANSWER_KEYS if key != "purpose"]
    vector = (
        SearchVector("title", weight="A", config=SEARCH_CONFIG)
        + SearchVector("purpose", weight="B", config=SEARCH_CONFIG)
        + SearchVector(
            Coalesce(organisation_names, Value(""), output_field=TextField()),
            weight="B",
            config=SEARCH_CONFIG,
        )
        + SearchVector(*other_answers, weight="C", config=SEARCH_CONFIG)
    )
    return queryset.model.objects.filter(pk__in=queryset.values("pk")).update(search_vector=vector)
