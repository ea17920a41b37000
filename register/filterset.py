"""The register list's search, filters and order, read from the query string (a django-filter
``FilterSet``), and the filter panel's form. Each filter is declared once here (label, choices,
widget, the message for a value not on the list); ``register.conditions.FACETS`` gives their
order and ``facet_q`` their conditions.

The conditions are ``register.conditions``; the list's projects and the panel's counts come from
the facet index (``register.facet_index``).
"""

from __future__ import annotations

from dataclasses import dataclass

import django_filters
from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout, Size
from django import forms
from django.db import connection
from django.utils.safestring import mark_safe

from organisations.choices import ORGANISATION_TYPE_CHOICES
from projects.models import Project
from projects.questions import AREA_CHOICES, STATUS_CHOICES, TOPIC_CHOICES

from .conditions import (
    FACETS,
    PRINCIPLE_CHOICES,
    RELEVANCE_ORDER,
    REVIEW_CHOICES,
    SORT_CHOICES,
    SORT_ORDER,
    USES_AI_CHOICES,
    facet_q,
    published_organisations,
)
from .facet_index import COUNTED_FACETS, FacetIndex, Selection
from .search import MAX_QUERY_LENGTH, found_ids, search
from .widgets import CHECKBOXES, QuickSelect, escape, text


def panel_kind(field: forms.Field) -> str:
    """How the filter panel shows a filter, from its widget: GOV.UK checkboxes, radios or a
    select."""
    if isinstance(field.widget, forms.CheckboxSelectMultiple):
        return "checkboxes"
    if isinstance(field.widget, forms.RadioSelect):
        return "radios"
    return "select"


@dataclass
class FilterGroup:
    """One filter in the panel: a fieldset of small radios or checkboxes, or a select, written
    out by ``html`` with the same GOV.UK markup as crispy-forms-gds gives."""

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

    def html(self) -> str:
        """The group's markup. Written out here rather than by a template because the panel
        has hundreds of choices and a search's list renders its own panel (its counts)."""
        name = escape(self.name)
        errors = "".join(
            f'<span id="id_{name}_{number}_error" class="govuk-error-message">'
            f'<span class="govuk-visually-hidden">Error:</span> {text(error)}</span>'
            for number, error in enumerate(self.errors, start=1)
        )
        group_class = "govuk-form-group govuk-form-group--error" if errors else "govuk-form-group"
        if self.kind == "select":
            body = (
                f'  <label for="id_{name}" class="govuk-label">{text(self.label)}</label>\n'
                f"  {errors}\n  {self.select}\n"
            )
        else:
            kind, input_type = self.kind, self.input_type
            described = f' aria-describedby="{self.described_by}"' if errors else ""
            items = "".join(
                f'      <div class="govuk-{kind}__item">\n'
                f'        <input type="{input_type}" name="{name}" class="govuk-{kind}__input"'
                f' id="{escape(choice["id"])}" value="{text(choice["value"])}"'
                f"{' checked' if choice['checked'] else ''}>\n"
                f'        <label class="govuk-label govuk-{kind}__label"'
                f' for="{escape(choice["id"])}">{text(choice["label"])}</label>\n'
                "      </div>\n"
                for choice in self.choices
            )
            body = (
                f'  <fieldset class="govuk-fieldset"{described}>\n'
                f'    <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">'
                f"{text(self.label)}</legend>\n"
                f"    {errors}\n"
                f'    <div class="govuk-{kind} govuk-{kind}--small">\n{items}    </div>\n'
                "  </fieldset>\n"
            )
        return f'<div id="div_id_{name}" class="{group_class}">\n{body}</div>\n'


class RegisterFilterForm(forms.Form):
    """The filter panel's form: the search box and the order through crispy-forms-gds, the
    filters through ``filter_panel`` (hundreds of choices: crispy's templates were too slow)."""

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
        return [FilterGroup.of(self[name], panel_kind(self.fields[name])) for name in FACETS]

    def filter_panel_html(self) -> str:
        """The filter panel's markup (``filter_panel``, each group's ``html``)."""
        return mark_safe("".join(group.html() for group in self.filter_panel()))  # noqa: S308  # nosec B308, B703: every part escaped by FilterGroup.html

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
        error_messages={"invalid_choice": "Choose whether the project uses AI from the list"},
    )
    status = django_filters.MultipleChoiceFilter(
        label="Stage",
        choices=STATUS_CHOICES,
        method="filter_facet",
        widget=CHECKBOXES,
        error_messages={"invalid_choice": "Choose a stage from the list"},
    )
    area = django_filters.MultipleChoiceFilter(
        label="Area",
        choices=AREA_CHOICES,
        method="filter_facet",
        widget=CHECKBOXES,
        error_messages={"invalid_choice": "Choose an area from the list"},
    )
    topic = django_filters.MultipleChoiceFilter(
        label="Service area",
        choices=TOPIC_CHOICES,
        method="filter_facet",
        widget=CHECKBOXES,
        error_messages={"invalid_choice": "Choose a service area from the list"},
    )
    organisation = django_filters.ChoiceFilter(
        label="Organisation",
        choices=[],
        method="filter_facet",
        empty_label="Any organisation",
        widget=QuickSelect,
        error_messages={"invalid_choice": "Choose an organisation from the list"},
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
        error_messages={"invalid_choice": "Choose a type of organisation from the list"},
    )
    principle = django_filters.ChoiceFilter(
        label="Charter principle",
        choices=PRINCIPLE_CHOICES,
        method="filter_facet",
        empty_label="Any principle",
        widget=QuickSelect,
        error_messages={"invalid_choice": "Choose a principle from 1 to 11"},
    )
    review = django_filters.ChoiceFilter(
        label="Yearly review",
        choices=REVIEW_CHOICES,
        method="filter_facet",
        empty_label="Any",
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": "Choose a review option from the list"},
    )
    sort = django_filters.ChoiceFilter(
        label="Sort by",
        choices=SORT_CHOICES,
        method="filter_sort",
        empty_label=None,
        widget=QuickSelect,
        error_messages={"invalid_choice": "Choose an order from the list"},
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
        search the register has not been asked since it last changed, none otherwise."""
        if not hasattr(self, "_search_result"):
            if not self.search_text:
                self._search_result = (index.everything, None)
            else:
                relevance = self.sort_choice == "relevance"
                pks = found_ids(self.queryset, self.search_text, ranked=relevance)
                self._search_result = (index.bits(pks), pks if relevance else None)
        return self._search_result

    def _chosen_bits(self, index: FacetIndex) -> dict[str, int]:
        return {name: index.matching(name, value) for name, value in self.chosen.items()}

    def _listed_bits(self, index: FacetIndex) -> int:
        bits, _ranked = self._found(index)
        for matching in self._chosen_bits(index).values():
            bits &= matching
        return bits

    def total(self, index: FacetIndex | None = None) -> int:
        """How many projects the list shows (one bit count in the facet index)."""
        return self._listed_bits(index or FacetIndex.current()).bit_count()

    def listed(self, index: FacetIndex | None = None) -> Selection:
        """The ids of the projects the list shows, in the list's order: the same projects and
        order as ``qs``, picked from the facet index instead of by a scan of the register
        (lazily: a page needs only the ids up to its end)."""
        index = index or FacetIndex.current()
        bits = self._listed_bits(index)
        _found, ranked = self._found(index)
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
