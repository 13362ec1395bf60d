"""A paper that is itself a tagged PDF keeps its own headings, lists and tables in the
agenda pack; an untagged one is still described page by page, and both packs stay PDF/UA."""

from __future__ import annotations

import io

import pikepdf
import pytest

from reporting.pack_models import PackKind
from reporting.packs import render_pack
from tests.boards.meeting_factories import AgendaItemFactory, MeetingFactory
from tests.reporting.pack_factories import add_paper, paper_pdf, pdf_text, tagged_paper_pdf
from tests.reporting.test_pdfua import assert_accessible


@pytest.fixture
def meeting(board):
    meeting = MeetingFactory(board=board)
    item = AgendaItemFactory(meeting=meeting, number=1, title="Workplan")
    add_paper(item, "workplan.pdf", tagged_paper_pdf())
    add_paper(item, "scanned-letter.pdf", paper_pdf("Untagged letter words"))
    return meeting


def _walk(node, parent=None, found=None):
    found = [] if found is None else found
    if isinstance(node, pikepdf.Array):
        for kid in node:
            _walk(kid, parent, found)
    elif isinstance(node, pikepdf.Dictionary) and "/S" in node:
        found.append((node, parent))
        if "/K" in node:
            _walk(node.K, node, found)
    return found


def _marked_ids(stream) -> list[int]:
    return [
        int(operands[1].MCID)
        for operands, operator in pikepdf.parse_content_stream(stream)
        if str(operator) == "BDC"
        and isinstance(operands[1], pikepdf.Dictionary)
        and "/MCID" in operands[1]
    ]


def _section(elements, title):
    return next(e for e, _p in elements if e.S == "/Sect" and str(e.get("/T")) == title)


def _within(element, ancestor) -> bool:
    while "/P" in element and element.P.get("/S") is not None:
        if element.P.objgen == ancestor.objgen:
            return True
        element = element.P
    return False


@pytest.mark.parametrize("kind", [PackKind.PUBLIC, PackKind.MEMBERS])
def test_a_tagged_papers_structure_is_carried_into_the_pack(meeting, kind, tmp_path):
    data = render_pack(meeting, kind).data
    assert_accessible(data, tmp_path, f"structured-{kind}")
    pdf = pikepdf.open(io.BytesIO(data))
    elements = _walk(pdf.Root.StructTreeRoot.K)
    # Every element's /P is the element it sits in.
    assert all(e.P.objgen == p.objgen for e, p in elements if p is not None)

    workplan = _section(elements, "workplan.pdf (item 1)")
    kept = [e for e, _p in elements if _within(e, workplan)]
    roles = [str(e.S) for e in kept]
    assert {"/H1", "/L", "/LI", "/Table", "/TH", "/TD"} <= set(roles)
    assert "/Document" not in roles and "/Figure" not in roles
    heading = next(e for e in kept if e.S == "/H1")
    assert heading.P.objgen == workplan.objgen
    # The table headers keep their scope, and the data cell its headers, renamed together.
    cell = next(e for e in kept if e.S == "/TD")
    header_ids = {str(e.ID) for e in kept if e.S == "/TH"}
    assert {str(h) for h in cell.A.Headers} <= header_ids
    assert all(e.A.Scope in ("/Row", "/Column") for e in kept if e.S == "/TH")

    # The untagged paper is still one figure per page, described with its words.
    letter = _section(elements, "scanned-letter.pdf (item 1)")
    figures = [e for e, _p in elements if _within(e, letter)]
    assert [str(e.S) for e in figures] == ["/Figure"]
    assert "Untagged letter words" in str(figures[0].Alt)

    # Every MCID drawn in a paper page's form resolves through the ParentTree to an element
    # of the paper, whose reference names that page and form.
    nums = pdf.Root.StructTreeRoot.ParentTree.Nums
    tree = {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}
    forms = [
        (page, form)
        for page in pdf.pages
        for form in page.obj.Resources.get("/XObject", {}).values()
        if "/StructParents" in form
    ]
    assert len(forms) == 2  # the workplan's two pages
    for page, form in forms:
        ids = _marked_ids(form)
        assert ids
        for mcid in ids:
            owner = tree[int(form.StructParents)][mcid]
            assert _within(owner, workplan)
            refs = [k for k in owner.K if isinstance(k, pikepdf.Dictionary) and "/MCID" in k]
            assert any(
                int(r.MCID) == mcid and r.Stm.objgen == form.objgen and r.Pg.objgen == page.objgen
                for r in refs
            )
    text = " ".join(" ".join(pdf_text(data)).split())
    assert "Workplan closing words" in text
    # The cover says which paper kept its structure and which is described page by page.
    assert "keep their own headings, lists and tables for screen readers: workplan.pdf" in text
    assert "scanned-letter.pdf" in text.split("These keep")[1].split("Contents")[0]


def _bound_alone(board, paper: pikepdf.Pdf, name: str, tmp_path):
    """The pack of a meeting with `paper` its only paper, checked; and the elements within
    the paper's section."""
    out = io.BytesIO()
    paper.save(out)
    meeting = MeetingFactory(board=board)
    add_paper(AgendaItemFactory(meeting=meeting, number=1), name, out.getvalue())
    data = render_pack(meeting, PackKind.PUBLIC).data
    assert_accessible(data, tmp_path, name)
    pdf = pikepdf.open(io.BytesIO(data))
    elements = _walk(pdf.Root.StructTreeRoot.K)
    section = _section(elements, f"{name} (item 1)")
    return pdf, [e for e, _p in elements if _within(e, section)]


def test_a_malformed_tree_falls_back_to_figures(board, tmp_path):
    broken = pikepdf.open(io.BytesIO(tagged_paper_pdf()))
    broken.Root.StructTreeRoot.K[0].K[0].K = pikepdf.Array([pikepdf.String("nonsense")])
    _pdf, within = _bound_alone(board, broken, "broken.pdf", tmp_path)
    assert [str(e.S) for e in within] == ["/Figure", "/Figure"]


def _mcr_pages(element) -> set[tuple[int, int]]:
    found = set()
    for kid in element.K:
        if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/MCR":
            found.add(kid.Pg.objgen)
        elif isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
            found |= _mcr_pages(kid)
    return found


def test_an_element_running_over_two_pages_is_copied_once(board, tmp_path):
    """The paper's opening paragraph is given the second page's words too, through a
    marked-content reference naming that page."""
    paper = pikepdf.open(io.BytesIO(tagged_paper_pdf()))
    document = paper.Root.StructTreeRoot.K[0]
    opening, closing = document.K[1], document.K[len(document.K) - 1]
    span = closing.K[0]
    span.K = pikepdf.Array([pikepdf.Dictionary(Type=pikepdf.Name.MCR, Pg=span.Pg, MCID=0)])
    span.P = opening
    opening.K.append(span)
    del document.K[len(document.K) - 1]
    pdf, within = _bound_alone(board, paper, "running.pdf", tmp_path)
    paragraphs = [e for e in within if e.S == "/P"]
    assert len(paragraphs) == 1
    paper_pages = {page.objgen for page in [p.obj for p in pdf.pages][-2:]}
    assert _mcr_pages(paragraphs[0]) == paper_pages


def test_a_paper_with_untagged_content_or_a_clashing_role_map_keeps_no_structure():
    from reporting.pack_structure import read_structure, role_maps_agree

    stray = pikepdf.open(io.BytesIO(tagged_paper_pdf()))
    stray.pages[0].contents_add(stray.make_stream(b"BT (stray) Tj ET"), prepend=True)
    assert read_structure(stray, "p-") is None

    first, second = (pikepdf.open(io.BytesIO(tagged_paper_pdf())) for _ in range(2))
    structures = [read_structure(first, "a-"), read_structure(second, "b-")]
    structures[0].role_map, structures[1].role_map = {"/Chart": "/Figure"}, {"/Chart": "/P"}
    assert role_maps_agree(structures) == [structures[0], None]
    first.Root.StructTreeRoot.RoleMap = pikepdf.Dictionary(P="/Span")
    assert read_structure(first, "a-") is None  # a standard type may not be mapped
