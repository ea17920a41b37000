"""Accounts: sign up with an email address, confirm it by the emailed link, sign in and out,
reset a forgotten password. Every page is in the register's GOV.UK layout."""

import re

import pytest
from django.core import mail

from tests.factories import AccountFactory

pytestmark = pytest.mark.django_db

PASSWORD = "a long test password 123"


def link_in(message) -> str:
    return re.search(r"https?://\S+", message.body).group(0)


def sign_up(client, email="sam@example.org", password=None):
    password = password or "correct horse battery staple"
    return client.post(
        "/accounts/signup/", {"email": email, "password1": password, "password2": password}
    )


def test_sign_up_sends_a_confirmation_link_and_the_link_confirms_and_signs_in(client):
    response = sign_up(client)
    assert response.status_code == 302
    assert "Confirm your email address" in client.get(response["Location"]).content.decode()
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["sam@example.org"]
    assert "Confirm your email address" in mail.outbox[0].subject
    link = link_in(mail.outbox[0])
    assert "/accounts/confirm-email/" in link
    page = client.get(link)
    assert "Confirm that sam@example.org is your email address" in page.content.decode()
    response = client.post(link)
    assert response.status_code == 302
    assert client.get("/projects/").status_code == 200


def test_cannot_sign_in_before_confirming(client):
    sign_up(client)
    client.logout()
    response = client.post(
        "/accounts/login/",
        {"login": "sam@example.org", "password": "correct horse battery staple"},
    )
    assert response.status_code == 302
    assert "confirm" in response["Location"]
    assert client.get("/projects/").status_code == 302


def test_short_passwords_and_missing_answers_get_govuk_errors(client):
    response = client.post(
        "/accounts/signup/", {"email": "", "password1": "short", "password2": "short"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: Create an account" in html
    assert "govuk-error-summary" in html
    assert "Enter your email address" in html
    assert "at least 12 characters" in html


def test_sign_in_with_email_and_password_then_sign_out_by_post(client):
    AccountFactory(email="jo@example.org", username="jo@example.org")
    page = client.get("/accounts/login/").content.decode()
    assert "Email address" in page and 'class="govuk-input' in page
    response = client.post("/accounts/login/", {"login": "jo@example.org", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/projects/"
    assert client.get("/accounts/logout/").status_code == 200  # a page asking to confirm
    assert client.get("/projects/").status_code == 200
    response = client.post("/accounts/logout/")
    assert response.status_code == 302
    assert client.get("/projects/").status_code == 302


def test_wrong_password_is_refused_with_an_error_summary(client):
    AccountFactory(email="jo@example.org", username="jo@example.org")
    response = client.post("/accounts/login/", {"login": "jo@example.org", "password": "wrong"})
    assert response.status_code == 200
    assert "govuk-error-summary" in response.content.decode()


def test_password_reset_by_emailed_link(client):
    user = AccountFactory(email="jo@example.org", username="jo@example.org")
    response = client.post("/accounts/password/reset/", {"email": "jo@example.org"})
    assert response.status_code == 302
    assert "Check your email" in client.get(response["Location"]).content.decode()
    link = link_in(mail.outbox[-1])
    response = client.get(link, follow=True)
    assert "Choose a new password" in response.content.decode()
    new = "a brand new passphrase 456"
    response = client.post(
        response.redirect_chain[-1][0] if response.redirect_chain else link,
        {"password1": new, "password2": new},
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password(new)


def test_account_pages_use_the_register_layout(client):
    for url in ["/accounts/login/", "/accounts/signup/", "/accounts/password/reset/"]:
        html = client.get(url).content.decode()
        assert "Liverpool City Region Charter Register" in html
        assert "govuk-header" in html


@pytest.mark.parametrize(
    "url", ["/accounts/reauthenticate/code/", "/accounts/reauthenticate/code/confirm/"]
)
def test_confirming_who_you_are_by_an_emailed_code_is_switched_off(client, url):
    user = AccountFactory(email="jo@example.org", username="jo@example.org")
    client.force_login(user)
    assert client.get(url).status_code == 403
    assert client.post(url, {"email": "jo@example.org"}).status_code == 403
    assert len(mail.outbox) == 0
    # The password is how a signed-in person confirms who they are.
    page = client.get("/accounts/reauthenticate/")
    assert page.status_code == 200
    assert "Password" in page.content.decode()
