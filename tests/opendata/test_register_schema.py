"""The schema generated from the project's own definitions is the contract in docs/spec/.

docs/spec/ is the project's own copy of its contracts: no test reads outside the checkout."""

import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from opendata.register_format import register_schema
from tests.documents import document, record

ROOT = Path(__file__).resolve().parents[2]
VENDORED = ROOT / "docs" / "spec" / "register-record.schema.json"
VENDORED_V1 = ROOT / "docs" / "spec" / "register-record.v1.schema.json"


def test_generated_schema_is_the_contract_exactly():
    assert register_schema() == json.loads(VENDORED.read_text())
    assert register_schema("2") == register_schema()


def test_generated_version_1_schema_is_the_version_1_contract_exactly():
    assert register_schema("1") == json.loads(VENDORED_V1.read_text())


@pytest.mark.parametrize(("version", "path"), [("2", VENDORED), ("1", VENDORED_V1)])
def test_keys_come_in_the_contracts_order(version, path):
    """The CSV's columns and each exported record follow it."""
    contract = json.loads(path.read_text())["$defs"]["project"]
    generated = register_schema(version)["$defs"]["project"]
    assert list(generated["properties"]) == list(contract["properties"])
    assert list(generated["properties"]["organisations"]["items"]["properties"]) == list(
        contract["properties"]["organisations"]["items"]["properties"]
    )
    assert generated["required"] == contract["required"]


def test_version_2_keeps_every_version_1_key_as_it_was():
    v1 = register_schema("1")["$defs"]["project"]["properties"]
    v2 = register_schema("2")["$defs"]["project"]["properties"]
    for key, definition in v1.items():
        if key == "organisations":
            v1_organisation = definition["items"]["properties"]
            v2_organisation = v2[key]["items"]["properties"]
            assert {k: v2_organisation[k] for k in v1_organisation} == v1_organisation
        else:
            assert v2[key] == definition, key


def test_generated_schema_is_a_valid_json_schema():
    Draft202012Validator.check_schema(register_schema())


@pytest.mark.parametrize(
    "doc",
    [
        document(),
        document(record("a"), record("b", uses_ai=False, ai_kinds=[], ai_decision_role=None)),
        document(record("a", status="retired"), record("b", start_date=None, website=None)),
        {**document(), "licence": ""},
        {**document(), "schema_version": 1},
        document(record("a", uses_ai=True, ai_kinds=[])),
        document(record("a", areas=["mars"])),
        document(record("a", extra=True)),
        document(record("a", title="")),
    ],
)
def test_both_schemas_agree_on_valid_and_invalid_documents(doc):
    ours = Draft202012Validator(register_schema()).is_valid(doc)
    theirs = Draft202012Validator(json.loads(VENDORED.read_text())).is_valid(doc)
    assert ours == theirs
