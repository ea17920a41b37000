"""An ATRS answer about impact assessments becomes the register's rows only when it is in the
export's shape; anything else is left for the person to enter (and the rest still imports)."""

import json

import pytest

from atrs.answers import question_label
from atrs.export import atrs_document
from atrs.importing import register_answers_from
from atrs.reading import read_bytes

from .records import record

SECTION = "risks_mitigations_and_impact_assessments"


def _imported(**answers) -> dict:
    """The register's answers from the register's JSON with these ATRS answers replaced
    (``field`` or ``section__field``)."""
    document = atrs_document(record())
    for name, text in answers.items():
        section, _, field = name.rpartition("__")
        document[section or SECTION][field] = text
    return register_answers_from(read_bytes(json.dumps(document).encode())).answers


def test_findings_over_several_lines_are_kept_together():
    answers = _imported(
        impact_assessment="Data protection impact assessment\n"
        "Completed: 2025-03-01\n"
        "Findings: Risks are low.\n"
        "The controls are reviewed each year."
    )
    assert answers["impact_assessments"] == [
        {
            "name": "Data protection impact assessment",
            "date": "2025-03-01",
            "url": None,
            "summary": "Risks are low.\nThe controls are reviewed each year.",
        }
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Data protection impact assessment\nCompleted: March 2025",
        "Data protection impact assessment\nLink: http://fire.example.org/dpia",
        "Data protection impact assessment\nWe did one last spring.",
        "A" * 201 + "\nCompleted: 2025-03-01",
    ],
    ids=["date not ISO", "link not https", "a line with no label", "name too long"],
)
def test_an_answer_not_in_the_exports_shape_is_left_for_the_person(text):
    answers = _imported(impact_assessment=text)
    assert "impact_assessments" not in answers
    assert answers["title"] == record()["title"]


def test_text_before_the_first_question_answers_the_first_question():
    answers = _imported(
        description_and_rationale__benefit="Residents most at risk get a visit sooner.\n"
        f"{question_label('benefit_evaluation')}\n"
        "We count fires in visited homes."
    )
    assert answers["benefit_who"] == "Residents most at risk get a visit sooner."
    assert answers["benefit_evaluation"] == "We count fires in visited homes."
