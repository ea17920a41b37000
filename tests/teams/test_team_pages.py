"""The team pages as people use them: asking to join and being approved or declined, invitations
with and without an account, changing roles, removing someone (their access ends at once),
leaving, email domains, signing the Charter, and Charter staff stepping in."""

import datetime
import re

import pytest
from django.core import mail

from organisations import teams
from organisations.models import Invitation, JoinRequest, Membership, Role
from tests.factories import (
    AccountFactory,
    AdminMembershipFactory,
    MembershipFactory,
    ModeratorFactory,
    OrganisationFactory,
    ProjectFactory,
    PublishedProjectFactory,
)
from tests.submissions.submission import section_url

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"


@pytest.fixture
def council():
    return OrganisationFactory(name="St Helens Borough Council")


@pytest.fixture
def first(council):
    """The first person from the council: its admin."""
    return AdminMembershipFactory(
        organisation=council,
        user=AccountFactory(email="first@sthelens.gov.uk", username="first@sthelens.gov.uk"),
    ).user


@pytest.fixture
def second():
    return AccountFactory(email="second@sthelens.gov.uk", username="second@sthelens.gov.uk")


def team_url(organisation, rest=""):
    return f"/teams/{organisation.slug}/{rest}"


def ask(client, user, organisation, message="I am the council's data protection officer."):
    client.force_login(user)
    return client.post(
        "/projects/new/",
        {
            "title": "Bins",
            "organisation": "directory",
            "directory_organisation": organisation.pk,
            "message": message,
        },
    )


def test_the_admin_approves_and_the_new_member_edits_the_council_s_draft(
    client, council, first, second, django_capture_on_commit_callbacks
):
    draft = ProjectFactory(title="Bin routes", with_organisation=council)
    with django_capture_on_commit_callbacks(execute=True):
        ask(client, second, council)
    assert mail.outbox[-1].to == ["first@sthelens.gov.uk"]
    assert "Waiting for its admins" in client.get("/projects/").content.decode()
    assert client.get(f"/projects/{draft.pk}/").status_code == 404

    client.force_login(first)
    page = client.get(team_url(council)).content.decode()
    assert "second@sthelens.gov.uk" in page
    join_request = JoinRequest.objects.get()
    decide = team_url(council, f"requests/{join_request.pk}/")
    assert "data protection officer" in client.get(decide).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(decide, {"decision": "approve"})
    assert response.status_code == 302
    assert ["second@sthelens.gov.uk"] in [email.to for email in mail.outbox]

    client.force_login(second)
    assert "Approved" in client.get("/projects/").content.decode()
    assert client.get(f"/projects/{draft.pk}/").status_code == 200
    assert client.get(section_url(draft, "about-your-project")).status_code == 200
    assert Membership.objects.get(user=second).role == Role.MEMBER


def test_a_declined_request_shows_the_reason(client, council, first, second):
    ask(client, second, council)
    join_request = JoinRequest.objects.get()
    client.force_login(first)
    page = client.post(team_url(council, f"requests/{join_request.pk}/"), {}).content.decode()
    assert "Choose whether to add this person to the team" in page
    client.post(
        team_url(council, f"requests/{join_request.pk}/"),
        {"decision": "decline", "reason": "Please use your council address."},
    )
    client.force_login(second)
    page = client.get("/projects/").content.decode()
    assert "Declined" in page and "Please use your council address." in page
    assert not Membership.objects.filter(user=second).exists()


def test_a_member_who_is_not_an_admin_reads_the_team_but_cannot_manage_it(client, council, first):
    member = MembershipFactory(organisation=council, user=AccountFactory()).user
    client.force_login(member)
    page = client.get(team_url(council)).content.decode()
    assert "first@sthelens.gov.uk" in page and "Invite a colleague" not in page
    for rest in ("invite/", "domains/", "sign/", "history/"):
        assert client.get(team_url(council, rest)).status_code == 403, rest
    membership = Membership.objects.get(user=first)
    response = client.post(team_url(council, f"members/{membership.pk}/"), {"remove": "1"})
    assert response.status_code == 403
    assert Membership.objects.filter(user=first).exists()


def test_someone_outside_the_team_gets_404(client, council, first):
    other_admin = AdminMembershipFactory().user
    client.force_login(other_admin)
    for rest in ("", "invite/", "leave/", "history/"):
        assert client.get(team_url(council, rest)).status_code == 404, rest


def invite_via_page(client, admin, organisation, address, capture):
    """Invite ``address`` on the team page; the link from the email it sends after commit."""
    client.force_login(admin)
    with capture(execute=True):
        response = client.post(
            team_url(organisation, "invite/"), {"email": address, "role": Role.MEMBER}
        )
    assert response.status_code == 302
    return re.search(r"https?://\S+/teams/invitations/\S+/", mail.outbox[-1].body).group(0)


def test_an_invitation_for_someone_without_an_account(
    client, council, first, django_capture_on_commit_callbacks
):
    link = invite_via_page(
        client, first, council, "newcomer@sthelens.gov.uk", django_capture_on_commit_callbacks
    )
    client.logout()
    page = client.get(link).content.decode()
    assert "create an account" in page and "newcomer@sthelens.gov.uk" in page
    assert client.post(link)["Location"].startswith("/accounts/login/")

    client.post(
        "/accounts/signup/",
        {"email": "newcomer@sthelens.gov.uk", "password1": PASSWORD, "password2": PASSWORD},
    )
    confirm = re.search(r"https?://\S+", mail.outbox[-1].body).group(0)
    client.post(confirm)
    # Signed in after confirming: the invitation is on their projects page and the link works.
    assert (
        "You are invited to join St Helens Borough Council"
        in client.get("/projects/").content.decode()
    )
    response = client.post(link)
    assert response.status_code == 302
    assert Membership.objects.get(user__email="newcomer@sthelens.gov.uk").organisation == council
    assert "already been used" in client.get(link).content.decode()


def test_an_invitation_for_someone_with_an_account_and_the_wrong_address(
    client, council, first, second, django_capture_on_commit_callbacks
):
    link = invite_via_page(
        client, first, council, "second@sthelens.gov.uk", django_capture_on_commit_callbacks
    )
    client.force_login(AccountFactory(email="impostor@example.net"))
    assert "This invitation is for second@sthelens.gov.uk" in client.post(link).content.decode()
    assert not Membership.objects.filter(user__email="impostor@example.net").exists()
    client.force_login(second)
    client.post(link)
    assert Membership.objects.filter(user=second, organisation=council).exists()


def test_a_tampered_or_unknown_link_says_it_is_not_valid(client, second):
    client.force_login(second)
    page = client.get("/teams/invitations/not-a-real-token/").content.decode()
    assert "This invitation link is not valid" in page
    assert client.post("/teams/invitations/not-a-real-token/").status_code == 200
    assert not Membership.objects.exists()


def test_admins_resend_and_cancel_invitations(client, council, first):
    invitation, _token = teams.invite(
        organisation=council, email="late@sthelens.gov.uk", role=Role.MEMBER, by=first
    )
    client.force_login(first)
    assert "late@sthelens.gov.uk" in client.get(team_url(council)).content.decode()
    old_hash = invitation.token_hash
    client.post(team_url(council, f"invitations/{invitation.pk}/resend/"))
    invitation.refresh_from_db()
    assert invitation.token_hash != old_hash
    client.post(team_url(council, f"invitations/{invitation.pk}/cancel/"))
    invitation.refresh_from_db()
    assert invitation.cancelled_at is not None
    assert not teams.pending_invitations(council).exists()


def test_removing_someone_ends_their_access_at_once(client, council, first, second):
    from django.test import Client

    draft = ProjectFactory(title="Bin routes", with_organisation=council)
    membership = MembershipFactory(organisation=council, user=second)
    their_session = Client()
    their_session.force_login(second)
    assert their_session.get(f"/projects/{draft.pk}/").status_code == 200

    client.force_login(first)
    response = client.post(team_url(council, f"members/{membership.pk}/"), {"remove": "1"})
    assert response.status_code == 302
    # The same open session, without signing in again.
    assert their_session.get(f"/projects/{draft.pk}/").status_code == 404
    assert their_session.get(team_url(council)).status_code == 404
    assert b"Bin routes" not in their_session.get("/projects/").content
    # The project stays with the organisation.
    assert draft.lead_organisation == council


def test_changing_roles_keeps_one_admin(client, council, first, second):
    membership = MembershipFactory(organisation=council, user=second)
    client.force_login(first)
    client.post(team_url(council, f"members/{membership.pk}/"), {"role": Role.ADMIN})
    membership.refresh_from_db()
    assert membership.role == Role.ADMIN
    client.force_login(second)
    first_membership = Membership.objects.get(user=first)
    client.post(team_url(council, f"members/{first_membership.pk}/"), {"role": Role.MEMBER})
    client.post(team_url(council, "leave/"))
    page = client.post(team_url(council, "leave/")).content.decode()
    assert "You are the only admin" in page
    assert Membership.objects.get(user=second).role == Role.ADMIN


def test_anyone_can_leave(client, council, first, second):
    MembershipFactory(organisation=council, user=second)
    client.force_login(second)
    assert client.post(team_url(council, "leave/"))["Location"] == "/projects/"
    assert not Membership.objects.filter(user=second).exists()


def test_charter_staff_can_step_in(client, council, first, second):
    membership = MembershipFactory(organisation=council, user=second)
    client.force_login(ModeratorFactory())
    assert client.get(team_url(council)).status_code == 200
    client.post(team_url(council, f"members/{membership.pk}/"), {"role": Role.ADMIN})
    membership.refresh_from_db()
    assert membership.role == Role.ADMIN
    assert client.get(team_url(council, "history/")).status_code == 200


def test_domains_on_the_team_page(client, council, first):
    client.force_login(first)
    page = client.post(team_url(council, "domains/"), {"domain": "gmail.com"}).content.decode()
    assert "free email service" in page
    client.post(team_url(council, "domains/"), {"domain": "sthelens.gov.uk"})
    assert "Waiting for Charter staff" in client.get(team_url(council, "domains/")).content.decode()
    domain = council.email_domains.get()
    client.post(team_url(council, f"domains/{domain.pk}/remove/"))
    assert not council.email_domains.exists()


def test_signing_the_charter_online(client, council, first):
    record = PublishedProjectFactory(title="Bin routes", with_organisation=council)
    client.force_login(first)
    page = client.post(team_url(council, "sign/"), {}).content.decode()
    assert "Enter the full name of the person signing" in page
    client.post(
        team_url(council, "sign/"),
        {
            "signatory_name": "Kate Example",
            "job_title": "Chief Executive",
            "signed_on_0": "2",
            "signed_on_1": "3",
            "signed_on_2": "2026",
        },
    )
    signature = council.signature_requests.get()
    client.force_login(ModeratorFactory())
    queue = client.get("/moderation/teams/").content.decode()
    assert "Kate Example" in queue
    client.post(f"/moderation/teams/signatures/{signature.pk}/", {"decision": "record"})
    client.logout()
    for url in (f"/organisations/{council.slug}/", record.get_absolute_url()):
        assert "Signed the Charter" in client.get(url).content.decode(), url
        assert "2 March 2026" in client.get(url).content.decode(), url


def test_staff_decide_claims_and_confirm_domains(client, council, second):
    ask(client, second, council, message="Nobody else here uses it.")
    claim = JoinRequest.objects.get()
    assert claim.to_staff
    moderator = ModeratorFactory()
    client.force_login(moderator)
    queue = client.get("/moderation/teams/").content.decode()
    assert "second@sthelens.gov.uk" in queue
    assert (
        "Nobody else here uses it."
        in client.get(f"/moderation/teams/requests/{claim.pk}/").content.decode()
    )
    client.post(f"/moderation/teams/requests/{claim.pk}/", {"decision": "approve"})
    assert Membership.objects.get(user=second, organisation=council).role == Role.ADMIN

    domain = teams.add_domain(organisation=council, domain="sthelens.gov.uk", by=second)
    client.force_login(moderator)
    client.post(f"/moderation/teams/domains/{domain.pk}/confirm/")
    domain.refresh_from_db()
    assert domain.is_confirmed


def test_a_consultant_in_two_organisations_sees_which_is_which(client):
    consultant = AccountFactory()
    one = MembershipFactory(
        user=consultant, organisation=OrganisationFactory(name="Wirral Council")
    )
    two = MembershipFactory(user=consultant, organisation=OrganisationFactory(name="Halton Trust"))
    ProjectFactory(title="Parks", with_organisation=one.organisation)
    ProjectFactory(title="Carers", with_organisation=two.organisation)
    client.force_login(consultant)
    page = client.get("/projects/").content.decode()
    for name in ("Wirral Council", "Halton Trust", "Parks", "Carers"):
        assert name in page
    new = client.get("/projects/new/").content.decode()
    assert "Wirral Council" in new and "Halton Trust" in new


def test_nothing_about_membership_is_public(client, council, first, second):
    PublishedProjectFactory(title="Bin routes", with_organisation=council)
    teams.ask_to_join(user=second, organisation=council, message="Hello")
    for url in (
        f"/organisations/{council.slug}/",
        "/organisations/",
        "/register.json",
        "/api/projects/",
    ):
        body = client.get(url).content.decode()
        assert "first@sthelens.gov.uk" not in body, url
        assert "second@sthelens.gov.uk" not in body, url
        assert "/teams/" not in body, url


def test_invitation_expiry_is_fourteen_days(council, first):
    invitation, _token = teams.invite(
        organisation=council, email="x@sthelens.gov.uk", role=Role.MEMBER, by=first
    )
    assert invitation.expires_at - invitation.sent_at == datetime.timedelta(days=14)
    assert Invitation.objects.get().is_pending(invitation.sent_at)


def test_an_admin_cannot_reach_another_team_s_objects_through_their_own_team(client, council):
    """Ids of another organisation's requests, members, invitations and domains, put under the
    admin's own team's address, are 404 and change nothing."""
    owner_admin = AdminMembershipFactory(organisation=council).user
    theirs = teams.ask_to_join(user=AccountFactory(), organisation=council, message="Hi")
    invitation, _token = teams.invite(
        organisation=council, email="x@sthelens.gov.uk", role=Role.MEMBER, by=owner_admin
    )
    domain = teams.add_domain(organisation=council, domain="sthelens.gov.uk", by=owner_admin)
    member = MembershipFactory(organisation=council)
    mine = AdminMembershipFactory()
    client.force_login(mine.user)
    own = f"/teams/{mine.organisation.slug}/"
    for method, url, data in (
        ("get", f"{own}requests/{theirs.pk}/", {}),
        ("post", f"{own}requests/{theirs.pk}/", {"decision": "approve"}),
        ("get", f"{own}members/{member.pk}/", {}),
        ("post", f"{own}members/{member.pk}/", {"remove": "1"}),
        ("post", f"{own}invitations/{invitation.pk}/cancel/", {}),
        ("post", f"{own}invitations/{invitation.pk}/resend/", {}),
        ("post", f"{own}domains/{domain.pk}/remove/", {}),
    ):
        assert getattr(client, method)(url, data).status_code == 404, url
    theirs.refresh_from_db()
    invitation.refresh_from_db()
    assert theirs.is_pending and invitation.cancelled_at is None
    assert Membership.objects.filter(pk=member.pk).exists()
    assert council.email_domains.filter(pk=domain.pk).exists()
