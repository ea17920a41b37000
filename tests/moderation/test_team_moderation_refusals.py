"""What Charter staff see when the team rules refuse a decision in the teams queue: declining a
signature without a reason, confirming a domain another organisation has, and a request another
moderator decided a moment before."""

import re

import pytest
from django.utils import timezone

from organisations import teams
from organisations.models import EmailDomain, JoinRequest, SignatureRequest
from tests.factories import AccountFactory, AdminMembershipFactory, ModeratorFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client):
    client.force_login(ModeratorFactory())
    return client


@pytest.fixture
def admin():
    return AdminMembershipFactory(user=AccountFactory(email="admin@sthelens.gov.uk"))


def banners(html: str) -> list[str]:
    return [
        " ".join(text.split())
        for text in re.findall(r'govuk-notification-banner__heading">(.*?)</p>', html, re.DOTALL)
    ]


def test_declining_a_signature_without_a_reason_asks_for_one_by_the_reason(staff_client, admin):
    signature = teams.request_signature(
        organisation=admin.organisation,
        by=admin.user,
        signatory_name="Kate Example",
        job_title="Chief Executive",
        signed_on=timezone.localdate(),
    )
    response = staff_client.post(
        f"/moderation/teams/signatures/{signature.pk}/", {"decision": "decline", "reason": " "}
    )
    html = response.content.decode()
    assert response.status_code == 200
    group = html[html.index('id="div_id_reason"') :]
    assert "govuk-error-message" in group[: group.index("</textarea>")]
    assert "Say why the signature cannot be recorded" in group
    signature.refresh_from_db()
    assert signature.status == SignatureRequest.Status.PENDING


def test_a_domain_confirmed_for_another_organisation_is_not_confirmed_again(staff_client, admin):
    ours = teams.add_domain(
        organisation=admin.organisation, domain="sthelens.gov.uk", by=admin.user
    )
    rival = AdminMembershipFactory()
    theirs = teams.add_domain(
        organisation=rival.organisation, domain="sthelens.gov.uk", by=rival.user
    )
    staff_client.post(f"/moderation/teams/domains/{ours.pk}/confirm/", follow=True)
    response = staff_client.post(f"/moderation/teams/domains/{theirs.pk}/confirm/", follow=True)
    assert banners(response.content.decode()) == [
        "sthelens.gov.uk is confirmed for another organisation"
    ]
    assert list(EmailDomain.objects.filter(confirmed_at__isnull=False)) == [ours]


def test_a_request_another_moderator_decided_first_is_not_decided_twice(staff_client, monkeypatch):
    claim = teams.ask_to_join(
        user=AccountFactory(), organisation=AdminMembershipFactory().organisation, message="Hi"
    )
    claim.organisation.memberships.all().delete()
    real = teams.decide_request

    def another_moderator_first(**kwargs):
        real(join_request=claim, by=ModeratorFactory(), approve=False, reason="Not known")
        return real(**kwargs)

    monkeypatch.setattr(teams, "decide_request", another_moderator_first)
    response = staff_client.post(f"/moderation/teams/requests/{claim.pk}/", {"decision": "approve"})
    assert "This request has already been decided" in response.content.decode()
    claim.refresh_from_db()
    assert claim.status == JoinRequest.Status.DECLINED and claim.reason == "Not known"
