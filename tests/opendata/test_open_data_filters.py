"""The downloads and the API take the same search and filters as /register/."""

import csv
import io

import pytest

from projects.models import Project
from tests.factories import AIProjectFactory, PublishedProjectFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def projects():
    made = {
        "ai": AIProjectFactory(title="Fire risk model", areas=["wirral"]),
        "plain": PublishedProjectFactory(title="Bus routes dashboard", areas=["sefton"]),
    }
    Project.objects.all().refresh_search_vector()  # as publishing does (PostgreSQL search)
    return made


def ids_in_json(client, query):
    return {record["id"] for record in client.get(f"/register.json{query}").json()["projects"]}


def ids_in_csv(client, query):
    text = client.get(f"/register.csv{query}").content.decode("utf-8-sig")
    return {row["id"] for row in csv.DictReader(io.StringIO(text))}


def ids_in_api(client, query):
    return {record["id"] for record in client.get(f"/api/projects/{query}").json()["results"]}


@pytest.mark.parametrize("read", [ids_in_json, ids_in_csv, ids_in_api])
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", {"ai", "plain"}),
        ("?uses_ai=yes", {"ai"}),
        ("?uses_ai=no", {"plain"}),
        ("?area=sefton", {"plain"}),
        ("?area=sefton&area=wirral", {"ai", "plain"}),
        ("?q=fire", {"ai"}),
    ],
)
def test_downloads_and_api_use_the_register_filters(client, projects, read, query, expected):
    assert read(client, query) == {projects[key].slug for key in expected}


@pytest.mark.parametrize("read", [ids_in_json, ids_in_csv])
def test_the_downloads_leave_a_bad_value_out_as_on_the_register(client, projects, read):
    assert read(client, "?status=nonsense") == {projects["ai"].slug, projects["plain"].slug}


def test_the_api_refuses_a_bad_value_the_downloads_leave_out(client, projects):
    response = client.get("/api/projects/?status=nonsense")
    assert response.status_code == 400
    assert "planning" in response.json()["errors"]["status"]["allowed"]


def test_the_api_schema_documents_the_filters(client):
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/json").json()
    parameters = {p["name"] for p in schema["paths"]["/api/projects/"]["get"]["parameters"]}
    assert {"q", "uses_ai", "status", "area", "topic", "organisation", "principle"} <= parameters


def test_the_project_page_offers_its_record_for_download(client, projects):
    page = client.get(projects["ai"].get_absolute_url()).content.decode()
    assert "Download this record" in page
    assert f'href="/register/{projects["ai"].slug}.json"' in page
