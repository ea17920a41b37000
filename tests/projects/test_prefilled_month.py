"""A start month a draft was started with is marked as from where it came, until someone
changes it."""

import datetime

import pytest

from projects import services
from tests.factories import AccountFactory, MembershipFactory
from tests.submissions.submission import SECTION_1, save, section_url

pytestmark = pytest.mark.django_db

TAG = 'app-prefilled">From the ATRS record</strong> For example, 4 2025'


def test_a_prefilled_start_month_is_marked_until_it_is_changed(client):
    member = MembershipFactory(user=AccountFactory())
    project = services.start_project_with_answers(
        user=member.user,
        organisation=member.organisation,
        answers={"title": "Bins", "start_date": datetime.date(2025, 4, 1)},
        source="the ATRS record",
    )
    assert project.prefilled_keys() == {
        "title": "the ATRS record",
        "start_date": "the ATRS record",
    }
    client.force_login(member.user)
    url = section_url(project, "about-your-project")
    assert TAG in client.get(url).content.decode()
    save(client, project, "about-your-project", {**SECTION_1, "start_date_0": "5"})
    assert TAG not in client.get(url).content.decode()
    project.refresh_from_db()
    assert project.start_date == datetime.date(2025, 5, 1)
    assert "start_date" not in project.prefilled_keys()
