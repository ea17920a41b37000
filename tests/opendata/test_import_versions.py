"""import_register reads version 1 and version 2 documents. A version 1 record gets null or
empty values for the keys version 2 added; exported again it is a version 2 record whose every
version 1 key is unchanged. Version 2's new keys are checked like the rest: all or nothing,
naming the record, the field and the problem."""

import copy
import json

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from opendata.register_format import register_schema, upgrade_document, validate_document
from organisations.models import Organisation
from projects.models import ImpactAssessment, Project
from tests.documents import document, record, v1_document, v1_record

pytestmark = pytest.mark.django_db


def run_import(tmp_path, doc):
    path = tmp_path / "register.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    call_command("import_register", str(path))


def import_errors(tmp_path, doc, capsys):
    with pytest.raises(CommandError) as error:
        run_import(tmp_path, doc)
    return str(error.value), capsys.readouterr().err


def v1_part(value, schema: dict):
    """``value`` with only what the version 1 schema ``schema`` describes."""
    if isinstance(value, dict) and "properties" in schema:
        return {
            k: v1_part(v, schema["properties"][k])
            for k, v in value.items()
            if k in schema["properties"]
        }
    if isinstance(value, list) and "items" in schema:
        return [v1_part(item, schema["items"]) for item in value]
    return value


def test_a_version_1_document_is_valid_and_imports(tmp_path, capsys):
    doc = v1_document(v1_record("one"), v1_record("two", uses_ai=False, ai_kinds=[]))
    assert validate_document(doc) == []
    run_import(tmp_path, doc)
    assert "Imported 2 project(s): 2 new" in capsys.readouterr().out
    one = Project.objects.published().get(slug="one")
    assert one.summary == ""
    assert (one.frequency_and_scale, one.previous_process, one.alternatives_considered) == (
        "",
        "",
        "",
    )
    assert not ImpactAssessment.objects.exists()
    supplier = one.project_organisations.get(role="supplier")
    assert supplier.contribution == ""
    assert supplier.organisation.companies_house_number == ""


def test_a_version_1_record_exports_as_version_2_with_every_version_1_key_unchanged(
    client, tmp_path
):
    given = v1_record(
        "one",
        url=settings.SITE_URL.rstrip("/") + "/register/one/",
        version=1,
        published_at="2025-05-01T09:00:00Z",
        updated_at="2025-05-01T09:00:00Z",
        last_reviewed_at="2025-05-01T09:00:00Z",
        next_review_due="2026-05-01",
    )
    run_import(tmp_path, v1_document(given))
    exported = client.get("/register.json").json()
    assert exported["schema_version"] == "2"
    (record_v2,) = exported["projects"]
    v1_project = register_schema("1")["$defs"]["project"]
    for key, value in given.items():
        assert v1_part(record_v2[key], v1_project["properties"][key]) == value, key
    assert record_v2["summary"] is None
    assert record_v2["impact_assessments"] == []
    for key in ("frequency_and_scale", "previous_process", "alternatives_considered"):
        assert record_v2[key] is None
    for organisation in record_v2["organisations"]:
        for key in ("companies_house_number", "charity_number", "ods_code", "contribution"):
            assert organisation[key] is None


def test_the_version_1_export_round_trips_through_a_version_2_import(client, tmp_path):
    run_import(tmp_path, v1_document(v1_record("one")))
    first = client.get("/register.json").json()
    Project.objects.all().delete()
    Organisation.objects.all().delete()
    run_import(tmp_path, first)
    assert client.get("/register.json").json()["projects"] == first["projects"]


def test_a_version_2_document_imports_every_new_key(client, tmp_path):
    given = record("one")
    run_import(tmp_path, document(given))
    project = Project.objects.published().with_register_details().get(slug="one")
    assert project.summary == given["summary"]
    assert project.alternatives_considered == given["alternatives_considered"]
    dpia, eqia = project.impact_assessments.all()
    assert (dpia.name, dpia.completed_on.isoformat(), dpia.url, dpia.summary) == (
        "Data protection impact assessment",
        "2025-03-14",
        "https://fire.example.org/dpia.pdf",
        "Low risk once records are pseudonymised.",
    )
    assert (eqia.completed_on, eqia.url, eqia.summary) == (None, "", "")
    lead, supplier = project.project_organisations.all()
    assert lead.organisation.ods_code == "RBQ"
    assert supplier.organisation.companies_house_number == "01234567"
    assert supplier.contribution == "Builds and runs the risk model."
    exported = client.get("/register/one.json").json()
    for key in ("summary", "impact_assessments", "organisations", "frequency_and_scale"):
        assert exported[key] == given[key], key


def test_upgrading_leaves_the_given_document_alone():
    doc = v1_document()
    before = copy.deepcopy(doc)
    upgraded = upgrade_document(doc)
    assert doc == before
    assert upgraded["schema_version"] == "2"
    assert upgraded["projects"][0]["summary"] is None


def test_a_version_1_document_may_not_hold_version_2_keys(tmp_path, capsys):
    _message, err = import_errors(tmp_path, v1_document(v1_record("bad", summary="Hi.")), capsys)
    assert 'project 1 (id "bad"): (document): is not part of the register format' in err
    assert "'summary' was unexpected" in err


def test_a_version_2_document_needs_the_new_keys(tmp_path, capsys):
    doc = document(record("bad"))
    del doc["projects"][0]["impact_assessments"]
    _message, err = import_errors(tmp_path, doc, capsys)
    assert 'project 1 (id "bad"): impact_assessments: is required' in err


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"summary": "x" * 401}, "summary", "is too long"),
        ({"summary": "   "}, "summary", "is blank"),
        ({"summary": ""}, "summary", "should be non-empty"),
        ({"previous_process": " "}, "previous_process", "is blank"),
        (
            {"impact_assessments": [{"name": "DPIA", "date": None, "url": "http://x.example"}]},
            "impact_assessments[0].url",
            "does not match",
        ),
        (
            {"impact_assessments": [{"name": "DPIA", "date": "2025-02-30", "url": None}]},
            "impact_assessments[0].date",
            "is not a",
        ),
        (
            {"impact_assessments": [{"name": "DPIA", "date": "2999-01-01", "url": None}]},
            "impact_assessments",
            "must be today or in the past",
        ),
        (
            {"impact_assessments": [{"name": " ", "date": None, "url": None}]},
            "impact_assessments[0].name",
            "is blank",
        ),
        (
            {"impact_assessments": [{"name": "DPIA", "date": None, "url": "https://" + "x" * 500}]},
            "impact_assessments[0].url",
            "is longer than 500 characters",
        ),
    ],
)
def test_bad_version_2_values_are_named(tmp_path, capsys, changes, field, words):
    message, err = import_errors(
        tmp_path, document(record("good"), record("bad", **changes)), capsys
    )
    assert "nothing was imported" in message
    assert f'project 2 (id "bad"): {field}' in err
    assert words in err
    assert Project.objects.count() == 0


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("companies_house_number", "1234567"),
        ("charity_number", "12"),
        ("ods_code", "rbq"),
        ("contribution", ""),
    ],
)
def test_bad_organisation_identifiers_are_named(tmp_path, capsys, key, value):
    bad = record("bad")
    bad["organisations"][1][key] = value
    _message, err = import_errors(tmp_path, document(bad), capsys)
    assert f'project 1 (id "bad"): organisations[1].{key}: ' in err
    assert Organisation.objects.count() == 0
