"""Hypothesis strategies for text: any text at all, and text the policy takes."""

from __future__ import annotations

import unicodedata

from hypothesis import strategies as st

from public_text.policy import (
    BIDI_CONTROLS,
    LINE_SEPARATORS,
    has_visible_letters,
    has_visible_text,
)

# Every character the policy takes in one-line text: no control characters, surrogates,
# unassigned code points (the non-characters among them), direction overrides or separators.
_visible = st.characters(
    blacklist_categories=("Cc", "Cs", "Cn"),
    blacklist_characters=sorted(BIDI_CONTROLS | LINE_SEPARATORS),
)


def _normal(text: str) -> str:
    return unicodedata.normalize("NFC", text).strip()


# A title or a name the policy takes: one line, with a letter or number in it.
names = st.text(_visible, min_size=1, max_size=120).map(_normal).filter(has_visible_letters)
# An answer the policy takes: paragraphs and tabs allowed.
answers = (
    st.lists(st.one_of(_visible, st.sampled_from(["\n", "\t", "\r\n"])), min_size=1, max_size=300)
    .map("".join)
    .map(_normal)
    .filter(has_visible_text)
)
# Any text at all, hostile characters weighted in.
HOSTILE_CHARACTERS = [
    "\x00",
    "\x07",
    "\x0b",
    "\x1b",
    "\x7f",
    "\x85",
    "\r\n",
    "\u200b",
    "\u200d",
    "\u2028",
    "\u202e",
    "\u2066",
    "\ufeff",
    "\ufffe",
    "=",
    "+",
    "@",
    "<script>",
    "&",
    "]]>",
]
any_text = st.lists(
    st.one_of(st.characters(blacklist_categories=("Cs",)), st.sampled_from(HOSTILE_CHARACTERS)),
    max_size=60,
).map("".join)
