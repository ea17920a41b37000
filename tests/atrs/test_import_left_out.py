"""An ATRS answer the register cannot store is left out of the draft, and the import says which
ATRS field it was and why."""

import json

from atrs.export import atrs_document
from atrs.importing import register_answers_from
from atrs.reading import read_bytes

from .records import record


def _import(section: str, field: str, text: str):
    document = atrs_document(record())
    document[section][field] = text
    return register_answers_from(read_bytes(json.dumps(document).encode()))


def test_a_website_that_is_not_https_is_left_out_and_said_so():
    imported = _import("summary_information", "website_url", "http://fire.example.org/visits")
    assert "website" not in imported.answers
    assert imported.left_out == ["Website URL: the website is not an address starting https://"]


def test_an_answer_with_a_nul_character_is_left_out_and_said_so():
    imported = _import("deployment_context", "appeals_and_review", "Call us\x00 on 0151")
    assert "contest" not in imported.answers
    assert imported.left_out == [
        "Appeals and review: the answer contains a character that cannot be stored"
    ]
