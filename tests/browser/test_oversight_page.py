"""The oversight page in Chromium: it passes axe with figures and with errors, and reflows at
320 CSS pixels without scrolling sideways."""

import pytest

from tests.browser.conftest import assert_no_axe_violations, assert_no_horizontal_scroll
from tests.factories import ReviewerFactory
from tests.oversight.known_data import build_register

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("charter_principles"),
]

PERIOD = "/oversight/?from=2025-01-01&to=2025-12-31"


def sign_in(page, live_server, client):
    client.force_login(ReviewerFactory())
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    return page


def test_the_oversight_page_is_accessible(live_server, page, client):
    build_register()
    sign_in(page, live_server, client).goto(f"{live_server.url}{PERIOD}")

    assert page.locator("h1").inner_text() == "Oversight figures"
    chart = page.get_by_role("img", name="Records by area")
    assert chart.is_visible()
    assert page.get_by_role("table", name="Records by area: the figures in the chart").is_visible()
    bar = chart.locator("rect").nth(2).bounding_box()  # Liverpool, the largest: a full bar
    track = chart.locator("svg").nth(2).bounding_box()
    assert bar["width"] == pytest.approx(track["width"], abs=1)
    assert_no_axe_violations(page)


def test_the_period_form_is_accessible_with_errors(live_server, page, client):
    sign_in(page, live_server, client).goto(f"{live_server.url}/oversight/")
    page.get_by_role("group", name="To").get_by_label("Year").fill("2000")
    page.get_by_role("button", name="Show figures").click()

    assert page.title().startswith("Error: ")
    assert "The end of the period must be the same as or after its start" in page.inner_text(
        ".govuk-error-summary"
    )
    assert_no_axe_violations(page)


def test_the_oversight_page_reflows_on_a_phone(live_server, phone_page, client):
    build_register()
    sign_in(phone_page, live_server, client).goto(f"{live_server.url}{PERIOD}")

    assert phone_page.get_by_role("img", name="Records by stage").is_visible()
    assert_no_horizontal_scroll(phone_page)
    assert_no_axe_violations(phone_page)
