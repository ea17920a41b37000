"""The page around the content: without JavaScript, signed in, and when a page is missing."""

import pytest
from django.contrib.auth import get_user_model

from tests.browser.conftest import PHONE, assert_no_axe_violations, assert_no_horizontal_scroll

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("charter_principles"),
]

SECTIONS = ["Register", "Organisations", "Principles", "Open data"]


def test_navigation_works_without_javascript_on_a_phone(live_server, browser):
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/principles/")

    assert "govuk-frontend-supported" not in page.locator("body").get_attribute("class")
    navigation = page.get_by_role("navigation", name="Menu")
    for section in SECTIONS:
        assert navigation.get_by_role("link", name=section, exact=True).is_visible()
    assert not page.get_by_role("button", name="Menu").is_visible()
    assert_no_horizontal_scroll(page)
    context.close()


def test_javascript_starts_the_components_on_a_phone(live_server, phone_page):
    phone_page.goto(f"{live_server.url}/principles/")

    assert "govuk-frontend-supported" in phone_page.locator("body").get_attribute("class")
    menu = phone_page.get_by_role("button", name="Menu")
    assert menu.is_visible()
    menu.click()
    assert phone_page.get_by_role("link", name="Register", exact=True).is_visible()


def test_a_signed_in_person_sees_their_projects_and_can_sign_out(live_server, page, client):
    user = get_user_model().objects.create_user(username="amina", password="a long password 1")
    client.force_login(user)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )

    page.goto(f"{live_server.url}/principles/")

    account = page.get_by_role("navigation", name="Your account")
    assert account.get_by_role("link", name="Your projects").is_visible()
    assert account.get_by_role("button", name="Sign out").is_visible()
    assert_no_axe_violations(page)


def test_a_missing_page_says_so_plainly(live_server, page):
    response = page.goto(f"{live_server.url}/no-such-page/")

    assert response.status == 404
    assert page.locator("h1").inner_text() == "Page not found"
    assert_no_axe_violations(page)
