"""A published project that has never been reviewed: the register's JSON says so with null."""

import pytest

from tests.factories import PublishedProjectFactory

pytestmark = pytest.mark.django_db


def test_a_project_never_reviewed_has_a_null_review_date_in_the_json(client):
    project = PublishedProjectFactory(last_reviewed_at=None)
    records = client.get("/register.json").json()["projects"]
    [entry] = [r for r in records if r["id"] == project.slug]
    assert entry["last_reviewed_at"] is None
    assert entry["published_at"].endswith("Z")
