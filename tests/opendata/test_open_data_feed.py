"""The Atom feed: published projects and new versions, newest first, linked from pages."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.utils import timezone

from tests.opendata.open_data_register import make_register

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def feed(client):
    make_register(now=timezone.now())
    response = client.get("/feed/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    return ET.fromstring(response.content)  # noqa: S314 - our own feed, in a test


def entries(feed):
    return feed.findall(f"{ATOM}entry")


def test_the_feed_is_atom_with_its_required_elements(feed):
    assert feed.tag == f"{ATOM}feed"
    assert feed.findtext(f"{ATOM}title").startswith("Liverpool City Region Charter Register")
    assert feed.findtext(f"{ATOM}id")
    assert datetime.datetime.fromisoformat(feed.findtext(f"{ATOM}updated"))
    assert feed.findtext(f"{ATOM}author/{ATOM}name") == "Liverpool City Region Charter Register"
    assert feed.find(f"{ATOM}link[@rel='self']").get("href").endswith("/feed/")
    for entry in entries(feed):
        assert entry.findtext(f"{ATOM}title")
        assert entry.findtext(f"{ATOM}id")
        assert datetime.datetime.fromisoformat(entry.findtext(f"{ATOM}updated"))
        assert entry.find(f"{ATOM}link[@rel='alternate']").get("href").startswith("http")


def test_entries_are_published_projects_and_new_versions_newest_first(feed):
    titles = [entry.findtext(f"{ATOM}title") for entry in entries(feed)]
    assert titles[:3] == [
        "New version of Fire safety visits for people most at risk, version two (version 2)",
        "New project: Housing repairs chatbot",
        "New project: Bin collection routes",
    ]
    # Imported together, at the same moment: the replaced first version is still an entry.
    assert set(titles[3:]) == {
        "New project: Fire safety visits for people most at risk",
        "New project: School place planning",
    }
    updated = [entry.findtext(f"{ATOM}updated") for entry in entries(feed)]
    moments = [datetime.datetime.fromisoformat(value) for value in updated]
    assert moments == sorted(moments, reverse=True)


def test_entries_have_unique_stable_ids_and_link_to_the_project_page(feed):
    ids = [entry.findtext(f"{ATOM}id") for entry in entries(feed)]
    assert len(set(ids)) == len(ids)
    assert "http://127.0.0.1:8000/register/fire-safety-visits/versions/2/" in ids
    assert "http://127.0.0.1:8000/register/fire-safety-visits/versions/1/" in ids
    first = entries(feed)[0]
    link = first.find(f"{ATOM}link").get("href")
    assert link.endswith("/register/fire-safety-visits/versions/2/")
    assert first.findtext(f"{ATOM}author/{ATOM}name") == "Example Fire and Rescue Service"


def test_unpublished_and_withdrawn_versions_are_not_in_the_feed(feed):
    text = ET.tostring(feed, encoding="unicode")
    for title in [
        "A draft nobody has checked",
        "Submitted, not yet checked",
        "A withdrawn project",
        "Unpublished new title",
    ]:
        assert title not in text
    assert "private.submitter" not in text


def test_entry_links_open_the_version_as_published(client, feed):
    for entry in entries(feed):
        href = entry.find(f"{ATOM}link").get("href")
        path = href[href.index("/register/") :]
        assert client.get(path, follow=True).status_code == 200, path


def test_every_page_links_to_the_feed(client):
    html = client.get("/principles/").content.decode()
    assert (
        '<link rel="alternate" type="application/atom+xml" '
        'title="Charter Register: new projects and versions" href="/feed/">'
    ) in html


def test_text_xml_cannot_hold_never_breaks_the_feed(client):
    """Records saved or imported before the text policy may hold control characters: the feed
    leaves them out and stays well-formed for everyone."""
    from tests.factories import OrganisationFactory, PublishedProjectFactory

    PublishedProjectFactory(
        slug="controls",
        title="Bus\x0b\x1b\x07 times",
        summary="To\x01 help\x08 \ufffe",
        with_organisation=OrganisationFactory(name="Lead\x1f Council"),
    )
    response = client.get("/feed/")
    assert response.status_code == 200
    (entry,) = entries(ET.fromstring(response.content))  # noqa: S314 - our own feed
    assert entry.findtext(f"{ATOM}title") == "New project: Bus times"
    assert entry.findtext(f"{ATOM}summary") == "To help "
    assert entry.findtext(f"{ATOM}author/{ATOM}name") == "Lead Council"
