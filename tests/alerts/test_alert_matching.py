"""An alert matches exactly the projects the register list shows for the same search and
filters: every filter, every value, and combinations, checked against the list's FilterSet."""

import datetime

import pytest
from django.core import mail
from django.http import QueryDict
from django.utils import timezone

from alerts import searches
from organisations.choices import ORGANISATION_TYPE_CHOICES
from projects.models import Project
from projects.questions import AREA_CHOICES, STATUS_CHOICES, TOPIC_CHOICES
from register.filterset import RegisterFilterSet
from tests.factories import AIProjectFactory, OrganisationFactory, PublishedProjectFactory

from .helpers import publish, send_alerts, sent_to, subscribe

pytestmark = pytest.mark.django_db


@pytest.fixture
def register():
    council = OrganisationFactory(
        name="Wirral Council", slug="wirral-council", type="public_service"
    )
    trust = OrganisationFactory(name="Mersey Health Trust", slug="mersey-health", type="nhs")
    firm = OrganisationFactory(
        name="Data Firm", slug="data-firm", type="commercial", mission_statement="We help."
    )
    overdue = timezone.localdate() - datetime.timedelta(days=3)
    projects = [
        PublishedProjectFactory(
            title="Bus times",
            areas=["wirral"],
            topics=["transport"],
            status="pilot",
            with_organisation=council,
        ),
        AIProjectFactory(
            title="Hospital beds",
            areas=["liverpool", "sefton"],
            topics=["health"],
            status="in_use",
            with_organisation=trust,
        ),
        AIProjectFactory(
            title="Housing repairs",
            areas=["region_wide"],
            topics=["housing", "other"],
            status="planning",
            with_organisation=firm,
            data_protection="",
            five_safes="",
        ),
        PublishedProjectFactory(
            title="School meals",
            areas=["knowsley"],
            topics=["education"],
            status="retired",
            with_organisation=council,
            next_review_due=overdue,
            comms_up_to_date="",
        ),
    ]
    return projects


def list_shows(query: str) -> set[int]:
    return set(RegisterFilterSet(QueryDict(query)).qs.values_list("pk", flat=True))


def alert_matches(query: str) -> set[int]:
    filters = searches.filters_from(QueryDict(query))
    return searches.matching(filters, Project.objects.values_list("pk", flat=True))


QUERIES = (
    [""]
    + ["uses_ai=yes", "uses_ai=no"]
    + [f"status={key}" for key, _ in STATUS_CHOICES]
    + [f"area={key}" for key, _ in AREA_CHOICES]
    + [f"topic={key}" for key, _ in TOPIC_CHOICES]
    + [f"organisation={slug}" for slug in ("wirral-council", "mersey-health", "data-firm")]
    + [f"organisation_type={key}" for key, _ in ORGANISATION_TYPE_CHOICES]
    + [f"principle={number}" for number in range(1, 12)]
    + ["review=overdue"]
    + ["q=bus", "q=hospital+beds", "q=zebra"]
    + [
        "area=wirral&area=liverpool",
        "uses_ai=yes&topic=health&topic=housing",
        "status=pilot&status=retired&organisation=wirral-council",
        "q=meals&review=overdue",
    ]
)


@pytest.mark.parametrize("query", QUERIES)
def test_an_alert_matches_what_the_list_shows(register, query):
    shows = list_shows(query)
    assert alert_matches(query) == shows
    if query.startswith(("area=", "topic=", "organisation=", "uses_ai", "review")):
        assert shows != {p.pk for p in register}, "the register should tell this filter apart"


def test_the_register_tells_each_filter_apart(register):
    # Not every query above can be empty or full: the fixture exercises the filters.
    counts = {query: len(list_shows(query)) for query in QUERIES}
    assert 0 < counts["principle=2"] < 4
    assert 0 < counts["principle=11"] < 4
    assert counts["review=overdue"] == 1
    assert counts["q=zebra"] == 0


def test_an_alert_for_an_organisation_that_has_nothing_published_yet():
    OrganisationFactory(slug="new-charity", type="voluntary")
    filters = searches.filters_from(QueryDict("organisation=new-charity"))
    # The list accepts only organisations on the register: the choice is not kept.
    assert filters == {}


def test_a_search_the_form_no_longer_accepts_matches_nothing(register):
    pks = Project.objects.values_list("pk", flat=True)
    assert searches.matching({"area": ["atlantis"]}, pks) == set()
    assert searches.matching({}, pks) == set(pks)


def test_end_to_end_only_matching_alerts_are_emailed(client, register):
    subscribe(client, "wirral@example.net", "?area=wirral", REMOTE_ADDR="10.0.2.1")
    subscribe(client, "ai@example.net", "?uses_ai=yes&topic=health", REMOTE_ADDR="10.0.2.2")
    subscribe(client, "search@example.net", "?q=ferry", REMOTE_ADDR="10.0.2.3")
    publish(title="Ferry timetable", areas=["wirral"], topics=["transport"])
    publish(
        title="Clinic waits",
        uses_ai=True,
        ai_kinds=["predictive_model"],
        ai_decision_role="supports_human_decision",
        topics=["health"],
        areas=["halton"],
    )
    send_alerts()
    assert [m.subject for m in sent_to("wirral@example.net")] == [
        "New on the register: Ferry timetable"
    ]
    assert [m.subject for m in sent_to("ai@example.net")] == ["New on the register: Clinic waits"]
    assert [m.subject for m in sent_to("search@example.net")] == [
        "New on the register: Ferry timetable"
    ]
    assert len(mail.outbox) == 3
