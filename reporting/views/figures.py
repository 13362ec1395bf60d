"""Officers enter a quarter's figures in a form, or import many quarters from CSV."""

from __future__ import annotations

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from boards.access import Need
from lscb.spreadsheets import peek_preview, stash_preview, take_preview
from lscb.vocab import plural
from reporting import services
from reporting.access import get_board, get_quarter
from reporting.dataset import quarter_figures
from reporting.forms import FiguresForm, FiguresImportForm
from reporting.imports import ImportFileError, parse_figures_csv
from reporting.models import Indicator, IndicatorValue

PREVIEW_KIND = "reporting-figures"


@login_required
def figures(request: HttpRequest, board_slug: str, quarter: str) -> HttpResponse:
    board, access = get_board(request.user, board_slug, Need.EDIT)
    q = get_quarter(quarter)
    indicators = list(Indicator.objects.select_related("parent").order_by("order", "code"))
    current = quarter_figures(board, q)
    initial = {r.indicator.code: r.value for r in current.rows if r.value is not None}
    form = FiguresForm(request.POST or None, indicators=indicators, initial=initial)
    if request.method == "POST" and form.is_valid():
        changed = services.figures_save(
            board=board, quarter=q, values=form.values(), by=request.user
        )
        saved = quarter_figures(board, q)
        messages.success(request, f"Saved the figures for {q.code}: {changed} changed.")
        for problem in saved.problems:
            messages.warning(request, problem.message)
        return redirect("reporting:figures", board.slug, q.code)
    return render(
        request,
        "reporting/figures_form.html",
        {
            "board": board,
            "access": access,
            "nav": "reports",
            "quarter": q,
            "form": form,
            "figures": current,
            "rows": current.by_code,
        },
    )


def _preview_rows(board, rows: list[tuple[str, str, Decimal]]) -> list[dict]:
    names = dict(Indicator.objects.values_list("code", "name"))
    existing = {
        (q, code): value
        for q, code, value in IndicatorValue.objects.filter(
            board=board, quarter__in={q for q, _, _ in rows}
        ).values_list("quarter", "indicator__code", "value")
    }
    return [
        {
            "quarter": q,
            "code": code,
            "name": names[code],
            "old": existing.get((q, code)),
            "new": value,
        }
        for q, code, value in rows
    ]


@login_required
def figures_import(request: HttpRequest, board_slug: str) -> HttpResponse:
    board, access = get_board(request.user, board_slug, Need.EDIT)
    context = {"board": board, "access": access, "nav": "reports"}
    token = request.POST.get("token", "")
    if request.method == "POST" and token:
        payload = take_preview(request, token, PREVIEW_KIND)
        if payload is None or payload.get("board") != board.pk:
            messages.error(request, "That import has expired. Upload the file again.")
            return redirect("reporting:figures_import", board.slug)
        rows = [(q, code, Decimal(v)) for q, code, v in payload["rows"]]
        changed = services.figures_import(
            board=board, rows=rows, by=request.user, filename=payload.get("filename", "")
        )
        messages.success(request, f"Imported {plural(len(rows), 'figure')}; {changed} changed.")
        return redirect("reporting:list", board.slug)
    form = FiguresImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            parsed = parse_figures_csv(upload)
        except ImportFileError as exc:
            form.add_error("file", str(exc))
        else:
            if parsed.errors:
                context.update(form=form, errors=parsed.errors, checked=len(parsed.rows))
                return render(request, "reporting/figures_import.html", context)
            token = stash_preview(
                request,
                {
                    "kind": PREVIEW_KIND,
                    "board": board.pk,
                    "filename": upload.name,
                    "rows": [[q, c, str(v)] for q, c, v in parsed.rows],
                },
            )
            context.update(token=token, preview=_preview_rows(board, parsed.rows))
            return render(request, "reporting/figures_import_preview.html", context)
    if not token and request.GET.get("token"):
        # Reloading the preview page keeps it; only confirming consumes it.
        payload = peek_preview(request, request.GET["token"], PREVIEW_KIND)
        if payload and payload.get("board") == board.pk:
            rows = [(q, c, Decimal(v)) for q, c, v in payload["rows"]]
            context.update(token=request.GET["token"], preview=_preview_rows(board, rows))
            return render(request, "reporting/figures_import_preview.html", context)
    context["form"] = form
    return render(request, "reporting/figures_import.html", context)
