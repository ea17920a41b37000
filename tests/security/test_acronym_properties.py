"""Property tests (Hypothesis) of the acronym finder, ``find_acronyms(text) -> list[str]`` in
``submissions.plain_language``.

The finder is being added on another branch. This module is not collected until it is merged:
then rename it to ``test_acronym_properties.py`` (``git mv``). It was run against that branch's
finder and passes there.
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from submissions.plain_language import find_acronyms

ORDINARY = {"I", "OK", "UK"}  # capitals that are ordinary English, never reported
SHAPE = re.compile(r"[A-Z][A-Z0-9]*[A-Z][A-Z0-9]*")

EXAMPLES = settings(max_examples=100, deadline=None)
acronyms = st.from_regex(r"\A[A-Z]{2,6}\Z").filter(lambda term: term not in ORDINARY)
plain_words = st.from_regex(r"\A[a-z]{1,8}\Z")


@EXAMPLES
@given(st.text())
def test_any_text_gives_a_list_of_distinct_acronyms_found_in_it(text):
    found = find_acronyms(text)
    assert isinstance(found, list)
    assert len(set(found)) == len(found)
    for term in found:
        assert term in text
        assert SHAPE.fullmatch(term), term
        assert term not in ORDINARY


@EXAMPLES
@given(st.text())
def test_text_in_lower_case_has_no_acronyms(text):
    assert find_acronyms(text.lower()) == []


@EXAMPLES
@given(st.lists(acronyms, unique=True, max_size=6), st.lists(plain_words, min_size=1, max_size=6))
def test_acronyms_in_plain_prose_are_found_in_the_order_they_first_appear(terms, words):
    parts = []
    for index, term in enumerate(terms):
        parts += [words[index % len(words)], term, f"({term.lower()})", term]
    text = " ".join(parts + words) + "."
    assert find_acronyms(text) == terms


@EXAMPLES
@given(acronyms, plain_words)
def test_a_plural_is_the_same_acronym(term, word):
    assert find_acronyms(f"{word} {term}s and one {term}") == [term]


@EXAMPLES
@given(st.text())
def test_finding_again_in_the_list_gives_the_same_list(text):
    found = find_acronyms(text)
    assert find_acronyms(" ".join(found)) == found


@given(st.sampled_from(sorted(ORDINARY)), plain_words)
def test_ordinary_capitals_are_not_acronyms(term, word):
    assert find_acronyms(f"{term} {word} {term}.") == []
