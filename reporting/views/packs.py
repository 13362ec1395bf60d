"""Agenda packs on a meeting's page: their state, asking for one, and downloads."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_POST

from boards.access import Need
from lscb.fragments import cached_fragment, fill_csrf, fragment_key
from lscb.meeting_parts import MeetingPart
from reporting.access import get_meeting_pack_for_user, get_ready_pack_for_user
from reporting.selectors import meeting_pack_rows, meeting_packs
from reporting.services import packs as services
from reporting.storage import pdf_response

AREAS = ("meetings", "reviews")


def packs_part(request, meeting, access, *, can_write: bool, items: list) -> MeetingPart:
    """The meeting page's "Agenda packs" section, registered in ReportingConfig.ready().

    A cached part (lscb.fragments), never stored while a pack is being prepared, when the
    page refreshes itself to show it: so a part found in the cache has no pack in progress.
    A pack's row moves the board's "boards" version, and so does all that makes a file out
    of date but the minutes' decisions, which move "reviews". `items` (lazy) and the packs
    are read only when the part is drawn afresh."""
    drawn: dict[str, bool] = {}

    def draw() -> str:
        rows = meeting_pack_rows(meeting)
        drawn["refresh"] = any(row.in_progress for row in rows)
        return render_to_string(
            "reporting/includes/meeting_packs.html",
            {
                "meeting": meeting,
                "board": meeting.board,
                "packs": meeting_packs(meeting, items, rows),
                "can_write": can_write,
            },
            request=request,
        )

    key = fragment_key("meeting-packs", meeting.board, [meeting.pk, can_write], areas=AREAS)
    html = cached_fragment(key, draw, keep=lambda: not drawn["refresh"])
    html = fill_csrf(html, get_token(request))
    refresh = drawn.get("refresh", False)
    return MeetingPart(html=mark_safe(html), refresh=refresh)  # noqa: S308 # nosec B308 B703 - our own template


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
