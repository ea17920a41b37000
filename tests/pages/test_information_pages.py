import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("path", "words"),
    [
        (
            "/accessibility/",
            [
                "Accessibility statement",
                "How accessible this website is",
                "Feedback and contact information",
                "Enforcement procedure",
                "How we tested this website",
                "This statement was prepared on",
                'id="report"',
            ],
        ),
        (
            "/privacy/",
            [
                "What we hold and why",
                "How long we keep it",
                "Your rights",
                "UK GDPR",
                "cdc.info@liverpool.ac.uk",
                "Information Commissioner",
            ],
        ),
        ("/cookies/", ["We only use cookies that the website needs to work", "sessionid"]),
    ],
)
def test_required_pages_say_what_they_must(client, path, words):
    response = client.get(path)
    assert response.status_code == 200
    page = response.content.decode()
    for word in words:
        assert word in page


@pytest.mark.parametrize("path", ["/accessibility/", "/privacy/", "/cookies/"])
def test_every_page_footer_links_the_required_pages(client, path):
    page = client.get("/principles/").content.decode()
    assert f'href="{path}"' in page


def test_the_cookies_page_lists_every_cookie_the_site_sets(client, settings):
    page = client.get("/cookies/").content.decode()
    for name in (settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_NAME, "messages"):
        assert name in page
