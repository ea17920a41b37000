"""A moderator without an authenticator app sets one up in the browser, under the site's
strict Content-Security-Policy (the QR code shows), on accessible pages; the lockout page
is accessible too."""

import re
import time

import pytest
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

from tests.browser.conftest import assert_no_axe_violations
from tests.browser.test_content_security_policy import RECORD_VIOLATIONS
from tests.factories import AccountFactory, ModeratorFactory

PASSWORD = "a long test password 123"


@pytest.fixture
def page_under_csp(browser):
    """A page that obeys the site's CSP, recording any violation."""
    context = browser.new_context(bypass_csp=False, locale="en-GB")
    context.add_init_script(RECORD_VIOLATIONS)
    yield context.new_page()
    context.close()


def check_accessible(page):
    """axe needs its script injected, which the strict policy forbids: check the same page in
    a context that bypasses CSP, signed in with the same session."""
    other = page.context.browser.new_context(bypass_csp=True, locale="en-GB")
    other.add_cookies(page.context.cookies())
    copy = other.new_page()
    copy.goto(page.url)
    assert_no_axe_violations(copy)
    other.close()


def sign_in(page, live_server, email, password=PASSWORD):
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()


def test_a_moderator_sets_up_an_authenticator_app(live_server, page_under_csp):
    moderator = ModeratorFactory(authenticator_app=False)
    AccountFactory(username=moderator.username)
    page = page_under_csp
    sign_in(page, live_server, moderator.email)
    page.goto(live_server.url + "/moderation/")
    assert page.get_by_text("Set up an authenticator app before you use").is_visible()
    assert page.get_by_role("heading", name="Confirm it is you").is_visible()
    check_accessible(page)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Continue").click()

    assert page.get_by_role("heading", name="Set up an authenticator app").is_visible()
    qr = page.get_by_alt_text("QR code to add the Charter Register to your authenticator app")
    assert qr.evaluate("image => image.complete && image.naturalWidth > 0")
    check_accessible(page)
    page.reload()  # each showing of the page makes a new key: use the one on this page
    secret = page.locator("#authenticator-secret").inner_text()
    assert re.fullmatch(r"[A-Z2-7]+", secret)
    code = format_hotp_value(hotp_value(secret, int(time.time()) // 30))
    page.get_by_label("Code from your authenticator app").fill(code)
    page.get_by_role("button", name="Turn on the authenticator app").click()

    assert page.get_by_role("heading", name="Your recovery codes").is_visible()
    assert page.locator("#recovery-codes li").count() == 10
    check_accessible(page)
    page.goto(live_server.url + "/moderation/")
    assert page.url == live_server.url + "/moderation/"
    assert page.evaluate("window.__cspViolations") == []


def test_the_lockout_page_is_accessible(live_server, page_under_csp):
    account = AccountFactory()
    page = page_under_csp
    for _ in range(5):
        sign_in(page, live_server, account.email, password="not the password")
    assert page.get_by_role("heading", name="Signing in is paused for this account").is_visible()
    assert page.evaluate("window.__cspViolations") == []
    # The lockout page answers a POST, so axe (which needs the policy bypassed) checks the
    # answer to one more try from a context that bypasses it.
    other = page.context.browser.new_context(bypass_csp=True, locale="en-GB")
    copy = other.new_page()
    sign_in(copy, live_server, account.email, password="not the password")
    assert copy.get_by_role("heading", name="Signing in is paused").is_visible()
    assert_no_axe_violations(copy)
    other.close()
