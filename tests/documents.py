"""Register documents in the open data format (version 2, and version 1 as it was), for import
and export tests."""

import copy

from projects.questions import ANSWER_KEYS, OPTIONAL_ANSWER_KEYS

VERSION_2_ORGANISATION_KEYS = (
    "companies_house_number",
    "charity_number",
    "ods_code",
    "contribution",
)


def v1_record(project_id: str = "fire-safety-visits", **changes) -> dict:
    """A record as version 1 of the format had it (no summary, no impact assessments ...)."""
    data = {
        "id": project_id,
        "title": "Fire safety visits for people most at risk",
        "status": "pilot",
        "uses_ai": True,
        "ai_kinds": ["predictive_model"],
        "ai_decision_role": "supports_human_decision",
        "areas": ["wirral", "halton"],
        "topics": ["community_safety", "health"],
        "start_date": "2025-04",
        "website": "https://fire.example.org/visits",
        "organisations": [
            {
                "name": "Example Fire and Rescue Service",
                "type": "public_service",
                "role": "lead",
                "signatory": True,
                "signed_on": "2025-07-03",
                "description": "The fire and rescue service for part of the city region.",
                "mission_statement": None,
            },
            {
                "name": "Example Analytics Ltd",
                "type": "commercial",
                "role": "supplier",
                "signatory": False,
                "signed_on": None,
                "description": "A small data company.",
                "mission_statement": "Useful, honest analysis for public services.",
            },
        ],
        "responsible_people": [
            {
                "name": "Jo Example",
                "job_title": "Head of Prevention",
                "organisation": "Example Fire and Rescue Service",
                "contact": "prevention@fire.example.org",
                "duties": ["accountable", "contact"],
            },
            {
                "name": "Ré Ñandú",
                "job_title": "Data Scientist",
                "organisation": "Example Analytics Ltd",
                "contact": "0151 000 0000",
                "duties": ["correcting", "monitoring"],
            },
        ],
    }
    for key in ANSWER_KEYS:
        data[key] = f"Answer to {key} for {project_id}."
    data.update(changes)
    return data


def record(project_id: str = "fire-safety-visits", **changes) -> dict:
    """A version 2 record, with every key version 2 added given a value."""
    data = v1_record(project_id)
    data["summary"] = (
        f"The fire service visits homes most at risk of a fire ({project_id}). A computer "
        "model helps staff choose which homes to offer a free visit."
    )
    for key in OPTIONAL_ANSWER_KEYS:
        data[key] = f"Optional answer to {key} for {project_id}."
    data["impact_assessments"] = [
        {
            "name": "Data protection impact assessment",
            "date": "2025-03-14",
            "url": "https://fire.example.org/dpia.pdf",
            "summary": "Low risk once records are pseudonymised.",
        },
        {"name": "Equality impact assessment", "date": None, "url": None, "summary": None},
    ]
    lead, supplier = data["organisations"]
    lead.update(companies_house_number=None, charity_number=None, ods_code="RBQ", contribution=None)
    supplier.update(
        companies_house_number="01234567",
        charity_number=None,
        ods_code=None,
        contribution="Builds and runs the risk model.",
    )
    data.update(changes)
    return data


def document(*records, version: str = "2") -> dict:
    default = record() if version == "2" else v1_record()
    return {
        "schema_version": version,
        "generated_at": "2026-11-01T09:00:00Z",
        "licence": "Open Government Licence v3.0",
        "projects": [copy.deepcopy(r) for r in (records or (default,))],
    }


def v1_document(*records) -> dict:
    return document(*(records or (v1_record(),)), version="1")
