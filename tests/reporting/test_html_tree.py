"""The fast parse of our report HTML gives exactly the HTML5 parser's tree, or gives up."""

from __future__ import annotations

import io
import logging

import pytest
import tinyhtml5
from django.core.management import call_command
from django.template.loader import render_to_string
from pypdf import PdfReader
from weasyprint import HTML

from boards.models import Board
from lscb.vocab import Quarter
from reporting import html_tree
from reporting.models import PortfolioMeeting, ReportNarrative
from reporting.pdf import PDF_VARIANT, ReportHTML, StaticOnlyFetcher, base_url, render_pdf
from reporting.report import report_html
from reporting.selectors import meeting_schedule
from tests.reporting.conftest import Q3


def canonical(element) -> tuple:
    tag = "<!-- -->" if callable(element.tag) else element.tag
    return (
        tag,
        dict(element.attrib),
        element.text,
        element.tail,
        [canonical(child) for child in element],
    )


def html5_tree(text: str) -> tuple:
    return canonical(tinyhtml5.parse(text, namespace_html_elements=False))


def assert_same_tree(text: str) -> None:
    assert canonical(html_tree.parse(text)) == html5_tree(text)


def page(body: str, head: str = "<title>T</title>") -> str:
    return (
        f'<!DOCTYPE html>\n<html lang="en-GB">\n<head>{head}</head>\n<body>{body}</body>\n</html>\n'
    )


@pytest.fixture
def demo(db):
    call_command("loaddemo", stdout=io.StringIO())
    return Board.objects.get(slug="hartlepool")


def test_the_demo_report_and_decision_schedule_parse_as_html5_does(demo):
    assert_same_tree(report_html(demo, Q3))
    meeting = PortfolioMeeting.objects.filter(board=demo).first()
    assert meeting is not None, "the demo has a portfolio meeting"
    schedule = render_to_string(
        "reporting/meeting_document.html",
        {"board": demo, "meeting": meeting, "sections": meeting_schedule(meeting)},
    )
    assert_same_tree(schedule)


@pytest.mark.parametrize(
    "text",
    [
        '<script>alert("x")</script> & <b>bold</b>',
        "line one\r\nline two\rline three",
        "invoice\u202efdp.exe and caf\u00e9 \U0001f600",
        "Quotes \" and ' and a tab\there",
        "&amp;lt; already escaped &amp; &#39;",
    ],
    ids=["markup", "carriage-returns", "unicode", "quotes", "escaped"],
)
def test_narratives_people_type_parse_as_html5_does(figures, board, text):
    ReportNarrative.objects.create(
        board=board,
        quarter=Q3.code,
        subject=text,
        purpose=text,
        background=text,
        background_papers=f"{text}\n{text}",
        contact_officer=text,
    )
    assert_same_tree(report_html(board, Q3))


@pytest.mark.parametrize(
    "body",
    [
        "<p>One</p>\n  <p>Two &amp; &lt;three&gt; &nbsp;&middot;&#x27;&#8211;</p>",
        '<table class="t"><caption>C</caption><colgroup><col class="a"><col></colgroup>\n'
        "<thead><tr><th scope=col>H</th></tr></thead>\n<tbody>\n<tr><td>1<br>2</td></tr>\n"
        "</tbody></table>",
        "<ul><li>a<ul><li>b</li></ul></li></ul><dl><dt>t</dt><dd>d</dd></dl><p hidden>x</p>",
        '<figure><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10" role="img">'
        '<title>T</title><linearGradient id="g"/><rect x="1" width="2"/>'
        '<text text-anchor="end">9</text></svg><figcaption>F</figcaption></figure>',
        "<p>a<!-- note -->b</p><style>p { color: red }</style>",
        "<h2>Heading</h2><address>1 Street<br>Town</address><span>x</span> <strong>y</strong>",
    ],
    ids=["text", "table", "lists", "svg", "comment-and-style", "inline"],
)
def test_well_formed_documents_parse_as_html5_does(body):
    assert_same_tree(page(body))


@pytest.mark.parametrize(
    "text",
    [
        "<html><head></head><body><p>no doctype</p></body></html>",
        page("<p>open paragraph<div>block</div></p>"),
        page("<p>never closed"),
        page("<table><tr><td>row without a row group</td></tr></table>"),
        page("<table><tbody><tr><td>x</td></tr></tbody>stray text</table>"),
        page("<table><col></table>"),
        page("<li>outside a list</li>"),
        page("<b><i>misnested</b></i>"),
        page("<a href='#a'>one <a href='#b'>two</a></a>"),
        page("<p>AT&T without a semicolon</p>"),
        page("<p>&unknownentity;</p>"),
        page("<p>control \x01 character</p>"),
        page("<p>&#1; control reference</p>"),
        page("<div/>self-closed div"),
        page("<br></br>"),
        page("<pre>\nleading newline</pre>"),
        page("<textarea>x</textarea>"),
        page("<svg><p>html in svg</p></svg>"),
        page("<svg><![CDATA[x]]></svg>"),
        page("<p>x</p>", head="<title>T</title><base href='http://example.invalid/'>"),
        page("<p x='1' x='2'>duplicate attribute</p>"),
        page("<p>x</p>") + "<p>after the end</p>",
        page("<h2><h3>nested headings</h3></h2>"),
    ],
)
def test_documents_the_html5_parser_would_repair_are_left_to_it(text):
    with pytest.raises(html_tree.Unsupported):
        html_tree.parse(text)


def test_a_document_it_cannot_build_still_renders_through_weasyprints_parser(caplog):
    text = page("<p>An ampersand & an unclosed paragraph")
    with caplog.at_level(logging.INFO, logger="reporting.pdf"):
        rendered = render_pdf(text)
    assert "full HTML5 parser" in caplog.text
    extracted = PdfReader(io.BytesIO(rendered.data)).pages[0].extract_text()
    assert "An ampersand & an unclosed paragraph" in extracted


def _page_texts(data: bytes) -> list[str]:
    return [p.extract_text() for p in PdfReader(io.BytesIO(data)).pages]


def test_the_report_renders_the_same_from_either_parser(demo):
    """What WeasyPrint is given after its own parse is what we give it, page for page."""
    text = report_html(demo, Quarter.parse("2008Q3"))
    ours = ReportHTML(string=text, base_url=base_url(), url_fetcher=StaticOnlyFetcher())
    theirs = ReportHTML.__new__(ReportHTML)
    HTML.__init__(theirs, string=text, base_url=base_url(), url_fetcher=StaticOnlyFetcher())
    assert (ours.base_url, ours.media_type) == (theirs.base_url, theirs.media_type)
    ours_doc, theirs_doc = ours.render(), theirs.render()
    assert len(ours_doc.pages) == len(theirs_doc.pages)
    ours_pdf = ours_doc.write_pdf(pdf_variant=PDF_VARIANT, pdf_tags=True)
    theirs_pdf = theirs_doc.write_pdf(pdf_variant=PDF_VARIANT, pdf_tags=True)
    assert _page_texts(ours_pdf) == _page_texts(theirs_pdf)
