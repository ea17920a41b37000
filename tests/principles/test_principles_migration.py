import pytest

from principles.models import Principle
from projects.questions import PRINCIPLE_EVIDENCE

pytestmark = pytest.mark.django_db

NAMES = [
    "Beneficial",
    "Security",
    "Accountability",
    "Transparency",
    "Inclusivity",
    "Privacy",
    "Legality",
    "Trustworthy",
    "Governance",
    "Balanced Innovation",
    "Oversight",
]


def test_the_migration_creates_the_eleven_principles_by_name():
    assert list(Principle.objects.values_list("number", "name")) == list(enumerate(NAMES, start=1))


def test_residents_top_five_are_principles_one_to_five():
    assert list(Principle.objects.residents_top_five().values_list("number", flat=True)) == [
        1,
        2,
        3,
        4,
        5,
    ]


def test_principle_text_is_word_for_word_from_the_guide():
    assert Principle.objects.get(number=8).text == (
        "Communicate on outcomes through a public register of data and AI projects. "
        "Flag projects which use AI to raise awareness."
    )
    assert Principle.objects.get(number=11).text.startswith(
        "An independent review takes place at minimum every two years"
    )


def test_every_principle_is_evidenced_by_at_least_one_question():
    for principle in Principle.objects.all():
        assert PRINCIPLE_EVIDENCE[principle.number], principle
