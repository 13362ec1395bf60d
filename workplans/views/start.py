"""Starting a year's workplan in three steps: the year, title and way (blank or carried
forward); which of last year's open outcomes to carry; then check the answers and create.

The answers are kept in the session between steps, one set per board, so going back to
change one keeps the others; nothing is written until the last step.
"""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from boards.access import Need
from lscb.vocab import financial_year_label, plural
from workplans import selectors
from workplans.access import get_board
from workplans.forms import CarryForwardForm, StartYearForm
from workplans.services import authoring


def _posted(request: HttpRequest):
    """The posted data, even when empty: an empty post is a form sent with nothing filled in."""
    return request.POST if request.method == "POST" else None


def _key(board) -> str:
    return f"workplans.start.{board.pk}"


def _answers(request: HttpRequest, board) -> dict:
    return dict(request.session.get(_key(board)) or {})


def _keep(request: HttpRequest, board, answers: dict) -> None:
    request.session[_key(board)] = answers


def _year_label(year: int) -> str:
    return financial_year_label(dt.date(year, 4, 1), dt.date(year + 1, 3, 31))


def _step_errors(board, exc: ValidationError) -> list[tuple[str, str]]:
    """Each reason a start was refused, with the step whose answer changes it."""
    by_field = exc.message_dict if hasattr(exc, "error_dict") else {"year": exc.messages}
    found = []
    for field, texts in by_field.items():
        step = "workplans:start_carry" if field == "outcomes" else "workplans:start"
        found += [(text, reverse(step, args=[board.slug])) for text in texts]
    return found


def _context(board, **extra) -> dict:
    return {"board": board, "nav": "workplans", **extra}


@login_required
@require_http_methods(["GET", "POST"])
def start(request: HttpRequest, board_slug: str) -> HttpResponse:
    board, access = get_board(request.user, board_slug, Need.EDIT)
    answers = _answers(request, board)
    years = selectors.years_to_start(board)
    form = StartYearForm(_posted(request), initial=answers, years=years)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        chosen = answers.get("outcomes") if answers.get("year") == data["year"] else None
        _keep(
            request,
            board,
            {"year": data["year"], "title": data["title"], "way": data["way"], "outcomes": chosen},
        )
        if data["way"] == StartYearForm.CARRY:
            return redirect("workplans:start_carry", board.slug)
        return redirect("workplans:start_check", board.slug)
    return render(
        request,
        "workplans/start_year.html",
        _context(
            board,
            form=form,
            years=years,
            # The blank form is a cached part of the page (lscb.fragments), the same for
            # every officer of the board; a hit renders no widgets.
            cache_form=request.method == "GET" and not answers,
            years_key=",".join(map(str, years)),
        ),
    )


@login_required
@require_http_methods(["GET", "POST"])
def start_carry(request: HttpRequest, board_slug: str) -> HttpResponse:
    board, access = get_board(request.user, board_slug, Need.EDIT)
    answers = _answers(request, board)
    if answers.get("way") != StartYearForm.CARRY:
        return redirect("workplans:start", board.slug)
    previous = selectors.plan_before(board, dt.date(answers["year"], 4, 1))
    candidates = selectors.carry_forward_candidates(previous) if previous else []
    # Every open outcome is ticked the first time: most of a plan usually carries on.
    ticked = answers["outcomes"] if answers.get("outcomes") is not None else candidates
    form = CarryForwardForm(_posted(request), candidates=candidates, initial={"outcomes": ticked})
    if request.method == "POST" and candidates and form.is_valid():
        answers["outcomes"] = [o.pk for o in form.cleaned_data["outcomes"]]
        _keep(request, board, answers)
        return redirect("workplans:start_check", board.slug)
    return render(
        request,
        "workplans/start_carry.html",
        _context(
            board,
            form=form,
            previous=previous,
            candidates=candidates,
            year_label=_year_label(answers["year"]),
        ),
    )


@login_required
@require_http_methods(["GET", "POST"])
def start_check(request: HttpRequest, board_slug: str) -> HttpResponse:
    board, access = get_board(request.user, board_slug, Need.EDIT)
    answers = _answers(request, board)
    if "year" not in answers:
        return redirect("workplans:start", board.slug)
    carrying = answers.get("way") == StartYearForm.CARRY
    if carrying and answers.get("outcomes") is None:
        return redirect("workplans:start_carry", board.slug)
    chosen = selectors.outcomes_chosen(board, answers["outcomes"]) if carrying else []
    errors: list[tuple[str, str]] = []  # (message, the step that changes it)
    if request.method == "POST":
        try:
            workplan = authoring.workplan_start_year(
                board=board,
                by=request.user,
                year=answers["year"],
                title=answers["title"],
                carry_forward=chosen,
            )
        except ValidationError as exc:
            errors = _step_errors(board, exc)
        else:
            request.session.pop(_key(board), None)
            note = f" with {plural(len(chosen), 'outcome')} carried forward" if chosen else ""
            messages.success(
                request,
                f"{workplan.title} is started as a draft{note}. Add its outcomes, then ask "
                "the chair to approve it.",
            )
            return redirect("workplans:detail", board.slug, workplan.pk)
    return render(
        request,
        "workplans/start_check.html",
        _context(
            board,
            answers=answers,
            year_label=_year_label(answers["year"]),
            title=answers["title"] or f"Workplan {_year_label(answers['year'])}",
            carrying=carrying,
            chosen=chosen,
            errors=errors,
        ),
    )
