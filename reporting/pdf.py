"""HTML to PDF with WeasyPrint, fetching nothing but the project's own static files.

Every report and schedule goes through `render_pdf`, so one fetcher decides what a PDF may
load. Anything else (a remote image, a file path, a data URL) is refused before any request
is made, and WeasyPrint carries on without it.
"""

from __future__ import annotations

import functools
import logging
import mimetypes
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

import cssselect2
import pydyf
from django.conf import settings
from django.contrib.staticfiles import finders
from weasyprint import CSS, HTML
from weasyprint.html import UA_FORM_STYLESHEET
from weasyprint.urls import URLFetcher, URLFetcherResponse

from reporting import html_tree

logger = logging.getLogger(__name__)
# WeasyPrint logs every layout step of every page at INFO: noise in worker logs.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)

PDF_VARIANT = "pdf/ua-1"


class RefusedURL(ValueError):
    """A URL the PDF renderer is not allowed to load."""


def base_url() -> str:
    return settings.SITE_URL.rstrip("/") + "/"


def static_path_for(url: str) -> Path:
    """The local file behind one of our static URLs, or RefusedURL."""
    parts = urlsplit(url)
    site = urlsplit(base_url())
    if (parts.scheme, parts.netloc) != (site.scheme, site.netloc):
        raise RefusedURL(f"Only the site's own static files may be loaded, not {url!r}.")
    prefix = "/" + settings.STATIC_URL.strip("/") + "/"
    if not parts.path.startswith(prefix) or parts.query:
        raise RefusedURL(f"{url!r} is not a static file.")
    relative = unquote(parts.path[len(prefix) :])
    pure = PurePosixPath(relative)
    if not relative or pure.is_absolute() or ".." in pure.parts:
        raise RefusedURL(f"{url!r} is not a static file.")
    collected = Path(settings.STATIC_ROOT) / relative if settings.STATIC_ROOT else None
    if collected is not None and collected.is_file():
        return collected
    found = finders.find(relative)
    if not found:
        raise RefusedURL(f"No static file {relative!r}.")
    return Path(found)


class StaticOnlyFetcher(URLFetcher):
    """Serves our static files from disk; never opens a network connection."""

    def __init__(self) -> None:
        super().__init__(allowed_protocols=set(), allow_redirects=False)
        self.requested: list[str] = []

    def fetch(self, url: str, headers=None) -> URLFetcherResponse:
        self.requested.append(url)
        try:
            path = static_path_for(url)
        except RefusedURL:
            logger.warning("PDF renderer refused %s", url)
            raise
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(
            url, body=path.read_bytes(), headers={"Content-Type": content_type}
        )


# WeasyPrint's user-agent stylesheet covers all of HTML5: every element of every document
# is matched against its ~200 rules, and its universal ::marker, ::footnote-* and ::note-*
# rules give every element six pseudo-element styles to compute. Our templates emit a
# small set of elements, so our renders use this sheet instead: the same defaults for
# those elements (display, margins, headings and their bookmarks, lists, tables, <br>),
# nothing for forms, frames, ruby, footnotes or dir attributes. Of the sixteen page-margin
# boxes it styles only the two our print stylesheet fills (a test holds the two in step):
# every rule for a margin box is matched for every page, 1.6% of the demo report's render
# in instructions for the fourteen boxes that stay empty.
REPORT_UA_CSS = r"""
head, link, meta, script, style, template, title, [hidden] { display: none }
address, article, aside, blockquote, body, dd, div, dl, dt, figcaption, figure, footer,
h1, h2, h3, h4, h5, h6, header, hr, html, main, nav, ol, p, pre, section, ul { display: block }
li { display: list-item }
table { display: table; box-sizing: border-box; border-spacing: 2px;
        border-collapse: separate; text-indent: initial }
caption { display: table-caption }
colgroup { display: table-column-group }
col { display: table-column }
thead { display: table-header-group }
tbody { display: table-row-group }
tfoot { display: table-footer-group }
tr { display: table-row }
td, th { display: table-cell; padding: 1px }

blockquote, dl, figure, ol, p, pre, ul { margin-top: 1em; margin-bottom: 1em }
:is(dl, ol, ul) :is(dl, ol, ul) { margin-top: 0; margin-bottom: 0 }
body { margin: 8px }
blockquote, figure { margin-left: 40px; margin-right: 40px }
dd { margin-left: 40px }
ol, ul { padding-left: 40px; counter-reset: list-item; break-before: avoid }
ol { list-style-type: decimal }
ul { list-style-type: disc }
:is(ol, ul) ul { list-style-type: circle }
:is(ol, ul) :is(ol, ul) ul { list-style-type: square }
li::marker { font-variant-numeric: tabular-nums; white-space: pre; text-transform: none }

h1 { margin-top: .67em; margin-bottom: .67em; font-size: 2em; bookmark-level: 1 }
h2 { margin-top: .83em; margin-bottom: .83em; font-size: 1.5em; bookmark-level: 2 }
h3 { margin-top: 1em; margin-bottom: 1em; font-size: 1.17em; bookmark-level: 3 }
h4 { margin-top: 1.33em; margin-bottom: 1.33em; font-size: 1em; bookmark-level: 4 }
h5 { margin-top: 1.67em; margin-bottom: 1.67em; font-size: .83em; bookmark-level: 5 }
h6 { margin-top: 2.33em; margin-bottom: 2.33em; font-size: .67em; bookmark-level: 6 }
h1, h2, h3, h4, h5, h6 {
  font-weight: bold; bookmark-label: content(text);
  hyphens: manual; break-after: avoid; break-inside: avoid;
}

thead, tbody, tfoot, table > tr { vertical-align: middle }
tr, td, th { vertical-align: inherit }
table, td, th { border-color: gray }
thead, tbody, tfoot, tr { border-color: inherit }

html { color-scheme: light }
address, cite, dfn, em, i, var { font-style: italic }
b, strong, th { font-weight: bold }
code, kbd, pre, samp { font-family: monospace }
pre { white-space: pre }
small { font-size: smaller }
sub { vertical-align: sub; font-size: smaller; line-height: normal }
sup { vertical-align: super; font-size: smaller; line-height: normal }
a[href] { color: blue; text-decoration: underline }
ins, u { text-decoration: underline }
del, s { text-decoration: line-through }
br::before { content: "\A"; white-space: pre-line }
wbr::before { content: "\200B" }
img, svg { overflow: hidden }

@page {
  margin: 75px;
  @bottom-left         { text-align: left;   vertical-align: middle }
  @bottom-center       { text-align: center; vertical-align: middle }
}
"""


@functools.cache
def report_ua_stylesheet() -> CSS:
    """REPORT_UA_CSS, parsed once per process. It loads nothing; were it ever to, only
    through our fetcher."""
    return CSS(string=REPORT_UA_CSS, url_fetcher=StaticOnlyFetcher())


class ReportHTML(HTML):
    """An HTML document laid out with REPORT_UA_CSS as its user-agent stylesheet.

    Our templates' output is parsed by reporting.html_tree, which builds the tree the HTML5
    parser would in a fraction of its time; anything it cannot build exactly goes through
    WeasyPrint's own parser.
    """

    def __init__(self, *, string: str, base_url: str, url_fetcher: URLFetcher) -> None:
        try:
            root = html_tree.parse(string)
        except html_tree.Unsupported as exc:
            logger.info("Parsing a PDF's HTML with the full HTML5 parser: %s", exc)
            super().__init__(string=string, base_url=base_url, url_fetcher=url_fetcher)
            return
        # What HTML.__init__ sets after parsing (the tree has no <base>, see html_tree).
        self.base_url = base_url
        self.url_fetcher = url_fetcher
        self.media_type = "print"
        self.wrapper_element = cssselect2.ElementWrapper.from_html_root(root, content_language=None)
        self.etree_element = self.wrapper_element.etree_element

    def _ua_stylesheets(self, forms=False):
        sheets = [report_ua_stylesheet()]
        if forms:
            sheets.append(UA_FORM_STYLESHEET)
        return sheets


def _dereference(pdf: pydyf.PDF, reference) -> object:
    """The object a reference written by pydyf ("12 0 R") points to, else the value itself."""
    if isinstance(reference, bytes) and reference.endswith(b" R"):
        return pdf.objects[int(reference.split()[0])]
    return reference


def _key(value) -> str | None:
    """A structure element ID as WeasyPrint writes it, a pydyf.String, as plain text."""
    return value.string if isinstance(value, pydyf.String) else value


def scope_table_headers(document, pdf: pydyf.PDF) -> None:
    """Give every TH structure element the /Scope attribute PDF/UA-1 asks of table headers.

    A `write_pdf` finisher (WeasyPrint's documented hook for post-processing the PDF before
    it is written). WeasyPrint reads each <th>'s scope attribute to decide which cells it
    heads, and lists a row header in the /Headers of the data cells of its own row; it does
    not write /Scope itself. So a TH whose row holds a TD naming it is a row header, and any
    other TH heads its column, as WeasyPrint treats a <th> without scope="row".
    """
    for obj in pdf.objects:
        if not (isinstance(obj, pydyf.Dictionary) and obj.get("S") == "/TR"):
            continue
        cells = [_dereference(pdf, kid) for kid in obj.get("K", ())]
        cells = [cell for cell in cells if isinstance(cell, pydyf.Dictionary)]
        named_by_row = {
            _key(header)
            for cell in cells
            if cell.get("S") == "/TD"
            for header in cell.get("A", {}).get("Headers", ())
        }
        for cell in cells:
            if cell.get("S") != "/TH":
                continue
            attributes = cell.setdefault("A", pydyf.Dictionary({"O": "/Table"}))
            key = _key(cell.get("ID"))
            attributes["Scope"] = "/Row" if key is not None and key in named_by_row else "/Column"


@dataclass(frozen=True)
class RenderedPDF:
    data: bytes
    page_count: int


def render_pdf(html: str, *, fetcher: StaticOnlyFetcher | None = None) -> RenderedPDF:
    """A tagged PDF/UA-1 document; the HTML supplies <title> and lang for its metadata."""
    document = ReportHTML(
        string=html, base_url=base_url(), url_fetcher=fetcher or StaticOnlyFetcher()
    ).render()
    data = document.write_pdf(pdf_variant=PDF_VARIANT, pdf_tags=True, finisher=scope_table_headers)
    return RenderedPDF(data=data, page_count=len(document.pages))
