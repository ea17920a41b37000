"""Two people acting on the same thing at once on the team pages: the second is told what
happened, and nothing is done twice."""

import pytest

from organisations import teams
from organisations.models import JoinRequest, Membership, Role
from tests.factories import AccountFactory, AdminMembershipFactory

pytestmark = pytest.mark.django_db


def test_a_request_the_other_admin_decided_first_is_not_decided_again(client, monkeypatch):
    first = AdminMembershipFactory()
    council = first.organisation
    other = AdminMembershipFactory(organisation=council)
    asking = AccountFactory()
    join_request = teams.ask_to_join(user=asking, organisation=council, message="Hi")
    real = teams.decide_request

    def the_other_admin_first(**kwargs):
        real(
            join_request=join_request, by=other.user, approve=False, reason="Use your work address"
        )
        return real(**kwargs)

    monkeypatch.setattr(teams, "decide_request", the_other_admin_first)
    client.force_login(first.user)
    response = client.post(
        f"/teams/{council.slug}/requests/{join_request.pk}/", {"decision": "approve"}
    )
    assert response.status_code == 200
    assert "This request has already been decided" in response.content.decode()
    join_request.refresh_from_db()
    assert join_request.status == JoinRequest.Status.DECLINED
    assert not Membership.objects.filter(user=asking).exists()


def test_an_invitation_cancelled_while_it_is_open_cannot_be_accepted(client, monkeypatch):
    admin = AdminMembershipFactory()
    invitation, token = teams.invite(
        organisation=admin.organisation, email="new@example.org", role=Role.MEMBER, by=admin.user
    )
    real = teams.accept_invitation

    def cancelled_first(**kwargs):
        teams.cancel_invitation(invitation=invitation, by=admin.user)
        return real(**kwargs)

    monkeypatch.setattr(teams, "accept_invitation", cancelled_first)
    newcomer = AccountFactory(email="new@example.org")
    client.force_login(newcomer)
    html = client.post(f"/teams/invitations/{token}/").content.decode()
    assert "You cannot use this invitation" in html
    assert "This invitation was cancelled" in html
    assert not Membership.objects.filter(user=newcomer).exists()
