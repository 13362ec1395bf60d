"""HTML to PDF with WeasyPrint, fetching nothing but the project's own static files.

Every report and schedule goes through `render_pdf`, so one fetcher decides what a PDF may
load. Anything else (a remote image, a file path, a data URL) is refused before any request
is made, and WeasyPrint carries on without it.
"""

from __future__ import annotations

import functools
import gc
import logging
import mimetypes
import threading
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
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


_gc_lock = threading.Lock()
_gc_depth = 0  # renders under way in this process
_gc_resume = True  # whether the collector was on when the first of them began


@contextmanager
def own_garbage_collection() -> Iterator[None]:
    """Hold the cyclic garbage collector while rendering, then collect what the render left.

    A render allocates some 50,000 objects (120,000 for a 40-page report), most of them
    alive until the PDF is written. With the collector running they set off hundreds of
    young-generation collections and full ones that walk the whole process heap, Django
    included, a fifth of the render. Held, everything allocated stays in the youngest
    generation, and one collection of that generation at the end frees the render's
    reference cycles: its cost is paid here, by the render, not left for whatever runs next.

    Concurrent renders (threads) share the hold; one that ends while another is still
    running collects every generation, so garbage cannot pile up while renders overlap.
    A collector that was already off stays off.
    """
    global _gc_depth, _gc_resume
    with _gc_lock:
        if _gc_depth == 0:
            _gc_resume = gc.isenabled()
            gc.disable()
        _gc_depth += 1
    try:
        yield
    finally:
        with _gc_lock:
            _gc_depth -= 1
            last = _gc_depth == 0
            if last and _gc_resume:
                gc.enable()
        # Unless an overlapping render collected meanwhile, everything allocated since the
        # hold began is still in generation 0.
        gc.collect(0 if last else 2)


# pydyf compresses every content stream at zlib's level 9, its slowest. Level 6, zlib's
# own default, made our 37-page report 4% bigger (302 against 290 kB) and its render 3-5%
# faster; level 1 was no faster than 6 and 23% bigger. pydyf has no setting for it, so our
# renders see a zlib whose compressobj() uses this level, and every other user of pydyf
# (the benchmark's baseline included) sees the real module.
STREAM_COMPRESSION_LEVEL = 6


class _ZlibAtOurLevel:
    """The zlib module as pydyf sees it during our renders."""

    def __getattr__(self, name: str):
        return getattr(zlib, name)

    @staticmethod
    def compressobj(level: int = -1, *args, **kwargs):
        # The level pydyf asks for (9) is replaced by ours.
        return zlib.compressobj(STREAM_COMPRESSION_LEVEL, *args, **kwargs)


_zlib_lock = threading.Lock()
_zlib_depth = 0


@contextmanager
def our_stream_compression() -> Iterator[None]:
    """pydyf compresses at STREAM_COMPRESSION_LEVEL until the last overlapping render ends."""
    global _zlib_depth
    with _zlib_lock:
        if _zlib_depth == 0:
            pydyf.zlib = _ZlibAtOurLevel()
        _zlib_depth += 1
    try:
        yield
    finally:
        with _zlib_lock:
            _zlib_depth -= 1
            if _zlib_depth == 0:
                pydyf.zlib = zlib


@dataclass(frozen=True)
class RenderedPDF:
    data: bytes
    page_count: int


def render_pdf(html: str, *, fetcher: StaticOnlyFetcher | None = None) -> RenderedPDF:
    """A tagged PDF/UA-1 document; the HTML supplies <title> and lang for its metadata."""
    with own_garbage_collection(), our_stream_compression():
        document = ReportHTML(
            string=html, base_url=base_url(), url_fetcher=fetcher or StaticOnlyFetcher()
        ).render()
        data = document.write_pdf(pdf_variant=PDF_VARIANT, pdf_tags=True)
        page_count = len(document.pages)
        del document  # so the collection at the end of the block frees it
    return RenderedPDF(data=data, page_count=page_count)
