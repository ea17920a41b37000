"""send_review_reminders: 30 days before and on the due date, once each, to the members."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command

from projects.models import ReviewReminder
from tests.factories import MembershipFactory, OrganisationFactory, PublishedProjectFactory

pytestmark = pytest.mark.django_db

DUE = datetime.date(2027, 3, 31)


@pytest.fixture
def project():
    organisation = OrganisationFactory()
    MembershipFactory(organisation=organisation, user__email="lead@council.example.org")
    MembershipFactory(organisation=organisation, user__email="colleague@council.example.org")
    MembershipFactory(user__email="someone@elsewhere.example.org")  # another organisation
    return PublishedProjectFactory(with_organisation=organisation, next_review_due=DUE)


def run_on(day: datetime.date):
    with time_machine.travel(datetime.datetime.combine(day, datetime.time(7, 0)), tick=False):
        call_command("send_review_reminders")


def test_nothing_is_sent_more_than_30_days_before(project):
    run_on(DUE - datetime.timedelta(days=31))
    assert mail.outbox == []


def test_reminder_30_days_before_to_the_lead_organisations_members_once(project):
    run_on(DUE - datetime.timedelta(days=30))
    assert sorted(m.to[0] for m in mail.outbox) == [
        "colleague@council.example.org",
        "lead@council.example.org",
    ]
    message = mail.outbox[0]
    assert message.subject == f"Review due in 30 days: {project.title}"
    assert "31 March 2027" in message.body
    assert f"/register/{project.slug}/" in message.body
    assert f"/projects/{project.pk}/review/" in message.body
    run_on(DUE - datetime.timedelta(days=29))
    run_on(DUE - datetime.timedelta(days=1))
    assert len(mail.outbox) == 2  # not again


def test_reminder_on_the_due_date_once(project):
    run_on(DUE - datetime.timedelta(days=30))
    run_on(DUE)
    assert [m.subject for m in mail.outbox[2:]] == [f"Review due today: {project.title}"] * 2
    run_on(DUE + datetime.timedelta(days=1))
    assert len(mail.outbox) == 4
    assert ReviewReminder.objects.count() == 2


def test_a_missed_day_is_caught_up(project):
    run_on(DUE - datetime.timedelta(days=20))  # the cron job did not run 10 days earlier
    assert len(mail.outbox) == 2
    assert "Review due in 30 days" in mail.outbox[0].subject


def test_a_new_due_date_gets_its_own_reminders(project):
    run_on(DUE)
    project.next_review_due = DUE + datetime.timedelta(days=365)
    project.save()
    run_on(DUE + datetime.timedelta(days=335))
    assert len(mail.outbox) == 4


def test_unpublished_versions_get_no_reminders(project):
    from tests.factories import ProjectFactory

    ProjectFactory(next_review_due=DUE)  # a draft
    run_on(DUE)
    assert len(mail.outbox) == 2
