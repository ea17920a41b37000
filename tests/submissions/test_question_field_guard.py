"""A question answered by rows, by the declaration or on the lead organisation (section 2's
texts, built by the section page itself) has no field from ``question_field``: asking for one
is a mistake in the code, refused by name rather than built wrong."""

import pytest

from projects.questions import QUESTIONS, Kind
from submissions.forms import question_field

ROW_KINDS = (
    Kind.ORGANISATIONS,
    Kind.PEOPLE,
    Kind.IMPACT_ASSESSMENTS,
    Kind.DECLARATION,
    Kind.ORGANISATION_TEXT,
)


@pytest.mark.parametrize(
    "key", sorted(key for key, question in QUESTIONS.items() if question.kind in ROW_KINDS)
)
def test_a_question_of_rows_has_no_single_field(key):
    with pytest.raises(ValueError, match=f"^{key} is not a single field$"):
        question_field(key)


def test_every_other_question_has_its_field():
    for key, question in QUESTIONS.items():
        if question.kind not in ROW_KINDS:
            assert question_field(key).label == question.label, key
