"""Our own copy is plain: the home page, the register's help text and the concern form read
easily (Flesch reading ease 60 or more), and no public page uses an acronym it does not explain
(in an <abbr title="..."> or spelled out at first use).

Project text is written by organisations, not by us: the catalogue's factory data has none."""

import re

import pytest
import textstat

from submissions.plain_language import main_text, unexplained_acronyms
from tests.frontend.page_catalogue import build_catalogue, fetch

pytestmark = pytest.mark.django_db

READING_EASE = 60


def test_no_public_page_has_an_unexplained_acronym(client):
    found = {}
    for page in build_catalogue():
        if page.public:
            acronyms = unexplained_acronyms(fetch(client, page).content.decode())
            if acronyms:
                found[f"{page.name} ({page.url})"] = acronyms
    assert found == {}, "\n".join(f"{k}: {v}" for k, v in found.items())


# The register's help text: its introduction, hints and messages, not the lists of filters.
HELP_TEXT = re.compile(r'<(p|div) class="govuk-(?:body-l|body|hint)"[^>]*>.*?</\1>', re.DOTALL)


def our_copy(client, name):
    page = next(page for page in build_catalogue() if page.name == name)
    html = fetch(client, page).content.decode()
    if name == "register with no results":
        html = "<main>" + "".join(match.group(0) for match in HELP_TEXT.finditer(html)) + "</main>"
    return main_text(html)


@pytest.mark.parametrize("name", ["home page", "register with no results", "concern form"])
def test_our_copy_is_easy_to_read(client, name):
    text = our_copy(client, name)
    score = textstat.flesch_reading_ease(text)
    assert score >= READING_EASE, f"{name} reads at {score} (aim for {READING_EASE}): {text}"
