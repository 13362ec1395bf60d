"""The officer's pages for the programme itself: rows of the needs analysis, courses and
sessions, each added and changed in the browser."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_http_methods

from lscb.form_errors import add_service_errors
from training.access import (
    get_course_for_user,
    get_need_for_user,
    get_session_for_user,
    get_training_board_for_user,
)
from training.authoring_forms import CourseForm, NeedForm, SessionForm
from training.services import programme
from training.views import render_training


def _form_page(request, board, access, *, form_class, instance, save, done, template, then):
    """The add or change page of one kind: validate, call the service, put its refusals
    beside the fields, and after a save go to `then(saved)`."""
    form = form_class(request.POST or None, instance=instance, board=board)
    if request.method == "POST" and form.is_valid():
        try:
            saved = save(form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, done)
            return then(saved)
    name = form_class._meta.model._meta.model_name
    return render_training(request, template, board, access, form=form, **{name: instance})


def _need_form(request, board, access, need=None) -> HttpResponse:
    return _form_page(
        request,
        board,
        access,
        form_class=NeedForm,
        instance=need,
        save=lambda data: programme.need_save(board=board, by=request.user, need=need, **data),
        done="Training need saved.",
        template="training/need_form.html",
        then=lambda saved: redirect("training:needs", board.slug),
    )


@login_required
def need_add(request: HttpRequest, board_slug: str) -> HttpResponse:
    board, access = get_training_board_for_user(request.user, board_slug, manage=True)
    return _need_form(request, board, access)


@login_required
def need_edit(request: HttpRequest, board_slug: str, pk: int) -> HttpResponse:
    board, access, need = get_need_for_user(request.user, board_slug, pk, manage=True)
    return _need_form(request, board, access, need)


@login_required
@require_http_methods(["GET", "POST"])
def need_delete(request: HttpRequest, board_slug: str, pk: int) -> HttpResponse:
    board, access, need = get_need_for_user(request.user, board_slug, pk, manage=True)
    if request.method == "POST":
        programme.need_delete(need=need, by=request.user)
        messages.success(
            request, f"The training need of {need.agency}'s {need.role_group} is removed."
        )
        return redirect("training:needs", board.slug)
    return render_training(request, "training/need_delete.html", board, access, need=need)


def _course_form(request, board, access, course=None) -> HttpResponse:
    return _form_page(
        request,
        board,
        access,
        form_class=CourseForm,
        instance=course,
        save=lambda data: programme.course_save(
            board=board, by=request.user, course=course, **data
        ),
        done="Course saved.",
        template="training/course_form.html",
        then=lambda saved: redirect("training:courses", board.slug),
    )


@login_required
def course_add(request: HttpRequest, board_slug: str) -> HttpResponse:
    board, access = get_training_board_for_user(request.user, board_slug, manage=True)
    return _course_form(request, board, access)


@login_required
def course_edit(request: HttpRequest, board_slug: str, pk: int) -> HttpResponse:
    board, access, course = get_course_for_user(request.user, board_slug, pk, manage=True)
    return _course_form(request, board, access, course)


def _session_form(request, board, access, session=None) -> HttpResponse:
    return _form_page(
        request,
        board,
        access,
        form_class=SessionForm,
        instance=session,
        save=lambda data: programme.session_save(
            board=board, by=request.user, session=session, **data
        ),
        done="Session saved.",
        template="training/session_form.html",
        then=lambda saved: redirect("training:session", board.slug, saved.pk),
    )


@login_required
def session_add(request: HttpRequest, board_slug: str) -> HttpResponse:
    board, access = get_training_board_for_user(request.user, board_slug, manage=True)
    return _session_form(request, board, access)


@login_required
def session_edit(request: HttpRequest, board_slug: str, pk: int) -> HttpResponse:
    board, access, session = get_session_for_user(request.user, board_slug, pk, manage=True)
    return _session_form(request, board, access, session)
