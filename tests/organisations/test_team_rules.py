"""The team rules in ``organisations.teams``: roles and the last admin, invitations and their
links, email domains, signatures, the append-only history and emails after commit."""

import datetime
import logging

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.utils import timezone

from organisations import teams
from organisations.models import (
    EmailDomain,
    Invitation,
    JoinRequest,
    Membership,
    MembershipEvent,
    Role,
    SignatureRequest,
)
from tests.factories import (
    AccountFactory,
    AdminMembershipFactory,
    MembershipFactory,
    ModeratorFactory,
    OrganisationFactory,
)

pytestmark = pytest.mark.django_db
Kind = MembershipEvent.Kind


@pytest.fixture
def admin():
    return AdminMembershipFactory(user=AccountFactory(email="admin@sthelens.gov.uk"))


@pytest.fixture
def organisation(admin):
    return admin.organisation


def kinds(organisation):
    return [event.kind for event in organisation.membership_events.order_by("pk")]


# --- roles and the last admin ---------------------------------------------------------------


def test_roles_are_admin_and_member():
    assert Role.values == ["admin", "member"]
    assert Membership.Role is Role
    assert Membership._meta.get_field("role").default == Role.MEMBER


def test_the_only_admin_cannot_be_demoted_removed_or_leave_while_others_remain(admin, organisation):
    member = MembershipFactory(organisation=organisation)
    with pytest.raises(teams.TeamRuleBroken, match="only admin"):
        teams.change_role(membership=admin, role=Role.MEMBER, by=admin.user)
    with pytest.raises(teams.TeamRuleBroken, match="only admin"):
        teams.leave(user=admin.user, organisation=organisation)
    moderator = ModeratorFactory()
    with pytest.raises(teams.TeamRuleBroken, match="only admin"):
        teams.remove_member(membership=admin, by=moderator)
    admin.refresh_from_db()
    assert admin.role == Role.ADMIN
    # Once someone else is an admin, the first can step down and leave.
    teams.change_role(membership=member, role=Role.ADMIN, by=admin.user)
    teams.leave(user=admin.user, organisation=organisation)
    assert list(organisation.memberships.values_list("role", flat=True)) == [Role.ADMIN]


def test_the_only_member_may_leave(admin, organisation):
    teams.leave(user=admin.user, organisation=organisation)
    assert not organisation.memberships.exists()


def test_only_admins_and_staff_manage_the_team(admin, organisation):
    member = MembershipFactory(organisation=organisation)
    other = MembershipFactory(organisation=organisation)
    with pytest.raises(teams.NotAnAdmin):
        teams.remove_member(membership=other, by=member.user)
    another_admin = AdminMembershipFactory()
    with pytest.raises(teams.NotAnAdmin):
        teams.change_role(membership=other, role=Role.ADMIN, by=another_admin.user)
    # Charter staff can always step in.
    teams.change_role(membership=other, role=Role.ADMIN, by=ModeratorFactory())
    other.refresh_from_db()
    assert other.role == Role.ADMIN


def test_approving_a_claim_makes_the_first_person_admin():
    organisation = OrganisationFactory()
    user = AccountFactory()
    request = teams.ask_to_join(user=user, organisation=organisation, message="I lead data.")
    assert request.to_staff
    with pytest.raises(teams.NotAnAdmin):
        teams.decide_request(join_request=request, by=AccountFactory(), approve=True)
    teams.decide_request(join_request=request, by=ModeratorFactory(), approve=True)
    assert Membership.objects.get(user=user, organisation=organisation).role == Role.ADMIN
    second = teams.ask_to_join(user=AccountFactory(), organisation=organisation)
    assert not second.to_staff


def test_a_request_is_decided_once_and_a_pending_one_is_not_repeated(admin, organisation):
    user = AccountFactory()
    first = teams.ask_to_join(user=user, organisation=organisation, message="Hello")
    assert teams.ask_to_join(user=user, organisation=organisation) == first
    teams.decide_request(join_request=first, by=admin.user, approve=False, reason="Not staff")
    with pytest.raises(teams.TeamRuleBroken, match="already been decided"):
        teams.decide_request(join_request=first, by=admin.user, approve=True)
    first.refresh_from_db()
    assert first.status == JoinRequest.Status.DECLINED and first.reason == "Not staff"
    assert not organisation.memberships.filter(user=user).exists()


# --- invitations ----------------------------------------------------------------------------


@pytest.fixture
def invited(admin, organisation):
    invitation, token = teams.invite(
        organisation=organisation,
        email="Colleague@sthelens.gov.uk",
        role=Role.MEMBER,
        by=admin.user,
    )
    return invitation, token


def account_with(address, *, verified=True):
    user = AccountFactory(email=address, username=address, verified_email=False)
    EmailAddress.objects.create(user=user, email=address, verified=verified, primary=True)
    return user


def test_the_invited_address_accepts_once(organisation, invited):
    invitation, token = invited
    assert token not in invitation.token_hash  # only the hash is kept
    user = account_with("colleague@sthelens.gov.uk")
    membership = teams.accept_invitation(token=token, user=user)
    assert membership.organisation == organisation and membership.role == Role.MEMBER
    with pytest.raises(teams.InvitationNotValid, match="already been used"):
        teams.accept_invitation(token=token, user=user)
    with pytest.raises(teams.InvitationNotValid, match="already been used"):
        teams.accept_invitation(token=token, user=account_with("other@sthelens.gov.uk"))
    assert Kind.JOINED in kinds(organisation)


def test_an_expired_link_is_refused(invited):
    _invitation, token = invited
    later = timezone.now() + datetime.timedelta(days=14, seconds=1)
    user = account_with("colleague@sthelens.gov.uk")
    with pytest.raises(teams.InvitationNotValid, match="expired"):
        teams.accept_invitation(token=token, user=user, now=later)


def test_a_link_within_fourteen_days_works(invited):
    _invitation, token = invited
    user = account_with("colleague@sthelens.gov.uk")
    soon = timezone.now() + datetime.timedelta(days=13, hours=23)
    assert teams.accept_invitation(token=token, user=user, now=soon)


def test_the_wrong_address_or_an_unconfirmed_one_cannot_accept(invited):
    _invitation, token = invited
    with pytest.raises(teams.InvitationNotValid, match="This invitation is for"):
        teams.accept_invitation(token=token, user=account_with("someone@example.net"))
    with pytest.raises(teams.InvitationNotValid, match="This invitation is for"):
        teams.accept_invitation(
            token=token, user=account_with("colleague@sthelens.gov.uk", verified=False)
        )
    assert Invitation.objects.get().accepted_at is None


def test_a_tampered_link_is_refused(invited):
    _invitation, token = invited
    user = account_with("colleague@sthelens.gov.uk")
    for forged in (token[:-1] + ("A" if token[-1] != "A" else "B"), "", "x" * 500, token.upper()):
        with pytest.raises(teams.InvitationNotValid, match="not valid"):
            teams.accept_invitation(token=forged, user=user)


def test_resending_replaces_the_link_and_cancelling_ends_it(admin, invited):
    invitation, old_token = invited
    _invitation, new_token = teams.resend_invitation(invitation=invitation, by=admin.user)
    user = account_with("colleague@sthelens.gov.uk")
    with pytest.raises(teams.InvitationNotValid, match="not valid"):
        teams.accept_invitation(token=old_token, user=user)
    teams.cancel_invitation(invitation=invitation, by=admin.user)
    with pytest.raises(teams.InvitationNotValid, match="cancelled"):
        teams.accept_invitation(token=new_token, user=user)


def test_inviting_twice_or_inviting_a_member_is_refused(admin, organisation, invited):
    with pytest.raises(teams.TeamRuleBroken, match="already been invited"):
        teams.invite(
            organisation=organisation,
            email="colleague@sthelens.gov.uk",
            role="member",
            by=admin.user,
        )
    with pytest.raises(teams.TeamRuleBroken, match="already a member"):
        teams.invite(
            organisation=organisation, email=admin.user.email, role="member", by=admin.user
        )
    with pytest.raises(teams.NotAnAdmin):
        teams.invite(
            organisation=organisation, email="x@sthelens.gov.uk", role="admin", by=AccountFactory()
        )


def test_the_invitation_email_goes_after_commit(
    admin, organisation, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        _invitation, token = teams.invite(
            organisation=organisation, email="new@sthelens.gov.uk", role="admin", by=admin.user
        )
        assert not mail.outbox
    assert len(callbacks) == 1
    (email,) = mail.outbox
    assert email.to == ["new@sthelens.gov.uk"]
    assert f"/teams/invitations/{token}/" in email.body


@pytest.mark.django_db(transaction=True)
def test_a_mail_server_that_is_down_is_logged_not_raised(monkeypatch, caplog):
    """A real commit: the email's failure is logged by Django's robust on_commit."""
    from django.core.mail.backends.locmem import EmailBackend

    admin = AdminMembershipFactory()

    def down(self, messages):
        raise ConnectionRefusedError("mail server down")

    monkeypatch.setattr(EmailBackend, "send_messages", down)
    with caplog.at_level(logging.ERROR):
        invitation, _token = teams.invite(
            organisation=admin.organisation, email="new@example.org", role="member", by=admin.user
        )
    assert Invitation.objects.filter(pk=invitation.pk).exists()
    assert "mail server down" in caplog.text


# --- email domains --------------------------------------------------------------------------


def test_free_mail_and_malformed_domains_are_refused(admin, organisation):
    for domain in ("gmail.com", "outlook.com", "@hotmail.co.uk", "yahoo.co.uk", "btinternet.com"):
        with pytest.raises(teams.TeamRuleBroken, match="free email service"):
            teams.add_domain(organisation=organisation, domain=domain, by=admin.user)
    for domain in ("not a domain", "localhost", "-bad-.uk", "a" * 300 + ".uk"):
        with pytest.raises(teams.TeamRuleBroken, match="after the @"):
            teams.add_domain(organisation=organisation, domain=domain, by=admin.user)
    assert not EmailDomain.objects.exists()


def test_a_free_mail_domain_can_never_be_confirmed(organisation):
    forced = EmailDomain.objects.create(organisation=organisation, domain="gmail.com")
    with pytest.raises(teams.TeamRuleBroken, match="free email"):
        teams.confirm_domain(email_domain=forced, by=ModeratorFactory())
    forced.refresh_from_db()
    assert not forced.is_confirmed


def test_only_staff_confirm_and_a_domain_belongs_to_one_organisation(admin, organisation):
    domain = teams.add_domain(organisation=organisation, domain="SThelens.gov.uk", by=admin.user)
    assert domain.domain == "sthelens.gov.uk"
    with pytest.raises(teams.TeamRuleBroken, match="Only Charter staff"):
        teams.confirm_domain(email_domain=domain, by=admin.user)
    teams.confirm_domain(email_domain=domain, by=ModeratorFactory())
    other = AdminMembershipFactory()
    with pytest.raises(teams.TeamRuleBroken, match="confirmed for another organisation"):
        teams.add_domain(organisation=other.organisation, domain="sthelens.gov.uk", by=other.user)
    assert kinds(organisation)[-2:] == [Kind.DOMAIN_ADDED, Kind.DOMAIN_CONFIRMED]


def test_a_confirmed_address_on_a_confirmed_domain_joins_at_once(
    admin, organisation, django_capture_on_commit_callbacks
):
    domain = teams.add_domain(organisation=organisation, domain="sthelens.gov.uk", by=admin.user)
    unconfirmed_person = account_with("early@sthelens.gov.uk")
    assert isinstance(
        teams.ask_to_join(user=unconfirmed_person, organisation=organisation), JoinRequest
    )
    teams.confirm_domain(email_domain=domain, by=ModeratorFactory())
    newcomer = account_with("newcomer@sthelens.gov.uk")
    with django_capture_on_commit_callbacks(execute=True):
        joined = teams.ask_to_join(user=newcomer, organisation=organisation)
    assert isinstance(joined, Membership) and joined.role == Role.MEMBER
    assert [email.to for email in mail.outbox] == [["admin@sthelens.gov.uk"]]
    # An address that is not confirmed does not count.
    unconfirmed = account_with("waiting@sthelens.gov.uk", verified=False)
    assert isinstance(teams.ask_to_join(user=unconfirmed, organisation=organisation), JoinRequest)


# --- signing the Charter --------------------------------------------------------------------


def test_an_admin_asks_to_sign_and_staff_record_it(admin, organisation):
    signature = teams.request_signature(
        organisation=organisation,
        by=admin.user,
        signatory_name="Kate Example",
        job_title="Chief Executive",
        signed_on=datetime.date(2026, 3, 2),
    )
    with pytest.raises(teams.TeamRuleBroken, match="already checking"):
        teams.request_signature(
            organisation=organisation,
            by=admin.user,
            signatory_name="Kate Example",
            job_title="Chief Executive",
            signed_on=datetime.date(2026, 3, 2),
        )
    teams.decide_signature(signature=signature, by=ModeratorFactory(), record=True)
    organisation.refresh_from_db()
    assert organisation.is_signatory and organisation.signed_on == datetime.date(2026, 3, 2)
    assert Kind.SIGNATURE_RECORDED in kinds(organisation)


def test_a_signature_in_the_future_or_declined_without_reason_is_refused(admin, organisation):
    with pytest.raises(teams.TeamRuleBroken, match="today or in the past"):
        teams.request_signature(
            organisation=organisation,
            by=admin.user,
            signatory_name="Kate",
            job_title="Chief Executive",
            signed_on=timezone.localdate() + datetime.timedelta(days=1),
        )
    signature = teams.request_signature(
        organisation=organisation,
        by=admin.user,
        signatory_name="Kate",
        job_title="Chief Executive",
        signed_on=timezone.localdate(),
    )
    with pytest.raises(teams.TeamRuleBroken, match="Say why"):
        teams.decide_signature(signature=signature, by=ModeratorFactory(), record=False)
    teams.decide_signature(
        signature=signature, by=ModeratorFactory(), record=False, reason="Not a senior person"
    )
    signature.refresh_from_db()
    assert signature.status == SignatureRequest.Status.DECLINED
    organisation.refresh_from_db()
    assert not organisation.is_signatory


# --- history ----------------------------------------------------------------------------------


def test_every_change_is_an_append_only_event(admin, organisation):
    user = AccountFactory()
    request = teams.ask_to_join(user=user, organisation=organisation)
    teams.decide_request(join_request=request, by=admin.user, approve=True)
    membership = Membership.objects.get(user=user, organisation=organisation)
    teams.change_role(membership=membership, role=Role.ADMIN, by=admin.user)
    teams.remove_member(membership=membership, by=admin.user)
    assert kinds(organisation) == [Kind.REQUESTED, Kind.APPROVED, Kind.ROLE_CHANGED, Kind.REMOVED]
    event = organisation.membership_events.first()
    assert event.actor == admin.user and event.subject == user
    event.detail = "rewritten"
    with pytest.raises(ValueError, match="append-only"):
        event.save()
    with pytest.raises(ValueError, match="append-only"):
        event.delete()
