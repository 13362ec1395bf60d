"""A meeting's agenda pack: a cover, contents and agenda laid out by WeasyPrint, then every
page of every paper supplied as a PDF, numbered on from the agenda.

WeasyPrint lays out the front matter together with one blank page for each page of each
paper, sized to that page plus a strip at the foot for the page number. It numbers every
page and fills the contents with the page each item and paper starts on, so the numbers
and the contents agree by construction. `reporting.pack_binding` then draws each paper
page onto its blank page and tags it.

The public pack leaves out the items taken in private and their papers, and says which
paragraph of Schedule 12A keeps each one private; the members' pack holds everything.
"""

from __future__ import annotations

import io
import logging
from dataclasses import dataclass, field
from pathlib import PurePath

import pikepdf
from django.template.loader import render_to_string
from django.utils import timezone
from pypdf import PdfReader

from boards.meeting_models import AgendaItem, AgendaPaper, ExemptParagraph, Meeting
from reporting import pdf as pdf_renderer
from reporting.pack_binding import PaperPage, bind_papers
from reporting.pack_models import PackKind, agenda_digest
from reporting.pack_structure import PaperStructure, read_structure, role_maps_agree

logger = logging.getLogger(__name__)

# Height of the strip added below each paper page for the pack's page number, in points.
FOOTER_PT = 36


@dataclass
class PackPaper:
    """A paper of an included item: its pages when it is a readable PDF, else why not."""

    paper: AgendaPaper
    number: int  # the paper's place in the pack, for anchors
    pages: list[tuple[float, float]] = field(default_factory=list)  # width, height in points
    pdf: pikepdf.Pdf | None = None
    data: bytes = b""
    left_out: str = ""  # why the paper is only available separately
    page_names: list[str] = field(default_factory=list)  # the named CSS page of each page
    structure: PaperStructure | None = None  # its own tags, when they are carried over

    @property
    def name(self) -> str:
        return self.paper.name

    @property
    def anchor(self) -> str:
        return f"paper-{self.number}"


@dataclass
class PackItem:
    item: AgendaItem
    private: bool  # taken in private and left out of this pack
    papers: list[PackPaper] = field(default_factory=list)

    @property
    def paragraph(self) -> str:
        return paragraph_text(self.item)


def paragraph_text(item: AgendaItem) -> str:
    """What an exempt item's Schedule 12A paragraph covers, to follow its number in a
    sentence."""
    text = ExemptParagraph(item.exempt_paragraph).label.split(". ", 1)[1]
    return text[0].lower() + text[1:]


def pack_items(meeting: Meeting, kind: PackKind) -> list[PackItem]:
    """The meeting's items in order, each with the papers this kind of pack includes. Two
    queries: the items, and their papers."""
    items = meeting.items.order_by("number", "pk").prefetch_related("papers")
    found, number = [], 0
    for item in items:
        private = item.is_exempt and not kind.includes_exempt
        entry = PackItem(item=item, private=private)
        if not private:
            for paper in item.papers.all():
                number += 1
                entry.papers.append(PackPaper(paper=paper, number=number))
        found.append(entry)
    return found


def _visible_size(page: pikepdf.Page) -> tuple[float, float]:
    """The size a reader sees: the crop box (the media box if none), turned by /Rotate."""
    box = page.cropbox
    width, height = abs(float(box[2]) - float(box[0])), abs(float(box[3]) - float(box[1]))
    if int(page.obj.get("/Rotate", 0)) % 180:
        width, height = height, width
    return round(width, 2), round(height, 2)


def open_paper(entry: PackPaper) -> None:
    """Read the paper's pages, or record why it cannot be bound into the pack."""
    if PurePath(entry.name).suffix.lower() != ".pdf":
        entry.left_out = "not a PDF"
        return
    try:
        with entry.paper.file.open("rb") as handle:
            data = handle.read()
    except FileNotFoundError:
        entry.left_out = "its file is missing"
        return
    try:
        pdf = pikepdf.open(io.BytesIO(data))
    except pikepdf.PasswordError:
        entry.left_out = "the PDF is protected by a password"
        return
    except pikepdf.PdfError:
        logger.warning("Paper %s is not a readable PDF", entry.paper.pk)
        entry.left_out = "the PDF could not be read"
        return
    if not len(pdf.pages):
        entry.left_out = "the PDF has no pages"
        return
    entry.pdf, entry.data = pdf, data
    entry.pages = [_visible_size(page) for page in pdf.pages]
    entry.structure = read_structure(pdf, prefix=f"paper{entry.number}-")


def page_sizes(items: list[PackItem]) -> dict[tuple[float, float], str]:
    """One named CSS page per distinct paper page size."""
    sizes: dict[tuple[float, float], str] = {}
    for item in items:
        for paper in item.papers:
            for size in paper.pages:
                sizes.setdefault(size, f"paper-{len(sizes) + 1}")
    return sizes


def pack_html(meeting: Meeting, kind: PackKind, items: list[PackItem]) -> str:
    sizes = page_sizes(items)
    bound = [paper for item in items for paper in item.papers if paper.pages]
    for item in items:
        for paper in item.papers:
            paper.page_names = [sizes[size] for size in paper.pages]
    return render_to_string(
        "reporting/pack_document.html",
        {
            "meeting": meeting,
            "board": meeting.board,
            "kind": kind,
            "title": f"{meeting.body_name}, {meeting.date:%-d %B %Y}: {kind.label.lower()}",
            "items": items,
            "sizes": [
                {"name": name, "width": width, "height": height + FOOTER_PT}
                for (width, height), name in sizes.items()
            ],
            "footer_pt": FOOTER_PT,
            "structured": [p.name for p in bound if p.structure is not None],
            "figures": [p.name for p in bound if p.structure is None],
            "prepared": timezone.localtime(),
        },
    )


def _alt_text(entry: PackPaper, item: AgendaItem, index: int, text: str) -> str:
    where = (
        f"{entry.name}, page {index + 1} of {len(entry.pages)}, "
        f"a paper for item {item.number}, {item.title}."
    )
    text = " ".join(text.split())
    if not text:
        return (
            f"{where} This page has no text that can be read out (it may be a scanned "
            "image); ask the board's officers for an accessible copy."
        )
    return f"{where} The page reads: {text}"


@dataclass(frozen=True)
class RenderedPack:
    data: bytes
    page_count: int
    agenda_digest: str  # of the agenda as this pack shows it


def render_pack(meeting: Meeting, kind: PackKind) -> RenderedPack:
    """The whole pack as one tagged PDF."""
    items = pack_items(meeting, kind)
    papers = [(item, paper) for item in items for paper in item.papers]
    for _item, paper in papers:
        open_paper(paper)
    kept = role_maps_agree([paper.structure for _item, paper in papers])
    for (_item, paper), structure in zip(papers, kept, strict=True):
        paper.structure = structure
    front = pdf_renderer.render_pdf(pack_html(meeting, kind, items))
    pages: list[PaperPage] = []
    for item, paper in papers:
        if paper.pdf is None:
            continue
        reader = PdfReader(io.BytesIO(paper.data))
        for index, source in enumerate(paper.pdf.pages):
            # A paper whose own structure is kept is read out by it, not by a description.
            alt = (
                ""
                if paper.structure
                else _alt_text(paper, item.item, index, _page_text(reader, index))
            )
            pages.append(
                PaperPage(
                    source=source,
                    alt=alt,
                    section=f"{paper.name} (item {item.item.number})",
                    first=index == 0,
                    last=index == len(paper.pages) - 1,
                    structure=paper.structure,
                )
            )
    return RenderedPack(
        data=bind_papers(front.data, pages, footer_pt=FOOTER_PT),
        page_count=front.page_count,
        agenda_digest=agenda_digest(
            meeting, [(item.item, [paper.paper for paper in item.papers]) for item in items]
        ),
    )


def _page_text(reader, index: int) -> str:
    try:
        return reader.pages[index].extract_text() or ""
    except Exception:  # noqa: BLE001 - a page whose text cannot be read still goes in
        logger.warning("Could not read the text of a paper page", exc_info=True)
        return ""
