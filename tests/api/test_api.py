"""The read API: published projects as register records, paginated, read only, throttled,
described by an OpenAPI 3 schema that a schemathesis run finds no server error against."""

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from jsonschema import Draft202012Validator
from rest_framework.throttling import AnonRateThrottle

from opendata.register_format import register_schema
from tests.factories import PublishedProjectFactory
from tests.opendata.open_data_register import SUBMITTER_EMAIL, make_register

pytestmark = pytest.mark.django_db


@pytest.fixture
def published_ids():
    return make_register()


def project_validator():
    schema = register_schema()
    return Draft202012Validator(
        {"$defs": schema["$defs"], "$ref": "#/$defs/project"},
        format_checker=Draft202012Validator.FORMAT_CHECKER,
    )


def test_list_gives_published_projects_as_register_records(client, published_ids):
    response = client.get("/api/projects/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert body["count"] == len(published_ids)
    assert sorted(p["id"] for p in body["results"]) == sorted(published_ids)
    export = {p["id"]: p for p in client.get("/register.json").json()["projects"]}
    for project in body["results"]:
        assert project == export[project["id"]]
        assert list(project_validator().iter_errors(project)) == []
    assert SUBMITTER_EMAIL not in response.content.decode()


def test_one_project_by_its_id(client, published_ids):
    response = client.get("/api/projects/fire-safety-visits/")
    assert response.status_code == 200
    assert response.json() == client.get("/register/fire-safety-visits.json").json()


@pytest.mark.parametrize(
    "slug", ["no-such-project", "secret-draft", "awaiting-check", "withdrawn-project"]
)
def test_unpublished_projects_are_not_found(client, published_ids, slug):
    assert client.get(f"/api/projects/{slug}/").status_code == 404


def test_pagination_20_a_page_up_to_100(client):
    PublishedProjectFactory.create_batch(23)
    first = client.get("/api/projects/").json()
    assert (first["count"], len(first["results"])) == (23, 20)
    assert first["next"].endswith("/api/projects/?page=2")
    assert first["previous"] is None
    second = client.get(first["next"]).json()
    assert len(second["results"]) == 3
    assert second["next"] is None
    ids = [p["id"] for p in first["results"] + second["results"]]
    assert len(set(ids)) == 23
    assert len(client.get("/api/projects/?page_size=5").json()["results"]) == 5
    assert len(client.get("/api/projects/?page_size=1000").json()["results"]) == 23
    assert client.get("/api/projects/?page=9").status_code == 404
    assert client.get("/api/projects/?page=abc").status_code == 404
    assert client.get("/api/projects/?page_size=abc").status_code == 400
    assert client.get("/api/projects/?page_size=0").status_code == 400


def test_the_api_is_read_only_for_everyone(client, published_ids):
    record = client.get("/api/projects/fire-safety-visits/").json()
    for method, url in [
        ("post", "/api/projects/"),
        ("put", "/api/projects/fire-safety-visits/"),
        ("patch", "/api/projects/fire-safety-visits/"),
        ("delete", "/api/projects/fire-safety-visits/"),
    ]:
        response = getattr(client, method)(url, record, content_type="application/json")
        assert response.status_code == 405, (method, url)
    assert client.get("/api/projects/fire-safety-visits/").json() == record


def test_clients_are_throttled(client, monkeypatch):
    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {"anon": "3/minute"})
    statuses = [client.get("/api/projects/").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    other = client.get("/api/projects/", REMOTE_ADDR="192.0.2.10")
    assert other.status_code == 200  # another client has its own allowance


def test_the_openapi_schema_documents_the_record(client):
    response = client.get("/api/schema/?format=json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    assert {"/api/projects/", "/api/projects/{id}/"} <= set(schema["paths"])
    for path in schema["paths"].values():
        assert set(path) == {"get"}  # no write endpoints
    assert schema["components"]["schemas"]["Project"] == register_schema()["$defs"]["project"]


def test_the_docs_are_served_without_a_cdn(client):
    response = client.get("/api/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'src="/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js"' in html
    assert "cdn" not in html.lower()
    assert "<script>" not in html  # the start-up script is a file, for the strict CSP
    script = client.get("/api/docs/?script=")
    assert script.status_code == 200
    assert "/api/schema/" in script.content.decode()


# --- schemathesis: generated requests against the published schema -------------------------


@pytest.fixture
def keep_the_test_connection():
    """The WSGI app closes database connections after each request, as in production; Django's
    test client stops it so the test's transaction survives, and so does this."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def test_schemathesis_finds_no_server_error_against_the_schema(
    monkeypatch, keep_the_test_connection
):
    """Requests generated from /api/schema/ (25 an operation, valid and invalid) get no 5xx
    answer, and every answer matches the schema. Schemathesis's pytest loader does not run
    under pytest 9 yet, so the strategies are driven with Hypothesis directly."""
    from schemathesis.checks import not_a_server_error
    from schemathesis.generation import GenerationMode
    from schemathesis.specs.openapi.checks import response_schema_conformance

    from charter_register.wsgi import application

    make_register()
    # Many requests from one client in a second: lift the limit for this test only.
    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {"anon": "100000/minute"})
    schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", application)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert {operation.path for operation in operations} == {"/api/projects/", "/api/projects/{id}/"}
    for operation in operations:
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):

            @given(case=operation.as_strategy(generation_mode=mode))
            @settings(
                max_examples=25,
                deadline=None,
                database=None,
                suppress_health_check=list(HealthCheck),
            )
            def request_succeeds(case):
                case.call_and_validate(checks=[not_a_server_error, response_schema_conformance])

            request_succeeds()


# --- saying what it means: unknown values and methods it does not offer ----------------------


@pytest.mark.parametrize(
    ("query", "name", "allowed"),
    [
        ("uses_ai=AAA", "uses_ai", ["yes", "no"]),
        ("status=in_use&status=nonsense", "status", None),
        ("principle=12", "principle", [str(n) for n in range(1, 12)]),
        ("sort=random", "sort", ["newest", "updated", "title"]),
        ("organisation=no-such-organisation", "organisation", None),
        ("review=%00", "review", ["overdue"]),
    ],
)
def test_an_unknown_filter_value_is_a_400_with_the_allowed_values(
    client, published_ids, query, name, allowed
):
    response = client.get(f"/api/projects/?{query}")
    assert response.status_code == 400
    body = response.json()
    assert set(body["errors"]) == {name}
    problem = body["errors"][name]
    assert problem["message"]
    if allowed is not None:
        assert problem["allowed"] == allowed
    assert problem["allowed"]  # always lists what it takes


def test_the_organisation_filter_lists_the_organisations_on_the_register(client, published_ids):
    from register.conditions import published_organisations

    problem = client.get("/api/projects/?organisation=nobody").json()["errors"]["organisation"]
    assert problem["allowed"] == [slug for slug, _name in published_organisations()]


def test_a_search_no_search_can_take_is_a_400_with_the_message(client, published_ids):
    response = client.get("/api/projects/?q=before%00after")
    assert response.status_code == 400
    assert response.json()["errors"] == {"q": {"message": "Null characters are not allowed."}}


def test_known_values_and_other_parameters_still_work(client, published_ids):
    assert client.get("/api/projects/?uses_ai=yes&page_size=5&unrelated=x").status_code == 200
    assert client.get("/api/projects/?q=%01%1b").status_code == 200


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete", "trace"])
@pytest.mark.parametrize(
    "url", ["/api/projects/", "/api/projects/fire-safety-visits/", "/api/schema/"]
)
def test_a_method_the_api_does_not_offer_is_a_405_with_allow(client, published_ids, method, url):
    response = client.generic(method.upper(), url, "{}", content_type="application/json")
    assert response.status_code == 405
    assert {part.strip() for part in response["Allow"].split(",")} >= {"GET", "HEAD", "OPTIONS"}
    assert "POST" not in response["Allow"]
