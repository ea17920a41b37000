"""Property tests (Hypothesis): the word counter, the answer length rule and the import of
register documents hold for any input, not only the examples we thought of."""

from __future__ import annotations

import string

import pytest
from django import forms
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from opendata.importer import InvalidDocument, import_document
from opendata.register_format import project_record, register_schema
from projects.models import Project
from projects.questions import (
    AI_DECISION_ROLE_CHOICES,
    AI_KIND_CHOICES,
    ANSWER_KEYS,
    AREA_CHOICES,
    STATUS_CHOICES,
    TOPIC_CHOICES,
)
from public_text.policy import normalise, refusal
from submissions.forms import AnswerField
from submissions.plain_language import WORD_LIMIT, word_count
from tests.documents import document, record
from tests.public_text.strategies import answers as policy_answers
from tests.public_text.strategies import names

# Modest example counts, no deadline (the database is slow on a busy machine). Each example
# runs in its own savepoint inside pytest-django's test transaction, so the function-scoped
# ``db`` fixture is safe to share between examples.
EXAMPLES = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

WHITESPACE = " \t\n\r\x0b\x0c\u00a0\u2003\u3000"
words = st.text(
    alphabet=st.characters(blacklist_categories=("Zs", "Zl", "Zp", "Cc", "Cs")), min_size=1
)
separators = st.text(alphabet=WHITESPACE, min_size=1, max_size=5)


# --- the word counter ------------------------------------------------------------------------


@given(st.lists(words, max_size=50), separators)
def test_words_joined_by_any_whitespace_are_counted_once_each(parts, separator):
    assert word_count(separator.join(parts)) == len(parts)


@given(st.text(), st.text())
def test_the_count_of_two_texts_apart_is_the_sum_of_their_counts(first, second):
    assert word_count(f"{first} {second}") == word_count(first) + word_count(second)


@given(st.text())
def test_the_count_never_depends_on_surrounding_whitespace(text):
    assert word_count(f"  \n{text}\t ") == word_count(text) >= 0


@given(st.text(alphabet=WHITESPACE))
def test_whitespace_alone_is_no_words(text):
    assert word_count(text) == 0


def test_nothing_is_no_words():
    assert word_count(None) == 0


@given(st.lists(st.sampled_from(["data", "AI", "résumé", "Ñandú", "x"]), max_size=WORD_LIMIT + 5))
def test_an_answer_is_refused_exactly_when_it_is_over_the_word_limit(parts):
    text = " ".join(parts)
    field = AnswerField(required=False)
    if len(parts) > WORD_LIMIT:
        with pytest.raises(forms.ValidationError, match="Shorten this answer"):
            field.clean(text)
    else:
        assert field.clean(text) == text.strip()


@given(st.text(max_size=300))
def test_an_answer_field_never_fails_except_with_a_clear_message(text):
    field = AnswerField(required=False)
    try:
        field.clean(text)
    except forms.ValidationError as error:
        assert len(error.messages) == 1
        # Refused only for what the text policy refuses, or for the word limit.
        assert refusal(normalise(text), field.rule) or word_count(text) > WORD_LIMIT


# --- importing register documents ------------------------------------------------------------

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4)
    ),
    max_leaves=12,
)
# Long strings too, around the columns' limits (90, 200, 254, 500 characters).
values = json_values | st.text(min_size=80, max_size=600)


def import_or_refuse(doc) -> str:
    """Import ``doc`` in a savepoint that is then undone: "imported" or "refused". Any other
    exception fails the test. A refusal must name at least one problem, and change nothing."""
    before = Project.objects.count()
    with transaction.atomic():
        try:
            import_document(doc)
        except InvalidDocument as refused:
            assert refused.problems
            for problem in refused.problems:
                assert problem.project and problem.field and problem.message
            assert Project.objects.count() == before
            outcome = "refused"
        else:
            outcome = "imported"
        transaction.set_rollback(True)
    return outcome


@pytest.mark.django_db
@EXAMPLES
@given(json_values)
def test_any_json_value_is_imported_or_refused_with_named_problems(db, value):
    assert import_or_refuse(value) == "refused"


@pytest.mark.django_db
@EXAMPLES
@given(
    key=st.sampled_from(sorted(record().keys())),
    value=values,
)
def test_a_record_with_any_field_replaced_is_imported_or_refused(db, key, value):
    changed = record("changed-record")
    changed[key] = value
    import_or_refuse(document(changed))


@pytest.mark.django_db
@EXAMPLES
@given(
    key=st.sampled_from(sorted(record().keys())),
    person_or_organisation=st.sampled_from(["organisations", "responsible_people"]),
    inner=st.sampled_from(["name", "type", "role", "contact", "duties", "signed_on", "job_title"]),
    value=values,
)
def test_a_nested_field_replaced_or_a_field_dropped_is_imported_or_refused(
    db, key, person_or_organisation, inner, value
):
    dropped = record("dropped-field")
    del dropped[key]
    import_or_refuse(document(dropped))
    nested = record("nested-field")
    nested[person_or_organisation][0][inner] = value
    import_or_refuse(document(nested))


def _keys(choices):
    return [key for key, _label in choices]


# Text as people type it, in any script, that the text policy takes (tests.public_text).
answers = policy_answers
slugs = st.from_regex(r"\A[a-z0-9]{1,20}(-[a-z0-9]{1,10}){0,3}\Z")


@st.composite
def valid_records(draw):
    uses_ai = draw(st.booleans())
    data = record(
        draw(slugs),
        title=draw(names),
        status=draw(st.sampled_from(_keys(STATUS_CHOICES))),
        uses_ai=uses_ai,
        ai_kinds=draw(st.lists(st.sampled_from(_keys(AI_KIND_CHOICES)), min_size=1, unique=True))
        if uses_ai
        else [],
        ai_decision_role=draw(st.sampled_from(_keys(AI_DECISION_ROLE_CHOICES)))
        if uses_ai
        else None,
        areas=draw(st.lists(st.sampled_from(_keys(AREA_CHOICES)), min_size=1, unique=True)),
        topics=draw(st.lists(st.sampled_from(_keys(TOPIC_CHOICES)), min_size=1, unique=True)),
        start_date=draw(st.none() | st.from_regex(r"\A20[0-4][0-9]-(0[1-9]|1[0-2])\Z")),
        website=draw(
            st.none() | st.builds("https://example.org/{}".format, st.text(string.ascii_lowercase))
        ),
    )
    for key in ANSWER_KEYS:
        data[key] = draw(answers)
    data["responsible_people"][0]["name"] = draw(names)
    return data


# What a record says that the register keeps as it was given (organisations are shared with
# other records, so their details may come back as the directory has them).
ROUND_TRIP_KEYS = [
    key
    for key in (*register_schema()["$defs"]["project"]["required"], "start_date", "website")
    if key != "organisations"
]


@pytest.mark.django_db
@EXAMPLES
@given(valid_records())
def test_a_valid_record_imports_and_comes_back_the_same(db, data):
    with transaction.atomic():
        import_document(document(data))
        project = Project.objects.published().with_register_details().get(slug=data["id"])
        exported = project_record(project)
        for key in ROUND_TRIP_KEYS:
            assert exported[key] == data[key], key
        transaction.set_rollback(True)


def _set(path: list, value):
    def change(data):
        target = data
        for part in path[:-1]:
            target = target[part]
        target[path[-1]] = value

    return change


CANNOT_STORE = {
    "title with NUL": (_set(["title"], "Bins\x00"), "title"),
    "answer with NUL": (_set(["purpose"], "To\x00help"), "purpose"),
    "id over 90": (_set(["id"], "a" * 91), "id"),
    "title over 200": (_set(["title"], "T" * 201), "title"),
    "website over 500": (_set(["website"], "https://" + "w" * 500), "website"),
    "organisation name over 200": (
        _set(["organisations", 0, "name"], "N" * 201),
        "organisations[0].name",
    ),
    "organisation name with NUL": (
        _set(["organisations", 0, "name"], "Org\x00"),
        "organisations[0].name",
    ),
    "organisation description over 500": (
        _set(["organisations", 0, "description"], "d" * 501),
        "organisations[0].description",
    ),
    "person name over 200": (
        _set(["responsible_people", 0, "name"], "P" * 201),
        "responsible_people[0].name",
    ),
    "contact over 254": (
        _set(["responsible_people", 0, "contact"], "c" * 255),
        "responsible_people[0].contact",
    ),
}


@pytest.mark.django_db
@pytest.mark.parametrize("change,field", CANNOT_STORE.values(), ids=CANNOT_STORE.keys())
def test_values_the_database_cannot_hold_are_refused_by_name(change, field):
    """The schema allows them; PostgreSQL would fail on them. The import names them instead."""
    data = record("cannot-store")
    change(data)
    with pytest.raises(InvalidDocument) as refused:
        import_document(document(data))
    assert [problem.field for problem in refused.value.problems] == [field]
    assert not Project.objects.exists()
