"""Importing a workplan file into an existing workplan: new rows become outcomes, rows that
match an outcome (workplans.import_changes) update it through the same stale-edit-safe edit
an officer uses, and new Review text is recorded as progress. All or nothing."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from boards.access import Need
from boards.models import Person, Theme
from lscb import audit
from lscb.vocab import plural
from workplans.models import Outcome, Workplan
from workplans.services import (
    StaleOutcomeError,
    _require,
    outcome_create,
    outcome_record_progress,
    outcome_update,
)


def workplan_import_into(*, workplan: Workplan, by, plan: dict) -> dict[str, int]:
    """Apply a checked import (rows marked by import_changes.compare_rows) to `workplan`;
    returns how many outcomes were added and changed and how many updates recorded."""
    board = workplan.board
    _require(by, board, Need.EDIT)
    subgroups = {s.pk: s for s in board.subgroups.all()}
    people = {p.pk: p for p in Person.objects.filter(memberships__board=board).distinct()}
    themes = {t.pk: t for t in Theme.objects.all()}
    counts = {"added": 0, "changed": 0, "progress": 0}
    with transaction.atomic():
        for row in plan["rows"]:
            status = row.get("status", "added")
            if status == "retired":
                continue  # a retired outcome is not brought back
            try:
                linked = {
                    "lead_subgroups": [subgroups[i] for i in row["subgroup_ids"]],
                    "leads": [people[i] for i in row["person_ids"]],
                    "themes": [themes[i] for i in row["theme_ids"]],
                }
            except KeyError as exc:
                raise ValidationError(
                    f"Row {row['row']} names a subgroup, person or theme that no longer exists."
                ) from exc
            due = dt.date.fromisoformat(row["due_date"]) if row["due_date"] else None
            if status == "added":
                outcome = outcome_create(
                    workplan=workplan,
                    by=by,
                    title=row["title"],
                    how=row["how"],
                    who=row["who"],
                    due_date=due,
                    **linked,
                )
                counts["added"] += 1
            else:
                outcome = Outcome.objects.get(pk=row["match_id"], workplan=workplan)
                outcome.workplan = workplan
                if status == "changed":
                    outcome = _update(outcome, by, row, due, linked)
                    counts["changed"] += 1
            if row["rag"] and row.get("record_progress", True):
                day = row.get("review_date") or plan.get("review_date")
                if not day:
                    raise ValidationError("Give the date the Review column describes.")
                outcome.workplan = workplan
                outcome_record_progress(
                    outcome=outcome,
                    by=by,
                    rag=row["rag"],
                    narrative=row["review"],
                    date=dt.date.fromisoformat(day),
                )
                counts["progress"] += 1
        audit.record(
            actor=by,
            action="workplans.imported",
            summary=f"Imported a file into {workplan}: {plural(counts['added'], 'outcome')} "
            f"added, {counts['changed']} changed, "
            f"{plural(counts['progress'], 'progress update')} recorded",
            obj=workplan,
            board=board,
            changes={"filename": plan.get("filename", ""), **counts},
        )
    return counts


def _update(outcome: Outcome, by, row: dict, due: dt.date | None, linked: dict) -> Outcome:
    try:
        return outcome_update(
            outcome=outcome,
            by=by,
            expected_version=row["match_version"],
            title=outcome.title,
            how=row["how"],
            who=row["who"],
            due_date=due,
            order=outcome.order,
            **linked,
        )
    except StaleOutcomeError:
        raise ValidationError(
            f"“{outcome.title}” was changed by someone else after the file was checked. "
            "Upload the file again to see the workplan as it is now."
        ) from None
