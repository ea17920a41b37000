"""A resident searches the register, filters it, turns a page and reads a project, with and
without JavaScript."""

import pytest

from projects.models import Project
from tests.browser.conftest import assert_no_axe_violations
from tests.factories import AIProjectFactory, PublishedProjectFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("charter_principles"),
]


@pytest.fixture
def register():
    for n in range(25):
        PublishedProjectFactory(
            title=f"Library opening hours {n:02d}", purpose="Plan library hours."
        )
    AIProjectFactory(title="Library chatbot", purpose="Answer questions about libraries.")
    PublishedProjectFactory(title="Bus routes", purpose="Plan bus routes.")
    Project.objects.all().refresh_search_vector()


def journey(page, base_url, *, axe=True):
    page.goto(f"{base_url}/")
    page.get_by_label("Search the register").fill("library")
    page.get_by_role("button", name="Search").click()

    assert page.locator("h1").inner_text() == "The register of data and AI projects"
    assert page.locator("#results").inner_text() == "26 projects"
    assert "Bus routes" not in page.content()
    if axe:
        assert_no_axe_violations(page)

    page.get_by_role("link", name="Page 2", exact=True).click()
    assert page.locator(".app-project-list__item").count() == 6
    assert "page=2" in page.url and "q=library" in page.url

    page.get_by_label("Uses AI (1)").check()
    page.get_by_role("button", name="Apply filters").click()
    assert page.locator("#results").inner_text() == "1 project"
    assert page.locator(".app-project-list__item .govuk-tag", has_text="Uses AI").count() == 1

    page.get_by_role("link", name="Library chatbot").click()
    assert page.locator("h1").inner_text() == "Library chatbot"
    assert page.get_by_role("heading", name="Who is responsible", exact=True).is_visible()
    assert page.get_by_role(
        "heading", name="How this project meets the Charter", exact=True
    ).is_visible()
    if axe:
        assert_no_axe_violations(page)


def test_search_filter_paginate_and_read_a_project(live_server, page, register):
    journey(page, live_server.url)


def test_the_same_journey_without_javascript(live_server, browser, browser_context_args, register):
    context = browser.new_context(**browser_context_args, java_script_enabled=False)
    try:
        # axe is injected as a script, which cannot run here; the run above checks the same pages.
        journey(context.new_page(), live_server.url, axe=False)
    finally:
        context.close()
