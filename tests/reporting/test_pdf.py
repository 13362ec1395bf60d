from __future__ import annotations

import io
import socket

import pytest
from django.conf import settings
from pypdf import PdfReader
from weasyprint import HTML

from reporting.models import ReportNarrative
from reporting.pdf import (
    RefusedURL,
    StaticOnlyFetcher,
    base_url,
    font_config,
    render_pdf,
    static_path_for,
)
from reporting.report import report_html
from tests.reporting.conftest import Q3


class SpyFetcher(StaticOnlyFetcher):
    """Records every URL WeasyPrint asks for (the parent records, this makes it explicit)."""


@pytest.fixture
def no_network(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError(f"A network connection was attempted: {args!r}")

    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)


def _text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def site(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def test_fetcher_serves_our_static_files():
    path = static_path_for(site("/static/css/report-print.css"))
    assert path.name == "report-print.css"
    response = StaticOnlyFetcher().fetch(site("/static/css/report-print.css"))
    assert b"@page" in response.read()


@pytest.mark.parametrize(
    "url",
    [
        "http://example.invalid/x.png",
        "https://example.invalid/static/css/report-print.css",
        "file:///etc/passwd",
        "data:image/png;base64,iVBORw0KGgo=",
        "/static/css/report-print.css",
        "SITE/static/../lscb/settings.py",
        "SITE/static/%2e%2e/lscb/settings.py",
        "SITE/media/reports/x.pdf",
        "SITE/static/css/does-not-exist.css",
    ],
)
def test_fetcher_refuses_everything_else(url, no_network):
    url = url.replace("SITE", settings.SITE_URL.rstrip("/"))
    with pytest.raises(RefusedURL):
        StaticOnlyFetcher().fetch(url)


def test_markup_that_reaches_weasyprint_is_refused_without_a_request(no_network):
    spy = SpyFetcher()
    html = (
        '<html lang="en-GB"><head><title>T</title></head><body>'
        '<img src="http://example.invalid/x.png" alt="remote"><p>Body</p></body></html>'
    )
    pdf = render_pdf(html, fetcher=spy)
    assert spy.requested == ["http://example.invalid/x.png"]  # asked, refused, not fetched
    assert "Body" in _text(pdf.data)


def test_report_pdf_has_the_figures_percentages_and_page_numbers(
    figures, narrative, board, no_network
):
    pdf = render_pdf(report_html(board, Q3))
    text = _text(pdf.data)
    assert "861" in text
    assert "60%" in text  # neglect, computed from 37 of 62
    assert "77%" in text  # foster care, computed from 126 of 163
    assert "Page 1 of" in text
    assert f"Page {pdf.page_count} of {pdf.page_count}" in text
    assert "Safeguarding children in Hartlepool" in text
    assert "Appendix 1" in text and "Appendix 2" in text


def test_the_tagged_render_prints_what_weasyprints_defaults_print_page_for_page(
    figures, narrative, board, no_network
):
    """Tags, PDF/UA, the header finisher and the kept font configuration change how the
    PDF is built, never what it says or where a page breaks."""
    html = report_html(board, Q3)
    ours = render_pdf(html)
    plain = HTML(string=html, base_url=base_url(), url_fetcher=StaticOnlyFetcher()).write_pdf()
    pages = [page.extract_text() for page in PdfReader(io.BytesIO(ours.data)).pages]
    assert pages == [page.extract_text() for page in PdfReader(io.BytesIO(plain)).pages]
    assert len(pages) == ours.page_count


def test_a_worker_keeps_its_font_configuration_and_prints_the_same_report_again(
    figures, narrative, board
):
    html = report_html(board, Q3)
    first = render_pdf(html)
    kept = font_config()
    again = render_pdf(html)
    assert font_config() is kept
    assert again.page_count == first.page_count
    assert _text(again.data) == _text(first.data)


def test_each_thread_has_its_own_font_configuration():
    import threading

    mine = font_config()
    theirs = []
    thread = threading.Thread(target=lambda: theirs.append(font_config()))
    thread.start()
    thread.join()
    assert theirs and theirs[0] is not mine and font_config() is mine


def test_report_pdf_is_tagged_with_title_and_language(figures, narrative, board):
    data = render_pdf(report_html(board, Q3)).data
    reader = PdfReader(io.BytesIO(data))
    catalog = reader.trailer["/Root"]
    assert bool(catalog["/MarkInfo"]["/Marked"]) is True
    assert "/StructTreeRoot" in catalog
    assert catalog["/Lang"] == "en-GB"
    assert reader.metadata.title == (
        f"Safeguarding children in Hartlepool: report to the Portfolio Holder, {Q3.label}"
    )


def test_narrative_markup_is_printed_as_text_and_never_fetched(figures, board, no_network):
    ReportNarrative.objects.create(
        board=board,
        quarter=Q3.code,
        portfolio="Children's Services Portfolio",
        report_of="Director",
        subject="Subject",
        purpose='<script>alert("x")</script> purpose',
        summary_of_contents="s",
        relevance="r",
        decision_type="Non key.",
        decision_route="d",
        decisions_required="d",
        background='See <img src="http://example.invalid/x.png"> here',
        proposals="p",
        risk="r",
        legal_financial="l",
        recommendations="r",
        reasons="r",
        background_papers="b",
        contact_officer="c",
    )
    html = report_html(board, Q3)
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    assert '<img src="http://example.invalid' not in html
    spy = SpyFetcher()
    text = _text(render_pdf(html, fetcher=spy).data)
    assert not [u for u in spy.requested if "example.invalid" in u]
    assert spy.requested == [site("/static/css/report-print.css")]
    assert '<script>alert("x")</script>' in text
    assert '<img src="http://example.invalid/x.png">' in text
