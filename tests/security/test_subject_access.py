"""Subject access: ``manage.py export_personal_data EMAIL`` writes everything held about one
email address, and never a password."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from concerns.models import Concern
from projects.models import ModerationEvent, PublicationState, ResponsiblePerson
from tests.factories import (
    AccountFactory,
    MembershipFactory,
    ModeratorFactory,
    OrganisationFactory,
    ProjectFactory,
    PublishedProjectFactory,
)

pytestmark = pytest.mark.django_db

EMAIL = "sam.subject@example.org"


def export(*args) -> dict:
    out = StringIO()
    call_command("export_personal_data", *args, stdout=out)
    return json.loads(out.getvalue())


@pytest.fixture
def subject():
    user = AccountFactory(username=EMAIL, first_name="Sam", last_name="Subject")
    organisation = OrganisationFactory(name="Subject Borough Council")
    MembershipFactory(user=user, organisation=organisation)
    project = ProjectFactory(
        slug="subjects-project", created_by=user, submitted_by=user, with_organisation=organisation
    )
    ModerationEvent.objects.create(
        project=project,
        actor=user,
        from_state=PublicationState.DRAFT,
        to_state=PublicationState.SUBMITTED,
    )
    published = PublishedProjectFactory(slug="named-project")
    ResponsiblePerson.objects.create(
        project=published,
        name="Sam Subject",
        job_title="Data lead",
        organisation="Subject Borough Council",
        contact=EMAIL.upper(),
        duties=["contact"],
    )
    Concern.objects.create(
        project=published,
        slug=published.slug,
        kind="question",
        message="Is my bin data shared?",
        email="Sam.Subject@Example.org",
    )
    return user


def test_the_document_holds_everything_about_the_address(subject):
    document = export(EMAIL)
    assert document["email"] == EMAIL
    [account] = document["accounts"]
    assert account["email"] == EMAIL
    assert account["first_name"] == "Sam"
    assert account["email_addresses"] == [{"email": EMAIL, "verified": True, "primary": True}]
    assert [m["organisation"] for m in account["memberships"]] == ["Subject Borough Council"]
    [project] = account["projects"]
    assert project["id"] == "subjects-project"
    assert project["created_by_you"] and project["submitted_by_you"]
    assert [e["to_state"] for e in account["moderation_events"]] == ["submitted"]
    [person] = document["responsible_person_records"]
    assert person["project"]["id"] == "named-project"
    assert person["name"] == "Sam Subject"
    [concern] = document["concerns_raised"]
    assert concern["message"] == "Is my bin data shared?"
    assert "not stored" in document["emails_sent"]


def test_no_password_or_hash_is_exported(subject):
    text = json.dumps(export(EMAIL))
    assert "password" not in text
    assert subject.password not in text
    assert "md5$" not in text


def test_a_moderators_actions_are_included():
    moderator = ModeratorFactory(username="mo.derator@example.org")
    project = ProjectFactory()
    ModerationEvent.objects.create(
        project=project, actor=moderator, from_state="submitted", to_state="published"
    )
    concern = Concern.objects.create(
        project=project, slug=project.slug, kind="question", message="?", answered_by=moderator
    )
    [account] = export("mo.derator@example.org")["accounts"]
    assert account["groups"] == ["Moderators"]
    assert [e["to_state"] for e in account["moderation_events"]] == ["published"]
    assert [c["concern"] for c in account["concerns_answered"]] == [concern.pk]


def test_an_address_with_nothing_held_gives_an_empty_document(subject):
    document = export("nobody@example.org")
    assert document["accounts"] == []
    assert document["responsible_person_records"] == []
    assert document["concerns_raised"] == []


def test_other_peoples_data_is_not_included(subject):
    AccountFactory(username="someone.else@example.org")
    document = export(EMAIL)
    assert "someone.else@example.org" not in json.dumps(document)


def test_the_document_can_be_written_to_a_file(subject, tmp_path):
    target = tmp_path / "sar.json"
    call_command("export_personal_data", EMAIL, "--output", str(target), stderr=StringIO())
    assert json.loads(target.read_text(encoding="utf-8"))["accounts"][0]["email"] == EMAIL


def test_a_blank_address_is_refused():
    with pytest.raises(CommandError, match="email address"):
        call_command("export_personal_data", "  ")
