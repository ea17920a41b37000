"""Import refusals the schema cannot give: each names the project, the field and the problem,
and nothing is imported."""

import json

import pytest
from django.core.management import CommandError, call_command

from projects.models import Project
from tests.documents import document, record

pytestmark = pytest.mark.django_db


def _errors(tmp_path, doc, capsys) -> str:
    path = tmp_path / "register.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(CommandError) as error:
        call_command("import_register", str(path))
    assert "nothing was imported" in str(error.value)
    assert Project.objects.count() == 0
    return capsys.readouterr().err


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"published_at": "2025-05-01T09:00:00"}, "published_at"),
        ({"last_reviewed_at": "2025-02-30T09:00:00Z"}, "last_reviewed_at"),
    ],
    ids=["no time zone", "no such day"],
)
def test_a_date_and_time_without_a_time_zone_or_not_a_day_is_named(
    tmp_path, capsys, changes, field
):
    err = _errors(tmp_path, document(record("bad", **changes)), capsys)
    assert f'project 1 (id "bad"): {field}: is not a date and time with a time zone' in err


def test_a_project_that_is_not_an_object_is_named_by_its_position(tmp_path, capsys):
    err = _errors(tmp_path, document(record("good"), "not a project"), capsys)
    assert "project 2: (document): 'not a project' is not of type 'object'" in err


def test_a_project_without_an_id_is_named_by_its_position(tmp_path, capsys):
    bad = record("bad")
    del bad["id"]
    err = _errors(tmp_path, document(bad), capsys)
    assert "project 1: id: is required" in err


def test_an_organisation_named_twice_in_a_project_is_refused(tmp_path, capsys):
    bad = record("bad")
    bad["organisations"].append({**bad["organisations"][1], "role": "partner"})
    err = _errors(tmp_path, document(bad), capsys)
    assert 'project 1 (id "bad"): organisations: names an organisation twice' in err


def test_an_organisation_of_different_types_in_two_projects_is_refused(tmp_path, capsys):
    other = record("other")
    other["organisations"][0]["type"] = next(
        kind
        for kind in ("public_service", "voluntary")
        if kind != other["organisations"][0]["type"]
    )
    err = _errors(tmp_path, document(record("first"), other), capsys)
    name = other["organisations"][0]["name"]
    assert (
        f'project 2 (id "other"): organisations[0].type: {name} has a different type in '
        "another project" in err
    )
