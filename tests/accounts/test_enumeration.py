"""Nobody can find out from the register whether an email address has an account: password
reset, creating an account and signing in answer the same for known and unknown addresses.
Only the address's owner learns, by email."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client

from tests.factories import AccountFactory

pytestmark = pytest.mark.django_db

KNOWN = "jo@example.org"
UNKNOWN = "nobody@example.org"


@pytest.fixture(autouse=True)
def account():
    return AccountFactory(email=KNOWN, username=KNOWN)


def page_after(client, response) -> str:
    """The page a visitor lands on, with the address they typed taken out."""
    html = client.get(response["Location"]).content.decode()
    return html.replace(KNOWN, "ADDRESS").replace(UNKNOWN, "ADDRESS")


def without_tokens(html: str) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)


def test_password_reset_answers_the_same_for_known_and_unknown_addresses(client):
    known = client.post("/accounts/password/reset/", {"email": KNOWN})
    unknown = client.post("/accounts/password/reset/", {"email": UNKNOWN})
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    assert page_after(client, known) == page_after(client, unknown)
    assert "If an account uses that address" in page_after(client, known)
    # The owner of the known address gets the link; the other address is told it has none.
    reset, no_account = mail.outbox
    assert reset.to == [KNOWN] and "/accounts/password/reset/key/" in reset.body
    assert no_account.to == [UNKNOWN] and "/accounts/password/reset/key/" not in no_account.body


def test_creating_an_account_with_a_registered_address_does_not_reveal_it(client):
    password = "correct horse battery staple"
    pages = {}
    for email in [KNOWN, UNKNOWN]:
        visitor = Client()
        response = visitor.post(
            "/accounts/signup/", {"email": email, "password1": password, "password2": password}
        )
        assert response.status_code == 302
        pages[email] = (response["Location"], without_tokens(page_after(visitor, response)))
    assert pages[KNOWN] == pages[UNKNOWN]
    # No second account for the registered address; its owner is told someone tried.
    assert get_user_model().objects.filter(email__iexact=KNOWN).count() == 1
    warning = next(message for message in mail.outbox if message.to == [KNOWN])
    assert "/accounts/confirm-email/" not in warning.body


def test_a_wrong_password_and_an_unknown_address_get_the_same_error(client):
    wrong = client.post("/accounts/login/", {"login": KNOWN, "password": "not the password"})
    unknown = client.post("/accounts/login/", {"login": UNKNOWN, "password": "not the password"})
    assert wrong.status_code == unknown.status_code == 200

    def errors(response):
        return [str(error) for error in response.context["form"].non_field_errors()]

    assert errors(wrong) == errors(unknown) != []
