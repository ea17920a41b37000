"""The public figures page in Chromium: each chart is an image named by its heading with its
table after it, it passes axe, and it reflows at 320 CSS pixels without scrolling sideways."""

import pytest

from tests.browser.conftest import assert_no_axe_violations, assert_no_horizontal_scroll
from tests.oversight.known_data import build_register

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("charter_principles"),
]

URL = "/register/figures/?from=2025-01-01&to=2025-12-31"


def test_the_figures_page_is_accessible(live_server, page):
    build_register()
    page.goto(f"{live_server.url}{URL}")

    assert page.locator("h1").inner_text() == "The register in figures"
    chart = page.get_by_role("img", name="Records by area")
    assert chart.is_visible()
    assert page.get_by_role("table", name="Records by area: the figures in the chart").is_visible()
    assert page.get_by_role("img", name="Records first published, by month").is_visible()
    assert_no_axe_violations(page)


def test_the_figures_page_reflows_on_a_phone(live_server, phone_page):
    build_register()
    phone_page.goto(f"{live_server.url}{URL}")

    assert phone_page.get_by_role("img", name="Records by stage").is_visible()
    assert_no_horizontal_scroll(phone_page)
    assert_no_axe_violations(phone_page)
