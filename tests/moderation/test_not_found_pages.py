"""An organisation, a request to join or a signature that does not exist is not found, for
Charter staff and on the team pages, rather than an error."""

import pytest

from tests.factories import AccountFactory, AdminMembershipFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url",
    [
        "/moderation/organisations/no-such-council/",
        "/moderation/teams/requests/999999/",
        "/moderation/teams/signatures/999999/",
    ],
)
def test_charter_staff_are_told_what_does_not_exist_is_not_found(client, moderator, url):
    client.force_login(moderator)
    assert client.get(url).status_code == 404


def test_the_team_page_of_an_organisation_that_does_not_exist_is_not_found(client):
    admin = AdminMembershipFactory()
    client.force_login(AccountFactory())
    assert client.get("/teams/no-such-council/").status_code == 404
    client.force_login(admin.user)
    assert client.get(f"/teams/{admin.organisation.slug}/").status_code == 200
