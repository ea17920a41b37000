"""The page reader (for the plain-language checks of our own pages) reads untidy HTML as a
browser shows it: a line break parts words, a stray closing tag is ignored, and a closing tag
closes what was left open inside it, so hidden text stays hidden and nothing after it is."""

from submissions.plain_language import main_text, unexplained_acronyms

UNTIDY = (
    "<main><p>Bins<br>Routes</p></div><p>After</p><div><p><span hidden>NHS</div><p>CSV</p></main>"
)


def test_untidy_html_is_read_as_shown():
    assert main_text(UNTIDY) == "Bins Routes After CSV"


def test_only_the_acronym_that_is_shown_needs_explaining():
    assert unexplained_acronyms(UNTIDY) == ["CSV"]
