"""The stored full-text search vector and search entry of each project version (PostgreSQL):
its upkeep.

Searching with it is the register's business (``register.search``); keeping it up to date is the
domain's, because every write that changes what the register shows ends here. Beside the project's
vector, a row of ``SearchEntry`` (``projects.models``): the smaller vector a search ranks with
(and, without a phrase, matches on) and the version's publication time
(docs/decisions/0020-search-at-scale.md).
"""

from django.contrib.postgres.aggregates import StringAgg
from django.contrib.postgres.search import SearchVector
from django.db import connection
from django.db.models import OuterRef, Subquery, TextField, Value
from django.db.models.functions import Coalesce

from .questions import TEXT_ANSWER_KEYS
from .signals import register_changed

SEARCH_CONFIG = "english"

# How a search ranks (``SearchEntry.rank_vector``), from the full vector: the title's (A) and the
# summary's, purpose's and organisations' (B) words with their positions, the other answers' (C)
# words once each and without positions, so that a word long answers repeat costs ``ts_rank``
# one comparison, not one per repetition (and no longer outweighs the title by repetition).
RANK_VECTOR_SQL = "ts_filter({v}, '{{a,b}}') || strip(ts_filter({v}, '{{c}}'))"


def refresh_search_vector(queryset) -> int:
    """Store each project's weighted search vector (title, then summary, purpose and
    organisations, then every other answer), then its search entry (the ranking vector made
    from it, and its publication time): one UPDATE and one INSERT ... ON CONFLICT for the whole
    queryset; a no-op on SQLite.

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
    projects = queryset.model.objects.filter(pk__in=queryset.values("pk"))
    count = projects.update(search_vector=vector)
    table = queryset.model._meta.db_table
    entries = queryset.model._meta.get_field("search_entry").related_model._meta.db_table
    ids, params = projects.values("pk").query.sql_with_params()
    # The tables' names come from the models and the ranking vector from this module; every
    # value is a parameter.
    upsert = (
        f"INSERT INTO {entries} (project_id, published_at, rank_vector) "  # noqa: S608 # nosec B608: # names from the models
        f"SELECT id, published_at, {RANK_VECTOR_SQL.format(v='search_vector')} FROM {table} "
        f"WHERE id IN ({ids}) "
        "ON CONFLICT (project_id) DO UPDATE SET published_at = EXCLUDED.published_at, "
        "rank_vector = EXCLUDED.rank_vector"
    )
    with connection.cursor() as cursor:
        cursor.execute(upsert, params)
    return count
