"""The page catalogue reaches every page type it lists, with the status it expects."""

import pytest

from projects.questions import SECTIONS
from tests.frontend.page_catalogue import build_catalogue, fetch

pytestmark = pytest.mark.django_db


def test_every_page_type_answers_as_expected(client):
    pages = build_catalogue()
    for page in pages:
        fetch(client, page)
    names = {page.name for page in pages}
    for section in SECTIONS:
        assert {f"section {section.number}", f"section {section.number} with errors"} <= names


def test_forms_sent_with_errors_show_them(client):
    for page in build_catalogue():
        if page.with_errors:
            html = fetch(client, page).content.decode()
            assert "govuk-error-summary" in html, page.name
            assert "<title>Error: " in html, page.name
