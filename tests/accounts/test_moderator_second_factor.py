"""Moderators (and other staff) must use an authenticator app: without one they are sent to
set it up before any moderation page; with one, signing in asks for its code."""

import re
import time

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.test import override_settings

from tests.factories import (
    MODERATOR_TOTP_SECRET,
    AccountFactory,
    ModeratorFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

PASSWORD = "a long test password 123"
SET_UP = "/accounts/2fa/totp/activate/"


def code_for(secret: str) -> str:
    """The code an authenticator app shows now for ``secret``."""
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def confirmed_moderator(**kwargs):
    moderator = ModeratorFactory(**kwargs)
    AccountFactory(username=moderator.username)  # confirms the email address
    return moderator


def sign_in_with_password(client, user):
    return client.post("/accounts/login/", {"login": user.email, "password": PASSWORD})


def confirm_password(client):
    """Changing security settings asks for the password again (allauth's reauthentication)."""
    return client.post("/accounts/reauthenticate/", {"password": PASSWORD})


@pytest.mark.parametrize(
    "path", ["/moderation/", "/moderation/concerns/", "/oversight/", "/admin/"]
)
def test_a_moderator_without_an_authenticator_app_is_sent_to_set_one_up(client, path):
    client.force_login(ModeratorFactory(authenticator_app=False))
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"] == SET_UP


def test_the_set_up_page_says_why(client):
    moderator = confirmed_moderator(authenticator_app=False)
    sign_in_with_password(client, moderator)
    html = client.get("/moderation/", follow=True).content.decode()
    assert "Set up an authenticator app before you use the moderation pages" in html
    assert "Confirm it is you" in html
    confirm_password(client)
    html = client.get(SET_UP).content.decode()
    assert '<h1 class="govuk-heading-l">Set up an authenticator app</h1>' in html


def test_setting_up_the_app_then_opens_moderation(client):
    moderator = confirmed_moderator(authenticator_app=False)
    sign_in_with_password(client, moderator)
    confirm_password(client)
    page = client.get(SET_UP)
    html = page.content.decode()
    assert page.status_code == 200
    # The QR code as an image, and the same key as text for anyone who cannot scan it.
    assert 'src="data:image/svg+xml;base64,' in html
    secret = re.search(r'id="authenticator-secret">([A-Z2-7]+)<', html).group(1)
    assert "style=" not in html and "<script>" not in html
    wrong = client.post(SET_UP, {"code": "000000" if code_for(secret) != "000000" else "111111"})
    assert wrong.status_code == 200
    assert "The code is not right" in wrong.content.decode()
    response = client.post(SET_UP, {"code": code_for(secret)}, follow=True)
    html = response.content.decode()
    assert "Your recovery codes" in html
    assert len(re.findall(r'<code class="govuk-!-font-size-24">\w+</code>', html)) == 10
    assert Authenticator.objects.filter(user=moderator, type="totp").exists()
    assert client.get("/moderation/").status_code == 200


def test_an_old_session_must_confirm_the_password_before_setting_up(client):
    client.force_login(ModeratorFactory(authenticator_app=False))
    response = client.get(SET_UP, follow=True)
    html = response.content.decode()
    assert response.redirect_chain[-1][0].startswith("/accounts/reauthenticate/")
    assert "Confirm it is you" in html and "Liverpool City Region Charter Register" in html
    response = client.post(response.redirect_chain[-1][0], {"password": PASSWORD}, follow=True)
    assert response.redirect_chain[-1][0] == SET_UP
    assert "Set up an authenticator app" in response.content.decode()


def test_signing_in_asks_for_the_code_before_moderation_opens(client):
    moderator = confirmed_moderator()
    response = sign_in_with_password(client, moderator)
    assert response["Location"] == "/accounts/2fa/authenticate/"
    page = client.get("/accounts/2fa/authenticate/").content.decode()
    assert "Enter the code from your authenticator app" in page
    assert 'autocomplete="one-time-code"' in page
    # Not signed in yet: moderation sends them to sign in.
    assert client.get("/moderation/")["Location"].startswith("/accounts/login/")
    wrong = client.post("/accounts/2fa/authenticate/", {"code": "12345"})
    assert "govuk-error-summary" in wrong.content.decode()
    assert "The code is not right" in wrong.content.decode()
    response = client.post("/accounts/2fa/authenticate/", {"code": code_for(MODERATOR_TOTP_SECRET)})
    assert response.status_code == 302
    assert client.get("/moderation/").status_code == 200


def test_moderators_cannot_turn_their_app_off(client):
    moderator = confirmed_moderator()
    sign_in_with_password(client, moderator)
    client.post("/accounts/2fa/authenticate/", {"code": code_for(MODERATOR_TOTP_SECRET)})
    confirm_password(client)
    response = client.post("/accounts/2fa/totp/deactivate/")
    assert response.status_code == 200
    assert "Staff accounts must keep their authenticator app switched on" in (
        response.content.decode()
    )
    assert Authenticator.objects.filter(user=moderator, type="totp").exists()


def test_people_who_are_not_staff_are_not_asked(client):
    client.force_login(UserFactory())
    assert client.get("/moderation/").status_code == 403
    assert client.get("/projects/").status_code == 200


def test_superusers_need_the_app_too(client):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    assert client.get("/moderation/").status_code == 200
    Authenticator.objects.all().delete()
    assert client.get("/moderation/")["Location"] == SET_UP


@override_settings(CHARTER_REQUIRE_MODERATOR_MFA=False)
def test_the_rule_can_be_switched_off(client):
    client.force_login(ModeratorFactory(authenticator_app=False))
    assert client.get("/moderation/").status_code == 200


def test_the_admin_site_signs_in_through_the_register_sign_in_page(client):
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_security_settings_page_is_in_the_register_layout(client):
    moderator = confirmed_moderator()
    sign_in_with_password(client, moderator)
    client.post("/accounts/2fa/authenticate/", {"code": code_for(MODERATOR_TOTP_SECRET)})
    html = client.get("/accounts/2fa/").content.decode()
    assert "Security settings" in html and "govuk-summary-list" in html
    assert "On: signing in asks for a code from the app" in html
    assert "Liverpool City Region Charter Register" in html
