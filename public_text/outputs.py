"""Any stored text made safe for one output, whatever it holds.

The input policy (``public_text.policy``) refuses hidden characters in what people type, but
text imported or saved before it, or written by a moderator's tools, may still hold them. Every
output therefore makes its own text safe:

- ``spreadsheet_cell``: a CSV or XLSX cell that a spreadsheet program shows as text and never
  runs as a formula (lists are joined by the caller first, so every part of a cell is covered);
- ``xml_text``: text an XML 1.0 document can hold (the Atom feed, XLSX);
- ``header_line``: one line for an email header such as the subject.
"""

from __future__ import annotations

import re

# What XML 1.0 cannot hold: control characters other than tab and line breaks, surrogates
# and the two non-characters U+FFFE and U+FFFF (https://www.w3.org/TR/xml/#charsets).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# A cell a spreadsheet would run as a formula: one that starts with = + - @ (or their full-width
# forms, which some programs also read), a tab or a line break, after any spaces. A phone number
# such as "+44 151 000 0000" or a negative number is not a formula and is left as it is.
_FORMULA = re.compile(r"^\s*(?:[=@\uff1d\uff20\t\r\n]|[+\-\uff0b\uff0d](?![\d\s().-]*$))")
# Everything that ends a line somewhere: in email headers, and for Python's str.splitlines.
_LINE_BREAKS = re.compile("[\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]+")
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")
# RFC 5322 asks for header lines under 998 characters; a subject people can read is far shorter.
HEADER_MAX_LENGTH = 250


def xml_text(value) -> str:
    """``value`` as text with every character XML 1.0 cannot hold left out."""
    if value is None:
        return ""
    return _NOT_XML.sub("", str(value))


def spreadsheet_cell(value) -> str:
    """``value`` as the text of a CSV or XLSX cell: a formula is kept as text by an apostrophe in
    front (what spreadsheet programs themselves use to mark text), and characters an XLSX file
    cannot hold are left out."""
    if value is None:
        return ""
    text = xml_text(value)
    return "'" + text if _FORMULA.match(text) else text


def header_line(value) -> str:
    """``value`` as one line for an email header: line breaks and other control characters
    become single spaces, and a very long value is cut with an ellipsis."""
    if value is None:
        return ""
    text = " ".join(_CONTROL.sub(" ", _LINE_BREAKS.sub(" ", xml_text(value))).split())
    if len(text) > HEADER_MAX_LENGTH:
        text = text[: HEADER_MAX_LENGTH - 1].rstrip() + "\u2026"
    return text
