"""Fixtures shared by the submission tests."""

import pytest

from tests.factories import AccountFactory, MembershipFactory, ProjectFactory


@pytest.fixture
def project(client):
    """A draft, with a member of its lead organisation signed in on ``client`` (a module may
    give its own ``project`` instead)."""
    project = ProjectFactory()
    member = MembershipFactory(user=AccountFactory(), organisation=project.lead_organisation)
    client.force_login(member.user)
    return project
