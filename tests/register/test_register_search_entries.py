"""The register's search reads a narrow table of search entries (PostgreSQL;
docs/decisions/0020-search-at-scale.md): what it finds must be what the projects' full search
vectors find, for plain words (matched on the entries' ranking vector) and for phrases and
punctuation (matched on the full vector), and the entry must follow every change."""

import pytest
from django.contrib.postgres.search import SearchQuery
from django.db import connection

from organisations.models import Organisation
from organisations.signals import organisation_changed
from projects.models import Project, SearchEntry
from projects.search_vector import SEARCH_CONFIG
from register.caching import register_changed
from register.search import PLAIN_WORDS, found_ids
from tests.factories import OrganisationFactory, PublishedProjectFactory

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="search entries are PostgreSQL"),
]


def published(**answers) -> Project:
    project = PublishedProjectFactory(**answers)
    Project.objects.filter(pk=project.pk).refresh_search_vector()
    return project


@pytest.fixture
def register():
    return [
        published(title="Fire safety visits", purpose="Visit homes at risk of fire."),
        published(
            title="Bus routes",
            purpose="Plan journeys.",
            harm_mitigation="We check for flooding near bus stops. " * 20,
        ),
        published(
            title="Care homes",
            purpose="Plan care.",
            with_organisation=OrganisationFactory(name="Sefton Hospice Partnership"),
        ),
        published(title="Well-being checks", purpose="Phone calls to older residents."),
    ]


def by_full_vector(text: str) -> set[int]:
    query = SearchQuery(text, search_type="websearch", config=SEARCH_CONFIG)
    return set(Project.objects.filter(search_vector=query).values_list("pk", flat=True))


@pytest.mark.parametrize(
    "text",
    [
        "fire",  # the title
        "journeys",  # the purpose
        "flooding stops",  # only in another answer, many times
        "hospice",  # an organisation's name
        "plan or fire",
        "bus flooding",
        "nothing",
        '"safety visits"',  # a phrase: the full vector
        '"visits safety"',
        "plan -care",
        "well-being",  # a hyphenated word is a phrase to PostgreSQL
        "residents, phone",
    ],
)
def test_the_search_entries_find_what_the_full_vectors_find(register, text):
    register_changed()

    assert set(found_ids(None, text, ranked=True)) == by_full_vector(text)
    assert set(found_ids(None, text, ranked=False)) == by_full_vector(text)


def test_plain_words_are_told_from_what_may_be_a_phrase():
    assert PLAIN_WORDS.fullmatch("fire or journeys")
    assert PLAIN_WORDS.fullmatch("Ysbyty Glan Clwyd 2026")
    for text in ('"safety visits"', "well-being", "plan -care", "o'neill", "data_sets", "a.b"):
        assert not PLAIN_WORDS.fullmatch(text), text


def test_a_title_match_ranks_above_words_an_answer_repeats(register):
    register_changed()
    bus_routes = register[1]
    stops = published(title="Bus stops", purpose="Shelters.")

    assert found_ids(None, "bus stops", ranked=True)[:2] == [stops.pk, bus_routes.pk]


def test_the_entry_follows_the_version_and_its_organisations(register):
    care_homes = register[2]
    entry = SearchEntry.objects.get(project=care_homes)
    assert entry.published_at == care_homes.published_at
    assert "hospic" in str(entry.rank_vector)

    organisation = Organisation.objects.get(name="Sefton Hospice Partnership")
    organisation.name = "Sefton Palliative Partnership"
    organisation.save()
    # What the organisations' services announce after changing one (a merge, a signature).
    organisation_changed.send(sender=Organisation, organisation=organisation)
    register_changed()

    assert care_homes.pk not in found_ids(None, "hospice", ranked=True)
    assert care_homes.pk in found_ids(None, "palliative", ranked=True)
