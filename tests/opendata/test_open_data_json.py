"""The register as JSON: every published project, one record, and the schema they follow."""

import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from opendata.register_format import register_schema
from projects.questions import ANSWER_KEYS
from tests.documents import document, record
from tests.opendata.open_data_register import SUBMITTER_EMAIL, TRICKY_ANSWER, make_register

pytestmark = pytest.mark.django_db

SCHEMA_FILE = Path(__file__).resolve().parents[2] / "docs" / "spec" / "register-record.schema.json"


def shared_validator():
    return Draft202012Validator(
        json.loads(SCHEMA_FILE.read_text()), format_checker=Draft202012Validator.FORMAT_CHECKER
    )


@pytest.fixture
def published_ids():
    return make_register()


def test_register_json_is_valid_against_the_shared_schema(client, published_ids):
    response = client.get("/register.json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    document = response.json()
    errors = [error.message for error in shared_validator().iter_errors(document)]
    assert errors == []
    assert document["schema_version"] == "2"
    assert document["licence"] == "Open Government Licence v3.0"
    assert document["generated_at"].endswith("Z")


def test_register_json_holds_every_published_project_and_nothing_else(client, published_ids):
    projects = client.get("/register.json").json()["projects"]
    assert sorted(p["id"] for p in projects) == sorted(published_ids)
    titles = {p["title"] for p in projects}
    assert "Fire safety visits for people most at risk, version two" in titles
    assert "Fire safety visits for people most at risk" not in titles  # the replaced version
    assert "Unpublished new title" not in titles
    by_id = {p["id"]: p for p in projects}
    assert by_id["fire-safety-visits"]["version"] == 2
    assert by_id["fire-safety-visits"]["purpose"] == TRICKY_ANSWER


def test_principles_give_the_evidencing_answer_keys_for_all_eleven(client, published_ids):
    project = client.get("/register.json").json()["projects"][0]
    principles = project["principles"]
    assert [p["number"] for p in principles] == list(range(1, 12))
    assert principles[0]["name"] == "Beneficial"
    evidence = {key for p in principles for key in p["evidence"]}
    assert set(ANSWER_KEYS) <= evidence | {"title"}
    assert "five_safes" in next(p for p in principles if p["number"] == 2)["evidence"]


def test_exports_hold_only_record_fields_never_submitters(client, published_ids):
    schema_keys = set(register_schema()["$defs"]["project"]["properties"])
    for url in ["/register.json", "/register.csv", "/register/housing-repairs-chatbot.json"]:
        body = client.get(url).content.decode("utf-8-sig")
        assert SUBMITTER_EMAIL not in body
        assert "moderator.private" not in body
    for project in client.get("/register.json").json()["projects"]:
        assert set(project) <= schema_keys


def test_one_record_as_json(client, published_ids):
    response = client.get("/register/fire-safety-visits.json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    one = response.json()
    everything = {p["id"]: p for p in client.get("/register.json").json()["projects"]}
    assert one == everything["fire-safety-visits"]
    document = {"schema_version": "2", "generated_at": "2026-01-01T00:00:00Z", "licence": "x"}
    assert shared_validator().is_valid({**document, "projects": [one]})


@pytest.mark.parametrize(
    "slug", ["no-such-project", "secret-draft", "awaiting-check", "withdrawn-project"]
)
def test_one_record_is_not_found_unless_published(client, published_ids, slug):
    assert client.get(f"/register/{slug}.json").status_code == 404


def test_the_record_json_does_not_hide_the_project_page(client, published_ids):
    page = client.get("/register/fire-safety-visits/")
    assert page.status_code == 200
    assert page["Content-Type"].startswith("text/html")


def test_the_schema_is_served_and_is_the_shared_contract(client):
    response = client.get("/register.schema.json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json() == register_schema() == json.loads(SCHEMA_FILE.read_text())


def test_version_1_of_the_schema_is_served_too(client):
    response = client.get("/register.v1.schema.json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    v1_file = SCHEMA_FILE.with_name("register-record.v1.schema.json")
    assert response.json() == register_schema("1") == json.loads(v1_file.read_text())
    assert response.json()["properties"]["schema_version"] == {"const": "1"}


def test_an_empty_register_is_a_valid_document(client):
    document = client.get("/register.json").json()
    assert document["projects"] == []
    assert shared_validator().is_valid(document)


@pytest.mark.parametrize(
    ("doc", "valid"),
    [
        (document(), True),
        (
            document(record("a"), record("b", uses_ai=False, ai_kinds=[], ai_decision_role=None)),
            True,
        ),
        ({**document(), "schema_version": "1"}, False),
        ({**document(), "schema_version": "3"}, False),
        (document(record("a", summary="x" * 401)), False),
        (document(record("a", impact_assessments=[{"name": "DPIA"}])), False),
        (document(record("a", uses_ai=True, ai_kinds=[])), False),
        (document(record("a", topics=["cooking"])), False),
        (document(record("a", submitted_by="someone@example.org")), False),
        (document(record("a", start_date="2025-13")), False),
    ],
)
def test_the_served_schema_agrees_with_the_shared_file(client, doc, valid):
    served = Draft202012Validator(
        client.get("/register.schema.json").json(),
        format_checker=Draft202012Validator.FORMAT_CHECKER,
    )
    assert served.is_valid(doc) is valid
    assert shared_validator().is_valid(doc) is valid
