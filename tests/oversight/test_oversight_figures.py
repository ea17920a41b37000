"""The oversight figures on a register with known answers, period boundaries included."""

import datetime

import pytest

from oversight.figures import Period, figures_for, is_real_answer
from tests.factories import PublishedProjectFactory
from tests.oversight.known_data import PERIOD, at, build_register

pytestmark = pytest.mark.django_db


@pytest.fixture
def figures():
    build_register()
    return figures_for(PERIOD)


def rows(figures, slug):
    breakdown = next(b for b in figures.breakdowns if b.slug == slug)
    return {row.label: row.count for row in breakdown.rows}


@pytest.mark.parametrize(
    ("answer", "real"),
    [
        ("We publish a model card.", True),
        ("Does not apply: we hold no personal data.", True),
        ("Nothing is kept after the pilot.", True),
        ("Not sure yet: we are measuring energy use.", False),
        ("  unsure", False),
        ("Don\u2019t know", False),
        ("We do not know yet", True),  # says more than "don't know": a real answer
        ("Do not know.", False),
        ("Unknown at this stage", False),
        ("TBC", False),
        ("To be decided after the pilot", False),
        ("", False),
        ("   ", False),
        (["lead"], True),
        ([], False),
        (True, True),
    ],
)
def test_a_real_answer_is_one_that_says_something(answer, real):
    assert is_real_answer(answer) is real


def test_records_on_the_register_at_the_end_of_the_period(figures):
    assert figures.on_register == 5  # A, B, C, F (withdrawn only in 2026) and G's version 1
    assert figures.first_published == 5  # A, B, E, F, G; not C (2024) nor D (midnight, 2026)
    assert figures.withdrawn == 1  # E


def test_counts_by_organisation_and_type(figures):
    organisation = next(b for b in figures.breakdowns if b.slug == "organisation")
    assert [(row.label, row.count) for row in organisation.rows] == [
        ("Wirral Council", 3),
        ("Mersey NHS Trust", 1),
        ("University of Liverpool", 1),
    ]
    assert rows(figures, "type") == {
        "Academic": 1,
        "Public service": 3,
        "NHS": 1,
        "Voluntary sector": 0,
        "Commercial": 0,
        "Other": 0,
    }


def test_counts_by_stage_and_ai_use_use_the_version_on_the_register_then(figures):
    assert rows(figures, "status") == {
        "Planning": 1,  # G's version 1, not version 2 (in use, published in 2026)
        "In development": 0,
        "Pilot": 1,
        "In use": 2,
        "Retired": 1,
    }
    assert rows(figures, "ai") == {"Uses AI": 2, "Does not use AI": 3}


def test_counts_by_area_and_topic_count_a_record_in_each(figures):
    assert rows(figures, "area") == {
        "Halton": 1,
        "Knowsley": 0,
        "Liverpool": 3,
        "Sefton": 0,
        "St Helens": 0,
        "Wirral": 1,
        "The whole city region": 1,
    }
    topics = rows(figures, "topic")
    assert topics["Health"] == 4
    assert topics["Social care"] == 1
    assert topics["Transport"] == 1
    assert sum(topics.values()) == 6


def test_principles_count_real_answers_not_not_sure(figures):
    real = {p.number: p.real for p in figures.principles}
    assert real == {1: 5, 2: 5, 3: 5, 4: 5, 5: 5, 6: 5, 7: 5, 8: 5, 9: 5, 10: 4, 11: 3}
    eleven = figures.principles[-1]
    assert (eleven.name, eleven.not_real, eleven.records) == ("Oversight", 2, 5)


def test_reviews_overdue_as_of_the_end_date(figures):
    assert figures.reviews_overdue == 1  # C (due 30 December); B is due on the end date itself


def test_concerns_raised_in_the_period_and_answered_by_its_end(figures):
    assert figures.concerns_raised == 6
    assert figures.concerns_answered == 3
    assert figures.concerns_unanswered == 3
    assert figures.median_days_to_answer == 4.0  # of 2, 4 and 10 days


def test_median_time_from_first_submission_to_publication(figures):
    assert figures.publications == 4
    assert figures.median_days_to_publish == 6.0  # of 2, 5, 7 and 9 days


def test_a_period_with_nothing_in_it():
    build_register()
    empty = figures_for(Period(datetime.date(2020, 1, 1), datetime.date(2020, 12, 31)))
    assert empty.on_register == empty.concerns_raised == empty.publications == 0
    assert empty.median_days_to_answer is None
    assert empty.median_days_to_publish is None
    assert all(p.real == 0 for p in empty.principles)


def test_the_default_period_is_the_last_two_years():
    period = Period.default(datetime.date(2026, 2, 28))
    assert (period.start, period.end) == (datetime.date(2024, 2, 28), datetime.date(2026, 2, 28))


def test_the_figures_take_a_fixed_number_of_queries(django_assert_max_num_queries):
    build_register()
    # 11: the register's details include each version's impact assessments (evidence for
    # principles 2, 6, 7 and 9), one query for all of them.
    with django_assert_max_num_queries(11):
        figures_for(PERIOD)
    for _ in range(5):
        PublishedProjectFactory(published_at=at(2025, 7, 1))
    with django_assert_max_num_queries(11):
        assert figures_for(PERIOD).on_register == 10
