"""The register list picks its projects, their order and the filter panel's counts from the
facet index kept per register stamp. Whatever the search, filters, order and page, it shows the
same projects in the same order as filtering the database directly (the filter set's queryset,
which the exports and the API use), and each count is what choosing that value would show."""

import datetime
import random

import pytest
from django.http import QueryDict
from django.utils import timezone

from projects.models import Project, ProjectOrganisation, PublicationState
from projects.questions import AREA_CHOICES, STATUS_CHOICES, TOPIC_CHOICES
from register.facet_index import COUNTED_FACETS
from register.filterset import RegisterFilterSet
from register.selectors import register_listing
from tests.factories import OrganisationFactory, ProjectFactory, PublishedProjectFactory

pytestmark = pytest.mark.django_db

ORGANISATION_TYPES = ["public_service", "nhs", "commercial", "voluntary"]


@pytest.fixture
def register():
    """A register of 30 projects with mixed answers, shared organisations, equal publication
    times (so ties are broken by id), titles in mixed case, and versions not on the register."""
    rng = random.Random(7)
    organisations = [
        OrganisationFactory(
            name=f"{rng.choice(['Alpha', 'beta', 'Gamma'])} organisation {n}",
            type=ORGANISATION_TYPES[n % len(ORGANISATION_TYPES)],
            mission_statement="Help." if n % 2 else "",
        )
        for n in range(6)
    ]
    moments = [timezone.now() - datetime.timedelta(days=n) for n in range(5)]
    for n in range(30):
        published = rng.choice(moments)
        project = PublishedProjectFactory(
            title=f"{rng.choice(['library', 'Library', 'bus', 'Housing'])} project {n}",
            status=rng.choice(STATUS_CHOICES)[0],
            uses_ai=rng.choice([True, False]),
            areas=rng.sample([key for key, _ in AREA_CHOICES], rng.randint(0, 2)),
            topics=rng.sample([key for key, _ in TOPIC_CHOICES], rng.randint(0, 2)),
            first_published_at=published,
            published_at=rng.choice([published, moments[0]]),
            next_review_due=timezone.localdate() + datetime.timedelta(days=rng.randint(-3, 3)),
            harm_mitigation=rng.choice(["", "We check every month."]),
            with_organisation=rng.choice(organisations),
        )
        partner = rng.choice(organisations)
        if n % 3 == 0 and partner != project.lead_organisation:
            ProjectOrganisation.objects.create(
                project=project, organisation=partner, role="partner", position=1
            )
    ProjectFactory(title="library draft", with_organisation=organisations[0])
    PublishedProjectFactory(
        title="library withdrawn",
        publication_state=PublicationState.WITHDRAWN,
        with_organisation=organisations[1],
    )
    Project.objects.all().refresh_search_vector()
    return organisations


def query(**params) -> QueryDict:
    data = QueryDict(mutable=True)
    for name, value in params.items():
        data.setlist(name, value if isinstance(value, list) else [value])
    return data


QUERIES = [
    {},
    {"sort": "title"},
    {"sort": "updated"},
    {"q": "library"},
    {"q": "library", "sort": "title"},
    {"q": "no such words anywhere"},
    {"uses_ai": "yes", "status": ["pilot", "in_use"]},
    {"area": ["wirral", "halton"], "topic": ["health", "housing"], "sort": "updated"},
    {"organisation_type": ["nhs", "commercial"], "uses_ai": "no"},
    {"principle": "3", "area": "liverpool"},
    {"principle": "10"},
    {"review": "overdue", "sort": "title"},
    {"status": "unknown", "uses_ai": "maybe", "area": "wirral"},
    {"q": "project", "status": "pilot", "review": "overdue"},
]
# Each count is checked against a query of its own: a few combinations are enough.
COUNTED = [QUERIES[n] for n in (0, 3, 6, 9, 12, 13)]


def every_page(params: QueryDict) -> list[int]:
    listed = []
    page = register_listing(params, page_size=7).page
    listed += [project.pk for project in page.object_list]
    for number in range(2, page.paginator.num_pages + 1):
        later = params.copy()
        later["page"] = str(number)
        listed += [project.pk for project in register_listing(later, page_size=7).page]
    return listed


@pytest.mark.parametrize("params", QUERIES, ids=str)
def test_the_list_shows_what_the_database_filter_shows_in_the_same_order(register, params):
    params = query(**params)
    expected = list(RegisterFilterSet(params).qs.values_list("pk", flat=True))

    assert every_page(params) == expected
    assert register_listing(params).total == len(expected)


@pytest.mark.parametrize("params", COUNTED, ids=str)
def test_each_count_is_what_choosing_that_value_would_show(register, params):
    params = query(**params)
    organisations = [organisation.slug for organisation in register]
    facets = register_listing(params).facets
    choices = {
        "uses_ai": ["yes", "no"],
        "status": [key for key, _ in STATUS_CHOICES],
        "area": [key for key, _ in AREA_CHOICES],
        "topic": [key for key, _ in TOPIC_CHOICES],
        "review": ["overdue"],
        "organisation_type": ORGANISATION_TYPES,
        "organisation": organisations,
    }
    assert set(choices) == set(COUNTED_FACETS)
    for name, values in choices.items():
        for value in values:
            chosen = params.copy()
            chosen.setlist(name, [value])
            chosen.pop("page", None)
            shown = RegisterFilterSet(chosen).qs.count()
            assert facets[name].get(value, 0) == shown, (name, value)


def test_the_organisation_filter_lists_organisations_with_projects_on_the_register(register):
    page = register_listing(query()).filterset.form
    listed = [slug for slug, _name in page.fields["organisation"].choices if slug]

    involved = {
        organisation.slug
        for organisation in register
        if ProjectOrganisation.objects.filter(
            organisation=organisation, project__publication_state=PublicationState.PUBLISHED
        ).exists()
    }
    assert set(listed) == involved
    names = [name for slug, name in page.fields["organisation"].choices if slug]
    assert len(names) == len(involved)
