"""Each filter of the register list is declared once (``register.filterset``): the panel, its
order, the counts and the message for a value not on the list all follow from that."""

import pytest
from django.http import QueryDict

from register.conditions import FACETS
from register.facet_index import COUNTED_FACETS
from register.filterset import RegisterFilterSet, panel_kind

pytestmark = pytest.mark.django_db


def test_the_panel_lists_every_declared_filter_in_order():
    declared = [name for name in RegisterFilterSet.base_filters if name not in ("q", "sort")]
    assert declared == list(FACETS)
    assert [group.name for group in RegisterFilterSet().form.filter_panel()] == list(FACETS)


def test_the_panel_shows_each_filter_as_its_widget_says():
    form = RegisterFilterSet().form
    kinds = {name: panel_kind(form.fields[name]) for name in FACETS}
    assert kinds == {
        "uses_ai": "radios",
        "status": "checkboxes",
        "area": "checkboxes",
        "topic": "checkboxes",
        "organisation": "select",
        "organisation_type": "checkboxes",
        "principle": "select",
        "review": "radios",
    }


def test_every_filter_but_the_principle_shows_counts():
    assert set(COUNTED_FACETS) == set(FACETS) - {"principle"}


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("uses_ai", "Choose whether the project uses AI from the list"),
        ("status", "Choose a stage from the list"),
        ("principle", "Choose a principle from 1 to 11"),
        ("sort", "Choose an order from the list"),
    ],
)
def test_a_value_not_on_the_list_gets_the_filter_s_own_message(name, message):
    form = RegisterFilterSet(QueryDict(f"{name}=nonsense")).form
    assert not form.is_valid()
    assert form.errors[name] == [message]
