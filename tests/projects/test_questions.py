"""The question list follows docs/spec/submission-form.md: every key, the guide's words."""

import re
from pathlib import Path

from projects.questions import PRINCIPLE_EVIDENCE, QUESTIONS, SECTIONS

SPEC = Path(__file__).resolve().parents[2] / "docs" / "spec" / "submission-form.md"


def spec_rows():
    """(key, label, principles) for every table row of the spec that has a key."""
    rows = []
    for line in SPEC.read_text().splitlines():
        match = re.match(r"^\| `(\w+)` \| (.+?) \|", line)
        if match:
            cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
            principles = cells[-1] if re.fullmatch(r"[\d, ]+", cells[-1]) else ""
            # Register details give theirs in the "kind" column: "... Principles 4, 8".
            inline = re.search(r"Principles? (\d+(?:, \d+)*)", cells[-1])
            if not principles and inline:
                principles = inline.group(1)
            rows.append((match.group(1), match.group(2), principles))
    return rows


def test_every_key_in_the_spec_is_a_question_in_the_same_order():
    assert [key for key, _label, _principles in spec_rows()] == list(QUESTIONS)


def test_labels_are_the_guides_words():
    for key, label, _principles in spec_rows():
        assert QUESTIONS[key].label == label, key


def test_principles_mapping_matches_the_spec():
    for key, _label, principles in spec_rows():
        expected = tuple(int(n) for n in principles.split(",")) if principles else ()
        if key in {"responsible_people", "declaration"}:
            expected = (3,)  # Section 7 is the declaration of responsibility (Principle 3)
        assert QUESTIONS[key].principles == expected, key


def test_seven_sections_in_the_guides_order():
    assert [section.title for section in SECTIONS] == [
        "About your project",
        "About your organisation(s)",
        "Documenting your project",
        "Tracking benefits",
        "Mitigating harms",
        "Communicating your project and outputs",
        "Declaration of responsibility",
    ]


def test_mapping_covers_all_eleven_principles():
    assert sorted(PRINCIPLE_EVIDENCE) == list(range(1, 12))
    assert all(PRINCIPLE_EVIDENCE.values())
