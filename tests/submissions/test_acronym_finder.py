"""The acronym finder: which acronyms a text uses, and which of them a page leaves unexplained."""

from submissions.plain_language import find_acronyms, main_text, unexplained_acronyms


def test_acronyms_are_found_once_in_order_without_plurals():
    text = "The NHS shares CSVs with the council. Our AI reads each CSV. The NHS agrees."
    assert find_acronyms(text) == ["NHS", "CSV", "AI"]


def test_ordinary_capitals_are_not_acronyms():
    assert find_acronyms("I think the UK is OK. A dog. Principle 3, version 2.2") == []
    assert find_acronyms("") == []


def test_acronyms_with_digits_count():
    assert find_acronyms("Under GDPR and ISO27001 rules") == ["GDPR", "ISO27001"]


def test_only_the_main_content_is_read():
    html = (
        "<header>NHS</header><main><h1>Data</h1><p>Plain words.</p>"
        "<script>var API;</script><p hidden>CSV</p></main><footer>GDPR</footer>"
    )
    assert main_text(html) == "Data Plain words."
    assert unexplained_acronyms(html) == []


def test_an_acronym_in_an_abbr_with_a_title_is_explained():
    html = (
        '<main><p>Our <abbr title="artificial intelligence">AI</abbr> tool. The AI is new.</p>'
        "</main>"
    )
    assert unexplained_acronyms(html) == []
    assert unexplained_acronyms("<main><p>Our <abbr>AI</abbr> tool.</p></main>") == ["AI"]


def test_an_acronym_spelled_out_at_first_use_is_explained():
    for text in (
        "We use artificial intelligence (AI). The AI helps.",
        "Download it as JSON (JavaScript Object Notation).",
        "under the UK General Data Protection Regulation (UK GDPR).",
        "A spreadsheet of comma-separated values (CSVs).",
    ):
        assert unexplained_acronyms(f"<main><p>{text}</p></main>") == [], text


def test_an_acronym_spelled_out_only_later_or_wrongly_is_not_explained():
    late = "<main><p>The AI helps. We use artificial intelligence (AI).</p></main>"
    wrong = "<main><p>Our big tool (AI) helps.</p></main>"
    assert unexplained_acronyms(late) == ["AI"]
    assert unexplained_acronyms(wrong) == ["AI"]


def test_quoted_words_are_not_our_copy():
    html = "<main><p>Our rules.</p><p data-quoted>The Charter says AI must be fair.</p></main>"
    assert main_text(html) == "Our rules."
    assert unexplained_acronyms(html) == []


def test_a_page_without_main_is_read_whole():
    assert unexplained_acronyms("<p>Ask the NHS</p>") == ["NHS"]
