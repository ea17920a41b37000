"""A principle's page lists the published projects whose answers evidence it."""

import pytest

from tests.factories import ProjectFactory, PublishedProjectFactory

pytestmark = pytest.mark.django_db


def test_a_principle_lists_the_projects_that_evidence_it(client):
    PublishedProjectFactory(title="Counts its costs")
    PublishedProjectFactory(
        title="Quiet on costs", harms_social="", environmental_costs="", employment_impact=""
    )
    ProjectFactory(title="A draft")

    page_ten = client.get("/principles/10/").content.decode()
    page_nine = client.get("/principles/9/").content.decode()

    assert "Counts its costs" in page_ten
    assert "Quiet on costs" not in page_ten
    assert "Quiet on costs" in page_nine
    assert "A draft" not in page_nine


def test_a_principle_without_projects_says_so(client):
    assert (
        "No published project answers these questions yet."
        in client.get("/principles/1/").content.decode()
    )
