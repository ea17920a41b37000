"""The team rules' refusals that the forms cannot reach (or reach only in a race), each with the
message the person reads, and the changes that are no change at all."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from organisations import teams
from organisations.models import EmailDomain, Membership, Role, SignatureRequest
from tests.factories import (
    AccountFactory,
    AdminMembershipFactory,
    MembershipFactory,
    ModeratorFactory,
    OrganisationFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin():
    return AdminMembershipFactory(
        organisation=OrganisationFactory(name="St Helens Borough Council"),
        user=AccountFactory(email="admin@sthelens.gov.uk"),
    )


@pytest.fixture
def organisation(admin):
    return admin.organisation


def test_someone_signed_out_has_no_membership_and_cannot_manage(organisation):
    assert teams.membership_of(AnonymousUser(), organisation) is None
    assert teams.membership_of(None, organisation) is None
    assert not teams.can_manage(AnonymousUser(), organisation)


def test_a_member_asking_to_join_again_is_told_they_are_already_in(admin, organisation):
    with pytest.raises(teams.TeamRuleBroken, match="You are already a member of St Helens"):
        teams.ask_to_join(user=admin.user, organisation=organisation, message="Again")
    assert not organisation.join_requests.exists()


def test_a_role_that_is_not_admin_or_member_is_refused(admin, organisation):
    member = MembershipFactory(organisation=organisation)
    with pytest.raises(teams.TeamRuleBroken, match="Choose the role") as refused:
        teams.invite(
            organisation=organisation, email="x@sthelens.gov.uk", role="owner", by=admin.user
        )
    assert refused.value.field == "role"
    with pytest.raises(teams.TeamRuleBroken, match="Choose the role"):
        teams.change_role(membership=member, role="owner", by=admin.user)
    member.refresh_from_db()
    assert member.role == Role.MEMBER
    assert not organisation.invitations.exists()


def test_choosing_the_role_someone_already_has_changes_nothing(admin, organisation):
    events = organisation.membership_events.count()
    assert teams.change_role(membership=admin, role=Role.ADMIN, by=admin.user).role == Role.ADMIN
    assert organisation.membership_events.count() == events


def test_removing_yourself_is_refused(organisation):
    moderator = ModeratorFactory()
    other_admin = AdminMembershipFactory(organisation=organisation)
    with pytest.raises(teams.TeamRuleBroken, match="choose Leave"):
        teams.remove_member(membership=other_admin, by=other_admin.user)
    assert Membership.objects.filter(pk=other_admin.pk).exists()
    teams.remove_member(membership=other_admin, by=moderator)
    assert not Membership.objects.filter(pk=other_admin.pk).exists()


def test_leaving_a_team_you_are_not_in_is_refused(organisation):
    with pytest.raises(teams.TeamRuleBroken, match="You are not a member of St Helens"):
        teams.leave(user=AccountFactory(), organisation=organisation)


@pytest.mark.parametrize("action", [teams.resend_invitation, teams.cancel_invitation])
def test_a_used_invitation_cannot_be_sent_again_or_cancelled(admin, organisation, action):
    invitation, token = teams.invite(
        organisation=organisation, email="new@sthelens.gov.uk", role=Role.MEMBER, by=admin.user
    )
    newcomer = AccountFactory(email="new@sthelens.gov.uk")
    teams.accept_invitation(token=token, user=newcomer)
    with pytest.raises(teams.TeamRuleBroken, match="has been used or cancelled"):
        action(invitation=invitation, by=admin.user)
    invitation.refresh_from_db()
    assert invitation.cancelled_at is None and teams.invitation_for(token) == invitation


def test_a_whole_address_is_read_as_its_domain():
    assert teams.clean_domain(" Kate@StHelens.gov.uk ") == "sthelens.gov.uk"
    assert teams.clean_domain("@sthelens.gov.uk") == "sthelens.gov.uk"


def test_a_domain_is_listed_once(admin, organisation):
    teams.add_domain(organisation=organisation, domain="sthelens.gov.uk", by=admin.user)
    with pytest.raises(teams.TeamRuleBroken, match="sthelens.gov.uk is already listed"):
        teams.add_domain(organisation=organisation, domain="@STHELENS.gov.uk", by=admin.user)
    assert organisation.email_domains.count() == 1


def test_confirming_twice_keeps_the_first_confirmation(admin, organisation):
    moderator = ModeratorFactory()
    domain = teams.add_domain(organisation=organisation, domain="sthelens.gov.uk", by=admin.user)
    first = teams.confirm_domain(email_domain=domain, by=moderator).confirmed_at
    again = teams.confirm_domain(email_domain=domain, by=ModeratorFactory(), now=timezone.now())
    assert again.confirmed_at == first and again.confirmed_by == moderator


def test_a_domain_confirmed_for_one_organisation_cannot_be_confirmed_for_another(
    admin, organisation
):
    """Listed by two organisations before either was confirmed: staff confirm one only."""
    moderator = ModeratorFactory()
    ours = teams.add_domain(organisation=organisation, domain="sthelens.gov.uk", by=admin.user)
    rival = AdminMembershipFactory()
    theirs = teams.add_domain(
        organisation=rival.organisation, domain="sthelens.gov.uk", by=rival.user
    )
    teams.confirm_domain(email_domain=ours, by=moderator)
    with pytest.raises(teams.TeamRuleBroken, match="confirmed for another organisation"):
        teams.confirm_domain(email_domain=theirs, by=moderator)
    assert list(EmailDomain.objects.filter(confirmed_at__isnull=False)) == [ours]


def test_only_staff_decide_a_signature_and_only_once(admin, organisation):
    signature = teams.request_signature(
        organisation=organisation,
        by=admin.user,
        signatory_name="Kate Example",
        job_title="Chief Executive",
        signed_on=timezone.localdate(),
    )
    with pytest.raises(teams.TeamRuleBroken, match="Only Charter staff can record a signature"):
        teams.decide_signature(signature=signature, by=admin.user, record=True)
    signature.refresh_from_db()
    assert signature.status == SignatureRequest.Status.PENDING
    teams.decide_signature(signature=signature, by=ModeratorFactory(), record=True)
    with pytest.raises(teams.TeamRuleBroken, match="already been decided"):
        teams.decide_signature(
            signature=signature, by=ModeratorFactory(), record=False, reason="Wrong person"
        )
    signature.refresh_from_db()
    assert signature.status == SignatureRequest.Status.RECORDED and signature.reason == ""
