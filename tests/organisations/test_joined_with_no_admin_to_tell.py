"""Joining by a confirmed email domain an organisation that has no admin yet: the person is a
member at once and no email is sent, as there is nobody to tell."""

import pytest
from django.core import mail
from django.utils import timezone

from organisations import teams
from organisations.models import EmailDomain, Membership
from tests.factories import AccountFactory, AdminMembershipFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def join_by_domain(organisation, django_capture_on_commit_callbacks):
    EmailDomain.objects.create(
        organisation=organisation, domain="sefton.gov.uk", confirmed_at=timezone.now()
    )
    person = AccountFactory(email="kim@sefton.gov.uk")
    with django_capture_on_commit_callbacks(execute=True):
        joined = teams.ask_to_join(user=person, organisation=organisation)
    assert isinstance(joined, Membership)
    assert joined.user == person


def test_nobody_is_emailed_when_the_organisation_has_no_admin(
    django_capture_on_commit_callbacks,
):
    join_by_domain(OrganisationFactory(), django_capture_on_commit_callbacks)
    assert mail.outbox == []


def test_the_admins_are_told_when_there_are_some(django_capture_on_commit_callbacks):
    admin = AdminMembershipFactory(user=AccountFactory(email="admin@sefton.gov.uk"))
    join_by_domain(admin.organisation, django_capture_on_commit_callbacks)
    assert [message.to for message in mail.outbox] == [["admin@sefton.gov.uk"]]
    assert mail.outbox[0].subject.startswith("kim@sefton.gov.uk has joined")
