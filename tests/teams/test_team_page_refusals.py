"""What an admin sees when the team rules refuse a change on the team pages: the message next to
the field it is about (or at the top of the page), and nothing changed."""

import datetime
import re

import pytest
from django.utils import timezone

from organisations import teams
from organisations.models import Membership, Role
from tests.factories import (
    AccountFactory,
    AdminMembershipFactory,
    MembershipFactory,
    ModeratorFactory,
    OrganisationFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def council():
    return OrganisationFactory(name="St Helens Borough Council")


@pytest.fixture
def admin(council):
    return AdminMembershipFactory(
        organisation=council, user=AccountFactory(email="first@sthelens.gov.uk")
    ).user


@pytest.fixture
def admin_client(client, admin):
    client.force_login(admin)
    return client


def team_url(organisation, rest=""):
    return f"/teams/{organisation.slug}/{rest}"


def error_next_to(html: str, field: str) -> str:
    """The error message shown by ``field``'s input, without its markup."""
    found = re.search(
        rf'id="id_{field}_\d+_error" class="govuk-error-message">\s*'
        r'<span class="govuk-visually-hidden">Error:</span>(.*?)</span>',
        html,
        re.DOTALL,
    )
    assert found, f"no error next to {field}"
    return " ".join(found.group(1).split())


def banners(html: str) -> list[str]:
    """The notification banners' messages, as the person reads them."""
    return [
        " ".join(text.split())
        for text in re.findall(r'govuk-notification-banner__heading">(.*?)</p>', html, re.DOTALL)
    ]


def test_the_invite_page_asks_for_an_address_and_a_role(admin_client, council):
    html = admin_client.get(team_url(council, "invite/")).content.decode()
    assert "Invite a colleague" in html
    assert 'name="email"' in html and 'value="member"' in html and 'value="admin"' in html


def test_inviting_someone_already_in_the_team_says_so_by_the_address(admin_client, council):
    MembershipFactory(organisation=council, user=AccountFactory(email="second@sthelens.gov.uk"))
    response = admin_client.post(
        team_url(council, "invite/"), {"email": "Second@sthelens.gov.uk", "role": Role.MEMBER}
    )
    assert response.status_code == 200
    assert error_next_to(response.content.decode(), "email") == (
        "Second@sthelens.gov.uk is already a member of St Helens Borough Council"
    )
    assert not council.invitations.exists()
    assert Membership.objects.filter(organisation=council).count() == 2


@pytest.mark.parametrize("action", ["resend", "cancel"])
def test_a_cancelled_invitation_cannot_be_sent_again_or_cancelled_again(
    admin_client, council, admin, action
):
    invitation, _token = teams.invite(
        organisation=council, email="late@sthelens.gov.uk", role=Role.MEMBER, by=admin
    )
    teams.cancel_invitation(invitation=invitation, by=admin)
    invitation.refresh_from_db()
    before = (invitation.token_hash, invitation.cancelled_at)
    response = admin_client.post(
        team_url(council, f"invitations/{invitation.pk}/{action}/"), follow=True
    )
    assert response.redirect_chain == [(team_url(council), 302)]
    # Only the refusal: no word that it was sent again or cancelled.
    assert banners(response.content.decode()) == ["This invitation has been used or cancelled"]
    invitation.refresh_from_db()
    assert (invitation.token_hash, invitation.cancelled_at) == before


def test_an_admin_removing_themselves_is_told_to_choose_leave(admin_client, council, admin):
    MembershipFactory(organisation=council, role=Role.ADMIN)
    own = Membership.objects.get(user=admin)
    response = admin_client.post(team_url(council, f"members/{own.pk}/"), {"remove": "1"})
    assert response.status_code == 200
    assert "To leave the organisation yourself, choose Leave" in response.content.decode()
    assert Membership.objects.filter(pk=own.pk).exists()


def test_demoting_the_only_admin_says_why_by_the_role(client, council, admin):
    """Charter staff can step in, but the organisation keeps its one admin."""
    own = Membership.objects.get(user=admin)
    client.force_login(ModeratorFactory())
    response = client.post(team_url(council, f"members/{own.pk}/"), {"role": Role.MEMBER})
    html = response.content.decode()
    assert error_next_to(html, "role") == (
        "first@sthelens.gov.uk is the only admin of St Helens Borough Council. "
        "Make someone else an admin first"
    )
    # The choice the person made stays chosen.
    assert re.search(r'value="member"\s+checked', html)
    own.refresh_from_db()
    assert own.role == Role.ADMIN


def test_charter_staff_outside_the_team_have_nothing_to_leave(client, council, admin):
    client.force_login(ModeratorFactory())
    assert client.get(team_url(council)).status_code == 200
    assert client.get(team_url(council, "leave/")).status_code == 404
    assert client.post(team_url(council, "leave/")).status_code == 404


def signature(day: datetime.date, name="Kate Example"):
    return {
        "signatory_name": name,
        "job_title": "Chief Executive",
        "signed_on_0": str(day.day),
        "signed_on_1": str(day.month),
        "signed_on_2": str(day.year),
    }


def test_a_signature_dated_in_the_future_is_refused_by_the_date(admin_client, council):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    html = admin_client.post(team_url(council, "sign/"), signature(tomorrow)).content.decode()
    assert error_next_to(html, "signed_on") == "The date signed must be today or in the past"
    assert not council.signature_requests.exists()


def test_a_second_signature_while_staff_check_the_first_is_refused(admin_client, council):
    today = timezone.localdate()
    admin_client.post(team_url(council, "sign/"), signature(today))
    html = admin_client.post(
        team_url(council, "sign/"), signature(today, name="Someone Else")
    ).content.decode()
    assert "Charter staff are already checking a signature for this organisation" in html
    assert "Charter staff are checking the signature of Kate Example" in html
    assert list(council.signature_requests.values_list("signatory_name", flat=True)) == [
        "Kate Example"
    ]
