"""The stored full-text search vector of each project (PostgreSQL): its upkeep.

Searching with it is the register's business (``register.search``); keeping it up to date is the
domain's, because every write that changes what the register shows ends here.
"""

from django.contrib.postgres.aggregates import StringAgg
from django.contrib.postgres.search import SearchVector
from django.db import connection
from django.db.models import OuterRef, Subquery, TextField, Value
from django.db.models.functions import Coalesce

from .questions import TEXT_ANSWER_KEYS
from .signals import register_changed

SEARCH_CONFIG = "english"


def refresh_search_vector(queryset) -> int:
    """Store each project's weighted search vector: title, then summary, purpose and
    organisations, then every other answer. One UPDATE for the whole queryset; a no-op on SQLite.

    Every write that changes what the register shows ends here (publishing, importing), so this
    is also where the register is told that it changed (``projects.signals.register_changed``)."""
    register_changed.send(sender=queryset.model)
    if connection.vendor != "postgresql":
        return 0
    # The project's organisation rows, reached through the relation: this module sits below
    # ``projects.models`` (which calls it) and so does not import it.
    roles = queryset.model._meta.get_field("project_organisations").related_model
    organisation_names = Subquery(
        roles.objects.filter(project=OuterRef("pk"))
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
