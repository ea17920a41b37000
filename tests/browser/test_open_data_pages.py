"""The open data page reads well on a laptop and a phone; the API docs run under the strict CSP
with Swagger UI served by the register itself."""

import pytest

from tests.browser.conftest import assert_no_axe_violations, assert_no_horizontal_scroll
from tests.browser.test_content_security_policy import RECORD_VIOLATIONS

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("charter_principles"),
]


@pytest.fixture
def strict_page(browser):
    context = browser.new_context(bypass_csp=False)
    context.add_init_script(RECORD_VIOLATIONS)
    yield context.new_page()
    context.close()


def test_the_open_data_page_passes_axe(live_server, page):
    page.goto(f"{live_server.url}/open-data/")
    assert page.locator("h1").inner_text() == "Open data"
    current = page.locator(".govuk-service-navigation a[aria-current]")
    assert current.inner_text() == "Open data"
    assert_no_axe_violations(page)


def test_the_open_data_page_fits_a_320px_phone(live_server, phone_page):
    phone_page.goto(f"{live_server.url}/open-data/")
    assert_no_horizontal_scroll(phone_page)


def test_the_open_data_page_has_no_csp_violation(live_server, strict_page):
    strict_page.goto(f"{live_server.url}/open-data/")
    strict_page.wait_for_load_state("networkidle")
    assert strict_page.evaluate("window.__cspViolations") == []


def test_the_api_docs_run_under_the_csp_without_a_cdn(live_server, strict_page):
    requested = []
    strict_page.on("request", lambda request: requested.append(request.url))
    strict_page.goto(f"{live_server.url}/api/docs/")
    strict_page.get_by_text("/api/projects/{id}/").first.wait_for()
    assert strict_page.evaluate("window.__cspViolations") == []
    assert all(url.startswith(live_server.url) or url.startswith("data:") for url in requested)
