"""The text policy: what may reach the public, with one clear message for each refusal."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from public_text import policy
from public_text.policy import clean, organisation_name_key

TITLE = policy.name(200, "Project title")
JOB = policy.line(200, "Job title")
ANSWER = policy.long(5000, "What is the project for?")


def refused(value, rule) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        clean(value, rule)
    assert len(caught.value.messages) == 1
    return caught.value


def test_text_is_normalised_to_nfc_and_trimmed():
    assert clean("  Cafe\u0301 ", TITLE) == "Caf\u00e9"
    assert clean("one\r\ntwo\nthree", ANSWER) == "one\r\ntwo\nthree"


@pytest.mark.parametrize(
    "value",
    ["\x0b\x1b\x07", "bell\x07", "esc\x1b[31m", "nul\x00", "del\x7f", "c1\x85", "\ud800"],
)
@pytest.mark.parametrize("rule", [TITLE, JOB, ANSWER], ids=["name", "line", "long"])
def test_control_characters_are_refused_in_every_kind_of_text(value, rule):
    error = refused("Before " + value + " after", rule)
    assert error.code in ("hidden_characters", "line_break")
    assert rule.label in error.messages[0]


@pytest.mark.parametrize("override", list(policy.BIDI_CONTROLS))
def test_text_direction_overrides_and_isolates_are_refused(override):
    error = refused(f"invoice{override}fdp.exe", TITLE)
    assert error.messages == [
        "Project title must not include hidden characters, like control characters or text "
        "direction overrides"
    ]


def test_right_to_left_names_with_direction_marks_are_kept():
    assert clean("\u200fمدرسة\u200f Liverpool", TITLE)
    assert clean("בית ספר", TITLE) == "בית ספר"


@pytest.mark.parametrize(
    "value", ["Line1\r\nBcc: x@example.com", "tab\there", "a\u2028b", "a\x0cb"]
)
@pytest.mark.parametrize("rule", [TITLE, JOB], ids=["name", "line"])
def test_one_line_texts_refuse_line_breaks_and_tabs(value, rule):
    error = refused(value, rule)
    assert error.code == "line_break"
    assert error.messages == [f"{rule.label} must be on one line, without tabs or line breaks"]


def test_long_answers_keep_paragraphs_and_tabs():
    assert clean("First.\n\n\tSecond.", ANSWER) == "First.\n\n\tSecond."


def test_long_answers_refuse_unicode_line_separators():
    assert refused("a\u2029b", ANSWER).code == "hidden_characters"


@pytest.mark.parametrize("value", ["\u200b\u200b", "\u200d", "\ufeff\u2060", "...", "\u3000-"])
def test_a_title_or_name_needs_visible_letters(value):
    error = refused(value, TITLE)
    assert error.messages == ["Project title must include letters or numbers"]


def test_a_title_in_any_script_or_of_digits_has_letters():
    for title in ("Прозрачность", "透明度", "3M", "Ré Ñandú"):
        assert clean(title, TITLE) == title


def test_a_line_need_not_have_letters():
    assert clean("+44 151 000 0000", JOB) == "+44 151 000 0000"


def test_every_text_has_a_length_limit_in_characters():
    error = refused("a" * 201, TITLE)
    assert error.messages == ["Project title must be 200 characters or fewer (it is 201)"]
    assert clean("a" * 200, TITLE)
    assert refused("word " * 1001 + "x", ANSWER).code == "max_length"
    assert refused("A" * 1_000_000, ANSWER).messages == [
        "What is the project for? must be 5,000 characters or fewer (it is 1,000,000)"
    ]


def test_the_form_states_the_limit():
    assert TITLE.hint == "Up to 200 characters."
    assert ANSWER.hint == "Up to 5,000 characters."


def test_empty_text_is_left_to_the_required_rule():
    assert clean("", TITLE) == ""
    assert clean("   ", TITLE) == ""


def test_a_rule_is_a_django_validator():
    TITLE("Fine")
    with pytest.raises(ValidationError):
        TITLE("bad\x00")


# --- organisation names -------------------------------------------------------------------


@pytest.mark.parametrize(
    "look_alike",
    [
        "acme trust",  # case
        "ACME  TRUST",  # spaces
        "Acme\u00a0Trust",  # a no-break space
        "Ac\u200bme Trust",  # a zero-width space
        "Acme\u2060 Trust\ufeff",  # a word joiner and a byte order mark
        "\u0410cme Trust",  # a Cyrillic capital A
        "Acm\u0435 Trust",  # a Cyrillic small e
        "\u0410\u0421\u041c\u0415 TRUST",  # Cyrillic capitals
        "\uff21cme Trust",  # a full-width A
        "Acme Tru\u0455t",  # a Cyrillic dze for "s"
    ],
)
def test_organisation_names_that_only_look_different_have_one_key(look_alike):
    assert organisation_name_key(look_alike) == organisation_name_key("Acme Trust")


@pytest.mark.parametrize(
    ("first", "second"),
    [("Oak Trust", "\u041eak Trust"), ("Liverpool", "Liverpoo1"), ("Wirral", "WIRRAL")],
)
def test_the_issue_s_examples_are_one_organisation(first, second):
    assert organisation_name_key(first) == organisation_name_key(second)


@pytest.mark.parametrize(
    ("first", "second"),
    [("Acme Trust", "Acme Trusts"), ("R\u00e9 \u00d1and\u00fa", "Re Nandu"), ("Sefton", "Halton")],
)
def test_different_names_have_different_keys(first, second):
    assert organisation_name_key(first) != organisation_name_key(second)


@pytest.mark.parametrize(
    ("value", "rules"),
    [
        ("\u200b", (ANSWER, JOB)),
        ("\ufeff\u2060", (ANSWER, JOB)),
        ("\u00ad \u200b", (ANSWER, JOB)),
        ("\u200b\n\n\u200d", (ANSWER,)),
    ],
)
def test_an_answer_or_a_line_of_only_invisible_characters_is_refused(value, rules):
    for rule in rules:
        error = refused(value, rule)
        assert error.code == "nothing_visible"
        assert error.messages == [
            f"{rule.label} must include words or numbers, not only spaces or invisible characters"
        ]


def test_an_answer_of_punctuation_alone_is_visible():
    assert clean("...", ANSWER) == "..."
    assert clean("\u200b-", JOB) == "\u200b-"
