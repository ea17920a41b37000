"""A moderator whose sign-in is old confirms it is them with the code from their authenticator
app (instead of the password), then makes new recovery codes."""

import re

import pytest
from allauth.mfa.models import Authenticator

from tests.factories import MODERATOR_TOTP_SECRET, ModeratorFactory

from .test_moderator_second_factor import code_for

pytestmark = pytest.mark.django_db

GENERATE = "/accounts/2fa/recovery-codes/generate/"


def test_the_app_code_confirms_it_is_them_then_new_recovery_codes_are_made(client):
    moderator = ModeratorFactory()
    client.force_login(moderator)
    assert client.get(GENERATE)["Location"].startswith("/accounts/reauthenticate/")
    page = client.get("/accounts/2fa/reauthenticate/").content.decode()
    assert "Confirm it is you" in page
    assert 'for="id_code" class="govuk-label"' in page
    assert "Code from your authenticator app" in page
    client.post("/accounts/2fa/reauthenticate/", {"code": code_for(MODERATOR_TOTP_SECRET)})
    page = client.get(GENERATE)
    assert page.status_code == 200
    response = client.post(GENERATE, follow=True)
    html = response.content.decode()
    assert "Your recovery codes" in html
    assert len(re.findall(r'<code class="govuk-!-font-size-24">\w+</code>', html)) == 10
    assert Authenticator.objects.filter(user=moderator, type="recovery_codes").exists()
