"""What an agenda pack holds: the cover, contents and agenda, the papers page by page with
the pack's page numbers, and, in the public pack, nothing of the items taken in private."""

from __future__ import annotations

import io

import pikepdf
import pytest
from django.utils import timezone

from boards.meeting_models import MeetingStatus, Minute
from reporting.minutes_document import render_minutes
from reporting.pack_models import PackKind
from reporting.packs import render_pack
from tests.reporting.pack_factories import meeting_with_papers, pdf_text
from tests.reviews.factories import ActionFactory


@pytest.fixture
def meeting(board):
    return meeting_with_papers(board)


def test_the_public_pack_leaves_out_the_private_item_and_names_its_paragraph(meeting):
    pages = pdf_text(render_pack(meeting, PackKind.PUBLIC).data)
    text = "\n".join(pages)
    assert "Child K" not in text
    assert "Confidential chronology" not in text
    assert "child-k.pdf" not in text
    assert "Item 2 is taken in private: paragraph 1 of Schedule 12A" in " ".join(text.split())
    assert "Neglect strategy opening words" in text


def test_the_members_pack_includes_the_private_item_and_its_paper(meeting):
    text = "\n".join(pdf_text(render_pack(meeting, PackKind.MEMBERS).data))
    assert "Child K rapid review" in text
    assert "Confidential chronology of Child K" in text
    assert "Not for publication" in text


def test_paper_pages_follow_the_agenda_numbered_on_and_listed_in_the_contents(meeting):
    data = render_pack(meeting, PackKind.PUBLIC).data
    pages = pdf_text(data)
    total = len(pages)
    first_paper = next(i for i, t in enumerate(pages) if "Neglect strategy opening words" in t)
    assert "Neglect action table" in pages[first_paper + 1]
    # Each paper page's foot says which paper and page it is.
    assert "Item 1: neglect-strategy.pdf, page 2 of 2" in pages[first_paper + 1]
    assert total == first_paper + 2
    for number, text in enumerate(pages, start=1):
        assert f"Page {number} of {total}" in " ".join(text.split())
    contents = " ".join(pages[1].split())
    assert f"Paper: neglect-strategy.pdf {first_paper + 1}" in contents
    assert "neglect-summary.docx (available separately: not a PDF) Separate file" in contents
    # The landscape page keeps its shape, with the strip for the number below it.
    sizes = [tuple(float(v) for v in p.mediabox[2:]) for p in pikepdf.open(io.BytesIO(data)).pages]
    width, height = sizes[first_paper + 1]
    assert width > height


@pytest.fixture
def minuted(meeting):
    """The meeting held, each item minuted, and a decision under the private item."""
    meeting.status = MeetingStatus.HELD
    meeting.save()
    for item in meeting.items.all():
        Minute.objects.create(item=item, discussion=f"Discussion of {item.title} recorded.")
    private = Minute.objects.get(item__number=2)
    ActionFactory(
        board=meeting.board,
        recommendation=None,
        minute=private,
        what="Refer Child K's family to early help",
    )
    return meeting


def test_the_public_minutes_leave_out_the_private_items_minute_and_decision(minuted):
    text = " ".join(
        " ".join(pdf_text(render_minutes(minuted, PackKind.PUBLIC_MINUTES).data)).split()
    )
    assert "Discussion of Neglect strategy recorded." in text
    assert "Item 2 was taken in private: paragraph 1 of Schedule 12A" in text
    assert "Child K" not in text and "early help" not in text
    assert "Draft" in text


def test_the_members_minutes_hold_every_item_and_its_decisions(minuted):
    text = " ".join(
        " ".join(pdf_text(render_minutes(minuted, PackKind.MEMBERS_MINUTES).data)).split()
    )
    assert "Discussion of Child K rapid review recorded." in text
    assert "Refer Child K's family to early help" in text
    assert "Not for publication" in text


def test_the_minutes_leave_out_a_decision_withdrawn_as_recorded_in_error(minuted):
    ActionFactory(
        board=minuted.board,
        recommendation=None,
        minute=Minute.objects.get(item__number=1),
        what="Write to every school twice",
        withdrawn_at=timezone.now(),
        withdrawn_reason="Recorded twice.",
    )
    text = " ".join(
        " ".join(pdf_text(render_minutes(minuted, PackKind.MEMBERS_MINUTES).data)).split()
    )
    assert "Refer Child K's family to early help" in text
    assert "every school twice" not in text and "Recorded twice" not in text


def test_papers_that_cannot_be_bound_are_listed_as_available_separately(board):
    from tests.boards.meeting_factories import AgendaItemFactory, MeetingFactory
    from tests.reporting.pack_factories import add_paper, paper_pdf

    meeting = MeetingFactory(board=board)
    item = AgendaItemFactory(meeting=meeting, number=1, title="Budget")
    add_paper(item, "broken.pdf", b"%PDF-1.7 this is not a PDF at all")
    protected = io.BytesIO()
    with pikepdf.open(io.BytesIO(paper_pdf("Locked budget figures"))) as pdf:
        pdf.save(protected, encryption=pikepdf.Encryption(owner="o", user="secret"))
    add_paper(item, "locked.pdf", protected.getvalue())
    add_paper(item, "budget.pdf", paper_pdf("Open budget figures"))

    pages = pdf_text(render_pack(meeting, PackKind.PUBLIC).data)
    text = " ".join(" ".join(pages).split())
    assert "broken.pdf (available separately: the PDF could not be read)" in text
    assert "locked.pdf (available separately: the PDF is protected by a password)" in text
    assert "Locked budget figures" not in text
    assert "Open budget figures" in pages[-1]


def test_a_turned_page_keeps_the_shape_a_reader_sees(board):
    from tests.boards.meeting_factories import AgendaItemFactory, MeetingFactory
    from tests.reporting.pack_factories import add_paper, paper_pdf

    turned = io.BytesIO()
    with pikepdf.open(io.BytesIO(paper_pdf("A table turned on its side"))) as pdf:
        pdf.pages[0].rotate(90, relative=False)
        pdf.save(turned)
    meeting = MeetingFactory(board=board)
    add_paper(AgendaItemFactory(meeting=meeting, number=1), "turned.pdf", turned.getvalue())

    data = render_pack(meeting, PackKind.PUBLIC).data
    with pikepdf.open(io.BytesIO(data)) as pack:
        box = pack.pages[-1].mediabox
        width, height = float(box[2]), float(box[3])
    assert width > height  # A4 turned: landscape, with the number strip below
    assert "A table turned on its side" in pdf_text(data)[-1]
