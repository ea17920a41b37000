"""The oversight page shows the figures of its period, each chart with its table."""

import re

import pytest

from tests.factories import ModeratorFactory
from tests.oversight.known_data import build_register

pytestmark = pytest.mark.django_db

URL = "/oversight/?from=2025-01-01&to=2025-12-31"


@pytest.fixture
def html(client):
    build_register()
    client.force_login(ModeratorFactory())
    return client.get(URL).content.decode()


def text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_the_summary_figures(html):
    page = text(html)
    assert "From 1 January 2025 to 31 December 2025" in page
    assert "Records on the register at the end of the period 5" in page
    assert "Records first published in the period 5" in page
    assert "Records withdrawn in the period 1" in page
    assert "Records with a review overdue on 31 December 2025 1" in page
    assert "Raised in the period 6" in page
    assert "Answered by the end of the period 3" in page
    assert "Median time to answer 4.0 days" in page
    assert "Versions published in the period after review 4" in page
    assert "Median time from submission to publication 6.0 days" in page


def test_the_page_says_what_in_the_period_means(html):
    page = text(html)
    assert "as it stood at the end of the period" in page
    assert "whose next review date was before the end date" in page


def test_principles_chart_and_table(html):
    page = text(html)
    assert "11. Oversight 3 2" in page  # real answers, then only not sure
    assert "10. Balanced Innovation 4 1" in page


def test_each_chart_is_an_image_with_a_text_alternative_followed_by_its_table(html):
    marker = '<div class="oversight-chart" role="img"'
    charts = html.split(marker)[1:]
    # principles, type, stage, AI use, the AI's role, area, service area, per month
    assert len(charts) == 8
    for chart in charts:
        slug = re.match(r' aria-labelledby="chart-([a-z]+)-title"', chart).group(1)
        assert f'id="chart-{slug}-title"' in html
        assert f'id="chart-{slug}-desc"' in html
        assert "<table" in chart  # before the next chart
    assert "Bar chart. Halton: 1; Knowsley: 0; Liverpool: 3;" in html


def test_bars_are_sized_by_svg_attributes_not_inline_style(html):
    area = html[html.index('id="chart-area-title"') : html.index('id="chart-topic-title"')]
    widths = re.findall(r'<rect x="0" y="0" width="(\d+)"', area)
    assert widths == ["33", "0", "100", "0", "0", "33", "33"]  # of 3 (Liverpool), the largest
    assert "style=" not in html
    assert "<script>" not in html and "<style" not in html


def test_the_page_links_its_own_stylesheet(html):
    assert '<link rel="stylesheet" href="/static/oversight/oversight.css">' in html
