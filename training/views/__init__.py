"""Training pages: read pages (training.views.pages) and an officer's records
(training.views.records)."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render

from training.access import can_manage


def render_training(request, template: str, board, access, **context) -> HttpResponse:
    """A training page: the board's navigation, and whether the viewer may manage training."""
    return render(
        request,
        template,
        {"board": board, "access": access, "nav": "training", "can_manage": can_manage(access)}
        | context,
    )
