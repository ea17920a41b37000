"""The review clock at the edges: a record published on 29 February is next due on the last
day of February a year on; a reminder another server sent a moment ago is not sent again."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from projects import reviews, services
from projects.models import ReviewReminder
from tests.factories import (
    MembershipFactory,
    ModeratorFactory,
    OrganisationFactory,
    PublishedProjectFactory,
    SubmittedProjectFactory,
)

pytestmark = pytest.mark.django_db


def test_a_record_published_on_29_february_is_due_on_28_february_a_year_on():
    project = SubmittedProjectFactory()
    leap_day = timezone.make_aware(datetime.datetime(2028, 2, 29, 12, 0))
    published = services.publish_project(
        project=project, moderator=ModeratorFactory(), now=leap_day
    )
    assert published.next_review_due == datetime.date(2029, 2, 28)


def test_a_reminder_another_server_sent_a_moment_ago_is_not_sent_again(monkeypatch):
    due = datetime.date(2027, 3, 31)
    organisation = OrganisationFactory()
    MembershipFactory(organisation=organisation, user__email="lead@council.example.org")
    project = PublishedProjectFactory(with_organisation=organisation, next_review_due=due)
    real = reviews.reminders_due

    def sent_elsewhere_meanwhile(today):
        found = real(today)
        for reminder in found:
            ReviewReminder.objects.create(
                slug=reminder.project.slug,
                due_date=reminder.project.next_review_due,
                kind=reminder.kind,
                recipients=1,
            )
        return found

    monkeypatch.setattr(reviews, "reminders_due", sent_elsewhere_meanwhile)
    assert reviews.send_review_reminders(today=due - datetime.timedelta(days=30)) == []
    assert mail.outbox == []
    assert ReviewReminder.objects.filter(slug=project.slug).count() == 1
