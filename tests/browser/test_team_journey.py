"""The team journey in Chromium: the second person from St Helens Borough Council asks to join
it, the first (its admin) approves on the team page, and the second edits the council's draft.
Axe checks the team page and the decision page."""

import pytest

from organisations.models import Membership, Role
from projects.models import Project
from tests.browser.conftest import assert_no_axe_violations
from tests.factories import AccountFactory, MembershipFactory, OrganisationFactory, ProjectFactory

pytestmark = [pytest.mark.django_db(transaction=True)]

PASSWORD = "a long test password 123"  # tests.factories.UserFactory's


def sign_in(page, base, email):
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{base}/projects/")


def sign_out(page):
    page.get_by_role("button", name="Sign out").click()


def test_the_second_council_employee_joins_and_edits_the_draft(
    live_server, page, charter_principles
):
    base = live_server.url
    council = OrganisationFactory(name="St Helens Borough Council")
    first = AccountFactory(email="first@sthelens.gov.uk", username="first@sthelens.gov.uk")
    MembershipFactory(user=first, organisation=council, role=Role.ADMIN)
    draft = ProjectFactory(title="Bin routes", with_organisation=council)
    AccountFactory(email="second@sthelens.gov.uk", username="second@sthelens.gov.uk")

    # The second employee chooses the council and asks to join.
    sign_in(page, base, "second@sthelens.gov.uk")
    page.get_by_role("button", name="Start a new project").click()
    page.get_by_label("Project title or name").fill("Street lighting")
    page.get_by_label("Another organisation in the directory").check()
    page.get_by_label("Choose the organisation").select_option(label="St Helens Borough Council")
    page.get_by_label("Message to the organisation's admins (optional)").fill(
        "I am the council's information governance lead."
    )
    page.get_by_role("button", name="Start the project").click()
    page.wait_for_url(f"{base}/projects/")
    assert "Waiting for its admins" in page.content()
    assert "Bin routes" not in page.content()
    sign_out(page)

    # The first employee, the council's admin, approves on the team page.
    sign_in(page, base, "first@sthelens.gov.uk")
    page.locator(f'a[href="/teams/{council.slug}/"]').click()
    assert page.locator("h1").inner_text() == "St Helens Borough Council"
    assert_no_axe_violations(page, name="team page")
    page.get_by_role("link", name="second@sthelens.gov.uk").click()
    assert "information governance lead" in page.content()
    assert_no_axe_violations(page, name="decision page", conditional_reveal=True)
    page.get_by_label("Yes, add them as a member").check()
    page.get_by_role("button", name="Save the decision").click()
    assert "second@sthelens.gov.uk is now a member" in page.content()
    sign_out(page)

    # The second employee edits the council's draft.
    sign_in(page, base, "second@sthelens.gov.uk")
    assert "Approved" in page.content()
    page.get_by_role("link", name="Bin routes").click()
    page.get_by_role("link", name="1. About your project").click()
    purpose = page.get_by_label("Describe the purpose(s) and any intended outputs of your project")
    purpose.fill("To plan shorter bin rounds across St Helens.")
    page.get_by_role("button", name="Save and come back later").click()
    assert Membership.objects.get(user__email="second@sthelens.gov.uk").role == Role.MEMBER
    draft = Project.objects.get(pk=draft.pk)
    assert draft.purpose == "To plan shorter bin rounds across St Helens."
