"""The browser harness finds real accessibility problems, so a green run means something."""

import pytest

from tests.browser.conftest import assert_no_axe_violations


def test_axe_reports_what_is_wrong(page):
    page.set_content(
        '<!DOCTYPE html><html lang="en"><head><title>Broken</title></head>'
        '<body><main><img src="data:,"><a href="#"></a></main></body></html>'
    )
    with pytest.raises(pytest.fail.Exception) as failure:
        assert_no_axe_violations(page)
    message = str(failure.value)
    assert "image-alt" in message
    assert "link-name" in message
    assert '["img"]' in message


def test_the_browser_is_debians_chromium(browser):
    assert browser.browser_type.name == "chromium"
    assert browser.version
