"""Reading a GOV.UK record's body: the text under each heading, links written out, scripts and
styles not read; and the register's own JSON with a block that is not one."""

import json

from atrs.export import atrs_document
from atrs.importing import register_answers_from
from atrs.reading import read_bytes

from .records import record

BODY = (
    "<h2>Tier 1 - Summary information</h2>"
    "<h3>Name</h3><p>Bin route planner</p>"
    "<h3>Description</h3>"
    "<p>Plans bin rounds. <style>p { color: red }</style>See "
    '<a href="https://bins.example.org/method">the method</a>.</p>'
    "<script>document.write('not an answer')</script>"
    "<h3>A heading the template does not have</h3><p>Not read.</p>"
)


def _govuk(body) -> bytes:
    return json.dumps(
        {
            "document_type": "algorithmic_transparency_record",
            "title": "Algorithmic Transparency Record: ignored title",
            "details": {"body": body},
        }
    ).encode()


def test_a_govuk_body_is_read_with_links_written_out_and_no_script_or_style():
    parsed = read_bytes(_govuk(BODY))
    assert parsed.answer("summary_information", "name") == "Bin route planner"
    assert parsed.answer("summary_information", "description") == (
        "Plans bin rounds. See the method (https://bins.example.org/method)."
    )
    assert "not an answer" not in " ".join(parsed.answers.values())
    assert "Not read." not in " ".join(parsed.answers.values())


def test_a_body_given_as_a_list_of_renderings_is_read_from_its_first():
    parsed = read_bytes(_govuk(["not a rendering", {"content": BODY}, {"content": "<p>x</p>"}]))
    assert parsed.answer("summary_information", "name") == "Bin route planner"


def test_a_block_of_the_registers_json_that_is_not_an_object_is_passed_over():
    document = atrs_document(record())
    section = next(name for name, value in document.items() if isinstance(value, list))
    document[section] = ["not a block", *document[section]]
    answers = register_answers_from(read_bytes(json.dumps(document).encode())).answers
    assert answers["title"] == record()["title"]
    assert answers["data_sources"] == record()["data_sources"]
