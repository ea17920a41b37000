"""The lead organisation confirms a record is still accurate, restarting the review clock."""

import datetime

import pytest
import time_machine

from projects.models import ModerationEvent, Project
from tests.factories import MembershipFactory, OrganisationFactory, PublishedProjectFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2027, 4, 10)


@pytest.fixture
def member():
    return MembershipFactory()


@pytest.fixture
def project(member):
    return PublishedProjectFactory(
        with_organisation=member.organisation, next_review_due=datetime.date(2027, 3, 31)
    )


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(datetime.datetime(2027, 4, 10, 12, 0), tick=False):
        yield


def test_overdue_records_are_found_and_say_since_when(project):
    assert list(Project.objects.review_overdue()) == [project]
    assert project.review_overdue_since() == datetime.date(2027, 3, 31)


def test_confirming_restarts_the_clock_and_is_recorded(client, member, project):
    client.force_login(member.user)
    page = client.get(f"/projects/{project.pk}/review/")
    assert page.status_code == 200
    assert "The review was due on 31 March 2027" in page.content.decode()
    response = client.post(f"/projects/{project.pk}/review/", {"confirm": "1"})
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.next_review_due == datetime.date(2028, 4, 10)
    assert project.last_reviewed_at.date() == TODAY
    assert not Project.objects.review_overdue().exists()
    event = ModerationEvent.objects.filter(project=project).latest("pk")
    assert event.actor == member.user
    assert event.message.startswith("Confirmed still accurate")


def test_an_earlier_review_date_can_be_chosen(client, member, project):
    client.force_login(member.user)
    client.post(
        f"/projects/{project.pk}/review/",
        {"next_review_due_0": "1", "next_review_due_1": "10", "next_review_due_2": "2027"},
    )
    project.refresh_from_db()
    assert project.next_review_due == datetime.date(2027, 10, 1)


@pytest.mark.parametrize(
    ("day", "month", "year", "message"),
    [
        ("1", "1", "2027", "The next review date must be in the future"),
        ("1", "1", "2030", "The next review must be within 12 months"),
        ("31", "2", "2028", "Enter a real date"),
    ],
)
def test_a_bad_review_date_is_explained_and_nothing_changes(
    client, member, project, day, month, year, message
):
    client.force_login(member.user)
    response = client.post(
        f"/projects/{project.pk}/review/",
        {"next_review_due_0": day, "next_review_due_1": month, "next_review_due_2": year},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page
    assert message in page
    project.refresh_from_db()
    assert project.next_review_due == datetime.date(2027, 3, 31)


def test_only_the_lead_organisations_members_can_confirm(client, project):
    client.force_login(MembershipFactory(organisation=OrganisationFactory()).user)
    assert client.get(f"/projects/{project.pk}/review/").status_code == 404
    assert client.post(f"/projects/{project.pk}/review/", {"confirm": "1"}).status_code == 404


def test_anonymous_visitors_are_sent_to_sign_in(client, project):
    response = client.get(f"/projects/{project.pk}/review/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


# --- records published before the register asked for a summary --------------------------------


@pytest.fixture
def old_record(member):
    return PublishedProjectFactory(
        with_organisation=member.organisation,
        summary="",
        next_review_due=datetime.date(2027, 3, 31),
    )


def test_an_old_record_is_asked_for_a_summary(client, member, old_record):
    client.force_login(member.user)
    html = client.get(f"/projects/{old_record.pk}/review/").content.decode()
    assert "published before the register asked for a summary" in html
    assert 'name="summary"' in html and 'data-maxlength="400"' in html


def test_it_cannot_be_confirmed_without_one(client, member, old_record):
    client.force_login(member.user)
    response = client.post(f"/projects/{old_record.pk}/review/", {"summary": " "})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Enter a summary of the project for residents, in two or three sentences" in html
    old_record.refresh_from_db()
    assert old_record.next_review_due == datetime.date(2027, 3, 31)


def test_a_summary_over_400_characters_is_refused(client, member, old_record):
    client.force_login(member.user)
    response = client.post(f"/projects/{old_record.pk}/review/", {"summary": "x" * 401})
    assert "Shorten the summary to 400 characters or fewer" in response.content.decode()


def test_confirming_with_a_summary_adds_it_to_the_record(client, member, old_record):
    client.force_login(member.user)
    response = client.post(
        f"/projects/{old_record.pk}/review/", {"summary": "  Plain words for residents.  "}
    )
    assert response.status_code == 302
    old_record.refresh_from_db()
    assert old_record.summary == "Plain words for residents."
    assert old_record.next_review_due == datetime.date(2028, 4, 10)
    event = ModerationEvent.objects.filter(project=old_record).latest("pk")
    assert event.message.endswith("Summary for residents added.")
    page = client.get(old_record.get_absolute_url()).content.decode()
    assert "Plain words for residents." in page


def test_a_record_with_a_summary_is_not_asked_again(client, member, project):
    client.force_login(member.user)
    assert 'name="summary"' not in client.get(f"/projects/{project.pk}/review/").content.decode()
