"""Authoring a board's year: start a workplan (blank or carried forward from last year's),
and move or retire its outcomes. Adding and editing outcomes are in workplans.services."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Literal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F

from boards.access import Need, board_access
from boards.models import Board, Membership
from lscb import audit
from lscb.vocab import RAG, financial_year_label
from workplans.access import can_author_outcome
from workplans.models import Outcome, Workplan
from workplans.services import _refuse_if_retired, _require, outcome_snapshot


def _financial_year(year: int) -> tuple[dt.date, dt.date]:
    """The local-government year starting in April of `year`."""
    return dt.date(year, 4, 1), dt.date(year + 1, 3, 31)


def workplan_start_year(
    *, board: Board, by, year: int, title: str, carry_forward: Iterable[Outcome] = ()
) -> Workplan:
    """Start the board's draft workplan for the year beginning April `year`.

    Each outcome in `carry_forward` (open outcomes of an earlier plan of the board) is copied
    with its how, who, themes, active lead subgroups and the named leads still in post, and
    points back to the outcome it came from. A board has one workplan per year.
    """
    _require(by, board, Need.EDIT)
    start, end = _financial_year(year)
    label = financial_year_label(start, end)
    title = title.strip() or f"Workplan {label}"
    sources = list(carry_forward)
    for source in sources:
        if (
            source.workplan.board_id != board.pk
            or source.workplan.start >= start
            or source.retired_on is not None
            or source.current_rag == RAG.COMPLETE
        ):
            raise ValidationError(
                {"outcomes": f"“{source.title}” cannot be carried forward into {label}."}
            )
    with transaction.atomic():
        # The board's row lock makes two officers starting the same year take turns, so the
        # second one is told the year exists instead of making a second plan.
        Board.objects.select_for_update().filter(pk=board.pk).first()
        existing = Workplan.objects.filter(board=board, start__lte=end, end__gte=start).first()
        if existing is not None:
            raise ValidationError(
                {"year": f"There is already a workplan for {label}: “{existing.title}”."}
            )
        workplan = Workplan.objects.create(board=board, title=title, start=start, end=end)
        in_post = set(
            Membership.objects.current().filter(board=board).values_list("person_id", flat=True)
        )
        for position, source in enumerate(sources, start=1):
            _carry(source, workplan, position, in_post, by)
        previous = {s.workplan for s in sources}
        summary = f"Started {workplan}" + (
            f", carrying forward {len(sources)} outcome{'s' if len(sources) != 1 else ''} from "
            + ", ".join(str(p) for p in previous)
            if sources
            else ", blank"
        )
        audit.record(
            actor=by,
            action="workplans.created",
            summary=summary,
            obj=workplan,
            board=board,
            changes={"carried_from": [s.pk for s in sources], "title": title},
        )
    return workplan


def _carry(source: Outcome, workplan: Workplan, position: int, in_post: set[int], by) -> None:
    copy = Outcome.objects.create(
        workplan=workplan,
        order=position,
        title=source.title,
        how=source.how,
        who=source.who,
        carried_from=source,
    )
    copy.lead_subgroups.set([s for s in source.lead_subgroups.all() if s.active])
    copy.leads.set([p for p in source.leads.all() if p.pk in in_post])
    copy.themes.set(source.themes.all())
    audit.record(
        actor=by,
        action="workplans.outcome_carried_forward",
        summary=f"Carried forward “{copy.title}” from {source.workplan} into {workplan}",
        obj=copy,
        board=workplan.board,
        changes={"carried_from": source.pk, "after": outcome_snapshot(copy)},
    )


def outcome_move(*, outcome: Outcome, by, direction: Literal["up", "down"]) -> Outcome:
    """Swap the outcome with the live outcome above or below it in the plan."""
    workplan = outcome.workplan
    if not can_author_outcome(board_access(by, workplan.board), outcome):
        raise PermissionDenied("You cannot move this outcome.")
    _refuse_if_retired(outcome)
    with transaction.atomic():
        siblings = list(
            Outcome.objects.select_for_update()
            .filter(workplan=workplan, retired_on__isnull=True)
            .order_by("order", "id")
        )
        index = next(i for i, o in enumerate(siblings) if o.pk == outcome.pk)
        other = index - 1 if direction == "up" else index + 1
        if not 0 <= other < len(siblings):
            where = "first" if direction == "up" else "last"
            raise ValidationError(f"“{outcome.title}” is already {where} in the plan.")
        siblings[index], siblings[other] = siblings[other], siblings[index]
        before = outcome.order
        for position, sibling in enumerate(siblings, start=1):
            if sibling.order != position:
                # A new version: an edit form opened before the move shows what moved.
                Outcome.objects.filter(pk=sibling.pk).update(
                    order=position, version=F("version") + 1
                )
        outcome.refresh_from_db(fields=["order", "version"])
        audit.record(
            actor=by,
            action="workplans.outcome_moved",
            summary=f"Moved “{outcome.title}” {direction} to position {other + 1} "
            f"of {len(siblings)}",
            obj=outcome,
            board=workplan.board,
            changes={"order": [str(before), str(outcome.order)], "version": outcome.version},
        )
    return outcome


def outcome_retire(*, outcome: Outcome, by, reason: str, on: dt.date | None = None) -> Outcome:
    """Retire an outcome: it is kept, with its history, but leaves the plan's counts and
    "due" lists from the quarter after `on` (today by default)."""
    workplan = outcome.workplan
    if not can_author_outcome(board_access(by, workplan.board), outcome):
        raise PermissionDenied("You cannot retire this outcome.")
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": "Enter why the outcome is being retired."})
    day = on or dt.date.today()
    with transaction.atomic():
        changed = Outcome.objects.filter(pk=outcome.pk, retired_on__isnull=True).update(
            retired_on=day, retired_reason=reason, version=F("version") + 1
        )
        if not changed:
            raise ValidationError("This outcome is already retired.")
        outcome.refresh_from_db(fields=["retired_on", "retired_reason", "version"])
        audit.record(
            actor=by,
            action="workplans.outcome_retired",
            summary=f"Retired “{outcome.title}” from {workplan}: {reason}",
            obj=outcome,
            board=workplan.board,
            changes={
                "retired_on": ["", day.isoformat()],
                "retired_reason": ["", reason],
                "version": outcome.version,
            },
        )
    return outcome
