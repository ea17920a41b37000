import pytest
from django.db import OperationalError

from charter_register import health

pytestmark = pytest.mark.django_db


@pytest.fixture
def database_down(monkeypatch):
    class BrokenConnection:
        def cursor(self):
            raise OperationalError("connection refused")

    monkeypatch.setattr(health, "connection", BrokenConnection())


def test_healthz_answers_200_when_the_database_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "up"}
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.usefixtures("database_down")
def test_healthz_answers_503_when_the_database_does_not(client):
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "down"


def test_healthz_answers_head_as_well_as_get(client):
    """Load balancers often check with HEAD: the same status and headers, no body."""
    response = client.head("/healthz")
    assert response.status_code == 200
    assert response.content == b""
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.usefixtures("database_down")
def test_healthz_answers_head_with_503_when_the_database_does_not(client):
    assert client.head("/healthz").status_code == 503


def test_healthz_refuses_writes(client):
    assert client.post("/healthz").status_code == 405
