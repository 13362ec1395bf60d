"""Read pages: the board's training figures, the needs analysis, courses, sessions and one
session with its bookings."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject

from training import selectors
from training.access import get_session_for_user, get_training_board_for_user
from training.views import render_training


@login_required
def training_home(request: HttpRequest, board_slug: str) -> HttpResponse:
    board, access = get_training_board_for_user(request.user, board_slug)
    today = timezone.localdate()  # the day the cached part's key holds
    return render_training(
        request,
        "training/training_home.html",
        board,
        access,
        # Read only when the cached part is drawn afresh (templates: boardcache).
        figures=SimpleLazyObject(lambda: selectors.figures(board, today)),
        today=today,
    )


@login_required
def need_list(request: HttpRequest, board_slug: str) -> HttpResponse:
    board, access = get_training_board_for_user(request.user, board_slug)
    return render_training(
        request,
        "training/need_list.html",
        board,
        access,
        needs=selectors.needs(board, with_aims=True),
    )


@login_required
def course_list(request: HttpRequest, board_slug: str) -> HttpResponse:
    board, access = get_training_board_for_user(request.user, board_slug)
    return render_training(
        request, "training/course_list.html", board, access, courses=selectors.courses(board)
    )


@login_required
def session_list(request: HttpRequest, board_slug: str) -> HttpResponse:
    board, access = get_training_board_for_user(request.user, board_slug)
    return render_training(
        request, "training/session_list.html", board, access, sessions=selectors.sessions(board)
    )


@login_required
def session_detail(request: HttpRequest, board_slug: str, pk: int) -> HttpResponse:
    board, access, session = get_session_for_user(request.user, board_slug, pk)
    bookings = selectors.session_bookings(session)
    return render_training(
        request,
        "training/session_detail.html",
        board,
        access,
        session=session,
        booked=bookings["booked"],
        awaiting_link=selectors.awaiting_follow_up_link(session, bookings["booked"]),
        waiting=bookings["waiting"],
        cancelled=bookings["cancelled"],
    )
