"""Importing an action plan into a review from a checked plan file, through the same writes
the review page's forms use, so an import leaves exactly what typing the plan in would."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction

from boards.models import Person, Theme
from lscb import audit
from reviews.models import Action, Recommendation, RecommendationKind, Review
from reviews.plan_changes import describe
from reviews.services.authoring import StaleEdit, recommendation_create, recommendation_update
from reviews.services.authoring_actions import action_create, action_update
from reviews.services.progress import action_record_progress
from reviews.services.sign_off import ensure_plan_open, lock_review


@dataclass
class ImportCounts:
    recs_added: int = 0
    recs_changed: int = 0
    actions_added: int = 0
    actions_changed: int = 0
    progress: int = 0

    def as_dict(self) -> dict[str, int]:
        return dict(self.__dict__)


def _stale(what: str) -> ValidationError:
    return ValidationError(
        f"{what} was changed by someone else after the file was checked, so nothing was "
        "imported. Upload the file again to see the plan as it is now."
    )


def action_plan_import(
    *,
    review: Review,
    by,
    plan: list[dict],
    progress_date: dt.date | None = None,
    today: dt.date | None = None,
) -> ImportCounts:
    """Apply a checked plan (plan_files.read_plan, marked by plan_changes.compare_plan) to a
    review, all or nothing: add new requirements and actions, update those whose fields
    changed, and record progress the actions' history does not hold yet.

    Progress with no date of its own is dated `progress_date`, the day the officer confirmed.
    Lines of "Person responsible" that are the name of someone on the board link that person.
    A plan without marks (status, id, version) is added whole.
    """
    counts = ImportCounts()
    with transaction.atomic():
        review = lock_review(review)
        ensure_plan_open(review)
        lines = {
            line.strip()
            for rec in plan
            for act in rec["actions"]
            for line in act["responsible"].splitlines()
            if line.strip()
        }
        people = {
            p.name: p
            for p in Person.objects.filter(memberships__board_id=review.board_id, name__in=lines)
        }
        themes = Theme.objects.in_bulk({t for rec in plan for t in rec.get("themes", [])})
        for item in plan:
            status = item.get("status", "added")
            if status == "withdrawn":
                continue
            rec = _write_recommendation(review, by, item, status, themes, counts)
            for act in item["actions"]:
                if act.get("status") == "withdrawn":
                    continue
                matched = [
                    people[n.strip()]
                    for n in act["responsible"].splitlines()
                    if n.strip() in people
                ]
                action = _write_action(rec, by, act, matched, counts)
                progress = act.get("progress")
                if progress and act.get("record_progress", True):
                    day = progress["date"] and dt.date.fromisoformat(progress["date"])
                    day = day or progress_date
                    if day is None:
                        raise ValidationError(
                            {"progress_date": "Enter the date the progress in the file describes"}
                        )
                    action_record_progress(
                        action=action,
                        by=by,
                        date=day,
                        rag=progress["rag"],
                        narrative=progress["narrative"],
                        today=today,
                    )
                    counts.progress += 1
        audit.record(
            actor=by,
            action="review.plan_imported",
            summary=f"Imported an action plan into “{review.title}”: {describe(counts.as_dict())}",
            obj=review,
            board=review.board,
            changes=counts.as_dict(),
        )
    return counts


def _write_recommendation(
    review: Review, by, item: dict, status: str, themes: dict, counts: ImportCounts
) -> Recommendation:
    fields = {
        "text": item["text"],
        "standard_reference": item["standard"],
        "regulation_reference": item["regulation"],
        "themes": [themes[t] for t in item.get("themes", []) if t in themes],
    }
    if status == "added":
        counts.recs_added += 1
        return recommendation_create(
            review=review, by=by, number=item["number"], kind=item["kind"], **fields
        )
    rec = Recommendation.objects.get(pk=item["id"], review=review)
    if status == "unchanged":
        return rec
    try:
        rec = recommendation_update(
            recommendation=rec,
            by=by,
            expected_version=item["version"],
            number=rec.number,
            kind=rec.kind,
            **fields,
        )
    except StaleEdit:
        raise _stale(f"{RecommendationKind(rec.kind).label} {rec.number}") from None
    counts.recs_changed += 1
    return rec


def _write_action(
    rec: Recommendation, by, act: dict, matched: list[Person], counts: ImportCounts
) -> Action:
    timescale = dt.date.fromisoformat(act["timescale"]) if act["timescale"] else None
    fields = {
        "what": act["what"],
        "responsible": act["responsible"],
        "timescale": timescale,
        "timescale_is_month": bool(act["is_month"] and timescale),
    }
    status = act.get("status", "added")
    if status == "added":
        counts.actions_added += 1
        return action_create(recommendation=rec, by=by, responsible_people=matched, **fields)
    action = Action.objects.get(pk=act["id"], recommendation=rec)
    if status == "unchanged":
        return action
    # People linked by hand stay linked unless the file rewrites who is responsible.
    if action.responsible.strip() == act["responsible"].strip():
        matched = list(action.responsible_people.all())
    try:
        action = action_update(
            action=action,
            by=by,
            expected_version=act["version"],
            responsible_people=matched,
            agency=action.agency,
            **fields,
        )
    except StaleEdit:
        raise _stale(f"An action of {rec}") from None
    counts.actions_changed += 1
    return action
