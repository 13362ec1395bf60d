"""A portfolio meeting's decision schedule, as a page and as a PDF."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string

from reporting.access import get_meeting_for_user
from reporting.pdf import render_pdf
from reporting.selectors import meeting_schedule


@login_required
def meeting_detail(request: HttpRequest, board_slug: str, pk: int) -> HttpResponse:
    meeting, access = get_meeting_for_user(request.user, board_slug, pk)
    return render(
        request,
        "reporting/meeting_detail.html",
        {
            "board": meeting.board,
            "access": access,
            "nav": "reports",
            "meeting": meeting,
            "sections": meeting_schedule(meeting),
        },
    )


@login_required
def meeting_pdf(request: HttpRequest, board_slug: str, pk: int) -> HttpResponse:
    meeting, _ = get_meeting_for_user(request.user, board_slug, pk)
    html = render_to_string(
        "reporting/meeting_document.html",
        {"board": meeting.board, "meeting": meeting, "sections": meeting_schedule(meeting)},
    )
    # A page or two: rendered while the user waits, through the same fetcher as reports.
    pdf = render_pdf(html)
    response = HttpResponse(pdf.data, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="{meeting.board.slug}-decision-schedule-{meeting.date:%Y-%m-%d}.pdf"'
    )
    return response
