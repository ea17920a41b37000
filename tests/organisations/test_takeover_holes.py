"""The three holes of issue 15, each reproduced as an attacker would try it, and shown closed.

1. A new account chose an organisation with no members from the directory on /projects/new/
   and became its only member: now it is a request that Charter staff decide, seeing who asks
   and why; nobody joins an existing organisation without approval.
2. A draft's section 2 changed the organisation's public description and mission statement at
   once: now they change only when a moderator publishes the draft, and the review's comparison
   shows the change.
3. An organisation typed into someone's unpublished draft appeared in every account's
   directory: now only the draft's organisation sees it until it is published or verified.
"""

import json

import pytest
from django.core import mail

from organisations.models import JoinRequest, Membership, MembershipEvent, Organisation, Role
from projects import services
from tests.factories import (
    AccountFactory,
    AdminMembershipFactory,
    MembershipFactory,
    ModeratorFactory,
    OrganisationFactory,
    ProjectFactory,
    PublishedProjectFactory,
    submitted_new_version,
)
from tests.submissions.submission import organisation_rows, save, section_url

pytestmark = pytest.mark.django_db

ORGANISATIONS = "about-your-organisations"


def choose_from_directory(client, organisation, **extra):
    return client.post(
        "/projects/new/",
        {
            "title": "Our project",
            "organisation": "directory",
            "directory_organisation": organisation.pk,
            **extra,
        },
    )


# --- 1. taking over an organisation ---------------------------------------------------------


def test_claiming_an_organisation_with_no_members_goes_to_charter_staff(
    client, django_capture_on_commit_callbacks
):
    council = OrganisationFactory(name="Liverpool City Council", verified=True)
    record = PublishedProjectFactory(with_organisation=council)
    moderator = ModeratorFactory()
    attacker = AccountFactory(email="someone@example.net", username="someone@example.net")
    client.force_login(attacker)

    with django_capture_on_commit_callbacks(execute=True):
        response = choose_from_directory(
            client, council, message="I am the council's new data lead."
        )

    assert response.status_code == 302
    assert response["Location"] == "/projects/"
    assert not Membership.objects.filter(user=attacker).exists()
    assert not council.projects.exclude(pk=record.pk).exists()
    claim = JoinRequest.objects.get(user=attacker, organisation=council)
    assert claim.to_staff and claim.is_pending
    assert claim.message == "I am the council's new data lead."
    # Charter staff are told who asks and why.
    (email,) = mail.outbox
    assert email.to == [moderator.email]
    assert "someone@example.net" in email.subject
    assert "I am the council's new data lead." in email.body
    # The "still accurate" page of the council's record stays closed to them.
    assert client.get(f"/projects/{record.pk}/review/").status_code == 404
    # They see where their request is.
    assert "Waiting for Charter staff" in client.get("/projects/").content.decode()


def test_a_claim_without_saying_why_is_refused_with_a_message(client):
    council = OrganisationFactory(name="Sefton Council")
    client.force_login(AccountFactory())
    response = choose_from_directory(client, council)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Charter staff will check your request" in html
    assert 'value="Our project"' in html  # nothing typed is lost
    assert not JoinRequest.objects.exists()
    assert not Membership.objects.exists()


def test_choosing_an_organisation_with_an_admin_asks_its_admins(
    client, django_capture_on_commit_callbacks
):
    admin = AdminMembershipFactory(user=AccountFactory(email="lead@sthelens.gov.uk"))
    second = AccountFactory(email="second@sthelens.gov.uk")
    client.force_login(second)
    with django_capture_on_commit_callbacks(execute=True):
        response = choose_from_directory(client, admin.organisation)
    assert response.status_code == 302
    request = JoinRequest.objects.get(user=second)
    assert not request.to_staff
    assert [email.to for email in mail.outbox] == [["lead@sthelens.gov.uk"]]
    assert not admin.organisation.memberships.filter(user=second).exists()
    assert MembershipEvent.objects.filter(kind="requested", subject=second).exists()


def test_an_organisation_whose_members_are_not_admins_sends_requests_to_staff(client):
    member = MembershipFactory(role=Role.MEMBER)
    client.force_login(AccountFactory())
    choose_from_directory(client, member.organisation, message="I work there.")
    assert JoinRequest.objects.get().to_staff


def test_typing_the_name_of_an_existing_organisation_as_new_asks_to_join_it(client):
    admin = AdminMembershipFactory()
    user = AccountFactory()
    client.force_login(user)
    response = client.post(
        "/projects/new/",
        {
            "title": "Our project",
            "organisation": "new",
            "name": admin.organisation.name.upper(),
            "type": "public_service",
            "description": "Ours.",
        },
    )
    assert response.status_code == 302
    assert JoinRequest.objects.get(user=user).organisation == admin.organisation
    assert Organisation.objects.count() == 1


def test_the_service_refuses_anyone_else_s_organisation():
    council = OrganisationFactory()
    with pytest.raises(services.NotAMember):
        services.start_project(user=AccountFactory(), title="Mine", organisation=council)
    assert not council.memberships.exists()


def test_whoever_adds_a_new_organisation_is_its_first_admin(client):
    user = AccountFactory()
    client.force_login(user)
    client.post(
        "/projects/new/",
        {
            "title": "Our project",
            "organisation": "new",
            "name": "Knowsley Food Bank",
            "type": "voluntary",
            "description": "We feed families.",
        },
    )
    membership = Membership.objects.get(user=user)
    assert membership.organisation.name == "Knowsley Food Bank"
    assert membership.role == Role.ADMIN


# --- 2. public texts changed by a draft -------------------------------------------------------


@pytest.fixture
def published_council():
    council = OrganisationFactory(
        name="Wirral Council", description="We serve the people of Wirral."
    )
    record = PublishedProjectFactory(title="Bus times", with_organisation=council)
    partner_record = PublishedProjectFactory(title="Shared care")
    partner_record.project_organisations.create(organisation=council, role="partner", position=1)
    return council, record, partner_record


def test_a_draft_does_not_change_the_organisation_s_public_texts(client, published_council):
    council, record, partner_record = published_council
    member = MembershipFactory(user=AccountFactory(), organisation=council)
    client.force_login(member.user)
    draft = services.start_new_version(project=record, user=member.user)
    save(
        client,
        draft,
        ORGANISATIONS,
        organisation_rows([(council.name, "", "lead")])
        | {"organisation_description": "We are taking over Wirral.", "mission_statement": ""},
    )
    council.refresh_from_db()
    assert council.description == "We serve the people of Wirral."
    client.logout()
    for url in (
        f"/organisations/{council.slug}/",
        record.get_absolute_url(),
        partner_record.get_absolute_url(),
        "/register.json",
        f"/api/projects/{record.slug}/",
    ):
        body = client.get(url).content.decode()
        assert "taking over" not in body, url
    for url in (f"/organisations/{council.slug}/", record.get_absolute_url()):
        assert "We serve the people of Wirral." in client.get(url).content.decode()
    document = json.loads(client.get("/register.json").content)
    descriptions = {o["description"] for p in document["projects"] for o in p["organisations"]}
    assert "We serve the people of Wirral." in descriptions


def test_publishing_the_draft_changes_them_and_staff_see_it_in_the_comparison(
    client, published_council
):
    council, record, partner_record = published_council
    moderator = ModeratorFactory()
    submitted = submitted_new_version(record, organisation_description="We run Wirral's buses.")
    client.force_login(moderator)
    review = client.get(f"/moderation/projects/{submitted.pk}/").content.decode()
    assert "We serve the people of Wirral." in review and "We run Wirral&#x27;s buses." in review
    council.refresh_from_db()
    assert council.description == "We serve the people of Wirral."

    services.publish_project(project=submitted, moderator=moderator)
    council.refresh_from_db()
    assert council.description == "We run Wirral's buses."
    client.logout()
    organisation_page = client.get(f"/organisations/{council.slug}/").content.decode()
    assert "We run Wirral&#x27;s buses." in organisation_page


# --- 3. organisations named only in a draft ---------------------------------------------------


@pytest.fixture
def named_in_a_draft(client):
    lead = MembershipFactory(user=AccountFactory())
    draft = ProjectFactory(with_organisation=lead.organisation)
    client.force_login(lead.user)
    save(
        client,
        draft,
        ORGANISATIONS,
        organisation_rows(
            [
                (lead.organisation.name, "", "lead"),
                ("Secret Supplier Ltd", "commercial", "supplier"),
            ]
        )
        | {"organisation_description": "We do things.", "mission_statement": ""},
    )
    client.logout()
    return lead, draft, Organisation.objects.get(name="Secret Supplier Ltd")


def directory_of(client, user, project=None):
    client.force_login(user)
    html = client.get("/projects/new/").content.decode()
    if project is not None:
        html += client.get(section_url(project, ORGANISATIONS)).content.decode()
    return html


def test_an_organisation_named_only_in_a_draft_is_hidden_from_other_accounts(
    client, named_in_a_draft
):
    lead, draft, secret = named_in_a_draft
    assert secret.named_by == lead.organisation
    other = MembershipFactory(user=AccountFactory())
    assert "Secret Supplier Ltd" not in directory_of(client, other.user)
    # Nor can it be chosen by its id.
    response = choose_from_directory(client, secret, message="Mine now.")
    assert response.status_code == 200
    assert not JoinRequest.objects.exists()


def test_the_draft_s_own_organisation_still_sees_it(client, named_in_a_draft):
    lead, draft, secret = named_in_a_draft
    colleague = MembershipFactory(user=AccountFactory(), organisation=lead.organisation)
    assert "Secret Supplier Ltd" in directory_of(client, colleague.user, draft)


def test_it_is_listed_once_a_project_naming_it_is_published(client, named_in_a_draft):
    lead, draft, secret = named_in_a_draft
    secret.mission_statement = "Better software."
    secret.save()
    draft.refresh_from_db()
    services.declare_and_submit(project=draft, user=lead.user, declared=True)
    services.publish_project(project=draft, moderator=ModeratorFactory())
    secret.refresh_from_db()
    assert secret.named_by is None
    assert "Secret Supplier Ltd" in directory_of(client, AccountFactory())


def test_it_is_listed_once_staff_verify_it(client, named_in_a_draft):
    from organisations.services import verify_organisation

    lead, draft, secret = named_in_a_draft
    verify_organisation(organisation=secret, moderator=ModeratorFactory())
    assert "Secret Supplier Ltd" in directory_of(client, AccountFactory())


def test_a_new_lead_organisation_is_hidden_from_others_until_verified(client):
    founder = AccountFactory()
    client.force_login(founder)
    client.post(
        "/projects/new/",
        {
            "title": "Our project",
            "organisation": "new",
            "name": "Halton Hidden Trust",
            "type": "voluntary",
            "description": "We help.",
        },
    )
    assert "Halton Hidden Trust" not in directory_of(client, AccountFactory())
