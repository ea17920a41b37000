"""An alert's search: the register list's own filters (``RegisterFilterSet``), kept as the
FilterSet cleaned them, so that an alert matches exactly the projects the list would show.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.http import QueryDict

from projects.filters import FACETS, RegisterFilterSet, published_organisations
from projects.models import Project

SEARCH = "q"


def _filterset(params, queryset=None, *, organisation: str | None = None) -> RegisterFilterSet:
    # The organisation filter accepts the organisations on the register; an alert keeps its
    # own organisation even when that organisation has nothing published at the moment.
    organisations = None
    if organisation:
        organisations = [(organisation, organisation)]
    return RegisterFilterSet(
        params,
        queryset=queryset if queryset is not None else Project.objects.none(),
        organisations=organisations,
    )


def filters_from(params) -> dict:
    """The search and filters of a register list's query string, as an alert keeps them: only
    valid values (as the list leaves bad ones out), no page or order."""
    filterset = RegisterFilterSet(params, queryset=Project.objects.none())
    filters = dict(filterset.chosen)
    if filterset.search_text:
        filters[SEARCH] = filterset.search_text
    return {key: filters[key] for key in sorted(filters)}


def as_query(filters: dict) -> QueryDict:
    """The query string of the register list that shows the alert's projects."""
    query = QueryDict(mutable=True)
    for name, value in filters.items():
        if isinstance(value, list):
            query.setlist(name, [str(item) for item in value])
        else:
            query[name] = str(value)
    return query


def describe(filters: dict) -> list[tuple[str, str]]:
    """The search in words, one (label, values) pair per filter: [("Area", "Wirral or Sefton")]."""
    if not filters:
        return []
    organisation = filters.get("organisation")
    filterset = RegisterFilterSet(as_query(filters), queryset=Project.objects.none())
    form = filterset.form
    if organisation:
        names = dict(published_organisations())
        form.fields["organisation"].choices = [
            (organisation, names.get(organisation, organisation))
        ]
    lines = []
    if filters.get(SEARCH):
        lines.append(("Search", f"\u201c{filters[SEARCH]}\u201d"))
    for name in FACETS:
        if name not in filters:
            continue
        field = form.fields[name]
        labels = {str(key): str(label) for key, label in field.choices}
        values = filters[name] if isinstance(filters[name], list) else [filters[name]]
        lines.append((str(field.label), " or ".join(labels.get(str(v), str(v)) for v in values)))
    return lines


def title(filters: dict) -> str:
    """One line for an email's subject and the alerts page: "Area: Wirral; AI: Uses AI"."""
    lines = describe(filters)
    if not lines:
        return "every project on the register"
    return "; ".join(f"{label}: {values}" for label, values in lines)


def matching(filters: dict, pks: Iterable[int]) -> set[int]:
    """Which of the project versions ``pks`` the search matches: the list's FilterSet applied to
    them (whatever their publication state). A search the FilterSet no longer accepts (a
    choice taken off the form) matches nothing rather than everything."""
    pks = list(pks)
    if not pks:
        return set()
    if not filters:
        return set(pks)
    filterset = _filterset(
        as_query(filters),
        Project.objects.filter(pk__in=pks),
        organisation=filters.get("organisation"),
    )
    if not filterset.form.is_valid():
        return set()
    return set(filterset.qs.order_by().values_list("pk", flat=True))
