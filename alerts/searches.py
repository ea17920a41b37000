"""An alert's search: the register list's own filters (``RegisterFilterSet``), kept as the
FilterSet cleaned them, so that an alert matches exactly the projects the list would show.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.http import QueryDict

from projects.models import Project
from public_text.outputs import header_line
from register.conditions import FACETS, facet_q, published_organisations
from register.filterset import RegisterFilterSet
from register.search import search

SEARCH = "q"
# The filters that take several values, and each filter's valid values (None: any, for the
# organisation, which the list accepts when it has published projects).
MULTIPLE = {
    name
    for name, item in RegisterFilterSet.base_filters.items()
    if item.extra.get("widget") and getattr(item.extra["widget"], "allow_multiple_selected", False)
}
VALID = {
    name: None
    if name == "organisation"
    else {str(key) for key, _label in RegisterFilterSet.base_filters[name].extra["choices"]}
    for name in FACETS
}


def filters_from(params) -> dict:
    """The search and filters of a register list's query string, as an alert keeps them: only
    valid values (as the list leaves bad ones out), no page or order."""
    filterset = RegisterFilterSet(params, queryset=Project.objects.none())
    filters = dict(filterset.chosen)
    if filterset.search_text:
        # It goes into emails: one line, nothing a mail header or XML could not hold.
        filters[SEARCH] = header_line(filterset.search_text)
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


def describe(
    filters: dict, *, organisations: dict[str, str] | None = None
) -> list[tuple[str, str]]:
    """The search in words, one (label, values) pair per filter: [("Area", "Wirral or Sefton")],
    in the list's words (its filters' labels and choices). ``organisations`` (slug to name)
    saves a query when many searches are described at once."""
    if not filters:
        return []
    lines = []
    if filters.get(SEARCH):
        lines.append(("Search", f"\u201c{filters[SEARCH]}\u201d"))
    for name in FACETS:
        if name not in filters:
            continue
        declared = RegisterFilterSet.base_filters[name]
        if name == "organisation":
            if organisations is None:
                organisations = dict(published_organisations())
            labels = organisations
        else:
            labels = {str(key): str(label) for key, label in declared.extra["choices"]}
        values = filters[name] if isinstance(filters[name], list) else [filters[name]]
        lines.append((str(declared.label), " or ".join(labels.get(str(v), str(v)) for v in values)))
    return lines


def title(filters: dict, *, organisations: dict[str, str] | None = None) -> str:
    """One line for an email's subject and the alerts page: "Area: Wirral; AI: Uses AI"."""
    lines = describe(filters, organisations=organisations)
    if not lines:
        return "every project on the register"
    return "; ".join(f"{label}: {values}" for label, values in lines)


class Matcher:
    """Which of a few project versions (a run's events) each alert's search matches, for many
    alerts at once: each filter value's versions are found once, through the register list's
    own conditions (``facet_q``, and ``search`` for the words), so a run makes one query per
    different value (a few hundred at most), not one per alert. An alert matches the versions
    in every one of its filters (any of a filter's values), as the list does."""

    def __init__(self, pks: Iterable[int]):
        self.pks = frozenset(pks)
        self._found: dict[tuple[str, str], frozenset[int]] = {}

    def _versions(self):
        return Project.objects.filter(pk__in=self.pks).order_by()

    def _one(self, name: str, value: str) -> frozenset[int]:
        key = (name, value)
        if key not in self._found:
            if name == SEARCH:
                found = search(self._versions(), value, ranked=False)
            elif name not in VALID or (VALID[name] is not None and value not in VALID[name]):
                found = Project.objects.none()  # a choice no longer on the form
            else:
                condition = facet_q(name, [value] if name in MULTIPLE else value)
                found = self._versions().filter(condition)
            self._found[key] = frozenset(found.values_list("pk", flat=True))
        return self._found[key]

    def matching(self, filters: dict) -> frozenset[int]:
        if not self.pks:
            return frozenset()
        found = self.pks
        for name, value in filters.items():
            values = value if isinstance(value, list) else [value]
            either = frozenset().union(*(self._one(name, str(item)) for item in values))
            found &= either
            if not found:
                break
        return found


def matching(filters: dict, pks: Iterable[int]) -> set[int]:
    """Which of the project versions ``pks`` the search matches (whatever their publication
    state). A search the list's form no longer accepts (a choice taken off it) matches
    nothing rather than everything."""
    return set(Matcher(pks).matching(filters))
