"""Pages for what children and families said and what the board did: a list by year, and
the form to record or change one."""

from __future__ import annotations

from itertools import groupby

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.functional import SimpleLazyObject

from boards.access import Need, get_board_for_user
from lscb.form_errors import add_service_errors
from lscb.vocab import Quarter
from voice import selectors, services
from voice.access import get_record_for_user
from voice.forms import VoiceRecordForm


@login_required
def record_list(request: HttpRequest, board_slug: str) -> HttpResponse:
    board, access = get_board_for_user(request.user, board_slug, Need.VIEW)

    def by_year() -> list:
        return [
            (year, list(rows))
            for year, rows in groupby(
                selectors.records(board), key=lambda r: Quarter.containing(r.date).financial_year
            )
        ]

    return render(
        request,
        "voice/record_list.html",
        {
            "board": board,
            "access": access,
            "nav": "voice",
            # Read only when the cached part is drawn afresh (templates: boardcache).
            "by_year": SimpleLazyObject(by_year),
            "can_edit": access.can(Need.EDIT),
        },
    )


def _form_page(request, board, access, form, record=None) -> HttpResponse:
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.voice_record_save(
                board=board,
                record=record,
                data=form.record_fields(),
                outcomes=form.cleaned_data["outcomes"],
                reviews=form.cleaned_data["reviews"],
                by=request.user,
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"“{saved.title}” has been saved.")
            return redirect("voice:list", board.slug)
    return render(
        request,
        "voice/record_form.html",
        {"board": board, "access": access, "nav": "voice", "form": form, "record": record},
    )


@login_required
def record_add(request: HttpRequest, board_slug: str) -> HttpResponse:
    board, access = get_board_for_user(request.user, board_slug, Need.EDIT)
    form = VoiceRecordForm(request.POST or None, board=board)
    return _form_page(request, board, access, form)


@login_required
def record_edit(request: HttpRequest, board_slug: str, pk: int) -> HttpResponse:
    record, access = get_record_for_user(request.user, board_slug, pk, Need.EDIT)
    form = VoiceRecordForm(request.POST or None, instance=record, board=record.board)
    return _form_page(request, record.board, access, form, record)
