"""HTML to PDF with WeasyPrint, fetching nothing but the project's own static files.

Every report and schedule goes through `render_pdf`, so one fetcher decides what a PDF may
load. Anything else (a remote image, a file path, a data URL) is refused before any request
is made, and WeasyPrint carries on without it.
"""

from __future__ import annotations

import logging
import mimetypes
import threading
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

import pydyf
from django.conf import settings
from django.contrib.staticfiles import finders
from weasyprint import HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

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


_per_thread = threading.local()


def font_config() -> FontConfiguration:
    """This thread's font configuration, made on its first render and kept for the next.

    `render` takes a FontConfiguration (WeasyPrint's public API) and otherwise makes a new
    one for every document, so the fonts found and measured for one report are looked up
    again for the next. Reports use the same few system fonts and no @font-face, so a worker
    keeps one configuration; one per thread, as WeasyPrint does not share one between
    documents laid out at the same time.
    """
    config = getattr(_per_thread, "font_config", None)
    if config is None:
        config = _per_thread.font_config = FontConfiguration()
    return config


@dataclass(frozen=True)
class RenderedPDF:
    data: bytes
    page_count: int


def render_pdf(html: str, *, fetcher: StaticOnlyFetcher | None = None) -> RenderedPDF:
    """A tagged PDF/UA-1 document; the HTML supplies <title> and lang for its metadata."""
    document = HTML(
        string=html, base_url=base_url(), url_fetcher=fetcher or StaticOnlyFetcher()
    ).render(font_config=font_config())
    data = document.write_pdf(pdf_variant=PDF_VARIANT, pdf_tags=True, finisher=scope_table_headers)
    return RenderedPDF(data=data, page_count=len(document.pages))
