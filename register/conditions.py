"""The register's filters as query conditions: what a resident can narrow the list by.

Every filter is one ``Q`` built by ``facet_q``, so that the list (``register.filterset``) and the
counts in the filter panel (``register.facet_index``) agree.
"""

from __future__ import annotations

import datetime

from django.db import connection
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.utils import timezone

from organisations.models import Organisation
from projects.models import ProjectOrganisation, answered
from projects.questions import PRINCIPLE_EVIDENCE

USES_AI_CHOICES = [("yes", "Uses AI"), ("no", "Does not use AI")]
REVIEW_CHOICES = [("overdue", "Review overdue")]
PRINCIPLE_CHOICES = [(str(number), f"Principle {number}") for number in range(1, 12)]
SORT_CHOICES = [("newest", "Newest"), ("updated", "Recently updated"), ("title", "Title (A to Z)")]
SORT_ORDER = {
    "newest": ("-first_published_at", "-pk"),
    "updated": ("-published_at", "-pk"),
    "title": (Lower("title"), "pk"),
}
# With a search on PostgreSQL and no order chosen: best match first.
RELEVANCE_ORDER = (F("rank").desc(), "-published_at", "-pk")
# The filters, in the panel's order. Each is declared once, in ``register.filterset``
# (tests/register/test_register_filter_declarations.py holds the two together), and filters by
# ``facet_q`` below.
FACETS = (
    "uses_ai",
    "status",
    "area",
    "topic",
    "organisation",
    "organisation_type",
    "principle",
    "review",
)


def _projects_of(queryset) -> Q:
    """Projects whose id is in ``queryset`` (a hashed sub-select, cheap inside a count)."""
    return Q(pk__in=queryset.values("project_id"))


def list_contains(field: str, value: str) -> Q:
    """The JSON list ``field`` holds ``value`` (a choice key)."""
    if connection.vendor == "postgresql":
        return Q(**{f"{field}__contains": [value]})
    return Q(**{f"{field}__icontains": f'"{value}"'})


def principle_q(number: int) -> Q:
    """Projects that evidence principle ``number``: an answer to any of its questions
    (``projects.models.answered``, the same rule as ``Project.evidence``, over the one mapping in
    ``projects.questions``)."""
    condition = Q(pk__in=[])
    for key in PRINCIPLE_EVIDENCE[number]:
        condition |= answered(key)
    return condition


def facet_q(name: str, value, *, today: datetime.date | None = None) -> Q:
    """The condition for one chosen filter. ``value`` is a form's cleaned value."""
    if name == "uses_ai":
        return Q(uses_ai=value == "yes")
    if name == "status":
        return Q(status__in=value)
    if name in ("area", "topic"):
        condition = Q(pk__in=[])
        for item in value:
            condition |= list_contains(f"{name}s", item)
        return condition
    if name == "organisation":
        return _projects_of(ProjectOrganisation.objects.filter(organisation__slug=value))
    if name == "organisation_type":
        return _projects_of(ProjectOrganisation.objects.filter(organisation__type__in=value))
    if name == "principle":
        return principle_q(int(value))
    if name == "review":
        return Q(next_review_due__lt=today or timezone.localdate())
    raise ValueError(name)


def published_organisations() -> list[tuple[str, str]]:
    """The organisation filter's choices: (slug, name) of each organisation involved in a
    published project, by name."""
    return list(
        Organisation.objects.filter(project_roles__project__publication_state="published")
        .distinct()
        .order_by("name")
        .values_list("slug", "name")
    )
