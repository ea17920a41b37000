"""The parts of a register list that do not depend on its page number (the search box, the
chosen filters and the filter panel with its counts, the order) and each project's entry are
rendered once per register stamp in each process and shared by every page of the same list:
the same HTML as rendered afresh, and never kept past a change to the register."""

import re

import pytest

from register import caching
from register.selectors import PAGE_SIZE
from tests.factories import PublishedProjectFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_stores(monkeypatch):
    monkeypatch.setattr(caching, "_fragments", caching.OrderedDict())
    monkeypatch.setattr(caching, "_fragment_characters", 0)
    monkeypatch.setattr(caching, "_kept_pages", caching.OrderedDict())
    monkeypatch.setattr(caching, "_kept_page_bytes", 0)


def panel(response) -> str:
    page = response.content.decode()
    return page[page.index("Filter projects") : page.index("Apply filters")]


def kept(name: str) -> list[tuple]:
    return [key for key in caching._fragments if key[0] == name]


def test_the_pages_of_one_list_share_its_filter_panel(client):
    for n in range(PAGE_SIZE + 2):
        PublishedProjectFactory(title=f"Bus routes {n}", status="pilot")

    first = client.get("/register/", {"status": "pilot"})
    second = client.get("/register/", {"status": "pilot", "page": 2})

    assert len(kept("register-filter-panel")) == 1
    assert panel(first) == panel(second)
    caching._fragments.clear()
    assert panel(client.get("/register/", {"status": "pilot", "page": 2})) == panel(second)


def test_another_search_or_filter_has_its_own_panel(client):
    PublishedProjectFactory(title="Bus routes", status="pilot")

    client.get("/register/")
    client.get("/register/", {"status": "pilot"})
    client.get("/register/", {"status": "pilot", "sort": "title"})

    assert len(kept("register-filter-panel")) == 3


def test_a_publish_shows_in_the_counts_and_entries_at_once(client):
    PublishedProjectFactory(title="Bus routes", status="pilot")
    before = panel(client.get("/register/", {"page": 2}))
    assert re.search(r"Pilot \(1\)", before)

    PublishedProjectFactory(title="Library loans", status="pilot")
    response = client.get("/register/")

    assert re.search(r"Pilot \(2\)", panel(response))
    assert "Library loans" in response.content.decode()


def test_a_project_entry_is_rendered_once_per_stamp(client):
    project = PublishedProjectFactory(title="Bus routes")

    client.get("/register/")
    client.get("/register/", {"sort": "title"})

    assert [key[1] for key in kept("register-list-entry")] == [str(project.pk)]


def test_only_the_latest_parts_are_kept_up_to_a_size(client, monkeypatch):
    PublishedProjectFactory(title="Bus routes")
    client.get("/register/")
    monkeypatch.setattr(caching, "KEPT_FRAGMENT_CHARACTERS", caching._fragment_characters)

    client.get("/register/", {"sort": "title"})

    assert caching._fragment_characters <= caching.KEPT_FRAGMENT_CHARACTERS
    assert "" not in [key[1] for key in kept("register-search-box")]  # the oldest went first
