"""Register records (open data format version 2) for the ATRS tests: the open data tests'
record (``tests.documents``) with every version 2 key answered."""

from opendata.register_format import register_schema
from tests import documents

VERSION_2 = {
    "url": "https://register.example.org/register/fire-safety-visits/",
    "version": 3,
    "summary": "The fire service visits the homes of the people most at risk of a fire, "
    "chosen with a model, to fit smoke alarms and give advice.",
    "frequency_and_scale": "Weekly, about 2,000 homes a year.",
    "previous_process": "Crews visited homes on request only.",
    "alternatives_considered": "Visiting every home; rejected as too slow to reach everyone.",
    "impact_assessments": [
        {
            "name": "Data protection impact assessment",
            "date": "2025-03-01",
            "url": "https://fire.example.org/dpia-visits",
            "summary": "Risks are low with the controls in place.",
        },
        {"name": "Equality impact assessment", "date": None, "url": None, "summary": None},
    ],
    "principles": [],
    "published_at": "2025-05-01T09:00:00Z",
    "updated_at": "2025-09-01T09:00:00Z",
    "last_reviewed_at": "2025-09-01T09:00:00Z",
    "next_review_due": "2026-09-01",
}
ORGANISATION_KEYS = ("companies_house_number", "charity_number", "ods_code", "contribution")


def record(**changes) -> dict:
    """A complete version 2 register record; ``changes`` replace keys."""
    data = documents.record() | VERSION_2
    for organisation in data["organisations"]:
        for key in ORGANISATION_KEYS:
            organisation.setdefault(key, None)
        if organisation["role"] == "supplier":
            organisation["companies_house_number"] = "01234567"
            organisation["contribution"] = "Built and maintains the model."
    data.update(changes)
    return data


def record_keys() -> set[str]:
    """Every key of a version 2 register record (the shared schema's project properties)."""
    return set(register_schema()["$defs"]["project"]["properties"]) | {
        "summary",
        "frequency_and_scale",
        "previous_process",
        "impact_assessments",
        "alternatives_considered",
    }
