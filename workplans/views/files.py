"""Evidence attached to progress on an outcome, served only to members of its board."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest
from django.views.decorators.http import require_GET

from lscb.progress import evidence_response
from workplans.access import get_update_for_user


@login_required
@require_GET
def evidence(request: HttpRequest, board_slug: str, pk: int) -> FileResponse:
    update, _ = get_update_for_user(request.user, board_slug, pk)
    return evidence_response(update)
