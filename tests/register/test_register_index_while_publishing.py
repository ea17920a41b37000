"""The facet index is built in three queries, each reading the register as it is at that
moment: a project published between them (another server's commit) is left out of this index
rather than breaking the list page (it did: a 500), and the publish's new stamp brings a new
index."""

import datetime

import pytest

from projects.models import ProjectOrganisation
from register import facet_index
from register.facet_index import FacetIndex
from tests.factories import OrganisationFactory, PublishedProjectFactory

pytestmark = pytest.mark.django_db


def test_a_project_published_between_the_index_queries_is_left_out(monkeypatch):
    listed = PublishedProjectFactory()
    organisation = OrganisationFactory(slug="merseytravel", type="public_service")
    published_meanwhile = PublishedProjectFactory.build(pk=listed.pk + 1000)
    real = ProjectOrganisation.objects

    class RolesReadAfterAPublish:
        """The roles query, answered as if a project was published after the first query."""

        def filter(self, *args, **kwargs):
            self.rows = real.filter(*args, **kwargs)
            return self

        def values_list(self, *fields):
            late = (published_meanwhile.pk, organisation.slug, organisation.type)
            return [*self.rows.values_list(*fields), late]

    monkeypatch.setattr(facet_index.ProjectOrganisation, "objects", RolesReadAfterAPublish())

    index = FacetIndex.build(datetime.date.today())

    assert index.pks == [listed.pk]
    assert "merseytravel" not in index.masks["organisation"]
