"""Helpers for the submission journey tests: what a person types into each section."""

from projects.questions import SECTIONS_BY_SLUG

SECTION_1 = {
    "title": "Bin collection route planner",
    "purpose": "To plan shorter bin collection routes across the borough.",
    "status": "pilot",
    "uses_ai": "yes",
    "ai_kinds": ["predictive_model"],
    "ai_decision_role": "supports_human_decision",
    "areas": ["liverpool", "sefton"],
    "topics": ["environment"],
    "start_date_0": "4",
    "start_date_1": "2025",
    "website": "https://example.org/bins",
    "summary": "We plan shorter bin rounds, so lorries drive fewer miles. Collections stay on "
    "the same day.",
}


def section_url(project, slug):
    return f"/projects/{project.pk}/sections/{slug}/"


def text_answers(slug, text="Our plain answer, written for residents."):
    """An answer to every question of a free-text section (3 to 6); section 3's impact
    assessments (optional rows) left out."""
    answers = {key: f"{text} ({key})" for key in SECTIONS_BY_SLUG[slug].keys}
    if slug == "documenting-your-project":
        del answers["impact_assessments"]
        answers |= impact_rows([])
    return answers


def impact_rows(rows, prefix="impact"):
    """Formset data for impact assessment rows: dicts of name, completed_on (day, month, year),
    url and summary."""
    data = {f"{prefix}-TOTAL_FORMS": str(len(rows)), f"{prefix}-INITIAL_FORMS": "0"}
    for index, row in enumerate(rows):
        for key, value in row.items():
            if key == "completed_on":
                for part, number in enumerate(value):
                    data[f"{prefix}-{index}-completed_on_{part}"] = number
            else:
                data[f"{prefix}-{index}-{key}"] = value
    return data


def organisation_rows(rows, prefix="organisations"):
    """Formset data for organisation rows: (name, type, role) triples."""
    data = {f"{prefix}-TOTAL_FORMS": str(len(rows)), f"{prefix}-INITIAL_FORMS": "0"}
    for index, (name, kind, role) in enumerate(rows):
        data |= {
            f"{prefix}-{index}-name": name,
            f"{prefix}-{index}-type": kind,
            f"{prefix}-{index}-role": role,
        }
    return data


def people_rows(people, prefix="people"):
    data = {f"{prefix}-TOTAL_FORMS": str(len(people)), f"{prefix}-INITIAL_FORMS": "0"}
    for index, person in enumerate(people):
        for key, value in person.items():
            data[f"{prefix}-{index}-{key}"] = value
    return data


ACCOUNTABLE = {
    "name": "Alex Jones",
    "job_title": "Head of Data",
    "organisation": "Example Council",
    "contact": "data@example.org",
    "duties": ["accountable", "contact"],
}


def save(client, project, slug, data, *, button="continue"):
    project.refresh_from_db()
    return client.post(
        section_url(project, slug), {"lock_version": project.lock_version, button: "1", **data}
    )
