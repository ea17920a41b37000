"""Plain-language hints for answers: how long an answer is, and the acronyms and jargon in it.

The guide asks for answers under 150 words in plain language. These are hints shown to the
person writing, never a reason to refuse an answer, except an answer over ``WORD_LIMIT`` words.
The jargon list is ``jargon.txt`` next to this module: one term a line, ``term = plain words``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

WORD_GUIDE = 150  # over this: a warning ("aim for under 150 words")
WORD_LIMIT = 400  # over this: an error

JARGON_FILE = Path(__file__).with_name("jargon.txt")
ACRONYM = re.compile(r"\b[A-Z][A-Z0-9]*[A-Z][A-Z0-9]*s?\b")
# Capitalised words that are ordinary English, not acronyms to spell out.
NOT_ACRONYMS = {"I", "OK", "UK"}
# Names and grades written in capitals that are not abbreviations to explain on our pages:
# "GOV.UK", and the accessibility levels "A", "AA" and "AAA".
NOT_ACRONYMS_ON_PAGES = NOT_ACRONYMS | {"GOV", "AA", "AAA"}


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


def _first_acronyms(text: str, ignore: set[str] = NOT_ACRONYMS) -> dict[str, int]:
    """Each acronym in ``text`` (plural "s" dropped) and where it first appears, in order."""
    first: dict[str, int] = {}
    for match in ACRONYM.finditer(text or ""):
        term = match.group(0)
        if term.endswith("s") and term[:-1].isupper():
            term = term[:-1]
        if term not in ignore:
            first.setdefault(term, match.start())
    return first


def find_acronyms(text: str) -> list[str]:
    """Acronyms (words of 2 or more capital letters, e.g. "AI", "NHS", "CSVs" as "CSV") in
    ``text``, each once, in the order they first appear. Ordinary words in capitals ("UK",
    "OK") are not counted."""
    return list(_first_acronyms(text))


def find_jargon(text: str) -> list[Jargon]:
    """Acronyms (2 or more capital letters, e.g. "DPIA", "LLM") and listed jargon in ``text``,
    each once, in the order they first appear."""
    text = text or ""
    found: dict[str, Jargon] = {}
    hits: list[tuple[int, Jargon]] = []
    # Each acronym once already: capitals and digits only, so no two share a lower case form.
    for term, position in _first_acronyms(text).items():
        jargon = Jargon(term, jargon_list().get(term.lower(), ""))
        found[term.lower()] = jargon
        hits.append((position, jargon))
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


# --- our own pages: acronyms explained, text a reader sees ------------------------------------

# Elements whose text is not read as part of the page.
UNSEEN_TAGS = {"script", "style", "template", "noscript", "head", "title", "svg"}
# Inline elements: their text runs on from the text around them without a break.
INLINE_TAGS = {"a", "abbr", "b", "code", "em", "i", "label", "q", "small", "span", "strong"}
VOID_TAGS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "wbr"}


@dataclass(frozen=True)
class _Open:
    tag: str
    in_main: bool
    hidden: bool
    titled: bool  # inside an <abbr title="...">


class _PageText(HTMLParser):
    """The visible text of a page's ``<main>`` (or of the whole page without one), and the
    acronyms given a title in an ``<abbr>``. Elements marked ``data-quoted`` hold words that are
    not ours (the Charter's own text, or what an organisation wrote) and are left out."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[_Open] = []  # the open elements, innermost last
        self.parts = {True: [], False: []}  # text inside <main>, text anywhere
        self.abbreviations: set[str] = set()  # acronyms inside an <abbr> with a title

    @property
    def in_main(self) -> bool:
        return bool(self.stack) and self.stack[-1].in_main

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag not in INLINE_TAGS:
            self._text(" ")
        if tag in VOID_TAGS:
            return
        self.stack.append(
            _Open(
                tag=tag,
                in_main=tag == "main" or self.in_main,
                hidden=tag in UNSEEN_TAGS
                or "hidden" in attrs
                or "data-quoted" in attrs
                or attrs.get("aria-hidden") == "true"
                or any(element.hidden for element in self.stack[-1:]),
                titled=tag == "abbr"
                and bool((attrs.get("title") or "").strip())
                or any(element.titled for element in self.stack[-1:]),
            )
        )

    def handle_endtag(self, tag):
        if tag in VOID_TAGS or not any(element.tag == tag for element in self.stack):
            return
        while self.stack.pop().tag != tag:
            pass
        if tag not in INLINE_TAGS:
            self._text(" ")

    def handle_data(self, data):
        if self.stack and self.stack[-1].hidden:
            return
        self._text(data)
        if self.stack and self.stack[-1].titled:
            self.abbreviations.update(find_acronyms(data))

    def _text(self, text):
        self.parts[False].append(text)
        if self.in_main:
            self.parts[True].append(text)

    def text(self) -> str:
        parts = self.parts[True] or self.parts[False]
        return re.sub(r"\s+", " ", "".join(parts)).strip()


def _read(html: str) -> _PageText:
    parser = _PageText()
    parser.feed(html or "")
    parser.close()
    return parser


def main_text(html: str) -> str:
    """The text a reader sees in a page's ``<main>`` element (the whole page if it has none),
    without the header and footer, scripts, hidden elements or quoted words (``data-quoted``),
    whitespace collapsed: our own copy."""
    return _read(html).text()


def _spelled_out(acronym: str, text: str, position: int) -> bool:
    """Whether the acronym at ``position`` follows its words in brackets ("artificial
    intelligence (AI)", "UK General Data Protection Regulation (UK GDPR)") or is followed by
    them ("AI (artificial intelligence)")."""
    before = text[:position]
    after = text[position + len(acronym) :].removeprefix("s")
    opening = re.search(r"\(\s*(?:[A-Z]+\s+)?$", before)
    if opening and re.match(r"\s*\)", after):
        words = before[: opening.start()].split()[-(2 * len(acronym) + 2) :]
    elif re.match(r"\s*\(", after):
        words = after.lstrip()[1:].partition(")")[0].split()
    else:
        return False
    return any(_initials_fit(acronym, words[start:]) for start in range(len(words)))


def _initials_fit(acronym: str, words: list[str]) -> bool:
    """Whether ``words`` start with the acronym's first letter and hold the rest in order
    ("JavaScript Object Notation" fits "JSON")."""
    if not words or words[0][:1].lower() != acronym[0].lower():
        return False
    letters = iter("".join(words).lower()[1:])
    return all(letter in letters for letter in acronym[1:].lower())


def unexplained_acronyms(html: str) -> list[str]:
    """Acronyms in the visible text of a page's ``<main>`` that the page does not explain:
    neither inside an ``<abbr title="...">`` nor spelled out where they are first used."""
    page = _read(html)
    text = page.text()
    return [
        acronym
        for acronym, position in _first_acronyms(text, NOT_ACRONYMS_ON_PAGES).items()
        if acronym not in page.abbreviations and not _spelled_out(acronym, text, position)
    ]
