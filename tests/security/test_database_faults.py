"""The database goes away during a section save: the person gets a clear error page (503, our
design, never a stack trace), everything they saved before is intact, nothing of the failed save
is kept, and ``/healthz`` answers 503 until the database is back.

The failures are made deterministic with ``connection.execute_wrapper()``, which raises as a
dropped connection would at an exact point of the save. The last test drops the connection for
real: it needs PostgreSQL (``pg_terminate_backend``), so on SQLite it is reported as skipped.
"""

import pytest
from django.conf import settings
from django.db import InterfaceError, OperationalError, connection

from projects.models import Project
from tests.factories import AccountFactory, MembershipFactory, ProjectFactory
from tests.submissions.submission import ACCOUNTABLE, people_rows, save, section_url

PEOPLE = "declaration-of-responsibility"
HARMS = "mitigating-harms"
NEW_PERSON = {**ACCOUNTABLE, "name": "Bea Smith", "contact": "bea@example.org"}


def database_down(execute, sql, params, many, context):
    raise OperationalError("could not connect to server: Connection refused")


class DropsAfterFirstWrite:
    """Lets the save's first write (the project's row) through, then fails the next query as
    a connection dropped by the server would. Savepoint statements pass, so the test's own
    transaction survives to check what was kept."""

    def __init__(self, error=OperationalError):
        self.error = error
        self.writes = 0
        self.failed = False

    def __call__(self, execute, sql, params, many, context):
        statement = sql.lstrip().upper()
        if (
            self.writes
            and not self.failed
            and not statement.startswith(
                ("SAVEPOINT", "RELEASE SAVEPOINT", "ROLLBACK TO SAVEPOINT")
            )
        ):
            self.failed = True
            raise self.error("server closed the connection unexpectedly")
        if statement.startswith(("UPDATE", "INSERT", "DELETE")):
            self.writes += 1
        return execute(sql, params, many, context)


def member_client(client, project):
    member = MembershipFactory(user=AccountFactory(), organisation=project.lead_organisation)
    client.force_login(member.user)
    return client


def assert_could_not_save_page(response):
    html = response.content.decode()
    assert response.status_code == 503
    assert response["Retry-After"] == "60"
    assert "no-store" in response["Cache-Control"]
    assert "Sorry, we could not save your answers" in html
    assert "Your earlier answers are safe" in html
    assert "try again" in html
    assert "Liverpool City Region Charter Register" in html
    assert "Traceback" not in html and "Server Error (500)" not in html
    assert "Content-Security-Policy" in response.headers


@pytest.mark.django_db
@pytest.mark.parametrize("error", [OperationalError, InterfaceError])
def test_connection_lost_after_the_first_write_keeps_every_earlier_answer(client, error):
    project = ProjectFactory()  # saved answers, and Alex Example as the responsible person
    before = Project.objects.values().get(pk=project.pk)
    client = member_client(client, project)
    fault = DropsAfterFirstWrite(error)

    with connection.execute_wrapper(fault):
        response = save(client, project, PEOPLE, people_rows([NEW_PERSON]))

    assert fault.failed and fault.writes == 1
    assert_could_not_save_page(response)
    # Nothing of the failed save was kept: not the project row's update (version, declaration),
    # not a half-replaced list of people.
    assert Project.objects.values().get(pk=project.pk) == before
    assert [p.name for p in project.responsible_people.all()] == ["Alex Example"]

    # When the database is back, the same save works.
    response = save(client, project, PEOPLE, people_rows([NEW_PERSON]), button="later")
    assert response.status_code == 302
    assert [p.name for p in project.responsible_people.all()] == ["Bea Smith"]


@pytest.mark.django_db
def test_database_down_when_the_person_presses_save(client, caplog):
    project = ProjectFactory(harms_who="Our saved answer.")
    client = member_client(client, project)

    data = {"lock_version": project.lock_version, "harms_who": "A new answer.", "later": "1"}

    with connection.execute_wrapper(database_down):
        response = client.post(section_url(project, HARMS), data)

    assert_could_not_save_page(response)
    # Operators see what failed, with the traceback.
    assert f"Database unavailable: POST /projects/{project.pk}/sections/{HARMS}/" in caplog.text
    assert "Connection refused" in caplog.text
    project.refresh_from_db()
    assert project.harms_who == "Our saved answer."


@pytest.mark.django_db
def test_reading_pages_while_the_database_is_down_says_the_service_is_unavailable(client):
    with connection.execute_wrapper(database_down):
        response = client.get("/register/")
    html = response.content.decode()
    assert response.status_code == 503
    assert response["Retry-After"] == "60"
    assert "Sorry, the service is unavailable" in html
    assert "could not save" not in html

    assert client.get("/register/").status_code == 200


@pytest.mark.django_db
def test_healthz_answers_503_while_the_database_is_down_and_200_after(client):
    with connection.execute_wrapper(database_down):
        down = client.get("/healthz")
    assert down.status_code == 503
    assert down.json() == {"status": "unavailable", "database": "down"}

    up = client.get("/healthz")
    assert up.status_code == 200
    assert up.json() == {"status": "ok", "database": "up"}


@pytest.mark.django_db
def test_other_database_errors_are_not_hidden_as_unavailable(client):
    """An integrity error is a bug, not an outage: it stays a 500 (and is reported as one)."""
    from django.db import IntegrityError

    def integrity_error(execute, sql, params, many, context):
        raise IntegrityError("duplicate key value violates unique constraint")

    with connection.execute_wrapper(integrity_error), pytest.raises(IntegrityError):
        client.get("/register/")


def terminate_backend_after_first_write(pid):
    """Lets the save's first write through, then has the server end the connection for real
    (as when PostgreSQL is restarted or fails over) before the next statement."""
    import psycopg

    state = {"terminated": False}
    params = settings.DATABASES["default"]
    conninfo = {
        "host": params["HOST"],
        "port": params["PORT"],
        "user": params["USER"],
        "password": params["PASSWORD"],
        "dbname": "postgres",
    }

    def wrapper(execute, sql, params_, many, context):
        if state["terminated"]:
            return execute(sql, params_, many, context)
        result = execute(sql, params_, many, context)
        if sql.lstrip().upper().startswith("UPDATE"):
            with psycopg.connect(**{k: v for k, v in conninfo.items() if v}) as admin:
                # Waits (up to 10 s) until the backend has gone.
                admin.execute("SELECT pg_terminate_backend(%s, 10000)", [pid])
            state["terminated"] = True
        return result

    return wrapper, state


@pytest.mark.skipif(
    settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql",
    reason="needs PostgreSQL: the server ends the connection with pg_terminate_backend",
)
@pytest.mark.django_db(transaction=True)  # the save's transaction must be the outermost one
def test_server_ends_the_connection_mid_save_on_postgresql(client):
    project = ProjectFactory()
    before = Project.objects.values().get(pk=project.pk)
    client = member_client(client, project)
    project.refresh_from_db()
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    wrapper, state = terminate_backend_after_first_write(pid)

    with connection.execute_wrapper(wrapper):
        response = save(client, project, PEOPLE, people_rows([NEW_PERSON]))

    assert state["terminated"]
    assert_could_not_save_page(response)
    # Django dropped the broken connection; these queries use a new one.
    assert Project.objects.values().get(pk=project.pk) == before
    assert [p.name for p in project.responsible_people.all()] == ["Alex Example"]
    assert client.get("/healthz").status_code == 200
    response = save(client, project, PEOPLE, people_rows([NEW_PERSON]), button="later")
    assert response.status_code == 302
    assert [p.name for p in project.responsible_people.all()] == ["Bea Smith"]
