"""Import a workplan from .xlsx (preview, then confirm) and export one as .xlsx or CSV."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from boards.access import Need
from lscb.spreadsheets import SheetError, stash_preview, take_preview
from lscb.vocab import plural
from workplans import services
from workplans.access import get_board, get_workplan_for_user
from workplans.exports import export_response
from workplans.forms import ImportForm
from workplans.imports import parse_workplan, preview_payload
from workplans.models import Workplan
from workplans.services.imports import workplan_import_into

KIND = "workplan"


@login_required
def import_workplan(request: HttpRequest, board_slug: str) -> HttpResponse:
    board, access = get_board(request.user, board_slug, Need.EDIT)
    context = {
        "board": board,
        "nav": "workplans",
        "result": None,
        "token": None,  # nosec B105 - the import preview's token, not a password
    }
    if request.method == "POST":
        form = ImportForm(request.POST, request.FILES, board=board)
        if form.is_valid():
            data = form.cleaned_data
            try:
                result = parse_workplan(
                    data["file"],
                    board,
                    start=data["start"],
                    end=data["end"],
                    review_date=data["review_date"],
                    workplan=data["workplan"],
                )
            except SheetError as exc:
                # Unreadable or beyond the limits: said beside the upload field, nothing kept.
                form.add_error("file", str(exc))
                return render(request, "workplans/import_form.html", context | {"form": form})
            context["result"] = result
            if result.ok:
                payload = preview_payload(
                    result,
                    board=board,
                    title=data["title"],
                    start=data["start"],
                    end=data["end"],
                    review_date=data["review_date"],
                    filename=data["file"].name,
                    workplan=data["workplan"],
                )
                context["token"] = stash_preview(request, payload)
                context["plan"] = payload
            return render(request, "workplans/import_preview.html", context | {"form": form})
    else:
        form = ImportForm(board=board, initial={"workplan": request.GET.get("into")})
    return render(request, "workplans/import_form.html", context | {"form": form})


@login_required
@require_POST
def import_confirm(request: HttpRequest, board_slug: str) -> HttpResponse:
    board, access = get_board(request.user, board_slug, Need.EDIT)
    token = request.POST.get("token", "")
    # Taken, not peeked, so a double-submitted confirm cannot import the plan twice.
    plan = take_preview(request, token, KIND)
    if plan is None or plan.get("board_id") != board.pk:
        messages.error(request, "That import has expired or was already saved. Upload it again.")
        return redirect("workplans:import", board_slug)
    target = None
    if plan.get("workplan_id") is not None:
        target = Workplan.objects.filter(board=board, pk=plan["workplan_id"]).first()
        if target is None:
            messages.error(request, "That workplan no longer exists. Nothing was imported.")
            return redirect("workplans:import", board_slug)
        target.board = board
    try:
        if target is None:
            workplan = services.workplan_import(board=board, by=request.user, plan=plan)
        else:
            counts = workplan_import_into(workplan=target, by=request.user, plan=plan)
            workplan = target
    except ValidationError as exc:
        messages.error(request, "Nothing was imported: " + " ".join(exc.messages))
        return redirect("workplans:import", board_slug)
    if target is None:
        outcomes = plural(len(plan["rows"]), "outcome")
        messages.success(request, f"Imported {outcomes} as a draft workplan for approval.")
    else:
        messages.success(
            request,
            f"Imported into {workplan}: {plural(counts['added'], 'outcome')} added, "
            f"{counts['changed']} changed, {plural(counts['progress'], 'progress update')} "
            "recorded.",
        )
    return redirect("workplans:detail", board_slug, workplan.pk)


@login_required
def export(request: HttpRequest, board_slug: str, pk: int) -> HttpResponse:
    workplan, access = get_workplan_for_user(request.user, board_slug, pk)
    fmt = request.GET.get("format", "xlsx")
    if fmt not in {"xlsx", "csv"}:
        return HttpResponseBadRequest("Choose format=xlsx or format=csv.")
    return export_response(workplan, fmt)
