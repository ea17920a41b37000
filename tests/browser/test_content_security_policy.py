"""Pages work under the strict Content-Security-Policy: the browser reports no violation."""

import pytest

PAGES = ["/principles/", "/principles/3/", "/no-such-page/"]

RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (event) => {
  window.__cspViolations.push(event.violatedDirective + ' ' + event.blockedURI);
});
"""


@pytest.fixture
def strict_page(browser):
    """A page that obeys the site's CSP (the other browser tests bypass it to inject axe)."""
    context = browser.new_context(bypass_csp=False)
    context.add_init_script(RECORD_VIOLATIONS)
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("path", PAGES)
def test_no_csp_violations(strict_page, live_server, charter_principles, path):
    strict_page.goto(live_server.url + path)
    strict_page.wait_for_load_state("networkidle")
    assert strict_page.evaluate("window.__cspViolations") == []
    # The page's own JavaScript ran: govuk-frontend marks the body as supported.
    assert "govuk-frontend-supported" in strict_page.locator("body").get_attribute("class")
