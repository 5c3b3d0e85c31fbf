"""The pure formatting of answers and sources for the browser: exact strings."""

from dataclasses import replace

from rag import Answer, Citation
from tests.helpers.records import TRAVEL_ANSWER
from ui.format import citation_line, format_answer, format_sources

SOURCE = TRAVEL_ANSWER


def test_citation_line_exact():
    c = Citation(1, SOURCE, "Local authorities must arrange free travel for eligible children.")
    assert citation_line(c) == (
        "[1] Special Educational Needs: Travel · answered by "
        "Catherine McKinnell (Department for Education) · on 2024-10-07 · UIN 5508"
    )


def test_format_sources_escapes_markup_and_links_the_record():
    c = Citation(1, SOURCE, "The department is aware of pressure on home to school travel.")
    html = format_sources(Answer("x [1]", [c], False))
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert (
        'href="https://questions-statements.parliament.uk/written-questions/detail/2024-09-30/5508"'
        in html
    )


def test_format_sources_flags_truncated_answers():
    c = Citation(1, replace(SOURCE, truncated=True), "Local authorities")
    assert "Only the first 255 characters of this answer are held." in format_sources(
        Answer("x [1]", [c], False)
    )


def test_format_answer_neutralises_html_but_keeps_markdown():
    a = Answer("**Bold** “<img src=x onerror=alert(1)>” [1]", [], False)
    assert format_answer(a) == "**Bold** “&lt;img src=x onerror=alert(1)&gt;” [1]"


def test_each_citation_marker_links_to_its_source_in_the_panel():
    a = Answer("Councils must decide [1]. Also [1][2]. And [7].", [Citation(1, SOURCE, "x")], False)
    assert format_answer(a) == (
        "Councils must decide [[1]](#source-1). Also [[1]](#source-1)[2]. And [7]."
    )


def test_a_corrected_answer_shows_the_text_it_replaced_and_its_label():
    corrected = replace(
        SOURCE,
        is_correction=True,
        answer_type="corrected",
        original_answer_text="Local authorities may arrange travel. <b>old</b>",
    )
    html = format_sources(Answer("x [1]", [Citation(1, corrected, "Local authorities")], False))
    assert "Original answer, before the correction" in html
    assert "Local authorities may arrange travel. &lt;b&gt;old&lt;/b&gt;" in html
    assert "Answer type:</strong> corrected answer" in html


def test_what_is_not_known_is_left_out_and_the_tabled_month_stands_in():
    bare = replace(
        SOURCE,
        uin=None,
        heading="EHC plans",
        answered_by=None,
        date_tabled=None,
        date_answered=None,
        tabled_month="2025-03",
    )
    line = citation_line(Citation(1, bare, "Local authorities"))
    assert line == (
        "[1] EHC plans · answered for the Department for Education · "
        "tabled in March 2025; answer date not held"
    )
