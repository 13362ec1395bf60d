"""Agenda packs on a meeting's page: their state, asking for one, and downloads."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.views.decorators.http import require_POST

from boards.access import Need
from lscb.meeting_parts import MeetingPart
from reporting.access import get_meeting_pack_for_user, get_ready_pack_for_user
from reporting.selectors import meeting_packs
from reporting.services import packs as services
from reporting.storage import pdf_response


def packs_part(request, meeting, access, *, can_write: bool, items: list) -> MeetingPart:
    """The meeting page's "Agenda packs" section, registered in ReportingConfig.ready()."""
    packs = meeting_packs(meeting, items)
    html = render_to_string(
        "reporting/includes/meeting_packs.html",
        {"meeting": meeting, "board": meeting.board, "packs": packs, "can_write": can_write},
        request=request,
    )
    return MeetingPart(html=html, refresh=any(p is not None and p.in_progress for _, p in packs))


@login_required
@require_POST
def pack_request(request: HttpRequest, board_slug: str, pk: int, kind: str) -> HttpResponse:
    meeting, kind, _ = get_meeting_pack_for_user(request.user, board_slug, pk, kind, Need.EDIT)
    try:
        pack = services.pack_request(meeting=meeting, kind=kind, by=request.user)
    except ValidationError as refused:
        messages.error(request, " ".join(refused.messages))
        return redirect(f"{meeting.get_absolute_url()}#packs")
    if pack.sent is False:
        messages.warning(
            request,
            f"The {kind.label.lower()} is saved and waiting: the queue that prepares packs is "
            "unavailable just now, so it will start by itself when the queue is back. You do "
            "not need to ask again.",
        )
    elif pack.sent is None:
        messages.info(request, f"The {kind.label.lower()} is already being prepared.")
    return redirect(f"{meeting.get_absolute_url()}#packs")


@login_required
def pack_download(request: HttpRequest, board_slug: str, pk: int, kind: str) -> FileResponse:
    pack = get_ready_pack_for_user(request.user, board_slug, pk, kind)
    return pdf_response(pack.pdf.name, pack.download_filename())
