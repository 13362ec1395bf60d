"""Binding papers into a tagged pack, keeping it tagged.

PDF/UA asks that every piece of page content be either tagged as real content or marked
as an artifact. Each paper page is drawn as one form XObject, and tagged in one of two ways.

A paper that is itself tagged, and whose structure `reporting.pack_structure` can carry
over whole, keeps it: the form gets its own /StructParents (ISO 32000-1, 14.7.4.4), and
the paper's elements that own content (its headings, lists, tables and the rest) are
copied under the paper's /Sect, pointing at the marked content inside the forms.

Any other paper (most arrive untagged) is drawn inside a marked-content sequence belonging
to a /Figure structure element; content drawn by a form XObject inside a marked-content
sequence belongs to that sequence (ISO 32000-1, 14.7.4.3). The figure's /Alt names the
paper and page and carries the page's text, so a screen reader reads the words of each
page, though not the paper's own headings or tables. The cover says which papers kept
their structure and which are figures, and points to the separate files. Each paper's
pages sit in a /Sect titled with the paper's name, after the agenda in reading order.

The pages they are drawn on were laid out by WeasyPrint with the pack's page number in
the strip below, so the numbers stay tagged as the rest of the front matter's are.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

import pikepdf
from pikepdf import Array, Dictionary, Name, String

from reporting.pack_structure import PaperStructure, Placed, attach


@dataclass
class PaperPage:
    source: pikepdf.Page
    alt: str
    section: str  # the title of the paper's section in the structure tree
    first: bool  # the paper's first page: starts a new section
    last: bool = True  # the paper's last page: its structure is copied once all are drawn
    structure: PaperStructure | None = None  # the paper's own, when it is kept


def _document_element(pdf: pikepdf.Pdf) -> pikepdf.Dictionary:
    kids = pdf.Root.StructTreeRoot.K
    return kids if isinstance(kids, Dictionary) else kids[0]


class _ParentTree:
    """The structure tree's /ParentTree as WeasyPrint writes it: one flat /Nums array."""

    def __init__(self, pdf: pikepdf.Pdf) -> None:
        root = pdf.Root.StructTreeRoot
        if "/ParentTree" not in root:
            root.ParentTree = pdf.make_indirect(Dictionary(Nums=Array()))
        self.nums = root.ParentTree.Nums
        self.root = root
        keys = [int(self.nums[i]) for i in range(0, len(self.nums), 2)]
        self.arrays = {int(self.nums[i]): self.nums[i + 1] for i in range(0, len(self.nums), 2)}
        self.next_key = max([int(root.get("/ParentTreeNextKey", 0)), *[k + 1 for k in keys]])

    def parents_of(self, pdf: pikepdf.Pdf, page) -> pikepdf.Array:
        """The array of structure elements, indexed by MCID, of this page's (or form's)
        content."""
        owner = page.obj if isinstance(page, pikepdf.Page) else page
        if "/StructParents" in owner:
            return self.arrays[int(owner.StructParents)]
        key, self.next_key = self.next_key, self.next_key + 1
        parents = pdf.make_indirect(Array())
        self.nums.extend([key, parents])
        self.arrays[key] = parents
        owner.StructParents = key
        self.root.ParentTreeNextKey = self.next_key
        return parents


def _own_resources(pdf: pikepdf.Pdf, page: pikepdf.Page) -> pikepdf.Dictionary:
    """The page's resources, copied so a paper drawn here is not named on every page that
    shared them."""
    shared = page.obj.get("/Resources", Dictionary())
    resources = Dictionary({key: value for key, value in shared.items()})
    xobjects = resources.get("/XObject", Dictionary())
    resources.XObject = Dictionary({key: value for key, value in xobjects.items()})
    page.obj.Resources = pdf.make_indirect(resources)
    return page.obj.Resources


def _draw(pdf: pikepdf.Pdf, target: pikepdf.Page, page: PaperPage, number: int, footer_pt):
    """Draw the paper page on `target` as a form XObject; its name and placement."""
    form = pdf.copy_foreign(page.source.as_form_xobject())
    name = Name(f"/Paper{number}")
    _own_resources(pdf, target).XObject[name] = form
    width, height = float(target.mediabox[2]), float(target.mediabox[3])
    placement = target.calc_form_xobject_placement(
        form, name, pikepdf.Rectangle(0, footer_pt, width, height), allow_shrink=True
    )
    return target.obj.Resources.XObject[name], placement


def bind_papers(front: bytes, pages: list[PaperPage], *, footer_pt: float) -> bytes:
    """Draw `pages` onto the last len(pages) pages of `front`, in order, and tag them."""
    if not pages:
        return front
    pdf = pikepdf.open(io.BytesIO(front))
    blanks = list(pdf.pages)[-len(pages) :]
    document = _document_element(pdf)
    if not isinstance(document.get("/K"), Array):
        document.K = Array([document.K]) if "/K" in document else Array()
    tree = _ParentTree(pdf)
    section, placed = None, []
    for number, (target, page) in enumerate(zip(blanks, pages, strict=True), start=1):
        if page.first or section is None:
            section = pdf.make_indirect(
                Dictionary(
                    Type=Name.StructElem, S=Name.Sect, P=document, K=Array(), T=String(page.section)
                )
            )
            document.K.append(section)
            placed = []
        form, placement = _draw(pdf, target, page, number, footer_pt)
        if page.structure is not None:
            # The form's own marked content is tagged through its own /StructParents. The
            # sequence around the form has no MCID, so it ties nothing to the structure; it
            # is there for checkers that count a form drawn outside marked content as
            # untagged without looking inside it (pdfua 0.1.3).
            placed.append(Placed(page=target.obj, form=form, parents=tree.parents_of(pdf, form)))
            content = b"q\n/Sect BMC\n%s\nEMC\nQ\n" % placement
            if page.last:
                attach(pdf, section, page.structure, placed)
        else:
            parents = tree.parents_of(pdf, target)
            mcid = len(parents)
            figure = pdf.make_indirect(
                Dictionary(
                    Type=Name.StructElem,
                    S=Name.Figure,
                    P=section,
                    Pg=target.obj,
                    K=mcid,
                    Alt=String(page.alt),
                )
            )
            section.K.append(figure)
            parents.append(figure)
            content = b"q\n/Figure <</MCID %d>> BDC\n%s\nEMC\nQ\n" % (mcid, placement)
        target.contents_add(pdf.make_stream(content), prepend=True)
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()
