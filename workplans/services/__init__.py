"""Writes to workplans: each one checks the right, runs in one transaction and is audited.

Starting a year's plan, reordering and retiring outcomes live in workplans.services.authoring.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone

from boards.access import Need, board_access
from boards.models import Board, Person, Subgroup, Theme
from lscb import audit, secure_links
from lscb.models import SecureLink
from lscb.progress import current_status, ratings_summary, validate_progress
from lscb.vocab import plural
from workplans.access import can_author_outcome, can_record_progress
from workplans.models import Outcome, ProgressUpdate, Workplan

# Outcome fields an officer may edit, with the labels used when showing differences.
EDITABLE_FIELDS: dict[str, str] = {
    "title": "Outcome",
    "how": "How we will do it",
    "who": "Who",
    "lead_subgroups": "Lead subgroups",
    "leads": "Named leads",
    "themes": "Themes",
    "due_date": "Due date",
    "order": "Order",
}


class StaleOutcomeError(Exception):
    """The outcome changed after the user loaded it; `stored` is what is saved now."""

    def __init__(self, *, stored: dict[str, str], version: int) -> None:
        super().__init__("This outcome was changed by someone else after you opened it.")
        self.stored = stored
        self.version = version


def outcome_snapshot(outcome: Outcome) -> dict[str, str]:
    """The editable fields as display text, so two versions can be compared field by field."""
    return {
        "title": outcome.title,
        "how": outcome.how,
        "who": outcome.who,
        "lead_subgroups": ", ".join(sorted(s.name for s in outcome.lead_subgroups.all())),
        "leads": ", ".join(sorted(p.name for p in outcome.leads.all())),
        "themes": ", ".join(sorted(t.name for t in outcome.themes.all())),
        "due_date": outcome.due_date.isoformat() if outcome.due_date else "",
        "order": str(outcome.order),
    }


def snapshot_differences(
    loaded: dict[str, str], stored: dict[str, str]
) -> list[tuple[str, str, str]]:
    """(label, what the user loaded, what is stored now) for every field that differs."""
    return [
        (label, loaded.get(name, ""), stored.get(name, ""))
        for name, label in EDITABLE_FIELDS.items()
        if loaded.get(name, "") != stored.get(name, "")
    ]


def _require(by, board: Board, need: Need) -> None:
    if not board_access(by, board).can(need):
        raise PermissionDenied(f"You do not have the right to {need.value} on this board.")


def _require_author(by, board: Board, subgroup_ids: set[int]) -> None:
    """Board-wide officers, or officers of one of the subgroups that lead the outcome."""
    if not board_access(by, board).can_edit_for(subgroup_ids):
        raise PermissionDenied("You cannot change outcomes led by other subgroups.")


def _check_definition(board: Board, title: str, lead_subgroups: list[Subgroup]) -> None:
    if any(s.board_id != board.pk for s in lead_subgroups):
        raise ValidationError({"lead_subgroups": "Choose subgroups of this board."})
    if not title.strip():
        raise ValidationError({"title": "Enter what the outcome is to achieve."})


def _refuse_if_retired(outcome: Outcome) -> None:
    if outcome.retired_on is not None:
        raise ValidationError(
            f"This outcome was retired on {outcome.retired_on:%-d %B %Y}; it can no longer change."
        )


def _refresh_current(outcome: Outcome) -> None:
    """Copy the current update (see lscb.progress.current_status) onto the outcome row."""
    latest, status = current_status(outcome.updates.all())
    fields = {"current_update": latest, **status}
    # Progress, not what the plan says: parts keyed on "plans" stay cached.
    Outcome.objects.filter(pk=outcome.pk).touching("workplans").update(**fields)
    for name, value in fields.items():
        setattr(outcome, name, value)


def outcome_record_progress(
    *,
    outcome: Outcome,
    by,
    rag: str,
    narrative: str,
    date: dt.date,
    evidence: UploadedFile | None = None,
    today: dt.date | None = None,
    impact: str = "",
    impact_narrative: str = "",
    via: SecureLink | None = None,
) -> ProgressUpdate:
    """Append a progress update rating delivery (`rag`) and, when it can be said, impact;
    the outcome's current status becomes the latest by date.

    `by` is the officer or lead recording it; a lead without a login or a seat reports
    through a secure link instead (`via`, with `by=None`, checked by the caller), and the
    link's address is the author."""
    if (by is None) == (via is None):
        raise ValueError("Progress is recorded by a person or through a link, not both.")
    workplan = outcome.workplan
    if via is None and not can_record_progress(by, board_access(by, workplan.board), outcome):
        raise PermissionDenied("You cannot record progress on this outcome.")
    _refuse_if_retired(outcome)
    narrative, impact_narrative = narrative.strip(), impact_narrative.strip()
    validate_progress(
        rag=rag,
        narrative=narrative,
        date=date,
        period=(workplan.start, workplan.end),
        evidence=evidence,
        today=today,
        impact=impact,
        impact_narrative=impact_narrative,
    )
    with transaction.atomic():
        # The row lock serialises concurrent recorders so each one recomputes the current
        # status after the other's update is visible: both updates land, none is lost.
        locked = Outcome.objects.select_for_update().get(pk=outcome.pk)
        update = ProgressUpdate(
            outcome=locked,
            date=date,
            rag=rag,
            narrative=narrative,
            impact=impact,
            impact_narrative=impact_narrative,
            author=by,
            reported_via=via,
        )
        if evidence:
            update.evidence = evidence
        update.save()
        _refresh_current(locked)
        for name in ("current_update", "current_rag", "current_narrative", "current_impact"):
            setattr(outcome, name, getattr(locked, name))
        outcome.last_update_date = locked.last_update_date
        summary = (
            f"Recorded {ratings_summary(rag, impact)} for {date:%-d %B %Y} on “{locked.title}”"
        )
        changes = {"rag": rag, "impact": impact, "date": date.isoformat(), "update": update.pk}
        if via is not None:
            secure_links.link_used(
                link=via, summary=f"{summary}, reported by {via.sent_to} by link", changes=changes
            )
        else:
            audit.record(
                actor=by,
                action="workplans.progress_recorded",
                summary=summary,
                obj=locked,
                board=workplan.board,
                changes=changes,
            )
    return update


def outcome_update(
    *,
    outcome: Outcome,
    by,
    expected_version: int,
    title: str,
    how: str,
    who: str,
    due_date: dt.date | None,
    order: int,
    lead_subgroups: Iterable[Subgroup],
    leads: Iterable[Person],
    themes: Iterable[Theme],
) -> Outcome:
    """Change an outcome's definition, refusing if it changed since `expected_version`.

    An officer of a lead subgroup may change their subgroup's outcomes, so long as one of
    their subgroups still leads it afterwards."""
    board = outcome.workplan.board
    access = board_access(by, board)
    if not can_author_outcome(access, outcome):
        raise PermissionDenied("You cannot change outcomes led by other subgroups.")
    lead_subgroups, leads, themes = list(lead_subgroups), list(leads), list(themes)
    _check_definition(board, title, lead_subgroups)
    if not access.can_edit_for({s.pk for s in lead_subgroups}):
        raise ValidationError({"lead_subgroups": "Keep one of your subgroups as a lead."})
    _refuse_if_retired(outcome)
    with transaction.atomic():
        locked = (
            Outcome.objects.select_for_update()
            .filter(pk=outcome.pk)
            .prefetch_related("lead_subgroups", "leads", "themes")
            .get()
        )
        before = outcome_snapshot(locked)
        if locked.version != expected_version:
            raise StaleOutcomeError(stored=before, version=locked.version)
        Outcome.objects.filter(pk=locked.pk, version=expected_version).update(
            title=title.strip(),
            how=how.strip(),
            who=who.strip(),
            due_date=due_date,
            order=order,
            version=F("version") + 1,
        )
        locked.lead_subgroups.set(lead_subgroups)
        locked.leads.set(leads)
        locked.themes.set(themes)
        fresh = (
            Outcome.objects.filter(pk=locked.pk)
            .select_related("workplan")
            .prefetch_related("lead_subgroups", "leads", "themes")
            .get()
        )
        after = outcome_snapshot(fresh)
        changes = {k: [before[k], after[k]] for k in EDITABLE_FIELDS if before[k] != after[k]}
        audit.record(
            actor=by,
            action="workplans.outcome_edited",
            summary=f"Edited “{fresh.title}”: "
            + (", ".join(EDITABLE_FIELDS[k].lower() for k in changes) or "no changes"),
            obj=fresh,
            board=board,
            changes=changes | {"version": fresh.version},
        )
    fresh.workplan.board = board
    return fresh


def workplan_approve(*, workplan: Workplan, by) -> Workplan:
    """The chair approves a draft workplan; who and when are kept on it and in the trail."""
    _require(by, workplan.board, Need.APPROVE)
    with transaction.atomic():
        changed = Workplan.objects.filter(pk=workplan.pk, status=Workplan.Status.DRAFT).update(
            status=Workplan.Status.APPROVED, approved_by=by, approved_at=timezone.now()
        )
        if not changed:
            raise ValidationError("This workplan is already approved.")
        workplan.refresh_from_db()
        audit.record(
            actor=by,
            action="workplans.approved",
            summary=f"Approved {workplan}",
            obj=workplan,
            board=workplan.board,
        )
    return workplan


def workplan_create(*, board: Board, by, title: str, start: dt.date, end: dt.date) -> Workplan:
    _require(by, board, Need.EDIT)
    if end <= start:
        raise ValidationError({"end": "The workplan must end after it starts."})
    with transaction.atomic():
        workplan = Workplan.objects.create(board=board, title=title, start=start, end=end)
        audit.record(
            actor=by,
            action="workplans.created",
            summary=f"Created {workplan}",
            obj=workplan,
            board=board,
        )
    return workplan


def outcome_create(
    *,
    workplan: Workplan,
    by,
    title: str,
    how: str = "",
    who: str = "",
    order: int | None = None,
    due_date: dt.date | None = None,
    lead_subgroups: Iterable[Subgroup] = (),
    leads: Iterable[Person] = (),
    themes: Iterable[Theme] = (),
) -> Outcome:
    """Add an outcome to a workplan, last unless `order` is given.

    Officers of a subgroup may add outcomes their subgroup leads."""
    lead_subgroups = list(lead_subgroups)
    _require_author(by, workplan.board, {s.pk for s in lead_subgroups})
    _check_definition(workplan.board, title, lead_subgroups)
    with transaction.atomic():
        if order is None:
            # The plan's row lock makes two officers adding at once take the next two places.
            Workplan.objects.select_for_update().filter(pk=workplan.pk).first()
            last = workplan.outcomes.aggregate(last=Max("order"))["last"]
            order = 1 if last is None else last + 1
        outcome = Outcome.objects.create(
            workplan=workplan,
            title=title.strip(),
            how=how.strip(),
            who=who.strip(),
            order=order,
            due_date=due_date,
        )
        outcome.lead_subgroups.set(lead_subgroups)
        outcome.leads.set(leads)
        outcome.themes.set(themes)
        audit.record(
            actor=by,
            action="workplans.outcome_created",
            summary=f"Added “{outcome.title}” to {workplan}",
            obj=outcome,
            board=workplan.board,
            changes={"after": outcome_snapshot(outcome), "workplan": workplan.pk},
        )
    return outcome


def workplan_import(*, board: Board, by, plan: dict) -> Workplan:
    """Write a checked import (see workplans.imports) as a new draft workplan, all or nothing."""
    _require(by, board, Need.EDIT)
    subgroups = {s.pk: s for s in board.subgroups.all()}
    people = {p.pk: p for p in Person.objects.filter(memberships__board=board).distinct()}
    themes = {t.pk: t for t in Theme.objects.all()}
    review_date = dt.date.fromisoformat(plan["review_date"]) if plan.get("review_date") else None
    with transaction.atomic():
        workplan = workplan_create(
            board=board,
            by=by,
            title=plan["title"],
            start=dt.date.fromisoformat(plan["start"]),
            end=dt.date.fromisoformat(plan["end"]),
        )
        for position, row in enumerate(plan["rows"], start=1):
            try:
                outcome = outcome_create(
                    workplan=workplan,
                    by=by,
                    title=row["title"],
                    how=row["how"],
                    who=row["who"],
                    order=position,
                    due_date=dt.date.fromisoformat(row["due_date"]) if row["due_date"] else None,
                    lead_subgroups=[subgroups[i] for i in row["subgroup_ids"]],
                    leads=[people[i] for i in row["person_ids"]],
                    themes=[themes[i] for i in row["theme_ids"]],
                )
            except KeyError as exc:
                raise ValidationError(
                    f"Row {row['row']} names a subgroup, person or theme that no longer exists."
                ) from exc
            if row["rag"]:
                # The row's own review date, else the one given for the whole file.
                day = row.get("review_date") or review_date
                if day is None:
                    raise ValidationError("Give the date the Review column describes.")
                outcome.workplan = workplan
                outcome_record_progress(
                    outcome=outcome,
                    by=by,
                    rag=row["rag"],
                    narrative=row["review"],
                    date=dt.date.fromisoformat(day) if isinstance(day, str) else day,
                )
        audit.record(
            actor=by,
            action="workplans.imported",
            summary=f"Imported {plural(len(plan['rows']), 'outcome')} into {workplan}",
            obj=workplan,
            board=board,
            changes={"filename": plan.get("filename", "")},
        )
    return workplan
