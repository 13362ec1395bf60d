"""The quarterly report is PDF/UA: a structure tree of real tags a screen reader can walk.

tests/reporting/test_pdf.py checks the document is marked, has a structure tree root, a
language and a title; this looks inside the tree. No browser is needed, so it runs even
where Chromium is not installed.
"""

from __future__ import annotations

import io
from collections import Counter

import pytest
from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject

from lscb.vocab import Quarter
from reporting.demo import NARRATIVE_2008Q3
from reporting.indicators import ensure_core_indicators
from reporting.models import ReportNarrative
from reporting.pdf import render_pdf
from reporting.report import report_html
from tests.reporting.conftest import load_figures

Q3 = Quarter.parse("2008Q3")


def _walk(node, parent: str | None, found: list[tuple[str, str | None, DictionaryObject]]):
    """Depth first through the structure tree: (tag, parent tag, element) for each element."""
    node = node.get_object()
    if isinstance(node, ArrayObject):
        for kid in node:
            _walk(kid, parent, found)
    elif isinstance(node, DictionaryObject) and "/S" in node:
        found.append((str(node["/S"]), parent, node))
        if "/K" in node:
            _walk(node["/K"], str(node["/S"]), found)
    # Integers (marked-content ids) and marked-content references are leaves.


@pytest.fixture
def report_pdf(settings, tmp_path, board):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    ensure_core_indicators()
    load_figures(board)
    ReportNarrative.objects.create(board=board, quarter=Q3.code, **NARRATIVE_2008Q3)
    return PdfReader(io.BytesIO(render_pdf(report_html(board, Q3)).data))


def test_quarterly_report_structure_tree_holds_document_headings_paragraphs_and_tables(
    report_pdf,
):
    catalog = report_pdf.trailer["/Root"]
    found: list = []
    _walk(catalog["/StructTreeRoot"]["/K"], None, found)
    tags = Counter(tag for tag, _, _ in found)

    assert found[0][0] == "/Document"  # one root element holding everything
    assert tags["/H1"] >= 1 and tags["/H2"] >= 3  # the report's sections are headings
    assert tags["/P"] >= 10
    assert tags["/Table"] >= 3  # the dataset tables and the appendices
    # Header cells are tagged as such, inside rows of a table, so cells can be announced
    # with their headings.
    assert tags["/TH"] >= 10
    assert all(parent == "/TR" for tag, parent, _ in found if tag in {"/TH", "/TD"})
    tables_with_headers = [
        node
        for tag, _, node in found
        if tag == "/Table" and any(t == "/TH" for t, _, _ in _descendants(node))
    ]
    # Also when a long table runs over pages (WeasyPrint tags each page's part as a table):
    # report-print.css keeps a caption with its first rows so no part is a bare caption.
    assert len(tables_with_headers) == tags["/Table"]
    # Lists are tagged as lists with labelled items.
    assert tags["/L"] >= 1 and tags["/LI"] >= 1
    # The first heading is the top-level one.
    headings = [tag for tag, _, _ in found if tag in {"/H1", "/H2", "/H3", "/H4"}]
    assert headings[0] == "/H1"


def test_quarterly_report_declares_pdf_ua_and_shows_its_title(report_pdf):
    catalog = report_pdf.trailer["/Root"]
    xmp = catalog["/Metadata"].get_object().get_data()
    assert b'pdfuaid:part="1"' in xmp
    # PDF/UA asks viewers to show the document title rather than the file name.
    assert bool(catalog["/ViewerPreferences"]["/DisplayDocTitle"]) is True
    assert catalog["/Lang"] == "en-GB"
    # Every figure (the SVG charts) carries a text alternative.
    found: list = []
    _walk(catalog["/StructTreeRoot"]["/K"], None, found)
    figures = [node for tag, _, node in found if tag == "/Figure"]
    assert all(str(node.get("/Alt", "")).strip() for node in figures)


def _descendants(node) -> list:
    found: list = []
    if "/K" in node:
        _walk(node["/K"], str(node["/S"]), found)
    return found
