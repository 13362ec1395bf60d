"""Carrying a tagged paper's own structure into the agenda pack.

A paper that is itself a tagged PDF (its catalog marked, with a structure tree, and its
pages numbered into the tree's /ParentTree) keeps its headings, lists and tables in the
pack. `read_structure` reads the paper's tree before the pack is laid out, so the cover can
say which papers kept their structure; it answers None (and the paper's pages become
figures) for an untagged paper, or for anything it cannot carry over whole: a malformed
tree, a role map that redefines a standard type, content in a page's stream that belongs
to no element and is no artifact, marked content in a nested form or an annotation.

`attach` then copies the elements under the paper's /Sect. Each paper page is drawn as a
form XObject holding the page's own marked content; the form gets its own /StructParents
(ISO 32000-1, 14.7.4.4) and the copied elements point at its content with marked-content
references naming the form as /Stm. An element whose content runs over several pages is
copied once, with a reference per piece. Annotation references are dropped (annotations
are not copied), and table-header IDs are renamed per paper so they cannot meet the pack's.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

import pikepdf
from pikepdf import Array, Dictionary, Name, String

logger = logging.getLogger(__name__)

# Entries of a structure element carried over as they are (/ID and /A are renamed).
KEPT = ("/Alt", "/ActualText", "/Lang", "/T", "/E")
MAX_DEPTH = 200
STANDARD = frozenset(
    "Document Part Art Sect Div BlockQuote Caption TOC TOCI Index NonStruct Private "  # noqa: SIM905
    "P H H1 H2 H3 H4 H5 H6 L LI Lbl LBody Table TR TH TD THead TBody TFoot "
    "Span Quote Note Reference BibEntry Code Link Annot Ruby RB RT RP Warichu WT WP "
    "Figure Formula Form".split()
)
PAINTING = {"Tj", "TJ", "'", '"', "S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "sh", "Do"}
PAINTING |= {"INLINE IMAGE"}


class Unsupported(ValueError):
    """The paper's structure cannot be carried over whole."""


@dataclass
class Element:
    role: str
    entries: dict[str, object]  # detached copies of the kept entries
    kids: list[Element | tuple[int, int]] = field(default_factory=list)  # or (page, MCID)


@dataclass
class PaperStructure:
    elements: list[Element]
    role_map: dict[str, str]
    lang: str | None


def _detached(value, depth: int = 0):
    """A direct copy of plain PDF data from another file: no streams, no elements."""
    if depth > 20:
        raise Unsupported("attribute nested too deep")
    if isinstance(value, pikepdf.Stream):
        raise Unsupported("a stream in an attribute")
    if isinstance(value, Dictionary):
        if "/S" in value or "/Pg" in value:
            raise Unsupported("an element inside an attribute")
        return Dictionary({key: _detached(item, depth + 1) for key, item in value.items()})
    if isinstance(value, Array):
        return Array([_detached(item, depth + 1) for item in value])
    return value


def _renamed_headers(attributes, prefix: str):
    """Table attributes with each /Headers ID given the paper's prefix."""
    for owner in [attributes] if isinstance(attributes, Dictionary) else list(attributes):
        if isinstance(owner, Dictionary) and "/Headers" in owner:
            owner.Headers = Array([String(prefix + str(h)) for h in owner.Headers])
    return attributes


class _Reader:
    def __init__(self, pdf: pikepdf.Pdf, prefix: str) -> None:
        self.pages = {page.obj.objgen: index for index, page in enumerate(pdf.pages)}
        self.prefix = prefix
        self.seen: set[tuple[int, int]] = set()
        self.owned: dict[tuple[int, int], Element] = {}  # (page, MCID) -> its element

    def page_of(self, node, inherited: int | None) -> int | None:
        if "/Pg" not in node:
            return inherited
        found = self.pages.get(node.Pg.objgen)
        if found is None:
            raise Unsupported("a /Pg that is not a page of the paper")
        return found

    def content(self, element: Element, page: int | None, mcid) -> None:
        if page is None or not isinstance(mcid, int) or mcid < 0:
            raise Unsupported("marked content with no page or MCID")
        if (page, mcid) in self.owned:
            raise Unsupported("marked content owned twice")
        self.owned[(page, mcid)] = element
        element.kids.append((page, mcid))

    def element(self, node, page: int | None, depth: int) -> list[Element]:
        """The copies of `node` and its descendants that own content, as its parent's kids."""
        if depth > MAX_DEPTH or (node.is_indirect and node.objgen in self.seen):
            raise Unsupported("the structure tree loops or is too deep")
        if node.is_indirect:
            self.seen.add(node.objgen)
        if "/S" not in node or not isinstance(node.S, Name):
            raise Unsupported("an element without a type")
        page = self.page_of(node, page)
        entries = {key: _detached(node[key]) for key in KEPT if key in node}
        if "/ID" in node:
            entries["/ID"] = String(self.prefix + str(node.ID))
        if "/A" in node:
            entries["/A"] = _renamed_headers(_detached(node.A), self.prefix)
        copy = Element(role=str(node.S), entries=entries)
        kids = node.get("/K", Array())
        for kid in kids if isinstance(kids, Array) else [kids]:
            if isinstance(kid, int):
                self.content(copy, page, kid)
            elif not isinstance(kid, Dictionary):
                raise Unsupported("a kid that is neither content nor an element")
            elif kid.get("/Type") == Name.OBJR:
                continue  # annotations are not copied
            elif kid.get("/Type") == Name.MCR:
                if "/Stm" in kid:
                    raise Unsupported("marked content in a stream other than the page's")
                self.content(copy, self.page_of(kid, page), kid.get("/MCID"))
            else:
                copy.kids.extend(self.element(kid, page, depth + 1))
        if not copy.kids:
            return []
        if copy.role == "/Document":  # the pack has one Document: the paper's is a part
            if all(isinstance(kid, Element) for kid in copy.kids):
                return [kid for kid in copy.kids if isinstance(kid, Element)]
            copy.role = "/Div"
        return [copy]


def _marked_ids(pdf: pikepdf.Pdf, page: pikepdf.Page) -> set[int]:
    """The MCIDs in the page's own content; Unsupported if anything is painted outside both
    marked content with an MCID and an artifact, or a form drawn brings its own structure."""
    properties = page.obj.get("/Resources", Dictionary()).get("/Properties", Dictionary())
    xobjects = page.obj.get("/Resources", Dictionary()).get("/XObject", Dictionary())
    if any("/StructParents" in x or "/StructParent" in x for x in xobjects.values()):
        raise Unsupported("a form on the page has structure of its own")
    stack: list[bool] = []  # for each open sequence: is the content in it tagged or artifact
    found: set[int] = set()
    for operands, operator in pikepdf.parse_content_stream(page):
        op = str(operator)
        if op in ("BMC", "BDC"):
            tag = operands[0]
            marks = tag == Name.Artifact
            if op == "BDC":
                props = operands[1]
                if isinstance(props, Name):
                    props = properties.get(props)
                    if props is None:
                        raise Unsupported("marked content with unknown properties")
                if "/MCID" in props:
                    if int(props.MCID) in found:
                        raise Unsupported("an MCID used twice on a page")
                    found.add(int(props.MCID))
                    marks = True
            stack.append(marks or any(stack))
        elif op == "EMC":
            if not stack:
                raise Unsupported("unbalanced marked content")
            stack.pop()
        elif op in PAINTING and not (stack and stack[-1]):
            raise Unsupported("content outside marked content")
    return found


def read_structure(pdf: pikepdf.Pdf, prefix: str) -> PaperStructure | None:
    """The paper's structure as it would be copied, or None to draw its pages as figures."""
    root = pdf.Root
    marked = root.get("/MarkInfo", Dictionary()).get("/Marked", False)
    if not (marked and "/StructTreeRoot" in root):
        return None
    if not all("/StructParents" in page.obj for page in pdf.pages):
        return None
    try:
        tree = root.StructTreeRoot
        role_map = {str(k): str(v) for k, v in tree.get("/RoleMap", Dictionary()).items()}
        if any(key.lstrip("/") in STANDARD for key in role_map):
            raise Unsupported("the role map redefines a standard type")
        reader = _Reader(pdf, prefix)
        kids = tree.get("/K", Array())
        elements: list[Element] = []
        for kid in kids if isinstance(kids, Array) else [kids]:
            if not isinstance(kid, Dictionary):
                raise Unsupported("a root kid that is not an element")
            elements.extend(reader.element(kid, None, 0))
        if not elements or not all(isinstance(e, Element) for e in elements):
            raise Unsupported("no elements own content")
        for index, page in enumerate(pdf.pages):
            owned = {mcid for (at, mcid) in reader.owned if at == index}
            if not _marked_ids(pdf, page) <= owned:
                raise Unsupported("marked content on a page that no element owns")
        lang = str(root.Lang) if "/Lang" in root else None
        return PaperStructure(elements=elements, role_map=role_map, lang=lang)
    except (Unsupported, pikepdf.PdfError, AttributeError, TypeError, ValueError, KeyError):
        logger.info("A tagged paper's structure could not be kept", exc_info=True)
        return None


def role_maps_agree(structures: list[PaperStructure | None]) -> list[PaperStructure | None]:
    """The structures whose role maps agree with those before them; the others None."""
    merged: dict[str, str] = {}
    kept: list[PaperStructure | None] = []
    for structure in structures:
        if structure is None or any(
            merged.get(key, role) != role for key, role in structure.role_map.items()
        ):
            kept.append(None)
            continue
        merged.update(structure.role_map)
        kept.append(structure)
    return kept


@dataclass
class Placed:
    """A paper page as drawn in the pack: the page, its form, and the form's parents."""

    page: pikepdf.Object
    form: pikepdf.Object
    parents: pikepdf.Array


def attach(
    pdf: pikepdf.Pdf, section: pikepdf.Dictionary, structure: PaperStructure, placed: list[Placed]
) -> None:
    """Copy the paper's elements under `section`, pointing at the forms on the pack pages."""
    tree = pdf.Root.StructTreeRoot
    if structure.role_map:
        role_map = tree.get("/RoleMap", Dictionary())
        for key, role in structure.role_map.items():
            if role_map.get(key, Name(role)) != Name(role):
                raise Unsupported(f"role {key} is mapped differently in the pack")
            role_map[Name(key)] = Name(role)
        tree.RoleMap = role_map
    if structure.lang and structure.lang != str(pdf.Root.get("/Lang", "")):
        section.Lang = String(structure.lang)

    def copy(element: Element, parent: pikepdf.Dictionary) -> pikepdf.Dictionary:
        made = pdf.make_indirect(
            Dictionary(Type=Name.StructElem, S=Name(element.role), P=parent, K=Array())
        )
        for key, value in element.entries.items():
            made[Name(key)] = value
        for kid in element.kids:
            if isinstance(kid, Element):
                made.K.append(copy(kid, made))
                continue
            page, mcid = kid
            where = placed[page]
            made.K.append(Dictionary(Type=Name.MCR, Pg=where.page, Stm=where.form, MCID=mcid))
            while len(where.parents) <= mcid:
                where.parents.append(None)
            where.parents[mcid] = made
            if "/Pg" not in made:
                made.Pg = where.page
        if "/Pg" not in made:  # the page its content starts on, as its first kid's
            made.Pg = made.K[0].Pg
        return made

    for element in structure.elements:
        section.K.append(copy(element, section))
