"""Keeping records current (Principle 8): review dates, "still accurate" and reminders.

Every published record has a next review date: 12 months after publication or its last review,
earlier if the organisation chooses. Members of the lead organisation confirm the record is
still accurate (which restarts the clock) or open a new version. ``send_review_reminders``
emails them 30 days before the date and on the date, once each.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone

from .models import (
    REVIEW_INTERVAL_MONTHS,
    ModerationEvent,
    Project,
    PublicationState,
    ReviewReminder,
    review_due_after,
)
from .notifications import lead_members, send_safely, send_to_addresses
from .rules import summary_problems

REMINDER_DAYS_BEFORE = 30


class ReviewDateError(ValueError):
    """A chosen review date that is in the past or further away than the review interval."""


def latest_review_date(today: datetime.date) -> datetime.date:
    """The latest next review date someone may choose today."""
    return review_due_after(today)


def check_review_date(chosen: datetime.date, *, today: datetime.date) -> None:
    if chosen <= today:
        raise ReviewDateError("The next review date must be in the future")
    if chosen > latest_review_date(today):
        raise ReviewDateError(
            f"The next review must be within {REVIEW_INTERVAL_MONTHS} months, by "
            f"{latest_review_date(today):%-d %B %Y}"
        )


class NotPublished(ValueError):
    """The record is no longer published (withdrawn or replaced meanwhile)."""


class SummaryNeeded(ValueError):
    """A record published before summaries were asked for is confirmed only with one."""

    def __init__(self, message: str):
        self.message = message
        super().__init__(message)


@transaction.atomic
def confirm_still_accurate(
    *,
    project: Project,
    user,
    next_review_due: datetime.date | None = None,
    summary: str | None = None,
    now=None,
) -> Project:
    """Record that the organisation checked the published record and it is still accurate.

    A record published before version 2 of the open data format has no summary: confirming it
    needs one (``summary``), which is added to the published version and recorded in its
    history of events."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    locked = Project.objects.select_for_update().get(pk=project.pk)
    if locked.publication_state != PublicationState.PUBLISHED:
        raise NotPublished("Only a published record can be confirmed as still accurate")
    due = next_review_due or latest_review_date(today)
    check_review_date(due, today=today)
    fields = ["last_reviewed_at", "next_review_due", "updated_at"]
    message = f"Confirmed still accurate. Next review by {due:%-d %B %Y}."
    if locked.needs_summary:
        problems = summary_problems(summary)
        if problems:
            raise SummaryNeeded(problems["summary"])
        locked.summary = summary.strip()
        fields.append("summary")
        message += " Summary for residents added."
    locked.last_reviewed_at = now
    locked.next_review_due = due
    locked.save(update_fields=fields)
    ModerationEvent.objects.create(
        project=locked,
        actor=user,
        from_state=PublicationState.PUBLISHED,
        to_state=PublicationState.PUBLISHED,
        message=message,
    )
    if "summary" in fields:
        Project.objects.filter(pk=locked.pk).refresh_search_vector()
    return locked


@dataclass(frozen=True)
class Reminder:
    project: Project
    kind: str


def reminders_due(today: datetime.date) -> list[Reminder]:
    """Reminders that should have gone by ``today`` and have not: a missed day is caught up."""
    soon = today + datetime.timedelta(days=REMINDER_DAYS_BEFORE)
    candidates = (
        Project.objects.published()
        .filter(next_review_due__isnull=False, next_review_due__lte=soon)
        .with_register_details()
        .order_by("next_review_due", "slug")
    )
    sent = {
        (slug, due, kind)
        for slug, due, kind in ReviewReminder.objects.filter(
            slug__in=[p.slug for p in candidates]
        ).values_list("slug", "due_date", "kind")
    }
    due: list[Reminder] = []
    for project in candidates:
        kind = (
            ReviewReminder.Kind.DUE
            if project.next_review_due <= today
            else ReviewReminder.Kind.DUE_SOON
        )
        if (project.slug, project.next_review_due, kind) not in sent:
            due.append(Reminder(project, kind))
    return due


def _send_reminder(recipients: list[str], context: dict) -> int:
    return send_to_addresses(
        recipients,
        subject=render_to_string("emails/review_reminder_subject.txt", context).strip(),
        template="emails/review_reminder.txt",
        context=context,
    )


def send_review_reminders(*, today: datetime.date | None = None) -> list[ReviewReminder]:
    """Email every reminder that is due, once each. Returns the reminders sent."""
    today = today or timezone.localdate()
    sent = []
    for reminder in reminders_due(today):
        project = reminder.project
        recipients = sorted({user.email for user in lead_members(project) if user.email})
        try:
            with transaction.atomic():
                record = ReviewReminder.objects.create(
                    slug=project.slug,
                    due_date=project.next_review_due,
                    kind=reminder.kind,
                    recipients=len(recipients),
                )
        except IntegrityError:  # another server sent it a moment ago
            continue
        context = {
            "project": project,
            "kind": reminder.kind,
            "due": project.next_review_due,
            "overdue": project.next_review_due <= today,
            "project_url": settings.SITE_URL + project.get_absolute_url(),
            "review_url": f"{settings.SITE_URL}/projects/{project.pk}/review/",
        }
        # Sent outside the transaction that recorded it: a mail server that is down is logged,
        # the other reminders still go, and this one is tried again on the next run.
        delivered = send_safely("review_reminder", project, _send_reminder, recipients, context)
        if not delivered:
            record.delete()
            continue
        sent.append(record)
    return sent
