"""A resident reads the Charter's 11 principles, on a laptop and on a small phone."""

import pytest

from principles.charter import PRINCIPLES
from tests.browser.conftest import assert_no_axe_violations, assert_no_horizontal_scroll

# live_server needs transactional tests; charter_principles puts back the migration's rows.
pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("charter_principles"),
]


def test_the_principles_page_lists_all_eleven_and_passes_axe(live_server, page):
    page.goto(f"{live_server.url}/principles/")

    assert page.title() == "The Charter's 11 principles – Liverpool City Region Charter Register"
    assert page.locator("h1").inner_text() == "The Charter's 11 principles"
    headings = page.locator("main h2").all_inner_texts()
    assert headings == [f"Principle {number}: {name}" for number, name, _ in PRINCIPLES]

    current = page.locator(".govuk-service-navigation a[aria-current]")
    assert current.inner_text() == "Principles"

    assert_no_axe_violations(page)


def test_a_principle_opens_from_the_list(live_server, page):
    page.goto(f"{live_server.url}/principles/")
    number, name, _ = PRINCIPLES[0]

    page.get_by_role("link", name=f"Principle {number}: {name}").click()

    assert page.locator("h1").inner_text() == name
    assert_no_axe_violations(page)


def test_the_principles_page_fits_a_320px_phone(live_server, phone_page):
    phone_page.goto(f"{live_server.url}/principles/")

    assert phone_page.locator("main h2").count() == len(PRINCIPLES) == 11
    assert_no_horizontal_scroll(phone_page)
    assert_no_axe_violations(phone_page)
