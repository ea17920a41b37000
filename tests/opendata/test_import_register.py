import json
import os
import subprocess
import sys

import pytest
from django.core.management import CommandError, call_command

from organisations.models import Organisation
from projects.models import ModerationEvent, Project, PublicationState
from tests.documents import document, record

pytestmark = pytest.mark.django_db


def run_import(tmp_path, doc, *args):
    path = tmp_path / "register.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    call_command("import_register", str(path), *args)


def import_errors(tmp_path, doc, capsys):
    with pytest.raises(CommandError) as error:
        run_import(tmp_path, doc)
    return str(error.value), capsys.readouterr().err


def test_imports_a_valid_document_as_published_projects(tmp_path, capsys):
    run_import(tmp_path, document(record("one"), record("two", uses_ai=False, ai_kinds=[])))
    assert "Imported 2 project(s): 2 new" in capsys.readouterr().out
    projects = Project.objects.published().with_register_details().order_by("slug")
    assert [p.slug for p in projects] == ["one", "two"]
    one = projects[0]
    assert one.version == 1
    assert one.purpose == "Answer to purpose for one."
    assert one.lead_organisation.name == "Example Fire and Rescue Service"
    assert one.lead_organisation.is_signatory
    assert [p.name for p in one.responsible_people.all()] == ["Jo Example", "Ré Ñandú"]
    assert one.start_date.isoformat() == "2025-04-01"
    assert one.next_review_due is not None
    assert Organisation.objects.count() == 2  # shared organisations are created once
    assert ModerationEvent.objects.filter(to_state=PublicationState.PUBLISHED).count() == 2


def test_reimporting_an_id_publishes_a_new_version_and_keeps_the_old(tmp_path):
    run_import(tmp_path, document(record("one")))
    run_import(tmp_path, document(record("one", title="Renamed")))
    versions = Project.objects.of_record("one").order_by("version")
    assert [(p.version, p.publication_state, p.title) for p in versions] == [
        (1, PublicationState.SUPERSEDED, "Fire safety visits for people most at risk"),
        (2, PublicationState.PUBLISHED, "Renamed"),
    ]
    assert versions[1].first_published_at == versions[0].first_published_at


def test_reimport_moves_a_working_draft_out_of_the_way(tmp_path):
    from projects import services
    from tests.factories import UserFactory

    run_import(tmp_path, document(record("one")))
    draft = services.start_new_version(project=Project.objects.get(), user=UserFactory())
    run_import(tmp_path, document(record("one", title="Renamed")))
    draft.refresh_from_db()
    assert (draft.version, draft.publication_state) == (3, PublicationState.DRAFT)


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"status": "finished"}, "status", "is not one of"),
        ({"title": "x" * 201}, "title", "is too long"),
        ({"title": "   "}, "title", "is blank"),
        ({"id": "Not A Slug"}, "id", "does not match"),
        ({"uses_ai": True, "ai_kinds": []}, "ai_kinds", "should be non-empty"),
        ({"uses_ai": True, "ai_decision_role": None}, "ai_decision_role", "is not one of"),
        ({"areas": []}, "areas", "should be non-empty"),
        ({"topics": ["cooking"]}, "topics[0]", "is not one of"),
        ({"start_date": "2025-13"}, "start_date", "does not match"),
        ({"website": "http://example.org"}, "website", "does not match"),
        ({"contest": ""}, "contest", "should be non-empty"),
        ({"harm_mitigation": " "}, "harm_mitigation", "is blank"),
        ({"favourite_colour": "blue"}, "(document)", "is not part of the register format"),
        ({"published_at": "yesterday"}, "published_at", "not a date and time"),
    ],
)
def test_bad_input_names_the_project_the_field_and_the_problem(
    tmp_path, capsys, changes, field, words
):
    message, err = import_errors(
        tmp_path, document(record("good"), record("bad", **changes)), capsys
    )
    assert "nothing was imported" in message
    assert f'project 2 (id "{changes.get("id", "bad")}"): {field}' in err
    assert words in err
    assert Project.objects.count() == 0


def test_missing_answer_is_named(tmp_path, capsys):
    doc = document(record("bad"))
    del doc["projects"][0]["five_safes"]
    _message, err = import_errors(tmp_path, doc, capsys)
    assert 'project 1 (id "bad"): five_safes: is required' in err


@pytest.mark.parametrize(
    ("mutate", "field", "words"),
    [
        (lambda r: r["organisations"][1].update(role="lead"), "organisations", "exactly one lead"),
        (
            lambda r: r["organisations"][1].update(mission_statement=None),
            "mission_statement",
            "mission statement",
        ),
        (
            lambda r: r["responsible_people"][1]["duties"].append("accountable"),
            "responsible_people",
            "exactly one person who is accountable",
        ),
        (
            lambda r: r["organisations"][1].update(signed_on="2025-01-01"),
            "organisations[1].signed_on",
            "not a signatory",
        ),
    ],
)
def test_model_rules_are_checked(tmp_path, capsys, mutate, field, words):
    bad = record("bad")
    mutate(bad)
    _message, err = import_errors(tmp_path, document(bad), capsys)
    assert f'project 1 (id "bad"): {field}: ' in err
    assert words in err


def test_duplicate_ids_are_refused(tmp_path, capsys):
    _message, err = import_errors(tmp_path, document(record("same"), record("same")), capsys)
    assert 'project 2 (id "same"): id: is used by project 1 as well' in err


def test_document_level_problems(tmp_path, capsys):
    doc = document()
    doc["schema_version"] = "3"
    _message, err = import_errors(tmp_path, doc, capsys)
    assert 'document: schema_version: is \'3\': this register reads versions "1" and "2"' in err


def test_not_json(tmp_path):
    path = tmp_path / "register.json"
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(CommandError, match="is not valid JSON"):
        call_command("import_register", str(path))


def test_missing_file(tmp_path):
    with pytest.raises(CommandError, match="no such file"):
        call_command("import_register", str(tmp_path / "nope.json"))


def test_import_is_all_or_nothing_when_the_database_refuses(tmp_path, monkeypatch):
    """A failure part way through (here, writing people) leaves nothing behind."""
    from opendata import importer

    def fail(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(importer.ResponsiblePerson.objects, "bulk_create", fail)
    with pytest.raises(RuntimeError):
        run_import(tmp_path, document(record("one"), record("two")))
    assert Project.objects.count() == 0
    assert Organisation.objects.count() == 0


def test_if_empty_skips_a_register_that_has_projects(tmp_path, capsys):
    run_import(tmp_path, document(record("one")))
    run_import(tmp_path, document(record("two")), "--if-empty")
    assert "nothing imported" in capsys.readouterr().out
    assert Project.objects.count() == 1


def test_exit_status_is_non_zero_on_bad_input(tmp_path):
    path = tmp_path / "register.json"
    path.write_text(json.dumps(document(record("bad", status="nope"))), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "manage.py", "import_register", str(path)],
        capture_output=True,
        text=True,
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "charter_register.settings_test",
            "DATABASE_URL": f"sqlite:///{tmp_path / 'empty.sqlite3'}",
        },
        check=False,
    )
    assert result.returncode != 0
    assert 'project 1 (id "bad"): status' in result.stderr
