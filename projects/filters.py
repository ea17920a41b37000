"""The register's filters: what a resident can narrow the list by, and how many projects each
choice would show.

Every filter is one ``Q`` built by ``facet_q`` so that the list and the counts in the filter panel
agree. The counts for each filter leave out that filter's own choice (choosing "Pilot" does not
turn "In use" into 0) and are computed in three queries whatever the size of the register.
"""

from __future__ import annotations

import datetime
import hashlib
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import django_filters
from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout, Size
from django import forms
from django.db import connection
from django.db.models import BooleanField, ExpressionWrapper, F, Q
from django.db.models.functions import Lower
from django.forms.utils import flatatt
from django.utils import timezone
from django.utils.html import format_html, format_html_join

from organisations.models import Organisation

from . import questions
from .caching import per_stamp
from .models import ImpactAssessment, Project, ProjectOrganisation, ResponsiblePerson
from .questions import (
    AREA_CHOICES,
    ORGANISATION_TYPE_CHOICES,
    PRINCIPLE_EVIDENCE,
    STATUS_CHOICES,
    TOPIC_CHOICES,
)
from .search import MAX_QUERY_LENGTH, search

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
TEXT_FIELDS = {
    field.name
    for field in Project._meta.get_fields()
    if getattr(field, "get_internal_type", lambda: "")() in {"TextField", "CharField", "URLField"}
}


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
    (the same rule as ``Project.evidence``, from the one mapping in ``projects.questions``)."""
    lead = ProjectOrganisation.objects.filter(role="lead")
    special = {
        "organisations": _projects_of(ProjectOrganisation.objects.all()),
        "responsible_people": _projects_of(ResponsiblePerson.objects.all()),
        "impact_assessments": _projects_of(ImpactAssessment.objects.all()),
        "declaration": Q(declaration=True),
        "uses_ai": Q(uses_ai__isnull=False),
        "start_date": Q(start_date__isnull=False),
        "organisation_description": _projects_of(lead.exclude(organisation__description="")),
        "mission_statement": _projects_of(lead.exclude(organisation__mission_statement="")),
    }
    condition = Q(pk__in=[])
    for key in PRINCIPLE_EVIDENCE[number]:
        if key in special:
            condition |= special[key]
        elif key in TEXT_FIELDS:
            condition |= ~Q(**{key: ""})
        else:  # JSON lists
            condition |= ~Q(**{key: []})
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


CHECKBOXES = forms.CheckboxSelectMultiple


class QuickSelect(forms.Select):
    """A ``<select>`` written out in Python: the same HTML as Django's template, without a
    template per option (the organisation filter lists every organisation on the register,
    which through templates was the biggest cost of the list page). One value, no groups."""

    def render(self, name, value, attrs=None, renderer=None):
        chosen = (self.format_value(value) or [""])[0]
        rows = []
        for key, label in self.choices:
            key = "" if key is None else str(key)
            selected = key == chosen
            if selected:
                chosen = None  # as Django does: only the first match is selected
            rows.append((key, " selected" if selected else "", label))
        return format_html(
            '<select name="{}"{}>\n  {}\n</select>',
            name,
            flatatt(self.build_attrs(self.attrs, attrs)),
            format_html_join("\n  ", '<option value="{}"{}>{}</option>', rows),
        )


# crispy-forms-gds gives a widget its GOV.UK class by the widget's class name.
QuickSelect.__name__ = "Select"


INVALID_CHOICE = {
    "uses_ai": "Choose whether the project uses AI from the list",
    "status": "Choose a stage from the list",
    "area": "Choose an area from the list",
    "topic": "Choose a service area from the list",
    "organisation": "Choose an organisation from the list",
    "organisation_type": "Choose a type of organisation from the list",
    "principle": "Choose a principle from 1 to 11",
    "review": "Choose a review option from the list",
    "sort": "Choose an order from the list",
}


# The filter panel's fields in order, each as GOV.UK radios, checkboxes or a select.
PANEL = (
    ("uses_ai", "radios"),
    ("status", "checkboxes"),
    ("area", "checkboxes"),
    ("topic", "checkboxes"),
    ("organisation", "select"),
    ("organisation_type", "checkboxes"),
    ("principle", "select"),
    ("review", "radios"),
)


@dataclass
class FilterGroup:
    """One filter in the panel: a fieldset of small radios or checkboxes, or a select."""

    name: str
    kind: str
    label: str
    errors: list[str]
    choices: list[dict]
    select: str = ""

    @classmethod
    def of(cls, field: forms.BoundField, kind: str) -> FilterGroup:
        errors = list(field.errors)
        group = cls(name=field.name, kind=kind, label=field.label, errors=errors, choices=[])
        if kind == "select":
            attrs = {"class": "govuk-select govuk-input--error" if errors else "govuk-select"}
            if errors:
                attrs["aria-describedby"] = group.described_by
                attrs["aria-invalid"] = "true"
            group.select = field.as_widget(attrs=attrs)
            return group
        value = field.value()
        chosen = {str(item) for item in value or []} if kind == "checkboxes" else {str(value)}
        group.choices = [
            {
                "id": f"id_{field.name}_{number}",
                "value": key,
                "label": label,
                "checked": str(key) in chosen,
            }
            for number, (key, label) in enumerate(field.field.choices, start=1)
        ]
        return group

    @property
    def input_type(self) -> str:
        return {"radios": "radio", "checkboxes": "checkbox"}[self.kind]

    @property
    def described_by(self) -> str:
        return " ".join(f"id_{self.name}_{n}_error" for n in range(1, len(self.errors) + 1))


class RegisterFilterForm(forms.Form):
    """The filter panel's form: the search box and the order through crispy-forms-gds, the
    filters through ``filter_panel`` (hundreds of choices: crispy's templates were too slow)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, message in INVALID_CHOICE.items():
            self.fields[name].error_messages["invalid_choice"] = message

    @property
    def helper(self) -> FormHelper:
        """What the error summary reads (``form.helper.form_show_errors``)."""
        return self.search_helper

    def clean_q(self):
        return " ".join(self.cleaned_data.get("q", "").split())[:MAX_QUERY_LENGTH]

    @property
    def search_helper(self) -> FormHelper:
        return _helper(Field.text("q", label_size=Size.MEDIUM))

    def filter_panel(self) -> list[FilterGroup]:
        """The filter panel, field by field, ready for a plain template
        (``register/includes/filter_panel.html``): the same GOV.UK radios, checkboxes and
        selects as crispy-forms-gds gives, without its template for each choice."""
        return [FilterGroup.of(self[name], kind) for name, kind in PANEL]

    @property
    def sort_helper(self) -> FormHelper:
        return _helper(Field.select("sort"))

    def show_counts(self, facets: dict[str, dict[str, int]]) -> None:
        """Add to each filter choice the number of projects it would show: "Pilot (3)"."""
        for name in FACETS:
            if name not in facets:
                continue
            counts = facets[name]
            field = self.fields[name]
            # The "Any" choice is added again by django-filter's field, so it is left out here.
            field.choices = [
                (key, f"{label} ({counts.get(str(key), 0)})")
                for key, label in field.choices
                if key != ""
            ]


def _helper(*fields) -> FormHelper:
    helper = FormHelper()
    helper.form_tag = False
    helper.disable_csrf = True
    helper.layout = Layout(*fields)
    return helper


class RegisterFilterSet(django_filters.FilterSet):
    """Search, filters and order for the register list, all read from the query string.

    Values that are not on the list are left out (with a message next to the filter), never an
    error page. A search longer than 200 characters is cut to 200.
    """

    q = django_filters.CharFilter(
        label="Search the register", method="filter_search", max_length=MAX_QUERY_LENGTH
    )
    uses_ai = django_filters.ChoiceFilter(
        label="AI",
        choices=USES_AI_CHOICES,
        method="filter_facet",
        empty_label="Any",
        widget=forms.RadioSelect,
    )
    status = django_filters.MultipleChoiceFilter(
        label="Stage", choices=STATUS_CHOICES, method="filter_facet", widget=CHECKBOXES
    )
    area = django_filters.MultipleChoiceFilter(
        label="Area", choices=AREA_CHOICES, method="filter_facet", widget=CHECKBOXES
    )
    topic = django_filters.MultipleChoiceFilter(
        label="Service area", choices=TOPIC_CHOICES, method="filter_facet", widget=CHECKBOXES
    )
    organisation = django_filters.ChoiceFilter(
        label="Organisation",
        choices=[],
        method="filter_facet",
        empty_label="Any organisation",
        widget=QuickSelect,
    )
    organisation_type = django_filters.MultipleChoiceFilter(
        label="Type of organisation involved",
        # Residents read this list: spell out the one acronym in it.
        choices=[
            (key, "National Health Service (NHS)" if key == "nhs" else label)
            for key, label in ORGANISATION_TYPE_CHOICES
        ],
        method="filter_facet",
        widget=CHECKBOXES,
    )
    principle = django_filters.ChoiceFilter(
        label="Charter principle",
        choices=PRINCIPLE_CHOICES,
        method="filter_facet",
        empty_label="Any principle",
        widget=QuickSelect,
    )
    review = django_filters.ChoiceFilter(
        label="Yearly review",
        choices=REVIEW_CHOICES,
        method="filter_facet",
        empty_label="Any",
        widget=forms.RadioSelect,
    )
    sort = django_filters.ChoiceFilter(
        label="Sort by",
        choices=SORT_CHOICES,
        method="filter_sort",
        empty_label=None,
        widget=QuickSelect,
    )

    class Meta:
        model = Project
        fields: list[str] = []
        form = RegisterFilterForm

    def __init__(self, data=None, queryset=None, *, organisations=None, **kwargs):
        if data is not None:
            data = data.copy()
            if len(data.get("q", "")) > MAX_QUERY_LENGTH:  # a pasted essay: keep the start
                data["q"] = data["q"][:MAX_QUERY_LENGTH]
        super().__init__(
            data, queryset if queryset is not None else Project.objects.published(), **kwargs
        )
        self._organisations = organisations

    # --- the form -----------------------------------------------------------------------------
    @property
    def form(self):
        form = super().form
        if not getattr(form, "_organisation_choices", False):
            form.fields["organisation"].choices = [("", "Any organisation")] + [
                (slug, name) for slug, name in self.organisation_choices()
            ]
            form._organisation_choices = True
        return form

    def organisation_choices(self) -> list[tuple[str, str]]:
        if self._organisations is None:
            self._organisations = published_organisations()
        return self._organisations

    @property
    def chosen(self) -> dict:
        """The valid filters chosen: name to cleaned value (empty values left out)."""
        self.form.is_valid()
        data = getattr(self.form, "cleaned_data", {})
        return {name: data[name] for name in FACETS if data.get(name) not in (None, "", [])}

    @property
    def search_text(self) -> str:
        self.form.is_valid()
        return getattr(self.form, "cleaned_data", {}).get("q", "")

    @property
    def sort_choice(self) -> str:
        self.form.is_valid()
        return getattr(self.form, "cleaned_data", {}).get("sort") or (
            "relevance" if self.search_text and connection.vendor == "postgresql" else "newest"
        )

    # --- filtering ----------------------------------------------------------------------------
    def filter_search(self, queryset, name, value):
        return search(queryset, value)

    def filter_facet(self, queryset, name, value):
        return queryset.filter(facet_q(name, value))

    def filter_sort(self, queryset, name, value):
        return queryset  # ordering is applied last, in filter_queryset

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        if self.sort_choice == "relevance":
            return queryset.order_by(*RELEVANCE_ORDER)
        return queryset.order_by(*SORT_ORDER[self.sort_choice])

    # --- the list and the filter panel's counts, from the facet index -------------------------
    def _found(self, index: FacetIndex) -> tuple[int, list[int] | None]:
        """The projects the search finds (all of the register without a search), as bits, and,
        when the list is in order of relevance, their ids best match first. One query with a
        search, none without."""
        if not hasattr(self, "_search_result"):
            if not self.search_text:
                self._search_result = (index.everything, None)
            else:
                relevance = self.sort_choice == "relevance"
                found = search(self.queryset, self.search_text, ranked=relevance)
                found = found.order_by(*RELEVANCE_ORDER) if relevance else found.order_by()
                pks = list(found.values_list("pk", flat=True))
                self._search_result = (index.bits(pks), pks if relevance else None)
        return self._search_result

    def _chosen_bits(self, index: FacetIndex) -> dict[str, int]:
        return {name: index.matching(name, value) for name, value in self.chosen.items()}

    def listed(self, index: FacetIndex | None = None) -> Iterator[int]:
        """The ids of the projects the list shows, in the list's order: the same projects and
        order as ``qs``, picked from the facet index instead of by a scan of the register
        (lazily: a page needs only the ids up to its end)."""
        index = index or FacetIndex.current()
        bits, ranked = self._found(index)
        for matching in self._chosen_bits(index).values():
            bits &= matching
        if ranked is not None:
            return index.only(ranked, bits)
        return index.in_order(self.sort_choice, bits)

    def facets(self, index: FacetIndex | None = None) -> dict[str, dict[str, int]]:
        """For each filter and each of its values, how many projects the list would show with
        that value chosen (and the other filters as they are), with ``total``: how many it shows
        now. Counted in memory from the register's facet index (``FacetIndex.current()``): no
        query without a search, one with. Counts are over the register (published projects)."""
        index = index or FacetIndex.current()
        base, _ranked = self._found(index)
        chosen = self._chosen_bits(index)

        def others(name: str) -> int:
            bits = base
            for other, matching in chosen.items():
                if other != name:
                    bits &= matching
            return bits

        counts: dict[str, dict[str, int]] = {"total": {"": others("").bit_count()}}
        for name in COUNTED_FACETS:
            rest = others(name)
            counts[name] = {
                key: (bits & rest).bit_count() for key, bits in index.masks[name].items()
            }
        return counts


COUNTED_FACETS = (
    "uses_ai",
    "status",
    "area",
    "topic",
    "review",
    "organisation_type",
    "organisation",
)


# An index kept by an older release (in the shared cache) is not used by a newer one.
_CODE_VERSION = hashlib.sha256(
    b"".join(Path(module.__file__).read_bytes() for module in (sys.modules[__name__], questions))
).hexdigest()[:12]


_ZERO_ONE = bytes.maketrans(b"\x00\x01", b"01")


def _flags_to_bits(flags) -> int:
    """Yes/no flags (one per project, in order) as a bit set: bit ``n`` set when ``flags[n]``."""
    if not flags:
        return 0
    return int(bytes(map(bool, reversed(flags))).translate(_ZERO_ONE), 2)


def _bit_set(positions, size: int) -> int:
    data = bytearray((size + 7) // 8)
    for position in positions:
        data[position >> 3] |= 1 << (position & 7)
    return int.from_bytes(data, "little")


@dataclass
class FacetIndex:
    """Which projects on the register have each filter value, as bit sets (bit ``n`` is the
    ``n``th published project by id), so that the filter panel's counts for any search and
    combination of filters are a few ANDs and bit counts in memory instead of a scan of the
    register.

    Every value's set comes from the database through ``facet_q`` (the same condition the list
    filters by), so the counts cannot disagree with the list. Kept per register stamp."""

    pks: list[int]
    masks: dict[str, dict[str, int]]
    organisations: list[tuple[str, str]]

    @classmethod
    def current(cls) -> FacetIndex:
        """The index of the register as it is now: built once per change of the register (and
        per day, for "review overdue"), then kept."""
        today = timezone.localdate()
        return per_stamp(
            "facets", lambda: cls.build(today), variant=f"{today.isoformat()}:{_CODE_VERSION}"
        )

    @classmethod
    def build(cls, today: datetime.date) -> FacetIndex:
        """Three queries: one row per published project with a yes/no column for each value
        of the filters kept on the project, the organisations of each, and the organisation
        filter's choices. Each order of the list (``order``) and the projects evidencing each
        principle (``matching``) are kept apart, built when first asked for."""
        published = Project.objects.published().order_by("pk")
        options = {
            "uses_ai": {key: key for key, _ in USES_AI_CHOICES},
            "status": {key: [key] for key, _ in STATUS_CHOICES},
            "area": {key: [key] for key, _ in AREA_CHOICES},
            "topic": {key: [key] for key, _ in TOPIC_CHOICES},
            "review": {key: key for key, _ in REVIEW_CHOICES},
        }
        columns = {}
        for name, values in options.items():
            for key, value in values.items():
                condition = facet_q(name, value, today=today)
                columns[(name, key)] = ExpressionWrapper(condition, output_field=BooleanField())
        aliases = {f"facet_{n}": column for n, column in enumerate(columns.values())}
        flags = published.annotate(**aliases).values_list("pk", *aliases)
        with connection.cursor() as cursor:  # plain rows: no per-row conversion needed
            cursor.execute(*flags.query.sql_with_params())
            rows = cursor.fetchall()
        pks = [row[0] for row in rows]
        size = len(pks)
        masks: dict[str, dict[str, int]] = {name: {} for name in options}
        for column, (name, key) in enumerate(columns, start=1):
            masks[name][key] = _flags_to_bits([row[column] for row in rows])

        position = {pk: n for n, pk in enumerate(pks)}
        by_type: dict[str, list[int]] = {}
        by_slug: dict[str, list[int]] = {}
        roles = ProjectOrganisation.objects.filter(project__in=published.values("pk")).values_list(
            "project_id", "organisation__slug", "organisation__type"
        )
        for project_id, slug, kind in roles:
            by_slug.setdefault(slug, []).append(position[project_id])
            by_type.setdefault(kind, []).append(position[project_id])
        masks["organisation"] = {key: _bit_set(bits, size) for key, bits in by_slug.items()}
        masks["organisation_type"] = {key: _bit_set(bits, size) for key, bits in by_type.items()}
        organisations = published_organisations()
        return cls(pks=pks, masks=masks, organisations=organisations)

    def _positions(self) -> dict[int, int]:
        if not hasattr(self, "_position"):
            self._position = {pk: n for n, pk in enumerate(self.pks)}
        return self._position

    @property
    def everything(self) -> int:
        return (1 << len(self.pks)) - 1

    def bits(self, pks) -> int:
        """The bit set of the given projects (those not on the register are left out)."""
        position = self._positions()
        return _bit_set((position[pk] for pk in pks if pk in position), len(self.pks))

    @staticmethod
    def order(sort: str) -> list[int]:
        """The ids of the register's projects in the order ``sort`` (a key of SORT_ORDER), kept
        per register stamp like the index (and built only when someone asks for that order)."""
        return per_stamp(
            f"order-{sort}",
            lambda: list(
                Project.objects.published().order_by(*SORT_ORDER[sort]).values_list("pk", flat=True)
            ),
            variant=_CODE_VERSION,
        )

    def in_order(self, sort: str, bits: int) -> Iterator[int]:
        """The ids of the projects in ``bits``, in the order ``sort`` (a key of SORT_ORDER)."""
        return self.only(self.order(sort), bits)

    def only(self, ordered_pks: list[int], bits: int) -> Iterator[int]:
        """The ids in ``ordered_pks`` (kept in their order) of the projects in ``bits``."""
        data = bits.to_bytes((len(self.pks) + 7) // 8, "little")
        position = self._positions()
        return (
            pk
            for pk in ordered_pks
            if (n := position.get(pk)) is not None and data[n >> 3] >> (n & 7) & 1
        )

    def matching(self, name: str, value) -> int:
        """The projects a chosen filter (a form's cleaned value) lets through."""
        if name == "principle":  # no counts shown: kept apart, built when first chosen
            return self.bits(
                per_stamp(
                    f"principle-{value}",
                    lambda: list(
                        Project.objects.published()
                        .filter(facet_q(name, value))
                        .values_list("pk", flat=True)
                    ),
                    variant=_CODE_VERSION,
                )
            )
        masks = self.masks[name]
        bits = 0
        for key in value if isinstance(value, list) else [value]:
            bits |= masks.get(str(key), 0)
        return bits


@dataclass(frozen=True)
class ChosenFilter:
    """A chosen filter shown as a tag that removes it."""

    name: str
    label: str
    value_label: str
    remove_url: str


def chosen_filters(filterset: RegisterFilterSet, params) -> list[ChosenFilter]:
    """The chosen filters and search, each with the address of the list without it."""
    form = filterset.form
    tags = []
    if filterset.search_text:
        remaining = params.copy()
        remaining.pop("q", None)
        remaining.pop("page", None)
        tags.append(
            ChosenFilter(
                "q", "Search", f"\u201c{filterset.search_text}\u201d", "?" + remaining.urlencode()
            )
        )
    for name, value in filterset.chosen.items():
        labels = dict(form.fields[name].choices)
        for item in value if isinstance(value, list) else [value]:
            remaining = params.copy()
            remaining.pop("page", None)
            kept = [v for v in remaining.getlist(name) if v != item]
            remaining.setlist(name, kept)
            tags.append(
                ChosenFilter(
                    name,
                    form.fields[name].label,
                    str(labels.get(item, item)),
                    "?" + remaining.urlencode(),
                )
            )
    return tags
