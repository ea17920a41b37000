"""The Atom feed takes the register list's search and filters, and every list links its own."""

import xml.etree.ElementTree as ET

import pytest

from tests.alerts.helpers import publish
from tests.factories import (
    AIProjectFactory,
    OrganisationFactory,
    PublishedProjectFactory,
    submitted_new_version,
)

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def titles(client, url) -> list[str]:
    response = client.get(url)
    assert response.status_code == 200
    feed = ET.fromstring(response.content)  # noqa: S314 - our own feed, in a test
    return [entry.findtext(f"{ATOM}title") for entry in feed.findall(f"{ATOM}entry")], feed


@pytest.fixture
def register():
    wirral_ai = AIProjectFactory(title="Wirral chatbot", areas=["wirral"])
    PublishedProjectFactory(title="Wirral bins", areas=["wirral"], uses_ai=False)
    AIProjectFactory(title="Sefton triage", areas=["sefton"])
    publish(submitted_new_version(wirral_ai, purpose="A clearer purpose."))


def test_the_feed_takes_the_list_filters(client, register):
    found, feed = titles(client, "/feed/?area=wirral&uses_ai=yes")
    assert sorted(found) == [
        "New project: Wirral chatbot",
        "New version of Wirral chatbot (version 2)",
    ]
    assert "Area: Wirral" in feed.findtext(f"{ATOM}title")
    self_link = feed.find(f"{ATOM}link[@rel='self']").get("href")
    assert self_link.endswith("/feed/?uses_ai=yes&area=wirral")
    assert (
        feed.find(f"{ATOM}link[@rel='alternate']")
        .get("href")
        .endswith("/register/?uses_ai=yes&area=wirral")
    )
    assert len(titles(client, "/feed/")[0]) == 4


def test_bad_filters_are_left_out_as_on_the_list(client, register):
    assert len(titles(client, "/feed/?area=atlantis&page=9&sort=title")[0]) == 4
    found, _ = titles(client, "/feed/?q=%01%02bins")
    assert len(found) <= 4  # no error from characters XML cannot hold


def test_every_list_links_its_own_feed_and_alerts(client, register):
    organisation = OrganisationFactory(name="Wirral Example Council")
    PublishedProjectFactory(with_organisation=organisation)
    page = client.get("/register/?area=wirral&uses_ai=yes&page=1&sort=title").content.decode()
    assert 'href="/feed/?uses_ai=yes&amp;area=wirral"' in page
    assert 'href="/alerts/new/?uses_ai=yes&amp;area=wirral"' in page
    assert (
        'rel="alternate" type="application/atom+xml" title="Charter Register: these projects"'
        in page
    )
    page = client.get("/register/").content.decode()
    assert 'href="/feed/"' in page and 'href="/alerts/new/"' in page
    page = client.get(f"/organisations/{organisation.slug}/").content.decode()
    assert f'href="/feed/?organisation={organisation.slug}"' in page
    assert f'href="/alerts/new/?organisation={organisation.slug}"' in page
    page = client.get("/principles/3/").content.decode()
    assert 'href="/feed/?principle=3"' in page and 'href="/alerts/new/?principle=3"' in page


def test_the_project_page_offers_to_follow_it(client, register):
    project = PublishedProjectFactory(title="Bus times")
    page = client.get(f"/register/{project.slug}/").content.decode()
    assert f'href="/alerts/follow/{project.slug}/"' in page
    assert "Get emails when this project changes" in page
