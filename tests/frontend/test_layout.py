"""What every page shows around its content, and error pages that work when all else fails."""

import pytest
from django.contrib.auth import get_user_model
from django.template import loader
from django.test import RequestFactory

SERVICE = "Liverpool City Region Charter Register"


@pytest.fixture
def principles_page(client, db):
    return client.get("/principles/").content.decode()


def test_the_page_is_unbranded(principles_page):
    for gov_uk_brand in ("GOV.UK", "govuk-logo", "GDS Transport", "govuk-header__logotype"):
        assert gov_uk_brand not in principles_page
    assert 'href="/" class="govuk-header__link govuk-header__link--homepage' in principles_page
    assert SERVICE in principles_page


def test_the_page_has_no_inline_script_or_style(principles_page):
    assert "<script>" not in principles_page
    assert '<script type="module" src="/static/js/app.js"></script>' in principles_page
    assert "style=" not in principles_page
    assert "<style" not in principles_page
    assert "onclick" not in principles_page


def test_the_current_section_is_marked(principles_page):
    assert (
        '<a class="govuk-service-navigation__link" href="/principles/" aria-current="page">'
        in principles_page
    )
    assert 'href="/register/" aria-current' not in principles_page


def test_a_visitor_is_offered_sign_in(principles_page):
    assert 'href="/accounts/login/"' in principles_page
    assert "Sign out" not in principles_page


def test_a_signed_in_user_signs_out_with_a_post_form(client, db):
    user = get_user_model().objects.create_user(username="amina", password="a long password 1")
    client.force_login(user)
    html = client.get("/principles/").content.decode()
    assert 'href="/projects/"' in html
    assert "Your projects" in html
    form_start = html.index('<form class="app-account-navigation__form" method="post"')
    form = html[form_start : html.index("</form>", form_start)]
    assert 'action="/accounts/logout/"' in form
    assert 'name="csrfmiddlewaretoken"' in form
    assert '<button type="submit"' in form
    assert "Sign in" not in html


def test_page_titles_name_the_page_then_the_service(principles_page):
    assert f"<title>The Charter's 11 principles – {SERVICE}</title>" in principles_page


def test_not_found_is_plain_words(client, db):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert f"<title>Page not found – {SERVICE}</title>" in html
    assert "If you typed the web address, check it is correct." in html


# No db fixture: pytest-django fails these tests if the templates touch the database.
def test_the_server_error_page_needs_no_request_and_no_database():
    html = loader.get_template("500.html").render()
    assert "Sorry, there is a problem with the service" in html
    assert "/static/css/app.css" in html
    assert "Sign in" not in html
    assert "Sign out" not in html


def test_the_csrf_failure_page_needs_no_context_processors():
    html = loader.get_template("403_csrf.html").render({"reason": "CSRF token missing."})
    assert "Sorry, we could not send your form" in html


def test_forbidden_is_plain_words(db):
    request = RequestFactory().get("/projects/1/edit/")
    request.user = get_user_model()(username="someone")
    html = loader.get_template("403.html").render({"user": request.user}, request)
    assert "You cannot see this page" in html


def test_messages_show_as_notification_banners(rf):
    from django.contrib.messages import constants
    from django.contrib.messages.storage.base import Message

    html = loader.get_template("includes/messages.html").render(
        {
            "messages": [
                Message(constants.SUCCESS, "Your project has been sent for review"),
                Message(constants.INFO, "The register is read-only tonight"),
            ]
        }
    )
    assert "govuk-notification-banner govuk-notification-banner--success" in html
    assert 'role="alert"' in html
    assert "Your project has been sent for review" in html
    assert 'role="region"' in html
    assert "The register is read-only tonight" in html
