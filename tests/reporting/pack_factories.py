"""A meeting with papers for the agenda pack tests: PDFs made here, with known words."""

from __future__ import annotations

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from pypdf import PdfReader
from weasyprint import HTML

from boards.meeting_models import AgendaItem, AgendaPaper, ExemptParagraph, Meeting
from tests.boards.meeting_factories import AgendaItemFactory, MeetingFactory


def paper_pdf(*pages: str, landscape: tuple[int, ...] = ()) -> bytes:
    """An untagged PDF, as most papers arrive, with one page per text given."""
    body = "".join(
        f'<p class="{"wide" if i in landscape else ""}">{text}</p>' for i, text in enumerate(pages)
    )
    css = (
        "@page { size: A4 } @page wide { size: A4 landscape } .wide { page: wide }"
        " p + p { break-before: page }"
    )
    return HTML(
        string=f"<html><head><style>{css}</style></head><body>{body}</body></html>"
    ).write_pdf()


def add_paper(item: AgendaItem, name: str, data: bytes) -> AgendaPaper:
    return AgendaPaper.objects.create(item=item, file=SimpleUploadedFile(name, data))


def meeting_with_papers(board, **fields) -> Meeting:
    """Item 1 in public with a two-page PDF (the second landscape) and a Word file; item 2
    in private (paragraph 1) with a one-page PDF; item 3 in public without papers."""
    meeting = MeetingFactory(board=board, **fields)
    first = AgendaItemFactory(meeting=meeting, number=1, title="Neglect strategy")
    add_paper(
        first,
        "neglect-strategy.pdf",
        paper_pdf("Neglect strategy opening words", "Neglect action table", landscape=(1,)),
    )
    add_paper(first, "neglect-summary.docx", b"PK\x03\x04 not really a document")
    private = AgendaItemFactory(
        meeting=meeting,
        number=2,
        title="Child K rapid review",
        exempt_paragraph=ExemptParagraph.INDIVIDUAL,
    )
    add_paper(private, "child-k.pdf", paper_pdf("Confidential chronology of Child K"))
    AgendaItemFactory(meeting=meeting, number=3, title="Any other business")
    return meeting


def pdf_text(data: bytes) -> list[str]:
    """The text of each page."""
    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]


def tagged_paper_pdf() -> bytes:
    """A tagged PDF/UA paper over two pages, made as the product makes its own: a heading,
    a list and a table on the first page, a paragraph on the second."""
    from reporting.pdf import render_pdf

    return render_pdf(
        '<!DOCTYPE html><html lang="en-GB"><head><title>Workplan</title></head><body>'
        "<h1>Workplan heading</h1><p>Workplan opening words</p>"
        "<ul><li>First priority</li><li>Second priority</li></ul>"
        '<table><thead><tr><th scope="col">Year</th><th scope="col">Cases</th></tr></thead>'
        '<tbody><tr><th scope="row">2008</th><td>12</td></tr></tbody></table>'
        '<p style="break-before: page">Workplan closing words</p></body></html>'
    ).data
