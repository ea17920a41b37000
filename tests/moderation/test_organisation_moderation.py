"""Charter staff verify organisations, record signatures, and merge duplicates."""

import datetime

import pytest
from django.urls import reverse

from organisations import services
from organisations.models import Membership, Organisation
from projects.models import ProjectOrganisation
from tests.factories import (
    MembershipFactory,
    ModeratorFactory,
    OrganisationFactory,
    ProjectFactory,
    PublishedProjectFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def moderator_client(client, moderator):
    client.force_login(moderator)
    return client


def test_verify_an_organisation(moderator_client, moderator):
    organisation = OrganisationFactory(name="New Start-up Ltd", verified=False)
    response = moderator_client.post(
        reverse("moderation:verify_organisation", args=[organisation.slug]), follow=True
    )
    organisation.refresh_from_db()
    assert organisation.verified
    assert organisation.verified_by == moderator
    assert organisation.verified_at is not None
    assert "New Start-up Ltd is verified" in response.content.decode()
    page = moderator_client.get(reverse("moderation:organisations")).content.decode()
    assert "New Start-up Ltd" not in page


def test_verifying_twice_keeps_the_first_record(moderator):
    organisation = OrganisationFactory(verified=False)
    services.verify_organisation(organisation=organisation, moderator=moderator)
    services.verify_organisation(organisation=organisation, moderator=ModeratorFactory())
    organisation.refresh_from_db()
    assert organisation.verified_by == moderator


def test_record_that_an_organisation_signed_the_charter(moderator_client):
    organisation = OrganisationFactory(name="Halton Council")
    response = moderator_client.post(
        reverse("moderation:record_signature", args=[organisation.slug]),
        {"signed_on_0": "27", "signed_on_1": "3", "signed_on_2": "2025"},
        follow=True,
    )
    organisation.refresh_from_db()
    assert organisation.is_signatory
    assert organisation.signed_on == datetime.date(2025, 3, 27)
    assert "Halton Council signed the Charter on 27 March 2025" in response.content.decode()


@pytest.mark.parametrize(
    ("day", "month", "year", "error"),
    [
        ("", "", "", "Enter the date the organisation signed the Charter"),
        ("31", "2", "2025", "Date signed must be a real date"),
        ("1", "1", "2999", "Date signed must be today or in the past"),
    ],
)
def test_a_signature_needs_a_real_past_date(moderator_client, day, month, year, error):
    organisation = OrganisationFactory()
    response = moderator_client.post(
        reverse("moderation:record_signature", args=[organisation.slug]),
        {"signed_on_0": day, "signed_on_1": month, "signed_on_2": year},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert error in page
    assert "govuk-error-summary" in page
    organisation.refresh_from_db()
    assert not organisation.is_signatory


def test_merge_moves_projects_and_members_and_deletes_the_duplicate(moderator_client):
    into = OrganisationFactory(name="Liverpool City Council")
    duplicate = OrganisationFactory(name="Liverpool Council")
    led = PublishedProjectFactory(with_organisation=duplicate)
    both = ProjectFactory(with_organisation=duplicate)  # duplicate leads, into is a partner
    ProjectOrganisation.objects.create(project=both, organisation=into, role="partner", position=1)
    shared = UserFactory()
    MembershipFactory(organisation=duplicate, user=shared)
    MembershipFactory(organisation=into, user=shared)
    only_duplicate = MembershipFactory(organisation=duplicate).user

    response = moderator_client.post(
        reverse("moderation:merge_organisation", args=[duplicate.slug]),
        {"into": into.pk},
        follow=True,
    )

    assert response.redirect_chain[-1][0] == reverse("moderation:organisation", args=[into.slug])
    assert "Liverpool Council is merged into Liverpool City Council" in response.content.decode()
    assert not Organisation.objects.filter(pk=duplicate.pk).exists()
    assert led.lead_organisation == into
    roles = list(both.project_organisations.values_list("organisation", "role"))
    assert roles == [(into.pk, "lead")]  # one row, with the stronger role
    assert set(Membership.objects.filter(organisation=into).values_list("user", flat=True)) == {
        shared.pk,
        only_duplicate.pk,
    }


def test_merge_keeps_into_as_lead_when_the_duplicate_was_a_partner(moderator):
    into = OrganisationFactory()
    duplicate = OrganisationFactory(is_signatory=True, signed_on=datetime.date(2025, 3, 27))
    project = ProjectFactory(with_organisation=into)
    ProjectOrganisation.objects.create(project=project, organisation=duplicate, role="funder")

    services.merge_organisations(duplicate=duplicate, into=into, moderator=moderator)

    assert list(project.project_organisations.values_list("organisation", "role")) == [
        (into.pk, "lead")
    ]
    into.refresh_from_db()
    assert into.is_signatory  # the duplicate's signature is kept
    assert into.signed_on == datetime.date(2025, 3, 27)


def test_an_organisation_cannot_be_merged_into_itself(moderator_client, moderator):
    organisation = OrganisationFactory()
    with pytest.raises(ValueError):
        services.merge_organisations(duplicate=organisation, into=organisation, moderator=moderator)
    response = moderator_client.post(
        reverse("moderation:merge_organisation", args=[organisation.slug]),
        {"into": organisation.pk},
    )
    assert response.status_code == 200
    assert "Choose the organisation to merge this one into" in response.content.decode()
    assert Organisation.objects.filter(pk=organisation.pk).exists()


def test_merge_needs_a_choice(moderator_client):
    organisation = OrganisationFactory()
    response = moderator_client.post(
        reverse("moderation:merge_organisation", args=[organisation.slug]), {"into": ""}
    )
    assert response.status_code == 200
    assert "Choose the organisation to merge this one into" in response.content.decode()


def test_organisation_page_shows_members_and_projects(moderator_client):
    organisation = OrganisationFactory(name="Sefton Council", verified=False)
    member = MembershipFactory(organisation=organisation).user
    project = ProjectFactory(title="Library loans", with_organisation=organisation)
    page = moderator_client.get(
        reverse("moderation:organisation", args=[organisation.slug])
    ).content.decode()
    assert member.email in page
    assert "Library loans" in page
    assert reverse("moderation:review", args=[project.pk]) in page
    assert "Verify organisation" in page
