"""Register pages are cacheable for anonymous readers and invalidated by any change."""

import pytest
from django.contrib.auth import get_user_model

from organisations.models import Membership
from projects.models import ProjectOrganisation, ResponsiblePerson
from projects.services import publish_project, start_new_version, submit_project, withdraw_project
from tests.factories import (
    OrganisationFactory,
    ProjectFactory,
    PublishedProjectFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

PAGES = ["/", "/register/", "/organisations/", "/principles/", "/principles/3/"]


@pytest.fixture
def project():
    return PublishedProjectFactory(title="Bus routes")


@pytest.mark.parametrize("path", [*PAGES, "project", "organisation"])
def test_anonymous_pages_can_be_kept_by_shared_caches(client, project, path):
    path = {
        "project": project.get_absolute_url(),
        "organisation": project.lead_organisation.get_absolute_url(),
    }.get(path, path)

    response = client.get(path)

    assert response.status_code == 200
    assert response["ETag"].startswith('"register-')
    assert response["Last-Modified"].endswith("GMT")
    cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"public", "max-age=60", "s-maxage=300"} <= cache_control
    assert "Cookie" in response["Vary"]


def test_a_conditional_request_gets_304_until_the_register_changes(client, project):
    first = client.get("/register/")
    etag = first["ETag"]

    again = client.get("/register/", headers={"if-none-match": etag})
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == etag

    since = client.get("/register/", headers={"if-modified-since": first["Last-Modified"]})
    assert since.status_code == 304

    project.title = "Bus routes, renamed"
    project.save()

    changed = client.get("/register/", headers={"if-none-match": etag})
    assert changed.status_code == 200
    assert changed["ETag"] != etag
    assert "Bus routes, renamed" in changed.content.decode()


def test_pages_are_served_from_the_server_cache_until_something_changes(client, project):
    assert client.get("/register/")["X-Register-Cache"] == "miss"
    assert client.get("/register/")["X-Register-Cache"] == "hit"
    assert client.get("/register/?sort=title")["X-Register-Cache"] == "miss"

    ResponsiblePerson.objects.filter(project=project).update(name="ignored")  # no signal: no change
    assert client.get("/register/")["X-Register-Cache"] == "hit"


def add_person(version):
    ResponsiblePerson.objects.create(
        project=version,
        name="Sam New",
        job_title="Lead",
        organisation="X",
        contact="x@example.org",
        duties=["monitoring"],
    )


def publish_new(title: str):
    member = Membership.objects.create(user=UserFactory(), organisation=OrganisationFactory())
    draft = ProjectFactory(title=title, with_organisation=member.organisation)
    submit_project(project=draft, user=member.user)
    return publish_project(project=draft, moderator=UserFactory())


def test_publishing_a_project_shows_it_at_once(client, project):
    client.get("/register/")
    client.get("/")

    publish_new("Brand new project")

    assert "Brand new project" in client.get("/register/").content.decode()
    assert "Brand new project" in client.get("/").content.decode()


def test_publishing_a_new_version_replaces_the_cached_page(client, project):
    assert "Bus routes" in client.get(project.get_absolute_url()).content.decode()
    member = UserFactory()
    Membership.objects.create(user=member, organisation=project.lead_organisation)
    draft = start_new_version(project=project, user=member)
    draft.title = "Bus routes (second version)"
    draft.declaration = True
    draft.save()
    submit_project(project=draft, user=member)
    publish_project(project=draft, moderator=UserFactory())

    page = client.get(project.get_absolute_url()).content.decode()
    assert "Bus routes (second version)" in page
    assert "Version 2, published" in page


def test_withdrawing_a_project_takes_it_off_the_cached_list(client, project):
    assert "Bus routes" in client.get("/register/").content.decode()
    detail = client.get(project.get_absolute_url())

    withdraw_project(project=project, moderator=UserFactory(), reason="Stopped")

    assert "Bus routes" not in client.get("/register/").content.decode()
    again = client.get(project.get_absolute_url(), headers={"if-none-match": detail["ETag"]})
    assert again.status_code == 200
    assert "withdrawn from the register" in again.content.decode()


def test_changing_an_organisation_or_a_person_invalidates(client, project):
    client.get(project.get_absolute_url())
    organisation = project.lead_organisation
    organisation.name = "Renamed Council"
    organisation.save()
    assert "Renamed Council" in client.get(project.get_absolute_url()).content.decode()

    add_person(project)
    assert "Sam New" in client.get(project.get_absolute_url()).content.decode()

    ProjectOrganisation.objects.create(
        project=project,
        organisation=OrganisationFactory(name="New Partner"),
        role="partner",
        position=2,
    )
    assert "New Partner" in client.get(project.get_absolute_url()).content.decode()


def test_signed_in_pages_are_never_cached(client, project):
    # UserFactory does not save its password hash, so its session would not verify.
    user = get_user_model().objects.create_user(username="amina", password="a long password 1")
    client.force_login(user)

    first = client.get("/register/")
    second = client.get("/register/", headers={"if-none-match": first.get("ETag", '"x"')})

    assert second.status_code == 200
    for response in (first, second):
        cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
        assert {"private", "no-cache"} <= cache_control
        assert "public" not in cache_control
        assert "ETag" not in response
        assert "X-Register-Cache" not in response
    assert "Sign out" in second.content.decode()

    client.logout()
    anonymous = client.get("/register/")
    assert "Sign out" not in anonymous.content.decode()
    assert anonymous["X-Register-Cache"] == "miss"


def test_not_found_pages_are_not_cached(client):
    response = client.get("/register/no-such-project/")
    assert response.status_code == 404
    assert "ETag" not in response


def test_saving_a_version_nobody_can_see_yet_keeps_the_cached_pages(client, project):
    etag = client.get("/register/")["ETag"]
    member = Membership.objects.create(user=UserFactory(), organisation=project.lead_organisation)

    draft = start_new_version(project=project, user=member.user)
    draft.title = "Bus routes (draft of a second version)"
    draft.declaration = True
    draft.save()
    add_person(draft)
    submit_project(project=draft, user=member.user)

    still = client.get("/register/", headers={"if-none-match": etag})
    assert still.status_code == 304
    assert client.get("/register/")["X-Register-Cache"] == "hit"

    publish_project(project=draft, moderator=UserFactory())
    changed = client.get("/register/", headers={"if-none-match": etag})
    assert changed.status_code == 200
    assert "draft of a second version" in changed.content.decode()
