"""Register documents in the open data format, for import and export tests."""

import copy

from projects.questions import ANSWER_KEYS


def record(project_id: str = "fire-safety-visits", **changes) -> dict:
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


def document(*records) -> dict:
    return {
        "schema_version": "1",
        "generated_at": "2026-11-01T09:00:00Z",
        "licence": "Open Government Licence v3.0",
        "projects": [copy.deepcopy(r) for r in (records or (record(),))],
    }
