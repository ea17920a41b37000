"""One policy for every text that reaches the public: titles, names, short and long answers.

Every way text comes in (the forms, the importer, the admin) applies the same ``TextRule``:

- the text is normalised: Unicode NFC, no spaces around it;
- hidden characters are refused: control characters (tabs and line breaks are allowed in long
  answers only), text direction overrides and isolates (U+202A to U+202E, U+2066 to U+2069, the
  "Trojan Source" characters), surrogates and non-characters;
- a title or a name must contain a visible letter or number (not only spaces or zero-width
  characters), and any other text something visible: an answer of only zero-width spaces,
  word joiners or byte order marks would look blank on the register and yet count as given;
- every text has a length limit in characters, stated by the form (``TextRule.hint``).

Each rule gives one message, in the GOV.UK style, naming the field.

Organisation names are compared for duplicates by ``organisation_name_key``: case, spaces,
zero-width characters and look-alike letters from other scripts (Unicode confusables, UTS #39)
do not make a new name.
"""

from __future__ import annotations

import enum
import unicodedata
from dataclasses import dataclass, replace

from django.core.exceptions import ValidationError

# Text direction overrides, embeddings and isolates: they make text read differently from how it
# is stored ("Trojan Source"). The marks U+200E, U+200F and U+061C are allowed: right-to-left
# names need them and they change no order of what is written.
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
# Line and paragraph separators other than "\n" (they end a line in browsers and email).
LINE_SEPARATORS = frozenset("\u2028\u2029")
MULTILINE_WHITESPACE = frozenset("\t\n\r")

# The character ceiling of a long answer, over its word limit: 400 words of ordinary English
# are about 2,500 characters; this leaves room for long words and addresses, not for a dump.
LONG_TEXT_MAX_LENGTH = 5000
SHORT_TEXT_MAX_LENGTH = 200


class Kind(enum.Enum):
    NAME = "name"  # a title or a name: one line, with visible letters
    LINE = "line"  # one line: a job title, a contact, a web address
    LONG = "long"  # an answer: paragraphs allowed


@dataclass(frozen=True)
class TextRule:
    """How one field's text is checked. ``label`` names the field in messages."""

    kind: Kind
    max_length: int
    label: str = ""

    def labelled(self, label: str) -> TextRule:
        return replace(self, label=str(label))

    @property
    def multiline(self) -> bool:
        return self.kind is Kind.LONG

    @property
    def hint(self) -> str:
        """What the form says about the limit, for the field's hint."""
        return f"Up to {self.max_length:,} characters."

    def __call__(self, value) -> None:
        """A Django validator: raises ``ValidationError`` with the rule's one message."""
        check(value, self)


def name(max_length: int = SHORT_TEXT_MAX_LENGTH, label: str = "") -> TextRule:
    return TextRule(Kind.NAME, max_length, label)


def line(max_length: int = SHORT_TEXT_MAX_LENGTH, label: str = "") -> TextRule:
    return TextRule(Kind.LINE, max_length, label)


def long(max_length: int = LONG_TEXT_MAX_LENGTH, label: str = "") -> TextRule:
    return TextRule(Kind.LONG, max_length, label)


def normalise(value, *, multiline: bool = True) -> str:
    """``value`` in Unicode NFC, without surrounding spaces. Line breaks are kept as typed
    (browsers send ``\\r\\n``), so text comes back out exactly as it went in."""
    if value is None:
        return ""
    return unicodedata.normalize("NFC", str(value)).strip()


def _is_hidden(char: str, *, multiline: bool) -> bool:
    if multiline and char in MULTILINE_WHITESPACE:
        return False
    if char in BIDI_CONTROLS or char in LINE_SEPARATORS:
        return True
    category = unicodedata.category(char)
    if category in ("Cc", "Cs"):
        return True
    code = ord(char)
    # Non-characters: U+FDD0 to U+FDEF and the last two code points of every plane.
    return 0xFDD0 <= code <= 0xFDEF or (code & 0xFFFE) == 0xFFFE


def _is_line_break(char: str) -> bool:
    return char in "\t\n\r\x0b\x0c\x1c\x1d\x1e\x85" or char in LINE_SEPARATORS


def has_visible_letters(text: str) -> bool:
    """Whether ``text`` has at least one letter or number (in any script)."""
    return any(unicodedata.category(char)[0] in "LN" for char in text)


# Characters that show nothing by themselves: controls, format characters (zero-width spaces
# and joiners, byte order marks, soft hyphens) and spaces of every kind.
INVISIBLE_CATEGORIES = frozenset(("Cc", "Cf", "Zs", "Zl", "Zp"))


def has_visible_text(text: str) -> bool:
    """Whether ``text`` shows anything at all: a letter, a number, a mark or a symbol."""
    return any(unicodedata.category(char) not in INVISIBLE_CATEGORIES for char in text)


@dataclass(frozen=True)
class Refusal:
    code: str
    message: str


def refusal(value: str, rule: TextRule) -> Refusal | None:
    """Why ``value`` (already normalised) breaks ``rule``, or ``None`` when it does not."""
    if not value:
        return None
    label = rule.label or "This answer"
    if not rule.multiline and any(_is_line_break(char) for char in value):
        return Refusal("line_break", f"{label} must be on one line, without tabs or line breaks")
    if any(_is_hidden(char, multiline=rule.multiline) for char in value):
        return Refusal(
            "hidden_characters",
            f"{label} must not include hidden characters, like control characters or "
            "text direction overrides",
        )
    if rule.kind is Kind.NAME and not has_visible_letters(value):
        return Refusal("no_letters", f"{label} must include letters or numbers")
    if not has_visible_text(value):
        return Refusal(
            "nothing_visible",
            f"{label} must include words or numbers, not only spaces or invisible characters",
        )
    if len(value) > rule.max_length:
        return Refusal(
            "max_length",
            f"{label} must be {rule.max_length:,} characters or fewer (it is {len(value):,})",
        )
    return None


def clean(value, rule: TextRule) -> str:
    """``value`` normalised, or ``ValidationError`` with the rule's one message."""
    text = normalise(value, multiline=rule.multiline)
    problem = refusal(text, rule)
    if problem is not None:
        raise ValidationError(problem.message, code=problem.code)
    return text


def check(value, rule: TextRule) -> None:
    clean(value, rule)


# --- organisation names -------------------------------------------------------------------


def _skeleton_table() -> dict[str, str]:
    """Each confusable character's prototype, from Unicode's confusables data (UTS #39) as
    packaged by confusable-homoglyphs. Its table lists each pair both ways (source to prototype
    and prototype to its sources); a prototype is the one of a pair that has several
    look-alikes, and of a pair that only has each other, the smaller code point stands for
    both."""
    # Imported here, not at the top: importing it parses Unicode's whole confusables table
    # (several MB of JSON), needed only the first time an organisation name is compared.
    # No import loop is dodged.
    from confusable_homoglyphs.confusables import confusables_data

    def plain(text: str) -> str:  # the data wraps right-to-left letters in direction marks
        return text.replace("\u200e", "").replace("\u200f", "")

    table: dict[str, str] = {}
    for char, glyphs in confusables_data.items():
        char = plain(char)
        if len(char) != 1 or len(glyphs) != 1:
            continue
        other = plain(glyphs[0]["c"])
        if len(confusables_data.get(other, confusables_data.get(glyphs[0]["c"], []))) > 1:
            table[char] = other
        elif len(other) == 1:
            table[char] = min(char, other)
        else:
            table[char] = other
    return table


_SKELETON: dict[str, str] | None = None


def skeleton(text: str) -> str:
    """The UTS #39 skeleton of ``text``: each character replaced by its prototype, so that two
    texts that look alike have the same skeleton ("Acme" and "Асме" with Cyrillic letters)."""
    global _SKELETON  # noqa: PLW0603 - built once, on first use
    if _SKELETON is None:
        _SKELETON = _skeleton_table()
    decomposed = unicodedata.normalize("NFD", text)
    mapped = "".join(_SKELETON.get(char, char) for char in decomposed)
    return unicodedata.normalize("NFD", mapped)


def organisation_name_key(value) -> str:
    """What two organisation names must differ in to be two organisations: not case, spaces
    (no-break spaces included), zero-width or other invisible characters, accents' encoding
    (NFKC) or look-alike letters from other scripts (UTS #39 skeleton)."""
    text = unicodedata.normalize("NFKC", str(value or ""))
    text = "".join(
        char for char in text if unicodedata.category(char) not in ("Cf", "Cc", "Mn", "Me")
    )
    # Look-alikes are found among capitals first (a Cyrillic "М" is a Latin "M", though a small
    # "м" is not an "m"), then again once case is set aside ("1" and "l").
    text = skeleton(" ".join(text.split()).upper()).casefold()
    return " ".join(skeleton(text).split())
