"""Browser journeys: pytest-playwright driving Debian's Chromium against Django's live_server.

Every test under tests/browser gets the ``browser`` marker, so ``pytest -m "not browser"`` skips
them and ``pytest -m browser`` runs only them. Chromium comes from apt
(scripts/install-browser.sh, run by ``make test``); ``playwright install`` is never run.
"""

import importlib
import json
import os
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in the test thread, so Django would refuse database
# access from tests and from live_server's setup. Nothing here is really asynchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 320, "height": 640}
AXE = Path(__file__).parent / "vendor" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]

BROWSER_TESTS = Path(__file__).parent


def pytest_collection_modifyitems(config, items):
    for item in items:
        if BROWSER_TESTS in Path(item.path).parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture
def charter_principles(transactional_db):
    """The 11 principles, made by the same code as the data migration that makes them.

    live_server needs transactional tests, and those empty every table when they finish, so
    rows from data migrations are gone for the next test. ``serialized_rollback=True`` should
    put them back, but it does nothing once ordinary database tests have run earlier in the
    session and Playwright has started (the connection Django then hands out no longer holds
    the serialized copy), so we recreate the rows instead.
    """
    from django.apps import apps

    migration = importlib.import_module("principles.migrations.0002_the_eleven_principles")
    migration.create_principles(apps, None)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Launch Debian's Chromium once per session, headless, with no calls home."""
    if not Path(CHROMIUM).exists():
        pytest.fail(
            f"{CHROMIUM} is missing: run `sudo bash scripts/install-browser.sh` (or `make test` as"
            " root), then run the tests again",
            pytrace=False,
        )
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "headless": True,
        "args": CHROMIUM_ARGS,
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    """A new context per test (pytest-playwright's ``page``), the size of a laptop screen.

    ``bypass_csp`` lets the tests inject axe-core; the site's own pages never need it (a test
    in tests/security checks the policy, and pages are checked for inline script)."""
    return {**browser_context_args, "viewport": DESKTOP, "locale": "en-GB", "bypass_csp": True}


@pytest.fixture
def phone_page(browser, browser_context_args):
    """A page in its own context, 320 CSS pixels wide: the narrowest phone we support."""
    context = browser.new_context(
        **{**browser_context_args, "viewport": PHONE, "is_mobile": True, "has_touch": True}
    )
    yield context.new_page()
    context.close()


def assert_no_axe_violations(page, *, tags=AXE_TAGS, name="", conditional_reveal=False):
    """Run axe-core (vendored, so no network) on the page and fail with what it found.

    ``name`` says which page it is in the failure message (the address alone may not).
    ``conditional_reveal=True`` accepts one thing only: ``aria-expanded`` on radios that reveal
    a question, which GOV.UK Frontend sets on purpose (screen readers announce it), a known
    issue it keeps (alphagov/govuk-frontend#979)."""
    page.add_script_tag(path=str(AXE))
    results = page.evaluate(
        """(tags) => axe.run(document, {runOnly: {type: 'tag', values: tags}})""", tags
    )
    violations = results["violations"]
    if conditional_reveal:
        violations = [
            {**violation, "nodes": nodes}
            for violation in violations
            if (nodes := [node for node in violation["nodes"] if not _reveals(violation, node)])
        ]
    if violations:
        where = f"{name} ({page.url})" if name else page.url
        lines = [f"{len(violations)} accessibility violation(s) on {where}:"]
        for violation in violations:
            lines.append(
                f"- {violation['id']} ({violation['impact']}): {violation['help']}"
                f" {violation['helpUrl']}"
            )
            for node in violation["nodes"]:
                lines.append(f"    at {json.dumps(node['target'])}: {node['html'][:200]}")
        pytest.fail("\n".join(lines), pytrace=False)


def _reveals(violation, node) -> bool:
    html = node["html"]
    return (
        violation["id"] == "aria-allowed-attr"
        and "govuk-radios__input" in html
        and "aria-expanded" in html
        and "aria-controls" in html
    )


def assert_no_horizontal_scroll(page, *, width=PHONE["width"]):
    """Fail when the page is wider than the viewport (content cut off or scrolling sideways)."""
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= width, f"{page.url} is {scroll_width}px wide at {width}px"
