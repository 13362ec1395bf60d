"""A fast parse of the HTML our report templates write, giving the tree the HTML5 parser gives.

WeasyPrint parses its input with tinyhtml5, a complete HTML5 parser written in Python: a
tenth of a report's render goes into it. Our templates write explicit, well-nested HTML
(every element closed, every table with its row groups), and for such a document the
standard library's tokenizer plus a stack gives the same tree in a fifth of the time.

The builder accepts only what it can build exactly as the HTML5 parser would. Anything
that parser would repair (a missing end tag, a row outside a row group, a <p> left open
before a block, stray text in a table, a character reference without its semicolon) or
treat specially (raw-text elements other than <title> and <style>, <pre>, forms, MathML)
makes it give up, and the caller parses with tinyhtml5 instead. A test checks both parsers
give identical trees for every document we render.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET  # noqa: S405  # nosec B405 - builds trees, parses no XML
from html.entities import html5 as HTML5_ENTITIES
from html.parser import HTMLParser

from tinyhtml5.constants import (
    adjust_foreign_attributes,
    adjust_svg_attributes,
    namespaces,
    void_elements,
)

SVG = namespaces["svg"]
WHITESPACE = " \t\n\f"


class Unsupported(ValueError):
    """The document needs the full HTML5 parser."""


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Characters HTML5 reports or replaces (controls, noncharacters, lone surrogates).
_AWKWARD_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef]")
_CHARACTER_REFERENCE = re.compile(r"&(#[0-9]{1,7};|#[xX][0-9a-fA-F]{1,6};|[A-Za-z][A-Za-z0-9]*;)?")
_DOCTYPE_START = re.compile(r"\A\ufeff?[ \t\n\f]*<!doctype html>", re.IGNORECASE)

# No <base>: the renderer takes its base URL from the caller.
HEAD_ELEMENTS = frozenset({"title", "meta", "link", "style"})
TEXT_ONLY = frozenset({"title", "style"})
# Start tags that close an open <p> (HTML5 "in body"); with a <p> open we give up.
CLOSES_P = _words(
    "address article aside blockquote center details dialog dir div dl fieldset "
    "figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr li dd dt listing "
    "main menu nav ol p plaintext pre search section summary table ul xmp"
)
HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
# Elements the HTML5 parser treats specially (raw text, forms, frames, templates, MathML).
REFUSED = _words(
    "applet button embed frameset frame iframe image input isindex keygen listing "
    "marquee math noembed noframes noscript object option optgroup plaintext pre script "
    "select textarea template xmp nobr ruby rb rp rt rtc"
)
# Where each table part may stand; anything else inside a table is foster-parented.
TABLE_PARENTS = {
    "caption": {"table"},
    "colgroup": {"table"},
    "thead": {"table"},
    "tbody": {"table"},
    "tfoot": {"table"},
    "col": {"colgroup"},
    "tr": {"thead", "tbody", "tfoot"},
    "td": {"tr"},
    "th": {"tr"},
}
TABLE_CONTAINERS = frozenset({"table", "thead", "tbody", "tfoot", "tr", "colgroup"})
# HTML start tags that break out of SVG back into HTML.
SVG_BREAKOUT = _words(
    "b big blockquote body br center code dd div dl dt em embed h1 h2 h3 h4 h5 h6 head "
    "hr i img li listing menu meta nobr ol p pre ruby s small span strong strike sub sup "
    "table tt u ul var font"
)
SVG_TAG_NAMES = {
    name.lower(): name
    for name in _words(
        "altGlyph altGlyphDef altGlyphItem animateColor animateMotion animateTransform "
        "clipPath feBlend feColorMatrix feComponentTransfer feComposite feConvolveMatrix "
        "feDiffuseLighting feDisplacementMap feDistantLight feFlood feFuncA feFuncB "
        "feFuncG feFuncR feGaussianBlur feImage feMerge feMergeNode feMorphology "
        "feOffset fePointLight feSpecularLighting feSpotLight feTile feTurbulence "
        "foreignObject glyphRef linearGradient radialGradient textPath"
    )
}
SVG_TEXT_ONLY = frozenset({"title", "desc", "foreignObject"})


def check_source(text: str) -> str:
    """The text as the HTML5 input stream sees it (newlines normalised), or Unsupported."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not _DOCTYPE_START.match(text):
        raise Unsupported("The document does not start with <!DOCTYPE html>.")
    if _AWKWARD_CHARACTERS.search(text):
        raise Unsupported("Control characters, noncharacters or surrogates.")
    for match in _CHARACTER_REFERENCE.finditer(text):
        reference = match.group(1)
        if reference is None:
            raise Unsupported("An ampersand that is not a complete character reference.")
        if reference.startswith("#"):
            digits = reference[2:-1] if reference[1] in "xX" else reference[1:-1]
            code = int(digits, 16 if reference[1] in "xX" else 10)
            if code > 0x10FFFF or _AWKWARD_CHARACTERS.match(chr(code)) and code not in (9, 10):
                raise Unsupported(f"The character reference &{reference} is replaced in HTML5.")
        elif reference not in HTML5_ENTITIES:
            raise Unsupported(f"Unknown character reference &{reference}.")
    return text


class _Builder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root: ET.Element | None = None
        self.head: ET.Element | None = None
        self.body: ET.Element | None = None
        self.stack: list[ET.Element] = []
        self.names: list[str] = []  # local names of the open elements
        self.body_closed = False

    # Text --------------------------------------------------------------------------------
    def _append_text(self, element: ET.Element, data: str) -> None:
        if len(element):
            last = element[-1]
            last.tail = (last.tail or "") + data
        else:
            element.text = (element.text or "") + data

    def handle_data(self, data: str) -> None:
        blank = not data.strip(WHITESPACE)
        if self.root is None or self.names == ["html"] and self.head is None:
            if blank:
                return  # before <html> and before <head>, whitespace is dropped
            raise Unsupported("Text before the document's head.")
        if self.body_closed or not self.stack:
            if blank and self.body is not None:
                self._append_text(self.body, data)
                return
            raise Unsupported("Text after the body.")
        current = self.names[-1]
        if current == "html":
            if blank:
                self._append_text(self.root, data)
                return
            raise Unsupported("Text between the head and the body.")
        if not blank and (current in TABLE_CONTAINERS or current == "head"):
            raise Unsupported(f"Text directly inside <{current}>.")
        self._append_text(self.stack[-1], data)

    def handle_comment(self, data: str) -> None:
        if not self.stack or self.body_closed or "--" in data:
            raise Unsupported("A comment outside the head and body, or an odd one.")
        comment = ET.Comment(data)
        self.stack[-1].append(comment)

    def handle_decl(self, decl: str) -> None:
        if self.root is not None or decl.lower() != "doctype html":
            raise Unsupported(f"Declaration {decl!r}.")

    def unknown_decl(self, data: str) -> None:
        raise Unsupported("CDATA or another unknown declaration.")

    def handle_pi(self, data: str) -> None:
        raise Unsupported("A processing instruction.")

    # Elements ----------------------------------------------------------------------------
    def _attributes(self, attrs: list[tuple[str, str | None]], svg: bool) -> dict[str, str]:
        names = [name for name, _ in attrs]
        if len(set(names)) != len(names):
            raise Unsupported("A repeated attribute.")
        result = {}
        for name, value in attrs:
            if svg:
                name = adjust_svg_attributes.get(name, name)
                foreign = adjust_foreign_attributes.get(name)
                if foreign is not None:
                    name = f"{{{foreign[2]}}}{foreign[1]}"
            elif ":" in name:
                raise Unsupported(f"A namespaced attribute {name!r} on an HTML element.")
            result[name] = value if value is not None else ""
        return result

    def _open(self, tag: str, attrs, *, empty: bool) -> None:
        in_svg = bool(self.stack) and self.stack[-1].tag.startswith(f"{{{SVG}}}")
        if in_svg:
            if tag in SVG_BREAKOUT or self.stack[-1].tag[len(SVG) + 2 :] in SVG_TEXT_ONLY:
                raise Unsupported(f"<{tag}> inside SVG.")
            self._push(f"{{{SVG}}}{SVG_TAG_NAMES.get(tag, tag)}", tag, attrs, svg=True)
            if empty:
                self._pop()
            return
        if tag == "svg":
            self._check_html_start(tag)
            self._push(f"{{{SVG}}}svg", tag, attrs, svg=True)
            if empty:
                self._pop()
            return
        self._check_html_start(tag)
        if empty and tag not in void_elements:
            raise Unsupported(f"<{tag}/>: HTML ignores the slash.")
        self._push(tag, tag, attrs, svg=False)
        if tag in void_elements:
            self._pop()

    def _check_html_start(self, tag: str) -> None:
        names = self.names
        if tag == "html":
            if self.root is not None:
                raise Unsupported("A second <html>.")
            return
        if self.root is None:
            raise Unsupported(f"<{tag}> before <html>.")
        if tag == "head":
            if names != ["html"] or self.head is not None:
                raise Unsupported("<head> out of place.")
            return
        if tag == "body":
            if names != ["html"] or self.head is None or self.body is not None:
                raise Unsupported("<body> out of place.")
            return
        if self.body_closed or len(names) < 2:
            raise Unsupported(f"<{tag}> outside the head and body.")
        if names[1] == "head":
            if tag not in HEAD_ELEMENTS or names[-1] != "head":
                raise Unsupported(f"<{tag}> in the head.")
            return
        current = names[-1]
        if tag in REFUSED or current in TEXT_ONLY:
            raise Unsupported(f"<{tag}> needs the full parser.")
        if tag in CLOSES_P and "p" in names:
            raise Unsupported(f"<{tag}> would close an open <p>.")
        if tag in HEADINGS and current in HEADINGS:
            raise Unsupported("A heading inside a heading.")
        if tag == "a" and "a" in names:
            raise Unsupported("A link inside a link.")
        if tag == "li" and current not in ("ul", "ol", "menu"):
            raise Unsupported("<li> outside a list.")
        if tag in ("dd", "dt") and (current not in ("dl", "div") or {"dd", "dt"} & set(names)):
            raise Unsupported(f"<{tag}> out of place.")
        allowed = TABLE_PARENTS.get(tag)
        if allowed is not None and current not in allowed:
            raise Unsupported(f"<{tag}> directly inside <{current}>.")
        if allowed is None and current in TABLE_CONTAINERS:
            raise Unsupported(f"<{tag}> directly inside <{current}>.")

    def _push(self, qualified: str, tag: str, attrs, *, svg: bool) -> None:
        element = ET.Element(qualified, self._attributes(attrs, svg))
        if tag == "html":
            self.root = element
        else:
            self.stack[-1].append(element)
            if tag == "head" and not svg:
                self.head = element
            elif tag == "body" and not svg:
                self.body = element
        self.stack.append(element)
        self.names.append(tag)

    def _pop(self) -> None:
        self.stack.pop()
        self.names.pop()

    def handle_starttag(self, tag: str, attrs) -> None:
        self._open(tag, attrs, empty=False)

    def handle_startendtag(self, tag: str, attrs) -> None:
        self._open(tag, attrs, empty=True)

    def handle_endtag(self, tag: str) -> None:
        if not self.names or self.names[-1] != tag:
            raise Unsupported(f"</{tag}> does not close the element open last.")
        if tag == "body":
            self.body_closed = True
        if tag == "html" and not self.body_closed:
            raise Unsupported("</html> before </body>.")
        self._pop()


def parse(text: str) -> ET.Element:
    """The <html> element of `text`, exactly as tinyhtml5 builds it, or Unsupported."""
    builder = _Builder()
    builder.feed(check_source(text))
    builder.close()
    if builder.root is None or builder.body is None or not builder.body_closed:
        raise Unsupported("The document has no complete body.")
    if builder.stack:
        raise Unsupported("Elements left open at the end.")
    return builder.root
