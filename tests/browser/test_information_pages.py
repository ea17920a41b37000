import pytest

from tests.browser.conftest import assert_no_axe_violations, assert_no_horizontal_scroll

PAGES = ["/accessibility/", "/privacy/", "/cookies/"]


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("path", PAGES)
def test_information_pages_are_accessible_and_fit_a_phone(page, phone_page, live_server, path):
    page.goto(live_server.url + path)
    assert_no_axe_violations(page)
    phone_page.goto(live_server.url + path)
    assert_no_horizontal_scroll(phone_page)
