"""Export the register, import the file into an empty register, export again: the same
projects come back (ids, versions, every answer, organisations, people, dates)."""

import json

import pytest
from django.core.management import call_command

from organisations.models import Organisation
from projects.models import Project
from tests.opendata.open_data_register import make_register

pytestmark = pytest.mark.django_db


def export(client) -> dict:
    response = client.get("/register.json")
    assert response.status_code == 200
    return response.json()


def empty_the_register():
    Project.objects.all().delete()
    Organisation.objects.all().delete()


def test_export_import_export_gives_the_same_projects(client, tmp_path, capsys):
    published = make_register()
    first = export(client)
    assert len(first["projects"]) == len(published)

    path = tmp_path / "register.json"
    path.write_text(json.dumps(first, ensure_ascii=False), encoding="utf-8")
    empty_the_register()
    assert export(client)["projects"] == []
    call_command("import_register", str(path))
    assert f"Imported {len(published)} project(s): {len(published)} new" in capsys.readouterr().out

    second = export(client)
    by_id = {project["id"]: project for project in second["projects"]}
    for project in first["projects"]:
        assert by_id[project["id"]] == project
    assert len(second["projects"]) == len(first["projects"])


def test_the_reimported_register_is_published_and_nothing_else(client, tmp_path):
    make_register()
    path = tmp_path / "register.json"
    path.write_text(json.dumps(export(client)), encoding="utf-8")
    empty_the_register()
    call_command("import_register", str(path))
    assert set(Project.objects.values_list("publication_state", flat=True)) == {"published"}
    assert "Ré Ñandú" in json.dumps(export(client), ensure_ascii=False)
