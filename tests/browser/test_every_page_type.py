"""Axe-core finds no WCAG 2.2 A or AA problem on any page type of the page catalogue: sign-up,
sign-in and password reset, the concern form, every section of the submission form (from
``projects.questions``), check answers and the "still accurate" page, each empty and with
errors, and the moderation pages for projects, organisations and concerns.

Django's test client makes each page (signed in as its visitor, forms posted with their
errors); Chromium loads it at its own address from the live server, so the site's CSS,
JavaScript and fonts apply as they would for a person."""

import pytest

from tests.browser.conftest import assert_no_axe_violations
from tests.frontend.page_catalogue import build_catalogue, fetch

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("charter_principles"),
]


def test_every_page_type_passes_axe(live_server, page, client):
    rendered = {}

    def serve(route):
        response = rendered.get(route.request.url)
        if response is None or route.request.resource_type != "document":
            route.continue_()
        else:
            route.fulfill(
                status=response.status_code,
                content_type=response["Content-Type"],
                body=response.content,
            )

    page.route("**/*", serve)
    for entry in build_catalogue():
        response = fetch(client, entry)
        url = f"{live_server.url}{response.request['PATH_INFO']}"
        if response.request.get("QUERY_STRING"):
            url += f"?{response.request['QUERY_STRING']}"
        rendered = {url: response}
        page.goto(url)
        assert_no_axe_violations(page, name=entry.name, conditional_reveal=True)
