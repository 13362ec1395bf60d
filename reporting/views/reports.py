"""The reports list, downloads, HTML preview and requests for a new PDF."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.views.decorators.http import require_POST

from boards.access import Need
from lscb.vocab import Quarter
from reporting import selectors, services
from reporting.access import get_board, get_quarter, get_report_for_user
from reporting.forms import ReportRequestForm
from reporting.report import report_html
from reporting.storage import pdf_response

REFRESH_SECONDS = 10


@login_required
def report_list(request: HttpRequest, board_slug: str) -> HttpResponse:
    board, access = get_board(request.user, board_slug, Need.REPORTS)
    # Lazy: the list is a cached part of the page (lscb.fragments); a hit runs only the
    # one query that decides whether the page must keep refreshing.
    busy, stalled = selectors.queue_state(board, timezone.now())
    requested = None
    if "requested" in request.GET:
        requested = selectors.requested_report(board, request.GET["requested"], timezone.now())
    quarters = SimpleLazyObject(lambda: selectors.report_quarters(board))
    return render(
        request,
        "reporting/report_list.html",
        {
            "board": board,
            "access": access,
            "nav": "reports",
            "quarters": quarters,
            # The financial years of those quarters, newest first: no query of their own.
            "years": SimpleLazyObject(
                lambda: sorted({row.quarter.year for row in quarters}, reverse=True)
            ),
            "can_edit": access.can(Need.EDIT),
            # The list updates itself (static/js/app.mjs) only while a PDF is being prepared.
            "refresh_seconds": REFRESH_SECONDS if busy else None,
            "stalled": stalled,
            "meetings": SimpleLazyObject(lambda: selectors.upcoming_meetings(board)),
            "requested": requested,
        },
    )


@login_required
def report_download(request: HttpRequest, board_slug: str, pk: int) -> FileResponse:
    report, _ = get_report_for_user(request.user, board_slug, pk, Need.REPORTS, ready_only=True)
    return pdf_response(report.pdf.name, report.download_filename())


@login_required
@require_POST
def report_request(request: HttpRequest, board_slug: str) -> HttpResponse:
    board, _ = get_board(request.user, board_slug, Need.EDIT)
    form = ReportRequestForm(request.POST)
    try:
        quarter = Quarter.parse(form.data.get("quarter", ""))
    except ValueError as exc:
        messages.error(request, str(exc))
        return redirect("reporting:list", board.slug)
    report = services.report_request(board=board, quarter=quarter, by=request.user)
    if report.sent is False:
        # Saved, not lost: the sweep sends it to a worker once the queue is back.
        messages.warning(
            request,
            f"Version {report.version} of the {quarter.code} report is saved and waiting. "
            "The queue that prepares reports is unavailable just now, so it will start by "
            "itself when the queue is back, usually within half an hour. You do not need to "
            "ask again.",
        )
        return redirect("reporting:list", board.slug)
    # Where the officer is looking: the banner at the top of the list says how this
    # report is doing, and says it is ready if it already is (tasks run in-process).
    return redirect(f"{reverse('reporting:list', args=[board.slug])}?requested={report.pk}")


@login_required
def report_preview(request: HttpRequest, board_slug: str, quarter: str) -> HttpResponse:
    board, _ = get_board(request.user, board_slug, Need.EDIT)
    return HttpResponse(report_html(board, get_quarter(quarter), preview=True))
