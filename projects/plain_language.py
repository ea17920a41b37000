"""Plain-language hints for answers: how long an answer is, and the acronyms and jargon in it.

The guide asks for answers under 150 words in plain language. These are hints shown to the
person writing, never a reason to refuse an answer, except an answer over ``WORD_LIMIT`` words.
The jargon list is ``jargon.txt`` next to this module: one term a line, ``term = plain words``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

WORD_GUIDE = 150  # over this: a warning ("aim for under 150 words")
WORD_LIMIT = 400  # over this: an error

JARGON_FILE = Path(__file__).with_name("jargon.txt")
ACRONYM = re.compile(r"\b[A-Z][A-Z0-9]*[A-Z][A-Z0-9]*s?\b")
# Capitalised words that are ordinary English, not acronyms to spell out.
NOT_ACRONYMS = {"I", "OK", "UK"}


def word_count(text: str) -> int:
    """Words as a reader counts them: runs of characters between spaces."""
    return len((text or "").split())


@dataclass(frozen=True)
class Jargon:
    term: str
    suggestion: str  # a plainer alternative, or "" to ask for it to be spelled out


@cache
def jargon_list() -> dict[str, str]:
    """Lower-case term to its plain alternative, from ``jargon.txt``."""
    terms = {}
    for line in JARGON_FILE.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        term, _sep, plain = line.partition("=")
        terms[term.strip().lower()] = plain.strip()
    return terms


def find_jargon(text: str) -> list[Jargon]:
    """Acronyms (2 or more capital letters, e.g. "DPIA", "LLM") and listed jargon in ``text``,
    each once, in the order they first appear."""
    text = text or ""
    found: dict[str, Jargon] = {}
    hits: list[tuple[int, Jargon]] = []
    for match in ACRONYM.finditer(text):
        term = match.group(0)
        if term.endswith("s") and term[:-1].isupper():
            term = term[:-1]
        if term in NOT_ACRONYMS or term.lower() in found:
            continue
        jargon = Jargon(term, jargon_list().get(term.lower(), ""))
        found[term.lower()] = jargon
        hits.append((match.start(), jargon))
    lowered = text.lower()
    for term, plain in jargon_list().items():
        if term in found:
            continue
        match = re.search(rf"(?<![\w-]){re.escape(term)}(?![\w-])", lowered)
        if match:
            jargon = Jargon(text[match.start() : match.end()], plain)
            found[term] = jargon
            hits.append((match.start(), jargon))
    return [jargon for _position, jargon in sorted(hits, key=lambda hit: hit[0])]


def advice(text: str) -> list[str]:
    """What to tell the person about one answer, in sentences (empty when it reads well)."""
    messages = []
    words = word_count(text)
    if WORD_GUIDE < words <= WORD_LIMIT:
        messages.append(
            f"This answer is {words} words. Aim for under {WORD_GUIDE} words so residents can "
            "read it easily."
        )
    jargon = find_jargon(text)
    if jargon:
        parts = [
            f"\u201c{item.term}\u201d (try \u201c{item.suggestion}\u201d)"
            if item.suggestion
            else f"\u201c{item.term}\u201d"
            for item in jargon
        ]
        messages.append(
            "Residents may not know "
            + ", ".join(parts)
            + ". Spell out acronyms and explain technical words the first time you use them."
        )
    return messages
