"""Property tests (Hypothesis) of the text policy: any text through any field is either refused
with one message, or comes out of every page, feed and export intact."""

from __future__ import annotations

import csv
import html
import io
import xml.etree.ElementTree as ET

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from opendata.importer import InvalidDocument, import_document
from organisations.models import Organisation
from projects.models import Project, ResponsiblePerson
from projects.questions import ANSWER_KEYS, TEXT_RULES
from public_text import policy
from public_text.outputs import header_line, spreadsheet_cell, xml_text
from public_text.policy import clean, normalise, refusal
from submissions.forms import NewProjectForm, PersonRowForm
from tests.documents import document, record
from tests.public_text.strategies import answers, any_text, names

EXAMPLES = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
ATOM = "{http://www.w3.org/2005/Atom}"

# Every rule a field of the register has, by where it is kept.
RULES = {
    **{f"project.{key}": rule for key, rule in TEXT_RULES.items()},
    **{f"organisation.{key}": Organisation.public_text_rule(key) for key in ("name",)},
    **{
        f"person.{key}": ResponsiblePerson.public_text_rule(key)
        for key in ResponsiblePerson.public_text_rules
    },
}
any_rule = st.sampled_from(sorted(RULES)).map(RULES.__getitem__)


# --- the policy itself ------------------------------------------------------------------------


@given(text=any_text | names | answers, rule=any_rule)
def test_any_text_is_refused_with_one_message_or_kept_as_normalised(text, rule):
    try:
        kept = clean(text, rule)
    except ValidationError as refused:
        assert len(refused.messages) == 1
        assert refused.messages[0].startswith(rule.label)
        assert refusal(normalise(text), rule) is not None
    else:
        assert kept == normalise(text)
        assert clean(kept, rule) == kept  # taking it again changes nothing


@given(text=names)
def test_a_name_people_type_in_any_script_is_taken(text):
    assert clean(text, TEXT_RULES["title"]) == text


@given(text=answers)
def test_an_answer_people_type_is_taken(text):
    assert clean(text, policy.long()) == text


@given(text=any_text)
def test_every_output_is_safe_for_any_text(text):
    assert all(ord(c) >= 32 or c in "\t\n\r" for c in xml_text(text))
    cell = spreadsheet_cell(text)
    start = cell.lstrip()
    # What a spreadsheet would run: "=", "@", and "+" or "-" before anything but a number.
    runs = start.startswith(("=", "@", "\uff1d", "\uff20")) or (
        start[:1] in ("+", "-") and not all(c in "0123456789 ().-" for c in start[1:].strip())
    )
    assert not runs or cell.startswith("'")
    line = header_line(text)
    assert "\n" not in line and "\r" not in line


# --- the forms: one message next to the field, or the text as typed ------------------------------


@pytest.mark.django_db
@EXAMPLES
@given(text=any_text | names)
def test_any_text_in_a_form_field_is_refused_there_or_kept(db, text, django_user_model):
    for form, field in (
        (PersonRowForm({"name": text, "job_title": "Lead", "contact": "a@example.org"}), "name"),
        (
            PersonRowForm({"name": "Alex", "job_title": text, "contact": "a@example.org"}),
            "job_title",
        ),
    ):
        if form.is_valid():
            assert form.cleaned_data[field] == normalise(text)
        else:
            assert list(form.errors) == [field]
            assert len(form.errors[field]) == 1
    user = django_user_model.objects.create(username="someone@example.org")
    form = NewProjectForm({"title": text, "organisation": "new"}, user=user)
    form.is_valid()
    if "title" in form.errors:
        assert len(form.errors["title"]) == 1
    else:
        assert form.cleaned_data["title"] == normalise(text)
    user.delete()


# --- end to end: through the importer and out of every page, feed and export ---------------------


def published_outputs(client, slug: str) -> dict[str, str]:
    """The title and the accountable person's name as each output shows them."""
    cache.clear()
    record_json = client.get(f"/register/{slug}.json").json()
    api = client.get(f"/api/projects/{slug}/").json()
    rows = list(
        csv.DictReader(io.StringIO(client.get("/register.csv").content.decode("utf-8-sig")))
    )
    feed = ET.fromstring(client.get("/feed/").content)  # noqa: S314 - our own feed
    page = html.unescape(client.get(f"/register/{slug}/").content.decode())
    return {
        "json": record_json["title"],
        "api": api["title"],
        "json_person": record_json["responsible_people"][0]["name"],
        "csv": rows[0]["title"],
        "csv_people": rows[0]["responsible_people"],
        "feed": feed.find(f"{ATOM}entry").findtext(f"{ATOM}title"),
        "page": page,
    }


@pytest.mark.django_db
@EXAMPLES
@given(title=any_text | names, person=any_text | names, answer=any_text | answers)
def test_any_text_is_refused_by_name_or_comes_out_of_every_output_intact(
    db, client, title, person, answer
):
    data = record("any-text", title=title, purpose=answer)
    data["responsible_people"][0]["name"] = person
    with transaction.atomic():
        try:
            import_document(document(data))
        except InvalidDocument as refused:
            fields = {problem.field for problem in refused.problems}
            assert fields
            assert all(problem.message for problem in refused.problems)
            wrong = {
                "title": refusal(normalise(title), TEXT_RULES["title"]) or not title.strip(),
                "purpose": refusal(normalise(answer), TEXT_RULES["purpose"]) or not answer.strip(),
                "responsible_people[0].name": refusal(
                    normalise(person), ResponsiblePerson.public_text_rule("name")
                )
                or not person.strip(),
            }
            # Refused for a reason, named: the fields the policy or the format refuses. A
            # person's name that is empty once tidied breaks the people rule ("Give each
            # person's full name ..."), which names the list of people rather than the name.
            bad = {field for field, is_bad in wrong.items() if is_bad}
            bad |= {field.split("[")[0] for field in bad}
            assert fields & bad or any(
                "\x00" in value or len(value) > 200 for value in (title, person)
            )
        else:
            title, person = normalise(title), normalise(person)
            shown = published_outputs(client, "any-text")
            assert shown["json"] == shown["api"] == title
            assert shown["json_person"] == person
            assert shown["csv"] in (title, "'" + title)
            assert shown["csv_people"].startswith((person, "'" + person))
            assert shown["feed"] == f"New project: {title}"
            assert title in shown["page"]
            assert Project.objects.get(slug="any-text").purpose == normalise(answer)
        transaction.set_rollback(True)


def test_the_answer_keys_all_have_a_rule():
    assert set(ANSWER_KEYS) <= set(Project.public_text_rules)
