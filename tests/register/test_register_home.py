"""The home page: the Charter and the register in plain words, a search box, latest projects."""

import datetime
import re

import pytest
from django.utils import timezone
from django.utils.html import strip_tags

from tests.factories import ProjectFactory, PublishedProjectFactory

pytestmark = pytest.mark.django_db


def flesch_reading_ease(text: str) -> float:
    sentences = max(1, len(re.findall(r"[.!?:](\s|$)", text)))
    words = re.findall(r"[A-Za-z']+", text)

    def syllables(word: str) -> int:
        groups = re.findall(r"[aeiouy]+", word.lower())
        count = len(groups) - (1 if word.lower().endswith("e") and len(groups) > 1 else 0)
        return max(1, count)

    total = sum(syllables(word) for word in words)
    return 206.835 - 1.015 * (len(words) / sentences) - 84.6 * (total / len(words))


def test_home_explains_the_charter_and_the_register_in_plain_words(client):
    response = client.get("/")
    page = response.content.decode()

    assert response.status_code == 200
    assert "<title>Liverpool City Region Charter Register</title>" in page
    main = page[page.index("<main") : page.index("Latest projects")]
    prose = " ".join(
        strip_tags(p)
        for p in re.findall(r"<p[^>]*>(.*?)</p>|<li>(.*?)</li>", main, re.S)
        for p in p
        if p
    )
    assert flesch_reading_ease(prose) >= 60


def test_home_has_a_search_box_that_searches_the_register(client):
    page = client.get("/").content.decode()

    assert '<form method="get" action="/register/" role="search"' in page
    assert 'name="q"' in page


def test_home_shows_the_five_latest_published_projects_and_links_to_the_principles(client):
    now = timezone.now()
    for n in range(7):
        PublishedProjectFactory(
            title=f"Project {n}", first_published_at=now - datetime.timedelta(days=n)
        )
    ProjectFactory(title="A draft")

    page = client.get("/").content.decode()

    for n in range(5):
        assert f">Project {n}</a>" in page
    assert ">Project 5</a>" not in page
    assert "A draft" not in page
    for number in range(1, 12):
        assert f'href="/principles/{number}/"' in page
