"""Plain-language hints: word counts (a warning over 150 words, an error over 400) and the
acronyms and jargon found in an answer. Hints never block; they work without JavaScript."""

import pytest

from projects.questions import SECTIONS_BY_SLUG, Kind
from submissions.plain_language import advice, find_jargon, word_count
from tests.factories import AccountFactory, MembershipFactory, ProjectFactory

from .submission import save, section_url

SECTION = "mitigating-harms"


def test_word_count():
    assert word_count("") == 0
    assert word_count("  one two\nthree  ") == 3


def test_find_jargon_lists_acronyms_and_listed_words_once_in_order():
    found = find_jargon("We will leverage an LLM after the DPIA. The LLM is new; UK law applies.")
    assert [item.term for item in found] == ["leverage", "LLM", "DPIA"]
    assert found[0].suggestion == "use"
    assert found[1].suggestion == "large language model"


def test_advice_is_empty_for_a_short_plain_answer():
    assert advice("We ask residents what they think at a public meeting.") == []


@pytest.mark.django_db
class TestOnTheSectionPage:
    @pytest.fixture
    def project(self):
        return ProjectFactory()

    @pytest.fixture
    def client(self, client, project):
        member = MembershipFactory(user=AccountFactory(), organisation=project.lead_organisation)
        client.force_login(member.user)
        return client

    def test_over_150_words_saves_with_a_warning_shown_after_saving(self, client, project):
        long = " ".join(["word"] * 160)
        response = save(client, project, SECTION, {"harms_who": long})
        assert response["Location"] == section_url(project, SECTION)
        project.refresh_from_db()
        assert project.harms_who == long
        html = client.get(response["Location"]).content.decode()
        assert "This answer is 160 words. Aim for under 150 words" in html
        assert 'href="#id_harms_who"' in html

    def test_over_400_words_is_an_error_and_the_answer_is_kept(self, client, project):
        too_long = " ".join(["word"] * 401)
        data = {"harms_who": too_long, "harms_social": "Kept."}
        html = save(client, project, SECTION, data).content.decode()
        assert "Shorten this answer to 400 words or fewer (it is 401 words)" in html
        assert too_long in html and "Kept." in html
        project.refresh_from_db()
        assert project.harms_who == "Our answer about harms who."

    def test_acronyms_and_jargon_are_listed_with_suggestions_but_never_block(self, client, project):
        response = save(client, project, SECTION, {"harms_who": "We did a DPIA to leverage AI."})
        project.refresh_from_db()
        assert project.harms_who == "We did a DPIA to leverage AI."
        html = client.get(response["Location"]).content.decode()
        assert "Residents may not know" in html
        assert "DPIA" in html and "data protection impact assessment" in html
        assert "leverage" in html and "Spell out acronyms" in html

    def test_the_live_count_is_wired_to_every_answer(self, client, project):
        html = client.get(section_url(project, SECTION)).content.decode()
        answers = [q for q in SECTIONS_BY_SLUG[SECTION].questions if q.kind == Kind.LONG_TEXT]
        assert len(answers) == 11  # the guide's ten, and "alternatives considered" (optional)
        assert html.count('data-module="app-word-count"') == len(answers)
        assert 'data-word-guide="150"' in html and 'data-word-limit="400"' in html
        assert "js/word-count.js" in html


@pytest.mark.django_db
def test_saving_again_after_seeing_the_hints_moves_on(client):
    project = ProjectFactory()
    member = MembershipFactory(user=AccountFactory(), organisation=project.lead_organisation)
    client.force_login(member.user)
    first = save(client, project, SECTION, {"harms_who": "We did a DPIA."})
    assert first["Location"] == section_url(project, SECTION)
    html = client.get(first["Location"]).content.decode()
    seen = html.split('name="advice_seen" value="')[1].split('"')[0]
    again = save(client, project, SECTION, {"harms_who": "We did a DPIA.", "advice_seen": seen})
    assert again["Location"] == section_url(project, "communicating-your-project")
