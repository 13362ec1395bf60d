"""Officers write the report's narrative sections for a quarter."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from boards.access import Need
from reporting import services
from reporting.access import get_board, get_quarter
from reporting.forms import NarrativeForm
from reporting.report import narrative_for


@login_required
def narrative(request: HttpRequest, board_slug: str, quarter: str) -> HttpResponse:
    board, access = get_board(request.user, board_slug, Need.EDIT)
    q = get_quarter(quarter)
    instance = narrative_for(board, q)
    form = NarrativeForm(request.POST or None, instance=instance, board=board, quarter=q)
    if request.method == "POST" and form.is_valid():
        try:
            services.narrative_save(board=board, quarter=q, data=form.cleaned_data, by=request.user)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, f"The narrative for {q.code} has been saved.")
            return redirect("reporting:list", board.slug)
    return render(
        request,
        "reporting/narrative_form.html",
        {
            "board": board,
            "access": access,
            "nav": "reports",
            "quarter": q,
            "form": form,
            "saved": instance.pk is not None,
        },
    )
