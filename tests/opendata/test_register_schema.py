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


def test_generated_schema_is_the_contract_exactly():
    assert register_schema() == json.loads(VENDORED.read_text())


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
