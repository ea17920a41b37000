"""No lost work: when a colleague saved the project after you opened a section, your save is
refused with a clear message and your text is shown back, never silently overwritten."""

import pytest
from django.test import Client

from projects.models import Project
from projects.questions import SECTIONS_BY_SLUG
from projects.services import StaleSection, save_section
from tests.factories import AccountFactory, MembershipFactory, ProjectFactory

from .submission import section_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def project():
    return ProjectFactory(harms_who="Original words.")


def colleague(project):
    client = Client()
    client.force_login(
        MembershipFactory(user=AccountFactory(), organisation=project.lead_organisation).user
    )
    return client


def opened_lock_version(client, url):
    html = client.get(url).content.decode()
    return int(html.split('name="lock_version" value="')[1].split('"')[0])


def test_second_save_of_the_same_section_is_refused_and_their_text_shown_back(project):
    url = section_url(project, "mitigating-harms")
    first, second = colleague(project), colleague(project)
    first_version = opened_lock_version(first, url)
    second_version = opened_lock_version(second, url)
    assert first_version == second_version

    response = first.post(
        url, {"lock_version": first_version, "harms_who": "First person's words.", "later": "1"}
    )
    assert response.status_code == 302

    response = second.post(
        url, {"lock_version": second_version, "harms_who": "Second person's words.", "later": "1"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Your changes have not been saved" in html
    assert "Second person&#x27;s words." in html  # their text, back in the box
    assert "First person&#x27;s words." in html  # and what the colleague saved
    project.refresh_from_db()
    assert project.harms_who == "First person's words."

    # Saving again is now a deliberate choice, and works.
    new_version = int(html.split('name="lock_version" value="')[1].split('"')[0])
    assert new_version == project.lock_version
    response = second.post(
        url, {"lock_version": new_version, "harms_who": "Second person's words.", "later": "1"}
    )
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.harms_who == "Second person's words."


def test_adding_a_row_keeps_the_version_the_person_started_from(project):
    url = section_url(project, "declaration-of-responsibility")
    client = colleague(project)
    version = opened_lock_version(client, url)
    Project.objects.filter(pk=project.pk).update(lock_version=version + 5)
    html = client.post(
        url,
        {
            "lock_version": version,
            "people-TOTAL_FORMS": "1",
            "people-INITIAL_FORMS": "0",
            "people-0-name": "Sam",
            "add_row": "people",
        },
    ).content.decode()
    assert f'name="lock_version" value="{version}"' in html


def test_save_section_service_changes_nothing_when_stale(project):
    section = SECTIONS_BY_SLUG["mitigating-harms"]
    user = project.lead_organisation.memberships.create(user=AccountFactory()).user
    save_section(
        project=project,
        section=section,
        data={"harms_who": "New"},
        user=user,
        expected_lock_version=project.lock_version,
    )
    with pytest.raises(StaleSection):
        save_section(
            project=project,
            section=section,
            data={"harms_who": "Stale"},
            user=user,
            expected_lock_version=project.lock_version,  # the old number
        )
    project.refresh_from_db()
    assert project.harms_who == "New"
    assert project.lock_version == 1


def test_saving_withdraws_the_declaration(project):
    assert project.declaration
    user = project.lead_organisation.memberships.create(user=AccountFactory()).user
    save_section(
        project=project,
        section=SECTIONS_BY_SLUG["tracking-benefits"],
        data={"benefit_who": "Changed"},
        user=user,
        expected_lock_version=0,
    )
    project.refresh_from_db()
    assert not project.declaration and project.declared_by is None
