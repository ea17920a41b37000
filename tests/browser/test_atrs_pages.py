"""The ATRS pages in a browser: the crosswalk reads on a 320px phone; a member uploads a record
without JavaScript's help and lands on what it filled in."""

import pytest

from atrs.export import atrs_workbook
from tests.atrs.records import record
from tests.browser.conftest import assert_no_axe_violations, assert_no_horizontal_scroll
from tests.factories import MembershipFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("charter_principles"),
]


def test_the_crosswalk_fits_a_320px_phone(live_server, phone_page):
    phone_page.goto(f"{live_server.url}/open-data/atrs/")
    assert phone_page.locator("h1").inner_text() == "How this register maps to the UK standard"
    assert_no_horizontal_scroll(phone_page)


def test_a_member_starts_a_project_from_an_atrs_workbook(live_server, page, client, tmp_path):
    membership = MembershipFactory()
    path = tmp_path / "record.xlsx"
    path.write_bytes(atrs_workbook(record()))
    client.force_login(membership.user)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    page.goto(f"{live_server.url}/projects/new/from-atrs/")
    page.set_input_files("input[name=record]", str(path))
    page.get_by_label(membership.organisation.name).check()
    page.get_by_role("button", name="Upload and start the project").click()
    assert "What the ATRS record answered" in page.locator("h1").inner_text()
    assert page.get_by_text("How will you involve beneficiaries").first.is_visible()
    assert_no_axe_violations(page)
