"""Reads for public pages. Public views read projects through here and nothing else: only
published (or withdrawn, or since-replaced) versions can come out of these functions."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db.models import Count, F, OuterRef, Q, Subquery
from django.db.models.functions import Lower
from django.http import Http404, QueryDict
from django.utils import timezone

from organisations.models import Organisation
from projects.models import Project, ProjectOrganisation, PublicationState
from projects.questions import OrganisationRole

from .caching import KeptPerStamp
from .conditions import facet_q
from .facet_index import FacetIndex, Selection
from .filter_tags import ChosenFilter, chosen_filters
from .filterset import RegisterFilterSet
from .presenters import ListedProject


def public_record(slug: str) -> Project:
    """The version of a record that the public sees: the published one, or, if the record was
    withdrawn, the withdrawn version. Raises Http404 for anything else."""
    project = (
        Project.objects.public()
        .of_record(slug)
        .exclude(publication_state="superseded")
        .with_register_details()
        .order_by("-version")
        .first()
    )
    if project is None:
        raise Http404("No project with that id is on the register")
    return project


# --- history: every published version of a record, as it was ------------------------------


def published_versions(slug: str) -> list[Project]:
    """Every version of a record that was ever published (published, superseded or withdrawn),
    newest first. Raises Http404 when the record has none."""
    versions = list(
        Project.objects.public().of_record(slug).with_register_details().order_by("-version")
    )
    if not versions:
        raise Http404("No project with that id is on the register")
    return versions


def public_version(slug: str, version: int) -> Project:
    """One published (or since replaced or withdrawn) version of a record, as it was."""
    project = (
        Project.objects.public().of_record(slug).filter(version=version).with_register_details()
    ).first()
    if project is None:
        raise Http404("That version of the project is not on the register")
    return project


PAGE_SIZE = 20
# What a list entry shows (``register.presenters.ListedProject``): the long answers stay in the
# database.
LISTED_FIELDS = ("pk", "slug", "title", "status", "uses_ai", "summary", "purpose")
LATEST_COUNT = 5


@dataclass(frozen=True)
class KeptList:
    """What every page of one register list shares (its search, filters and order): the
    validated filters, the chosen-filter tags, the panel's counts, how many projects and which,
    in order. Worked out once per list and register stamp (and day) and kept in the process
    (``KEPT_LISTS``), so a list's pages 2, 3... only read and show their own projects. Never
    changed once made: every request showing the list reads the same one."""

    filterset: RegisterFilterSet
    chosen: list[ChosenFilter]
    facets: dict[str, dict[str, int]]
    total: int
    ids: Selection  # the list's projects' ids, in order (sliced again for each page)
    query: str

    @classmethod
    def of(cls, params, index: FacetIndex) -> KeptList:
        filterset = RegisterFilterSet(
            params, queryset=Project.objects.published(), organisations=index.organisations
        )
        facets = filterset.facets(index)
        filterset.form.show_counts(facets)
        return cls(
            filterset=filterset,
            chosen=chosen_filters(filterset, params),
            facets=facets,
            total=filterset.total(index),
            ids=filterset.listed(index),
            query=list_query(filterset.data),
        )


# The lists kept (``KeptList``): the latest this many searches, filters and orders.
KEPT_LISTS = 256
_kept_lists = KeptPerStamp(KEPT_LISTS)


@dataclass
class RegisterListing:
    """One page of the register list: the projects, the filters and their counts."""

    kept: KeptList
    page: Page
    # The query string without its page, in its order: what everything but the projects and
    # the pagination depends on (with the register's stamp and the day), on every page of the
    # list.
    state: tuple[tuple[str, tuple[str, ...]], ...] = ()

    @property
    def filterset(self) -> RegisterFilterSet:
        return self.kept.filterset

    @property
    def chosen(self) -> list[ChosenFilter]:
        return self.kept.chosen

    @property
    def facets(self) -> dict[str, dict[str, int]]:
        """The filter panel's counts (``RegisterFilterSet.facets``)."""
        return self.kept.facets

    @property
    def total(self) -> int:
        return self.kept.total

    @property
    def query(self) -> str:
        """The list's search and filters as a query string ("?area=wirral", or ""), without its
        page or order: the same list's Atom feed and email alerts take it."""
        return self.kept.query


def list_query(params) -> str:
    """``params``' search and filters (the list's own keys, nothing else) as a query string."""
    if params is None:
        return ""
    kept = QueryDict(mutable=True)
    for name in RegisterFilterSet.base_filters:
        if name != "sort" and params.getlist(name):
            kept.setlist(name, params.getlist(name))
    return f"?{kept.urlencode()}" if kept else ""


class ListedProjects:
    """The projects a register list shows: ``ids`` their ids in order, ``total`` how many.
    Slicing it (as the paginator does for a page) gives just those projects as
    ``ListedProject``s: the ones kept since the register last changed, and the others read
    with their lead organisations' names in one query."""

    def __init__(self, ids: Selection, total: int):
        self.ids = ids
        self.total = total

    def __len__(self) -> int:
        return self.total

    def __getitem__(self, item: slice) -> list[ListedProject]:
        pks = self.ids[item.start : item.stop]
        listed = _kept_entries.get_many(pks)
        missing = [pk for pk in pks if pk not in listed]
        if missing:
            lead = ProjectOrganisation.objects.filter(
                project=OuterRef("pk"), role=OrganisationRole.LEAD
            ).order_by("position", "pk")
            rows = (
                Project.objects.filter(pk__in=missing)
                .annotate(lead_name=Subquery(lead.values("organisation__name")[:1]))
                .values_list(*LISTED_FIELDS, "lead_name")
            )
            for row in rows:
                listed[row[0]] = _kept_entries.put(row[0], ListedProject(*row))
        return [listed[pk] for pk in pks if pk in listed]


# The projects' list entries kept in the process, per register stamp: the latest this many (a
# few megabytes), so that a list page of projects shown lately reads no project at all.
KEPT_ENTRIES = 10_000
_kept_entries = KeptPerStamp(KEPT_ENTRIES)


def register_listing(params, *, page_size: int = PAGE_SIZE) -> RegisterListing:
    """The register list for a query string: search, filters, order and page. Bad values are
    left out and a page past the end shows the last page; nothing here raises.

    Which projects, in which order, and the filter panel's counts come from the register's
    facet index (kept per register stamp) and are kept per list (``KeptList``), so only the
    page's own projects are read."""
    index = FacetIndex.current()
    state = tuple((name, tuple(values)) for name, values in params.lists() if name != "page")
    without_page = params.copy()
    without_page.pop("page", None)
    kept = _kept_lists.get(
        (state, timezone.localdate().isoformat()), lambda: KeptList.of(without_page, index)
    )
    listed = ListedProjects(kept.ids, kept.total)
    page = Paginator(listed, page_size).get_page(params.get("page"))
    return RegisterListing(kept=kept, page=page, state=state)


def latest_projects(count: int = LATEST_COUNT) -> list[Project]:
    """The most recently published records, for the home page."""
    return list(
        Project.objects.published()
        .order_by("-first_published_at", "-pk")
        .with_register_details()[:count]
    )


def projects_evidencing(number: int, params, *, page_size: int = PAGE_SIZE) -> Page:
    """Published projects whose answers evidence principle ``number``, newest first."""
    projects = (
        Project.objects.published()
        .filter(facet_q("principle", number))
        .order_by("-first_published_at", "-pk")
        .with_register_details()
    )
    return Paginator(projects, page_size).get_page(params.get("page"))


def organisation_directory():
    """Organisations involved in published projects and every signatory: signatories first
    (earliest signed first), then the others by name, each with ``project_count``."""
    published = Count(
        "project_roles__project",
        filter=Q(project_roles__project__publication_state=PublicationState.PUBLISHED),
        distinct=True,
    )
    return (
        Organisation.objects.annotate(project_count=published)
        .filter(Q(is_signatory=True) | Q(project_count__gt=0))
        .order_by("-is_signatory", F("signed_on").asc(nulls_last=True), Lower("name"))
    )


def public_organisation(slug: str) -> Organisation:
    organisation = organisation_directory().filter(slug=slug).first()
    if organisation is None:
        raise Http404("No organisation with that id is on the register")
    return organisation


def organisation_projects(organisation: Organisation, params, *, page_size: int = PAGE_SIZE):
    """The organisation's published projects, newest first, with the organisation's role."""
    projects = (
        Project.objects.published()
        .filter(facet_q("organisation", organisation.slug))
        .order_by("-first_published_at", "-pk")
        .with_register_details()
    )
    return Paginator(projects, page_size).get_page(params.get("page"))


# --- open data: the exports, the API and the feed ------------------------------------------


def register_projects(params=None):
    """Every project on the register (current published versions) with everything an export
    shows, newest first; with ``params`` (a query string), only those the register list would
    show for the same search and filters (bad values are left out, as on the list)."""
    projects = Project.objects.published()
    if params is not None:
        projects = RegisterFilterSet(params, queryset=projects).qs
    return projects.with_register_details()


def published_project(slug: str) -> Project:
    """The published version of a record, for its open data record. Raises Http404 for a
    record that is unknown, withdrawn or not yet published."""
    project = Project.objects.published().of_record(slug).with_register_details().first()
    if project is None:
        raise Http404("No published project with that id is on the register")
    return project


def _history_of_the_register():
    """Every version ever published of each record now on the register (published, or replaced
    by a newer one); records that were withdrawn are left out, as in every other download."""
    return (
        Project.objects.filter(
            publication_state__in=[PublicationState.PUBLISHED, PublicationState.SUPERSEDED],
            slug__in=Project.objects.published().values("slug"),
        )
        .with_register_details()
        .order_by("slug", "version")
    )


def register_history():
    """Every published version of every record on the register, by id then version."""
    return _history_of_the_register()


def record_versions(slug: str) -> list[Project]:
    """Every published version of one record on the register, oldest first. Raises Http404 for
    a record that is unknown, withdrawn or not yet published."""
    versions = list(_history_of_the_register().filter(slug=slug))
    if not versions:
        raise Http404("No published project with that id is on the register")
    return versions


def feed_versions(params=None):
    """Every version ever published that is still on the register or was replaced by a newer
    one, newest first: the feed's entries. Withdrawn records are left out. With ``params`` (a
    query string), only versions of the records the register list shows for the same search
    and filters (bad values are left out, as on the list)."""
    versions = Project.objects.public().exclude(publication_state=PublicationState.WITHDRAWN)
    if list_query(params):
        listed = RegisterFilterSet(params, queryset=Project.objects.published()).qs
        versions = versions.filter(slug__in=listed.order_by().values("slug"))
    return versions.with_register_details().order_by("-published_at", "-pk")


def feed_description(params) -> str:
    """The feed's search and filters in words ("Area: Wirral; AI: Uses AI"), or ""."""
    if not list_query(params):
        return ""
    filterset = RegisterFilterSet(params, queryset=Project.objects.none())
    tags = chosen_filters(filterset, params)
    return "; ".join(f"{tag.label}: {tag.value_label}" for tag in tags)
