"""Confirming a record is still accurate when someone else acted first: a moderator withdrew
it while the page was open; and the rule under the form that a record without a summary is
only confirmed with one."""

import pytest

from projects import services
from projects.models import ModerationEvent, PublicationState
from projects.reviews import SummaryNeeded, confirm_still_accurate
from projects.rules import MISSING_SUMMARY
from submissions.views import reviews
from tests.factories import MembershipFactory, ModeratorFactory, PublishedProjectFactory

pytestmark = pytest.mark.django_db


def test_a_record_withdrawn_while_the_page_was_open_is_not_confirmed(client, monkeypatch):
    member = MembershipFactory()
    project = PublishedProjectFactory(with_organisation=member.organisation)
    due = project.next_review_due
    real = reviews.confirm_still_accurate

    def withdrawn_first(**kwargs):
        services.withdraw_project(
            project=project, moderator=ModeratorFactory(), reason="Asked by the council"
        )
        return real(**kwargs)

    monkeypatch.setattr(reviews, "confirm_still_accurate", withdrawn_first)
    client.force_login(member.user)
    response = client.post(f"/projects/{project.pk}/review/", {"confirm": "1"}, follow=True)
    assert response.status_code == 200
    assert "This record is no longer published, so it cannot be confirmed" in (
        response.content.decode()
    )
    project.refresh_from_db()
    assert project.publication_state == PublicationState.WITHDRAWN
    assert project.next_review_due == due
    assert not ModerationEvent.objects.filter(
        project=project, message__startswith="Confirmed still accurate"
    ).exists()


def test_a_record_without_a_summary_is_not_confirmed_without_one():
    member = MembershipFactory()
    project = PublishedProjectFactory(with_organisation=member.organisation, summary="")
    with pytest.raises(SummaryNeeded) as refused:
        confirm_still_accurate(project=project, user=member.user, summary="   ")
    assert refused.value.message == MISSING_SUMMARY
    project.refresh_from_db()
    assert project.summary == ""
