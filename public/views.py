"""Pages anyone may read without signing in: a board's published yearly reports, its members,
its published practice reviews, and an Atom feed of what it publishes."""

from __future__ import annotations

import datetime as dt

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from lscb.progress import evidence_response
from public import selectors
from public.cache import cached_page
from reporting.storage import pdf_response
from voice.selectors import public_records


def _render(request: HttpRequest, template: str, board, **context) -> HttpResponse:
    # `messages` is emptied so that a signed-in visitor's notices never enter a page that
    # is cached for everyone; the public layout shows no account either.
    return render(request, template, {"public_board": board, "messages": (), **context})


@require_safe
def board_page(request: HttpRequest, board_slug: str) -> HttpResponse:
    board = selectors.public_board(board_slug)
    today = dt.date.today()
    return cached_page(
        request,
        board,
        # Dated: a meeting leaves the page a year after it was held.
        f"board-{today:%Y%m%d}",
        lambda: _render(
            request,
            "public/board.html",
            board,
            reports=list(selectors.published_yearly_reports(board).order_by("-year")),
            members=selectors.public_members(board),
            reviews=list(selectors.published_reviews(board)),
            voices=list(public_records(board)[:12]),
            meetings=selectors.public_meetings(board, today),
        ),
    )


@require_safe
def yearly_report(request: HttpRequest, board_slug: str, year: int) -> HttpResponse:
    board = selectors.public_board(board_slug)
    return cached_page(
        request,
        board,
        f"yearly-{year}",
        lambda: HttpResponse(selectors.published_yearly_report(board, year).published_html),
    )


@require_safe
def yearly_summary(request: HttpRequest, board_slug: str, year: int) -> HttpResponse:
    board = selectors.public_board(board_slug)
    return cached_page(
        request,
        board,
        f"summary-{year}",
        lambda: _render(
            request,
            "public/summary.html",
            board,
            report=selectors.published_yearly_report(board, year),
        ),
    )


@require_safe
def yearly_pdf(request: HttpRequest, board_slug: str, year: int) -> FileResponse:
    board = selectors.public_board(board_slug)
    report = selectors.published_yearly_report(board, year)
    if not report.pdf:
        raise Http404("The PDF of this report is still being prepared.")
    return pdf_response(report.pdf.name, report.pdf_filename(), as_attachment=False)


@require_safe
def paper(request: HttpRequest, board_slug: str, pk: int) -> FileResponse:
    board = selectors.public_board(board_slug)
    return evidence_response(selectors.public_paper(board, pk))


@require_safe
def pack(request: HttpRequest, board_slug: str, pk: int) -> FileResponse:
    board = selectors.public_board(board_slug)
    found = selectors.public_pack(board, pk)
    return pdf_response(found.pdf.name, found.download_filename(), as_attachment=False)


@require_safe
def minutes(request: HttpRequest, board_slug: str, pk: int) -> FileResponse:
    board = selectors.public_board(board_slug)
    found = selectors.public_minutes(board, pk)
    return pdf_response(found.pdf.name, found.download_filename(), as_attachment=False)


@require_safe
def review(request: HttpRequest, board_slug: str, pk: int) -> HttpResponse:
    board = selectors.public_board(board_slug)
    return cached_page(
        request,
        board,
        f"review-{pk}",
        lambda: _render(
            request,
            "public/review.html",
            board,
            review=get_object_or_404(selectors.published_reviews(board), pk=pk),
        ),
    )
